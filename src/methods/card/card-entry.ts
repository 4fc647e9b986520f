import type { ReactiveControllerHost } from 'lit';
import type { Config } from '../../config/index.js';
import type { PaymentEntry } from '../method.js';
import { FramepayCard, framepayStyle } from './framepay-card.js';
import type { InlineCard } from './inline-card.js';
import type { FramepaySettings } from './framepay.js';

/** Rebilly's FramePay script (its stylesheet is the same URL ending in `.css`). */
export const DEFAULT_FRAMEPAY_URL = 'https://framepay.rebilly.com/framepay.js';

/**
 * The `payment-card` entry of `card-fields`: FramePay's hosted fields (default), or the inline form, whose
 * module is loaded on demand so a FramePay page never downloads it.
 */
export class CardEntry {
  readonly hosted: FramepayCard;
  #inline: InlineCard | undefined;
  #inlineLoad: Promise<void> | undefined;
  #host: ReactiveControllerHost & HTMLElement;
  readonly #edited: () => void;
  readonly #kind: () => 'framepay' | 'inline';

  /** `kind`: `card-fields` as the element has it at the moment of asking. */
  constructor(
    host: ReactiveControllerHost & HTMLElement,
    options: { kind(): 'framepay' | 'inline'; edited(): void; onError(error: unknown): void },
  ) {
    this.#host = host;
    this.#kind = options.kind;
    this.#edited = options.edited;
    this.hosted = new FramepayCard(host, options.onError);
  }

  get kind(): 'framepay' | 'inline' {
    return this.#kind();
  }

  /** The entry in use (undefined while the inline form's module loads). */
  get current(): PaymentEntry | undefined {
    return this.kind === 'inline' ? this.#inline : this.hosted;
  }

  /** What must be there before the form is usable: the inline form's module (FramePay loads on its own). */
  prepare(): Promise<void> {
    return this.kind === 'inline' ? this.#loadInline() : Promise.resolve();
  }

  #loadInline(): Promise<void> {
    return (this.#inlineLoad ??= import('./inline-card.js').then(
      ({ InlineCard }) => {
        this.#inline = new InlineCard(this.#host, this.#edited);
        this.#host.requestUpdate();
      },
      (error: unknown) => {
        this.#inlineLoad = undefined; // a retry loads it again
        throw error;
      },
    ));
  }

  setAcceptedBrands(brands: readonly string[]): void {
    if (this.#inline) this.#inline.acceptedBrands = brands;
  }

  /**
   * After each render: as soon as the config is known, FramePay loads and the card field is mounted (unseen
   * until the form shows it), beside the first API round rather than after it; `needed` says whether the
   * customer needs it now (the data offers a card and a new card pays).
   */
  sync(config: Config | undefined, needed: boolean, context: { websiteId?: string | undefined; locale: string }, framepayUrl: string | undefined): void {
    const hosted = this.hosted;
    if (this.kind === 'inline') {
      if (hosted.status !== 'idle') hosted.destroy();
      // Switched to inline after the data loaded: its module loads now (a failure shows on the next load).
      if (config) this.#loadInline().catch(() => {});
      return;
    }
    if (!config || hosted.conflicts(config)) return;
    hosted.show(this.settings(config, context, framepayUrl));
    hosted.needed = needed;
  }

  /** The settings FramePay is started (or updated) with, for every FramePay way to pay of the element. */
  settings(config: Config, context: { websiteId?: string | undefined; locale: string }, framepayUrl: string | undefined): FramepaySettings {
    return {
      scriptUrl: framepayUrl || DEFAULT_FRAMEPAY_URL,
      credential: config.credential,
      organizationId: config.organizationId,
      websiteId: config.websiteId ?? context.websiteId,
      apiMode: config.apiMode,
      locale: context.locale,
      style: framepayStyle(this.#host),
    };
  }
}
