import { html } from 'lit';
import type { PaymentMethodInfo } from '../events.js';
import type { Translate } from '../i18n/localize.js';

/**
 * The payment methods the element can collect, in the order `ready-to-pay` gave them, as a radio group.
 * With a single method there is nothing to choose: it is named, with the accepted brands, as a heading.
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
  if (methods.length === 1) {
    return html`<h3 part="methods" class="method-single">${label(methods[0]!)}</h3>`;
  }
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
