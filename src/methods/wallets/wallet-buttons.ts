/**
 * Express wallets: FramePay's Google Pay, Apple Pay and PayPal (billing agreement) buttons. A wallet's sheet
 * ends in FramePay's page-wide `token-ready`; FramePay is one per page while elements are many, so the
 * element whose button the customer used is the one that pays, and the amount a sheet shows must be that
 * element's (`transactionData` is page-wide too: it is set when the customer reaches the element's buttons).
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { PaymentMethodInfo } from '../../events.js';
import type { Translate } from '../../i18n/localize.js';
import { drawn, slotted, startFramepay, type Framepay, type FramepayElement, type FramepaySettings, type FramepayToken } from '../card/framepay.js';

export type Wallet = 'googlePay' | 'applePay' | 'paypal';

export interface TransactionData {
  amount: number;
  currency: string;
  countryCode: string;
  label: string;
}

/** The element whose wallet button the customer used last, page-wide (every copy of this module). */
const OWNER = Symbol.for('rebilly-instruments.wallet-owner');
const page = globalThis as unknown as Record<symbol, HTMLElement | undefined>;

export class WalletButtons {
  #wallets: readonly Wallet[] = [];
  #framepay: Framepay | undefined;
  #elements: FramepayElement[] = [];
  #key = '';
  #transactionData: TransactionData | undefined;
  #attempt = 0;
  /** The buttons are drawn. */
  #drawn = false;
  /** Style, locale and amount last given to FramePay. */
  #applied = '';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly onToken: (token: FramepayToken) => void,
    private readonly onError: (error: unknown) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.#unmount();
  }

  /** Mounts the buttons of `wallets` (FramePay initialized with the `ready-to-pay` models as `methods`). */
  show(settings: FramepaySettings, wallets: readonly Wallet[], methods: readonly PaymentMethodInfo[], transactionData: TransactionData): void {
    this.#transactionData = transactionData;
    // The buttons are mounted again only for other buttons or another FramePay; style, locale and amount
    // are updates (the amount, page-wide, only when this element owns the sheet).
    const key = JSON.stringify([settings.scriptUrl, settings.credential, settings.organizationId, wallets]);
    if (key === this.#key) {
      const framepay = this.#framepay;
      const changed = JSON.stringify([settings.style, settings.locale, transactionData]);
      if (framepay && changed !== this.#applied) {
        this.#applied = changed;
        const own = (page[OWNER] ?? this.host) === this.host;
        framepay.update({ style: settings.style, locale: settings.locale, ...(own ? { transactionData } : {}) });
      }
      return;
    }
    this.#unmount();
    this.#key = key;
    this.#wallets = wallets;
    if (!wallets.length) return;
    const attempt = ++this.#attempt;
    void (async () => {
      try {
        const framepay = await startFramepay(settings, false, { methods, transactionData });
        if (attempt !== this.#attempt) return;
        this.#applied = JSON.stringify([settings.style, settings.locale, transactionData]);
        this.#framepay = framepay;
        framepay.on('token-ready', this.#onTokenReady);
        globalThis.addEventListener('blur', this.#onWindowBlur);
        this.#elements = wallets.map((wallet) => {
          const target = slotted(this.host, `rebilly-wallet-${wallet}`);
          target.addEventListener('focusin', this.#claim);
          return framepay[wallet].mount(target);
        });
        await Promise.all(this.#elements.map(drawn));
        if (attempt !== this.#attempt) return;
        this.#drawn = true;
        this.host.requestUpdate();
      } catch (error) {
        if (attempt === this.#attempt) this.onError(error);
      }
    })();
  }

  /**
   * Focus went into a frame (the window blurs): if it is one of this element's wallet buttons, claim. (The
   * container's `focusin` says the same where the browser reports focus entering a cross-origin frame.)
   */
  #onWindowBlur = (): void => {
    const active = document.activeElement;
    if (active && this.host.contains(active) && active.closest('[slot^="rebilly-wallet-"]')) this.#claim();
  };

  /** The customer reached this element's wallet buttons: its sheet shows its amount, its token pays here. */
  #claim = (): void => {
    page[OWNER] = this.host;
    if (this.#transactionData) this.#framepay?.update({ transactionData: this.#transactionData });
  };

  #onTokenReady = (token?: unknown): void => {
    if (page[OWNER] !== this.host || !token || typeof (token as FramepayToken).id !== 'string') return;
    this.onToken(token as FramepayToken);
  };

  #unmount(): void {
    this.#attempt++;
    this.#framepay?.off('token-ready', this.#onTokenReady);
    globalThis.removeEventListener('blur', this.#onWindowBlur);
    for (const element of this.#elements) element.destroy();
    this.#elements = [];
    this.#drawn = false;
    this.#key = '';
    for (const wallet of this.#wallets) this.host.querySelector(`:scope > [slot="rebilly-wallet-${wallet}"]`)?.removeEventListener('focusin', this.#claim);
    if (page[OWNER] === this.host) page[OWNER] = undefined;
  }

  /** `locked`: paying is not possible now (a payment in flight, an unknown outcome): the buttons say so. */
  render(t: Translate, locked = false) {
    if (!this.#wallets.length) return nothing;
    return html`<div
        part="wallets"
        class="wallets"
        ?inert=${locked}
        role="group"
        aria-label=${t('expressCheckout')}
        aria-busy=${this.#drawn ? 'false' : 'true'}
      >
        ${this.#wallets.map((wallet) => html`<slot name="rebilly-wallet-${wallet}"></slot>`)}
      </div>
      <p class="or" aria-hidden="true"><span>${t('walletsOr')}</span></p>`;
  }
}
