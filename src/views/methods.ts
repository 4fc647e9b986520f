import { html } from 'lit';
import type { Translate } from '../i18n/localize.js';

export interface MethodChoiceView {
  /** The radio's value. */
  key: string;
  /** The method's name, as people see it (the radio's accessible name). */
  name: string;
  /** Accepted card brands, for the card. */
  brands: readonly string[];
}

/**
 * The ways to pay the element can collect, in the order `ready-to-pay` gave them, as a radio group. With a
 * single one there is nothing to choose: it is named, with the accepted brands, as a heading.
 */
export function renderMethods(methods: readonly MethodChoiceView[], selected: string, onSelect: (key: string) => void, t: Translate) {
  const label = (m: MethodChoiceView) => (m.brands.length ? `${m.name} (${m.brands.join(', ')})` : m.name);
  if (methods.length === 1) {
    return html`<h3 part="methods" class="method-single">${label(methods[0]!)}</h3>`;
  }
  return html`<fieldset part="methods">
    <legend>${t('paymentMethods')}</legend>
    ${methods.map(
      (m) => html`<label class="method" part="method">
        <input type="radio" name="method" .value=${m.key} .checked=${m.key === selected} @change=${() => onSelect(m.key)} />
        <span>${label(m)}</span>
      </label>`,
    )}
  </fieldset>`;
}
