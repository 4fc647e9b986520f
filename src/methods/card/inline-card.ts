/**
 * `card-fields="inline"`: the card number, expiry and CVC as the element's own shadow-DOM inputs, tokenized
 * by this module (`POST /tokens`). Any script of the page can reach these inputs, so a merchant using it is
 * in PCI SAQ A-EP at best; it is opt-in and never a fallback for FramePay. An on-demand chunk: a FramePay
 * page never downloads it.
 */
import { html } from 'lit';
import type { ReactiveControllerHost } from 'lit';
import type { Config } from '../../config/index.js';
import type { BillingAddress, InvalidField } from '../../events.js';
import { getStorefrontClient } from '../../api/client.js';
import { PostToken } from '../../api/operations.js';
import type { MessageKey } from '../../i18n/messages.js';
import { brandMark, markOf } from '../../views/brand-marks.js';
import { renderField } from '../../views/field.js';
import type { PaymentEntry, RenderContext } from '../method.js';
import {
  detectBrand,
  digitsOnly,
  formatCardNumber,
  formatExpiry,
  parseExpiry,
  validateCard,
  type CardField,
  type CardInput,
} from './card-rules.js';

const FIELDS: readonly CardField[] = ['number', 'expiry', 'cvv'];

/** Maps a server `invalidFields[].field` onto the card field it is about. */
function cardFieldOf(field: string): CardField | undefined {
  if (/pan|number/i.test(field)) return 'number';
  if (/cvv|cvc/i.test(field)) return 'cvv';
  if (/exp/i.test(field)) return 'expiry';
  return undefined;
}

export class InlineCard implements PaymentEntry {
  readonly method = 'payment-card';
  #input: CardInput = { number: '', expiry: '', cvv: '' };
  #shown = new Set<CardField>();
  #server: Partial<Record<CardField, string>> = {};
  #host: ReactiveControllerHost & HTMLElement;
  /** Brands `ready-to-pay` accepts for cards (empty: any). */
  acceptedBrands: readonly string[] = [];

  constructor(host: ReactiveControllerHost & HTMLElement, private readonly edited: () => void) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  #problems() {
    return validateCard(this.#input, { acceptedBrands: this.acceptedBrands });
  }

  validate(): boolean {
    this.#shown = new Set(FIELDS);
    this.#host.requestUpdate();
    return Object.keys(this.#problems()).length === 0;
  }

  focus(): void {
    const problems = this.#problems();
    const first = FIELDS.find((f) => problems[f]) ?? 'number';
    void this.#host.updateComplete.then(() =>
      (this.#host.shadowRoot ?? this.#host).querySelector<HTMLInputElement>(`#field-${first}`)?.focus(),
    );
  }

  showServerErrors(fields: readonly InvalidField[]): void {
    this.#server = {};
    for (const { field, message } of fields) {
      const key = cardFieldOf(field);
      if (key && !this.#server[key]) this.#server[key] = message;
    }
  }

  reset(): void {
    this.#server = {};
  }

  async collect(billingAddress: BillingAddress, config: Config) {
    const expiry = parseExpiry(this.#input.expiry)!;
    const created = await PostToken(getStorefrontClient(config), {
      method: 'payment-card',
      paymentInstrument: {
        pan: digitsOnly(this.#input.number),
        cvv: this.#input.cvv.trim(),
        expMonth: expiry.month,
        expYear: expiry.year,
      },
      billingAddress,
    });
    return { token: created.id, billingAddress };
  }

  #onInput(field: CardField, value: string): string {
    let next = value;
    if (field === 'number') next = formatCardNumber(value);
    // Deleting keeps what is left as it is (the separator can be erased); typing or autofill is formatted,
    // and a month that cannot be (13, 00) is refused as typed.
    else if (field === 'expiry') next = value.length < this.#input.expiry.length ? value : formatExpiry(value, this.#input.expiry);
    else next = digitsOnly(value).slice(0, 4);
    this.#input = { ...this.#input, [field]: next };
    this.#server[field] = undefined;
    this.edited();
    return next;
  }

  render({ t, busy }: RenderContext) {
    const brand = detectBrand(this.#input.number);
    const cvvLength = brand?.cvvLength ?? 3;
    const problems = this.#problems();
    const field = (name: CardField, label: string, extra: Partial<Parameters<typeof renderField>[0]>) => {
      const problem = this.#shown.has(name) ? problems[name] : undefined;
      return renderField({
        name,
        label,
        value: this.#input[name],
        error: this.#server[name] ?? (problem ? t(problem as MessageKey, { length: cvvLength }) : undefined),
        inputmode: 'numeric',
        disabled: busy,
        input: (value) => this.#onInput(name, value),
        blur: () => {
          if (this.#input[name] && !this.#shown.has(name)) {
            this.#shown.add(name);
            this.#host.requestUpdate();
          }
        },
        ...extra,
      });
    };
    return html`${field('number', t('cardNumber'), {
        autocomplete: 'cc-number',
        maxlength: 23,
        placeholder: '1234 1234 1234 1234',
        // The detected brand's mark in the box (the generic card before one is known); its name in words
        // for assistive technology.
        hint: brand ? t('detectedBrand', { brand: brand.name }) : undefined,
        end: brandMark(markOf(brand?.name)),
      })}
      <div class="row">
        ${field('expiry', t('expiry'), { autocomplete: 'cc-exp', maxlength: 9, placeholder: t('expiryPlaceholder') })}
        ${field('cvv', t('securityCode'), { autocomplete: 'cc-csc', maxlength: cvvLength })}
      </div>`;
  }
}
