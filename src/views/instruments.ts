import { html } from 'lit';
import { NEW_CARD, type SavedInstrument } from '../checkout/data.js';
import type { Translate } from '../i18n/localize.js';
import { brandMark, markOf, type MarkName } from './brand-marks.js';

/** The customer's saved instruments and "New card", as one radio group (JWT modes). */
export function renderInstruments(
  instruments: readonly SavedInstrument[],
  selected: string,
  onSelect: (id: string) => void,
  t: Translate,
  /** The group's name: what the instrument does here ("Pay with", a payout's "Send to"). */
  legend = t('payWith'),
) {
  const label = (i: SavedInstrument) =>
    i.method === 'paypal'
      ? 'PayPal'
      : i.method === 'ach' || i.method === 'echeck'
        ? `${t('methodBank')} ····${i.last4 ?? ''}`
        : t('savedCard', {
      brand: i.brand ?? t('methodCard'),
      last4: i.last4 ?? '····',
      expiry: i.expMonth && i.expYear ? `${String(i.expMonth).padStart(2, '0')}/${String(i.expYear).slice(-2)}` : '—',
    });
  const mark = (i: SavedInstrument): MarkName =>
    i.method === 'paypal' ? 'wallet' : i.method === 'ach' || i.method === 'echeck' ? 'bank' : markOf(i.brand);
  const option = (value: string, text: string, name: MarkName) => html`<label class="method" part="instrument">
    <input type="radio" name="instrument" .value=${value} .checked=${value === selected} @change=${() => onSelect(value)} />
    <span class="method-name">${text}</span><span class="brands" part="brands">${brandMark(name)}</span>
  </label>`;
  return html`<fieldset part="instruments" class="choices">
    <legend>${legend}</legend>
    ${instruments.map((i) => option(i.id, label(i), mark(i)))} ${option(NEW_CARD, t('newCard'), 'card')}
  </fieldset>`;
}
