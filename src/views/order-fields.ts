import { html, nothing } from 'lit';
import type { OrderAddress, RecurringCharge } from '../events.js';
import { formatMoney, type Translate } from '../i18n/localize.js';
import { renderField } from './field.js';

/**
 * The order's own inputs (items mode): a line's quantity stepper, the coupon control, the billing and
 * delivery address fieldsets, the shipping rates, and the line saying what is charged after today. Render
 * functions only; the state is `src/order/order-form.ts`'s.
 */

export type AddressField = 'address' | 'city' | 'postalCode' | 'country';

/** ISO 3166-1 alpha-2 codes; their names come from `Intl.DisplayNames` in the element's locale. */
const COUNTRIES =
  'AD AE AF AG AI AL AM AO AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GT GU GW GY HK HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'.split(
    ' ',
  );

const countryLists = new Map<string, [string, string][]>();

/** Countries as `[code, name]`, sorted by name in the locale. */
function countries(locale: string): [string, string][] {
  let list = countryLists.get(locale);
  if (!list) {
    let names: Intl.DisplayNames | undefined;
    try {
      names = new Intl.DisplayNames([locale], { type: 'region' });
    } catch {
      names = undefined;
    }
    list = COUNTRIES.map((code): [string, string] => [code, names?.of(code) ?? code]).sort((a, b) => a[1].localeCompare(b[1], locale));
    countryLists.set(locale, list);
  }
  return list;
}

/** A line's quantity: a spinbutton named "Quantity of {the line}", within its bounds. */
export function renderQuantity(spec: {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  disabled: boolean;
  change(value: number): void;
}) {
  return html`<span class="quantity" part="quantity">
    <label class="visually-hidden" for=${spec.id}>${spec.label}</label>
    <input
      id=${spec.id}
      part="input input-quantity"
      type="number"
      inputmode="numeric"
      min=${spec.min}
      max=${spec.max}
      step=${spec.step}
      .value=${String(spec.value)}
      ?disabled=${spec.disabled}
      @change=${(e: Event) => spec.change((e.target as HTMLInputElement).valueAsNumber)}
    />
  </span>`;
}

export interface CouponView {
  /** Coupons applied: their id, and what the preview says they take off. */
  applied: { couponId: string; description?: string | undefined }[];
  draft: string;
  error?: string | undefined;
  disabled: boolean;
  input(value: string): void;
  apply(): void;
  remove(couponId: string): void;
}

/** "Add a coupon": a field named "Coupon code" and an Apply button; applied coupons with a Remove button each. */
export function renderCoupons(view: CouponView, t: Translate) {
  return html`<div class="coupons" part="coupons" role="group" aria-labelledby="coupon-title">
    <span id="coupon-title" class="label">${t('couponAdd')}</span>
    <div class="coupon-row">
      ${renderField({
        name: 'coupon',
        label: t('couponCode'),
        value: view.draft,
        error: view.error,
        autocomplete: 'off',
        required: false,
        disabled: view.disabled,
        input: (value) => view.input(value),
      })}
      <button type="button" part="coupon-apply" ?disabled=${view.disabled} @click=${() => view.apply()}>${t('couponApply')}</button>
    </div>
    ${view.applied.length
      ? html`<ul class="applied" part="coupons-applied">
          ${view.applied.map(
            (c) => html`<li>
              <span>${c.couponId}${c.description ? html` <span class="muted">· ${c.description}</span>` : nothing}</span>
              <button type="button" class="link" part="coupon-remove" ?disabled=${view.disabled} @click=${() => view.remove(c.couponId)}>
                ${t('couponRemove', { code: c.couponId })}
              </button>
            </li>`,
          )}
        </ul>`
      : nothing}
  </div>`;
}

export interface AddressView {
  kind: 'billing' | 'delivery';
  legend: string;
  fields: readonly AddressField[];
  values: OrderAddress;
  errors: Partial<Record<AddressField, string>>;
  required: boolean;
  disabled: boolean;
  input(field: AddressField, value: string): void;
  blur(): void;
}

const AUTOCOMPLETE: Record<AddressField, string> = {
  address: 'street-address',
  city: 'address-level2',
  postalCode: 'postal-code',
  country: 'country',
};

/** An address in its own fieldset whose legend names it; the country is a list of the locale's names. */
export function renderAddress(view: AddressView, t: Translate, locale: string) {
  const section = view.kind === 'billing' ? 'billing' : 'shipping';
  return html`<fieldset class="address" part="address address-${view.kind}">
    <legend>${view.legend}</legend>
    ${view.fields.map((field) => {
      const name = `${view.kind}-${field}`;
      const value = String(view.values[field] ?? '');
      const error = view.errors[field];
      if (field !== 'country') {
        return renderField({
          name,
          label: t(field === 'address' ? 'streetAddress' : field),
          value,
          error,
          autocomplete: `${section} ${AUTOCOMPLETE[field]}`,
          required: view.required,
          disabled: view.disabled,
          input: (v) => view.input(field, v),
          blur: () => view.blur(),
        });
      }
      const id = `field-${name}`;
      return html`<div class="field" part="field field-${name}">
        <label for=${id} part="label">${t('country')}</label>
        <select
          id=${id}
          part="input input-${name}"
          autocomplete="${section} country"
          ?required=${view.required}
          aria-invalid=${error ? 'true' : 'false'}
          aria-describedby=${error ? `${id}-error` : nothing}
          ?disabled=${view.disabled}
          @change=${(e: Event) => view.input('country', (e.target as HTMLSelectElement).value)}
        >
          <option value="" ?selected=${!value}>${t('countryChoose')}</option>
          ${countries(locale).map(([code, label]) => html`<option value=${code} ?selected=${code === value}>${label}</option>`)}
        </select>
        ${error ? html`<span id="${id}-error" class="field-error" part="field-error">${error}</span>` : nothing}
      </div>`;
    })}
  </fieldset>`;
}

/** The shipping rates as radios named by the rate's name (and price). */
export function renderShippingRates(
  rates: readonly { id: string; name: string; price: number }[],
  selected: string | undefined,
  currency: string,
  locale: string,
  disabled: boolean,
  select: (id: string) => void,
  t: Translate,
) {
  return html`<fieldset class="choices" part="shipping-rates">
    <legend>${t('shippingMethod')}</legend>
    ${rates.map(
      (rate) => html`<label class="method" part="shipping-rate">
        <input type="radio" name="shipping-rate" .value=${rate.id} .checked=${rate.id === selected} ?disabled=${disabled} @change=${() => select(rate.id)} />
        <span>${rate.name}</span>
        <span class="num muted">${formatMoney(rate.price, currency, locale)}</span>
      </label>`,
    )}
  </fieldset>`;
}

/** "every month", "every 3 months" (the unit's name from `Intl.NumberFormat`'s unit style). */
function every(period: { unit: string; length: number }, t: Translate, locale: string): string {
  if (period.length === 1) return t(`every.${period.unit}` as 'every.month');
  const text = new Intl.NumberFormat(locale, { style: 'unit', unit: period.unit, unitDisplay: 'long' }).format(period.length);
  return t('every.n', { period: text });
}

/**
 * What is charged after today: only what the preview proves ("per billing period"), with the interval and
 * trial when the plans were read.
 */
export function recurringText(recurring: RecurringCharge, currency: string, t: Translate, locale: string): string {
  const amount = formatMoney(recurring.amount, currency, locale);
  if (!recurring.interval) return t('recurringThen', { amount });
  const interval = every(recurring.interval, t, locale);
  if (!recurring.trial) return t('recurringEvery', { amount, interval });
  const trial = recurring.trial.period;
  const length = new Intl.NumberFormat(locale, { style: 'unit', unit: trial.unit, unitDisplay: 'long' }).format(trial.length);
  return t('recurringTrial', { amount, interval, trial: length });
}
