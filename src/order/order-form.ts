/**
 * The customer's side of an items order: quantities within their bounds, coupons, the billing address, the
 * delivery address and shipping rate of a shippable order. It keeps what is being typed and hands settled
 * changes to the checkout (`update`), which prices them with one preview each. Loaded on demand with an
 * items checkout (the element's `prepare`), with its styles.
 */
import { css, html, nothing } from 'lit';
import type { CheckoutData } from '../checkout/data.js';
import type { OrderInput, PricedOrder } from '../checkout/order.js';
import { clampQuantity, shippingRateOf } from '../checkout/order.js';
import type { OrderAddress, OrderSummaryLine } from '../events.js';
import type { MessageKey } from '../i18n/messages.js';
import { formatMoney, type Translate } from '../i18n/localize.js';
import {
  recurringText,
  renderAddress,
  renderCoupons,
  renderQuantity,
  renderShippingRates,
  type AddressField,
} from '../views/order-fields.js';

/** How long typing in an address waits before the order is priced again (a blur prices at once). */
const TYPING_SETTLES_MS = 400;
/** Stepper presses within this time are one change. */
const STEPPING_SETTLES_MS = 250;

const DELIVERY_FIELDS: readonly AddressField[] = ['address', 'city', 'postalCode', 'country'];

export interface OrderFormHost {
  /** A settled change of the order (the checkout prices it). */
  update(patch: Partial<OrderInput>): void;
  requestUpdate(): void;
  /** The billing address wanted in full (street and city too), not only country and postal code. */
  fullBillingAddress(): boolean;
}

export class OrderForm {
  #billing: OrderAddress = {};
  #delivery: OrderAddress = {};
  /** Delivery field errors are shown once the customer tried to pay. */
  #deliveryChecked = false;
  #couponDraft = '';
  #couponError: string | undefined;
  /** The code the customer applied, until a preview accepts or refuses it. */
  #couponPending: string | undefined;
  #quantities: Record<number, number> = {};
  #pending: Partial<OrderInput> | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #seen: PricedOrder | undefined;

  constructor(private readonly host: OrderFormHost) {}

  /** Queues a change; `delay` 0 sends it at once (with whatever else was waiting). */
  #change(patch: Partial<OrderInput>, delay: number): void {
    this.#pending = { ...this.#pending, ...patch };
    clearTimeout(this.#timer);
    if (delay) this.#timer = setTimeout(() => this.flush(), delay);
    else this.flush();
    this.host.requestUpdate();
  }

  /** Sends a change still waiting for the customer to stop typing. True when there was one. */
  flush(): boolean {
    clearTimeout(this.#timer);
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending) this.host.update(pending);
    return !!pending;
  }

  /** Once per priced order: a coupon the customer applied is accepted (field cleared) or refused (its message). */
  #sync(order: PricedOrder): void {
    if (this.#seen === order) return;
    this.#seen = order;
    const code = this.#couponPending;
    if (code === undefined) {
      // Codes the page pre-applied (the `coupons` option) that the API refused: said the same way.
      if (order.rejectedCoupons.length) this.#couponError = order.rejectedCoupons.map((r) => r.message).join(' ');
      return;
    }
    const refused = order.rejectedCoupons.find((r) => r.couponId === code);
    if (refused) {
      this.#couponError = refused.message;
      this.#couponPending = undefined;
    } else if (order.couponIds.includes(code)) {
      this.#couponDraft = '';
      this.#couponError = undefined;
      this.#couponPending = undefined;
    }
  }

  /** The address members the card token's billing address gets (beside the cardholder's name). */
  billingAddress(): OrderAddress {
    return Object.fromEntries(Object.entries(this.#billing).filter(([, v]) => typeof v === 'string' && v.trim()));
  }

  #deliveryProblems(order: PricedOrder): Partial<Record<AddressField, string>> {
    const problems: Partial<Record<AddressField, string>> = {};
    if (!order.shippable) return problems;
    for (const field of DELIVERY_FIELDS) if (!String(this.#delivery[field] ?? '').trim()) problems[field] = 'requiredField';
    return problems;
  }

  /**
   * Before paying: a change still being typed is priced first (`'pending'`: not payable yet); a shippable
   * order needs its delivery address (the first missing field's id, its errors shown). Undefined when ready.
   */
  validate(order: PricedOrder): string | undefined {
    if (this.flush()) return 'pending';
    this.#deliveryChecked = true;
    this.host.requestUpdate();
    const missing = DELIVERY_FIELDS.find((f) => this.#deliveryProblems(order)[f]);
    return missing ? `field-delivery-${missing}` : undefined;
  }

  /** The quantity stepper of a summary line whose item has an editable quantity. */
  quantityControl(data: CheckoutData, t: Translate, busy: boolean) {
    const order = data.order;
    if (!order) return undefined;
    return (line: OrderSummaryLine) => {
      const index = order.request.items.findIndex((item, i) => item.planId === line.id && order.ranges[i]);
      const range = order.ranges[index];
      if (!range) return nothing;
      return renderQuantity({
        id: `quantity-${index}`,
        label: t('quantityOf', { name: line.description }),
        value: this.#quantities[index] ?? order.request.items[index]!.quantity,
        min: range.minimum,
        max: range.maximum,
        step: range.multipleOf,
        disabled: busy,
        change: (value) => {
          const clamped = clampQuantity(value, range);
          this.#quantities = { ...this.#quantities, [index]: clamped };
          this.#change({ quantities: { ...this.#quantities } }, STEPPING_SETTLES_MS);
        },
      });
    };
  }

  /** Coupons, the billing address, and for a shippable order the delivery address and shipping rates. */
  render(data: CheckoutData, t: Translate, locale: string, busy: boolean) {
    const order = data.order;
    if (!order) return nothing;
    this.#sync(order);
    const lines = data.summary?.discountLines ?? [];
    const applied = order.couponIds.map((couponId) => ({ couponId, description: lines.find((l) => l.couponId === couponId)?.description }));
    const problems = this.#deliveryChecked ? this.#deliveryProblems(order) : {};
    const errors = Object.fromEntries(Object.entries(problems).map(([f, key]) => [f, t(key as MessageKey)]));
    const rate = order.shippable ? shippingRateOf(order) : undefined;
    const address = (kind: 'billing' | 'delivery') => (field: AddressField, value: string) => {
      const target = kind === 'billing' ? (this.#billing = { ...this.#billing, [field]: value }) : (this.#delivery = { ...this.#delivery, [field]: value });
      this.#change({ [`${kind}Address`]: { ...target } }, field === 'country' ? 0 : TYPING_SETTLES_MS);
    };
    return html`<section class="order" part="order">
      ${renderCoupons(
        {
          applied,
          draft: this.#couponDraft,
          error: this.#couponError,
          disabled: busy,
          input: (value) => {
            this.#couponDraft = value;
            this.#couponError = undefined;
            this.host.requestUpdate();
          },
          apply: () => {
            const code = this.#couponDraft.trim();
            if (!code) {
              this.#couponError = t('requiredField');
            } else if (!order.couponIds.includes(code)) {
              this.#couponPending = code;
              this.#change({ couponIds: [...order.couponIds, code] }, 0);
            } else {
              this.#couponDraft = '';
            }
            this.host.requestUpdate();
          },
          remove: (couponId) => this.#change({ couponIds: order.couponIds.filter((c) => c !== couponId) }, 0),
        },
        t,
      )}
      ${renderAddress(
        {
          kind: 'billing',
          legend: t('billingAddress'),
          fields: this.host.fullBillingAddress() ? ['address', 'city', 'postalCode', 'country'] : ['country', 'postalCode'],
          values: this.#billing,
          errors: {},
          required: false,
          disabled: busy,
          input: address('billing'),
          blur: () => this.flush(),
        },
        t,
        locale,
      )}
      ${order.shippable
        ? html`${renderAddress(
            {
              kind: 'delivery',
              legend: t('deliveryAddress'),
              fields: DELIVERY_FIELDS,
              values: this.#delivery,
              errors,
              required: true,
              disabled: busy,
              input: address('delivery'),
              blur: () => this.flush(),
            },
            t,
            locale,
          )}
          ${order.shippingRates.length > 1
            ? renderShippingRates(order.shippingRates, rate?.id, order.currency, locale, busy, (id) => this.#change({ shippingRateId: id }, 0), t)
            : nothing}`
        : nothing}
    </section>`;
  }

  /** Beside the pay button: what is charged after today (and a setup fee in today's amount). */
  renderRecurring(data: CheckoutData, t: Translate, locale: string) {
    const order = data.order;
    if (!order?.recurring) return nothing;
    return html`<p class="recurring" part="recurring" id="recurring-note">
      ${recurringText(order.recurring, order.currency, t, locale)}
      ${order.setupFee ? html`<span class="muted">${t('setupFeeIncluded', { amount: formatMoney(order.setupFee, order.currency, locale) })}</span>` : nothing}
    </p>`;
  }
}

/** The order's styles, adopted by the element beside its own when this module loads. */
export const orderStyles = css`
  .order {
    display: grid;
    gap: var(--_space);
  }
  .coupon-row {
    display: flex;
    gap: calc(var(--_space) / 2);
    align-items: end;
  }
  .coupon-row .field {
    flex: 1;
  }
  .applied {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .applied li,
  .coupons {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    align-items: center;
    gap: 6px;
  }
  .coupons > .label {
    flex-basis: 100%;
    font-weight: 600;
  }
  .coupons > .coupon-row,
  .coupons > .applied {
    flex-basis: 100%;
  }
  .address {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0;
    padding: var(--_space);
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .address legend {
    font-weight: 600;
    padding-inline: 4px;
  }
  .quantity input {
    inline-size: 5em;
    min-block-size: 36px;
    padding: 4px 6px;
  }
  .recurring {
    margin: 0;
    display: grid;
    gap: 2px;
    text-align: center;
  }
  button.link {
    border: 0;
    min-block-size: 32px;
    padding: 4px 8px;
    text-decoration: underline;
  }
`;
