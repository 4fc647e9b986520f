import { html } from 'lit';
import type { PaymentMethodInfo } from '../events.js';
import type { Translate } from '../i18n/localize.js';

/**
 * The payment methods, in the order `ready-to-pay` gave them, as a radio group. With a single method the
 * group is still shown (it tells the customer what is accepted).
 */
export function renderMethods(
  methods: readonly PaymentMethodInfo[],
  selected: string,
  onSelect: (method: string) => void,
  t: Translate,
) {
  const label = (m: PaymentMethodInfo) => {
    if (m.method === 'payment-card') {
      const brands = Array.isArray(m['brands']) ? (m['brands'] as string[]) : [];
      return brands.length ? `${t('methodCard')} (${brands.join(', ')})` : t('methodCard');
    }
    return m.method;
  };
  return html`<fieldset part="methods">
    <legend>${t('paymentMethods')}</legend>
    ${methods.map(
      (m) => html`<label class="method" part="method">
        <input
          type="radio"
          name="method"
          .value=${m.method}
          .checked=${m.method === selected}
          @change=${() => onSelect(m.method)}
        />
        <span>${label(m)}</span>
      </label>`,
    )}
  </fieldset>`;
}
