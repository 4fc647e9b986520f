import { html } from 'lit';
import type { Translate } from '../i18n/localize.js';
import { brandMark, markOf, type MarkName } from './brand-marks.js';

export interface MethodChoiceView {
  /** The radio's value. */
  key: string;
  /** The method's name, as people see it (the radio's accessible name). */
  name: string;
  /** Accepted card brands, for the card. */
  brands: readonly string[];
  /** The mark of a method that is not a card (a card shows its accepted brands' marks). */
  mark?: MarkName;
}

/**
 * The method's name, then its marks at the inline-end (part `brands`): the accepted brands of a card (their
 * names also as visually hidden text, so they stay part of the name), or the method's own mark.
 */
function methodLabel(m: MethodChoiceView) {
  const marks = m.brands.length ? m.brands.map(markOf) : [m.mark ?? 'card'];
  return html`<span class="method-name">${m.name}${m.brands.length
      ? html`<span class="visually-hidden"> (${m.brands.join(', ')})</span>`
      : ''}</span
    ><span class="brands" part="brands">${marks.map(brandMark)}</span>`;
}

/**
 * The ways to pay the element can collect, in the order `ready-to-pay` gave them, as a radio group. With a
 * single one there is nothing to choose: it is named, with the accepted brands, as a heading.
 */
export function renderMethods(methods: readonly MethodChoiceView[], selected: string, onSelect: (key: string) => void, t: Translate) {
  if (methods.length === 1) {
    return html`<h3 part="methods" class="method-single">${methodLabel(methods[0]!)}</h3>`;
  }
  return html`<fieldset part="methods">
    <legend>${t('paymentMethods')}</legend>
    ${methods.map(
      (m) => html`<label class="method" part="method">
        <input type="radio" name="method" .value=${m.key} .checked=${m.key === selected} @change=${() => onSelect(m.key)} />
        ${methodLabel(m)}
      </label>`,
    )}
  </fieldset>`;
}
