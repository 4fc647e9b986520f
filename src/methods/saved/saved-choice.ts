import { NEW_CARD, type CheckoutData } from '../../checkout/data.js';
import type { Translate } from '../../i18n/localize.js';

type CustomerViews = typeof import('../../views/customer-views.js');

/**
 * The customer's saved instruments as a way to pay (JWT modes): the choice among them and "New card". The
 * customer's default instrument is preselected; a saved one pays as `{paymentInstrumentId}`.
 */
export class SavedChoice {
  /** The id the customer picked, or NEW_CARD; '' = the customer's default. */
  #picked = '';

  constructor(private readonly requestUpdate: () => void) {}

  /** The saved instrument that pays, or NEW_CARD. */
  selected(data: CheckoutData): string {
    const ids = data.savedInstruments.map((i) => i.id);
    if (this.#picked === NEW_CARD || ids.includes(this.#picked)) return this.#picked;
    if (data.defaultInstrumentId && ids.includes(data.defaultInstrumentId)) return data.defaultInstrumentId;
    return ids[0] ?? NEW_CARD;
  }

  /** The payment instruction of a saved instrument, or undefined when a new card pays. */
  instruction(data: CheckoutData): { kind: 'saved'; paymentInstrumentId: string } | undefined {
    const id = this.selected(data);
    return id === NEW_CARD ? undefined : { kind: 'saved', paymentInstrumentId: id };
  }

  render(views: CustomerViews | undefined, data: CheckoutData, t: Translate) {
    if (!views || !data.savedInstruments.length) return undefined;
    return views.renderInstruments(data.savedInstruments, this.selected(data), (id) => {
      this.#picked = id;
      this.requestUpdate();
    }, t, t(data.mode === 'payout' ? 'sendTo' : 'payWith'));
  }
}
