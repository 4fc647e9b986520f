import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { Config } from '../../config/index.js';
import type { BillingAddress } from '../../events.js';
import type { PaymentEntry, RenderContext } from '../method.js';
import {
  drawn,
  FramepayConflict,
  framepayTakenByOther,
  framepayToken,
  TokenError,
  slotted,
  startFramepay,
  type Framepay,
  type FramepayElement,
  type FramepaySettings,
} from './framepay.js';

/** Where FramePay's card field is mounted: a light-DOM child of the element, shown through this slot. */
export const CARD_SLOT = 'rebilly-card';

export type FramepayCardOptions = FramepaySettings;

/**
 * The card as FramePay's hosted fields: the card number, expiry and CVC are typed into Rebilly's iframes and
 * tokenized by them, so no script of the page (nor this element) ever holds them (PCI SAQ A).
 *
 * The field is mounted in a light-DOM node slotted into the element, not inside the shadow root: FramePay
 * puts its stylesheet in `document.head` (it cannot style a shadow root), looks elements up in the document,
 * and nothing Rebilly publishes says it works inside a shadow root.
 */
export class FramepayCard implements PaymentEntry {
  readonly method = 'payment-card';
  status: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
  /** The customer filled a complete, valid card. */
  complete = false;
  /** FramePay's message for what is wrong with the card, when there is something to show. */
  problem: string | undefined;
  /** Why the field could not be shown (script load or mount failure, a FramePay of another key). */
  failure: unknown;
  /** The customer tried to pay: an incomplete card says so. */
  #shown = false;
  /** The customer needs the field now (the data offers a card and a new card pays); else it loads unseen. */
  #needed = false;
  /** The failure of the last attempt, until it was reported. */
  #unreported: unknown;
  /** The config a FramePay conflict was reported for (reported once per config). */
  #conflictFor: Config | undefined;

  #host: ReactiveControllerHost & HTMLElement;
  #container: HTMLDivElement | undefined;
  #element: FramepayElement | undefined;
  #framepay: Framepay | undefined;
  #mounting: Promise<void> | undefined;
  #options: FramepayCardOptions | undefined;
  /** Counts mount attempts: a stale one (detached, started again) mounts nothing. */
  #attempt = 0;

  readonly #onError: (error: unknown) => void;

  constructor(host: ReactiveControllerHost & HTMLElement, onError: (error: unknown) => void) {
    this.#host = host;
    this.#onError = onError;
    host.addController(this);
  }

  /** Re-attached (a move in the DOM reloads iframes anyway): mount the field again. */
  hostConnected(): void {
    if (this.#options && this.status === 'idle') this.#start(this.#options, false);
  }

  /**
   * Detached: FramePay's element is destroyed, so nothing of this element stays referenced by the page's
   * FramePay (elements created and removed by a page would otherwise pile up there).
   */
  hostDisconnected(): void {
    this.#attempt++;
    this.#element?.destroy();
    this.#element = undefined;
    this.#mounting = undefined;
    if (this.status !== 'failed') this.status = 'idle';
    this.complete = false;
  }

  /**
   * Loads, initializes (once per page) and mounts the card field; later calls update FramePay's style and
   * locale. A failure (the load: `network`; a `FramepayConflict`) is reported once, to `onError`, and is not
   * tried again until {@link retry}.
   */
  show(options: FramepayCardOptions): void {
    const changed = JSON.stringify(options) !== JSON.stringify(this.#options);
    this.#options = options;
    if (!changed || this.status === 'loading' || this.status === 'failed') return;
    if (this.#element && this.#framepay) this.#framepay.update({ style: options.style, locale: options.locale });
    else this.#start(options, false);
  }

  /**
   * Whether the customer needs the field now. The field is mounted as soon as the config is known (so its
   * frames load beside the first API round), but a failure is reported only once it is needed: a customer
   * paying with a saved card never hears of it.
   */
  set needed(needed: boolean) {
    this.#needed = needed;
    if (needed && this.#unreported !== undefined) {
      const error = this.#unreported;
      this.#unreported = undefined;
      this.#onError(error);
    }
  }

  /** Tries a failed load and mount again (the retry button). */
  retry(): void {
    if (this.status === 'failed' && this.#options) this.#start(this.#options, true);
  }

  #start(options: FramepayCardOptions, again: boolean): void {
    this.status = 'loading';
    this.failure = undefined;
    this.#host.requestUpdate();
    const mounting = this.#mount(options, again, ++this.#attempt);
    this.#mounting = mounting;
    mounting.then(
      () => {
        if (this.#mounting !== mounting) return;
        this.status = 'ready';
        // Options that changed while loading (style, locale) apply now.
        const latest = this.#options;
        if (latest && latest !== options) this.#framepay?.update({ style: latest.style, locale: latest.locale });
        this.#host.requestUpdate();
      },
      (error: unknown) => {
        if (this.#mounting !== mounting) return;
        this.status = 'failed';
        this.failure = error;
        this.#unreported = error;
        this.#host.requestUpdate();
        this.needed = this.#needed; // reports it now if the customer needs the field
      },
    );
  }

  async #mount(options: FramepayCardOptions, again: boolean, attempt: number): Promise<void> {
    const framepay = await startFramepay(options, again);
    this.#framepay = framepay;
    // Detached (or started again) meanwhile: this attempt mounts nothing.
    if (attempt !== this.#attempt) return;
    const container = (this.#container = slotted(this.#host, CARD_SLOT));
    const element = framepay.card.mount(container);
    this.#element = element;
    element.on('change', (change) => {
      this.complete = change?.completed === true;
      this.problem = change?.error?.message;
      this.#host.requestUpdate();
    });
    // Ready when the field is drawn; a field that fails to mount is destroyed by FramePay.
    await drawn(element);
  }

  /** Moves focus into the card field. */
  focus(): void {
    this.#element?.focus?.();
  }

  /** The card is complete (FramePay's own `change` events say so); otherwise its error shows. */
  validate(): boolean {
    this.#shown = true;
    this.#host.requestUpdate();
    return this.status === 'ready' && this.complete;
  }

  /**
   * FramePay is one per page: another element initialized it with another key or organization. Known as
   * soon as the config is, so it is reported at once (once per config), not after the data loaded.
   */
  conflicts(config: Config): boolean {
    if (!framepayTakenByOther(config.credential, config.organizationId)) {
      this.#conflictFor = undefined;
      return false;
    }
    if (this.#conflictFor !== config) {
      this.#conflictFor = config;
      this.#onError(new FramepayConflict());
    }
    return true;
  }

  render({ t }: RenderContext) {
    const conflict = this.#conflictFor !== undefined || this.failure instanceof FramepayConflict;
    const failed = conflict || this.status === 'failed';
    const loading = !failed && this.status !== 'ready';
    const error = failed
      ? t(conflict ? 'error.framepay-conflict' : 'cardUnavailable')
      : (this.problem ?? (this.#shown && !this.complete ? t('cardIncomplete') : undefined));
    // The frames carry their own labelled inputs; this group names them for the form and holds the error.
    return html`<div class="field" part="field field-card">
      <span id="field-card-label" class="label" part="label">${t('cardDetails')}</span>
      <div
        class=${error ? 'hosted-card invalid' : 'hosted-card'}
        part="card-field"
        role="group"
        aria-labelledby="field-card-label"
        aria-describedby=${error ? 'field-card-error' : nothing}
        aria-busy=${loading ? 'true' : 'false'}
      >
        <slot name=${CARD_SLOT}></slot>
        ${loading ? html`<span class="hint">${t('cardLoading')}</span>` : nothing}
      </div>
      ${failed && !conflict
        ? html`<div><button type="button" part="retry-button" @click=${() => this.retry()}>${t('retryLoad')}</button></div>`
        : nothing}
      ${error ? html`<span id="field-card-error" class="field-error" part="field-error">${error}</span>` : nothing}
    </div>`;
  }

  /** Removes the field (the element is gone, or paying no longer uses a new card). */
  destroy(): void {
    this.#attempt++;
    this.#element?.destroy();
    this.#element = undefined;
    this.#container?.remove();
    this.#mounting = undefined;
    this.#options = undefined;
    this.#conflictFor = undefined;
    this.status = 'idle';
    this.complete = false;
  }

  /**
   * Tokenizes the card in FramePay's frames (which post `/tokens` themselves). Rejects with a
   * {@link TokenError}; an incomplete or invalid card is refused without any request.
   */
  async collect(billingAddress: BillingAddress, _config?: Config): Promise<{ token: string; billingAddress: BillingAddress }> {
    if (!this.#framepay || !this.#container) throw new TokenError('network', 'FramePay is not loaded');
    const token = await framepayToken(this.#framepay, this.#container, { method: 'payment-card', billingAddress }, (message) => {
      this.problem = message;
      this.complete = false;
      this.#host.requestUpdate();
    });
    return { token: token.id, billingAddress };
  }

}

/**
 * FramePay's `style` from the element's own custom properties, so the card field matches the theme and dark
 * mode (FramePay's frames cannot inherit the page's CSS).
 */
export function framepayStyle(host: HTMLElement): Record<string, unknown> {
  // The resolved palette (`--_fg`… of the element's styles: custom property or default, light or dark).
  const css = getComputedStyle(host);
  const read = (name: string) => css.getPropertyValue(name).trim();
  const base: Record<string, unknown> = { color: read('--_fg') || css.color, fontFamily: read('--_font') || css.fontFamily };
  const size = read('--_font-size');
  if (size) base['fontSize'] = size;
  const muted = read('--_muted');
  if (muted) base['::placeholder'] = { color: muted };
  const danger = read('--_danger');
  return { base, ...(danger ? { invalid: { color: danger } } : {}) };
}
