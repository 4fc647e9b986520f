import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { Config } from '../config/index.js';
import type { CheckoutData } from '../checkout/data.js';
import type { PaymentMethodInfo } from '../events.js';
import type { Translate } from '../i18n/localize.js';
import { renderMethods } from '../views/methods.js';
import type { CardEntry } from './card/card-entry.js';
import type { FramepaySettings, FramepayToken } from './card/framepay.js';
import type { PaymentEntry } from './method.js';
import { choiceKey, methodName, offers, type Offer } from './registry.js';

type MoreMethods = typeof import('./more-methods.js');
type Wallet = 'googlePay' | 'applePay' | 'paypal';

/**
 * Which way to pay the customer chose among those `ready-to-pay` offers (card, bank account, offsite
 * methods; the express wallets sit above the choice), and the entry that collects it. The code of every way
 * to pay but the card is one on-demand chunk (`more-methods.ts`), loaded before the form is shown when the
 * data offers one of them.
 */
export class MethodChoice {
  #picked = '';
  #more: MoreMethods | undefined;
  #entries = new Map<string, PaymentEntry>();
  #wallets: InstanceType<MoreMethods['WalletButtons']> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly card: CardEntry,
    private readonly callbacks: { onError(error: unknown): void; onWalletToken(token: FramepayToken): void },
  ) {}

  /** The offers of the form's chooser (everything collectable but the wallets), in `ready-to-pay`'s order. */
  #choices(data: CheckoutData) {
    return offers(data.paymentMethods).filter(({ offer }) => offer.kind !== 'wallet');
  }

  #selected(data: CheckoutData): Offer | undefined {
    const choices = this.#choices(data);
    return (choices.find(({ offer }) => choiceKey(offer) === this.#picked) ?? choices[0])?.offer;
  }

  /** Loads the code of the offered ways to pay beyond the card (awaited before the form is shown). */
  async prepare(data: CheckoutData): Promise<void> {
    if (this.#more || !offers(data.paymentMethods).some(({ offer }) => offer.kind !== 'card')) return;
    this.#more = await import('./more-methods.js');
    this.host.requestUpdate();
  }

  /** The entry that collects the chosen way to pay (undefined while its code loads). */
  entry(data: CheckoutData, t: Translate): PaymentEntry | undefined {
    const offer = this.#selected(data);
    if (!offer || offer.kind === 'card' || offer.kind === 'wallet') return this.card.current;
    const more = this.#more;
    if (!more) return undefined;
    const key = choiceKey(offer);
    let entry = this.#entries.get(key);
    if (!entry) {
      entry =
        offer.kind === 'bank'
          ? new more.BankAccount(this.host, offer.method, this.callbacks.onError)
          : new more.Offsite(offer.method, methodName(offer, t));
      this.#entries.set(key, entry);
    }
    return entry;
  }

  /** The label of the name field around the entry. */
  holderLabel(data: CheckoutData): 'cardholderName' | 'accountHolderName' | 'fullName' {
    const kind = this.#selected(data)?.kind;
    return kind === 'bank' ? 'accountHolderName' : kind === 'offsite' ? 'fullName' : 'cardholderName';
  }

  /** The chosen method's name (for the approval window's note). */
  name(data: CheckoutData, t: Translate): string {
    const offer = this.#selected(data);
    return offer ? methodName(offer, t) : '';
  }

  /**
   * After each render: the bank fields when a bank account is chosen, the wallet buttons when offered (both
   * FramePay's, started with the element's settings; wallets also with the models and the amount).
   */
  sync(config: Config | undefined, data: CheckoutData | undefined, settings: FramepaySettings | undefined, t: Translate): void {
    if (!config || !data || !settings || !this.#more) return;
    const entry = this.entry(data, t);
    if (entry instanceof this.#more.BankAccount) entry.show(settings);
    const wallets = offers(data.paymentMethods).flatMap(({ offer }) => (offer.kind === 'wallet' ? [offer.wallet as Wallet] : []));
    // FramePay not loading is said by the card's field when the customer needs it (a customer who pays
    // with a saved card never hears of it); wallets say it themselves only where no card is offered.
    const offersCard = offers(data.paymentMethods).some(({ offer }) => offer.kind === 'card');
    this.#wallets ??= new this.#more.WalletButtons(this.host, this.callbacks.onWalletToken, (error) => {
      if (!(offersCard && error instanceof TypeError)) this.callbacks.onError(error);
    });
    this.#wallets.show(settings, wallets, data.paymentMethods as PaymentMethodInfo[], {
      amount: data.amount,
      currency: data.currency,
      countryCode: 'US',
      label: data.websiteId ?? '',
    });
  }

  renderWallets(t: Translate, locked = false) {
    return this.#wallets?.render(t, locked) ?? nothing;
  }

  renderChooser(data: CheckoutData, t: Translate) {
    const choices = this.#choices(data).map(({ model, offer }) => ({
      key: choiceKey(offer),
      name: methodName(offer, t),
      brands: offer.kind === 'card' && Array.isArray(model['brands']) ? (model['brands'] as string[]) : [],
      mark: offer.kind === 'bank' ? ('bank' as const) : offer.kind === 'offsite' ? ('offsite' as const) : ('card' as const),
    }));
    if (!choices.length) return nothing;
    const selected = this.#selected(data);
    return html`${renderMethods(choices, selected ? choiceKey(selected) : '', (key) => {
      this.#picked = key;
      this.host.requestUpdate();
    }, t)}`;
  }
}
