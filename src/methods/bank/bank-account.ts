/**
 * A bank account (`ach` / `echeck`) in FramePay's bank fields (account type, routing and account number):
 * like the card, the numbers are typed into Rebilly's frames and tokenized there. An on-demand chunk.
 */
import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { BillingAddress } from '../../events.js';
import type { PaymentEntry, RenderContext } from '../method.js';
import { drawn, framepayToken, slotted, startFramepay, TokenError, type Framepay, type FramepayElement, type FramepaySettings } from '../card/framepay.js';

const FIELDS = [
  ['accountType', 'bankAccountType'],
  ['routingNumber', 'bankRoutingNumber'],
  ['accountNumber', 'bankAccountNumber'],
] as const;

export class BankAccount implements PaymentEntry {
  status: 'idle' | 'loading' | 'ready' | 'failed' = 'idle';
  #complete = new Set<string>();
  #problem: string | undefined;
  #shown = false;
  #framepay: Framepay | undefined;
  #elements: FramepayElement[] = [];
  #settings: FramepaySettings | undefined;
  #attempt = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    readonly method: 'ach' | 'echeck',
    private readonly onError: (error: unknown) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.#settings && this.status === 'idle') this.show(this.#settings, true);
  }

  hostDisconnected(): void {
    this.#attempt++;
    for (const element of this.#elements) element.destroy();
    this.#elements = [];
    if (this.status !== 'failed') this.status = 'idle';
    this.#complete.clear();
  }

  /** Mounts the three fields (FramePay loaded and initialized once per page). */
  show(settings: FramepaySettings, force = false): void {
    if (!force && this.#settings && this.status !== 'failed') return;
    this.#settings = settings;
    const attempt = ++this.#attempt;
    const again = this.status === 'failed';
    this.status = 'loading';
    this.host.requestUpdate();
    const mount = async () => {
      const framepay = await startFramepay(settings, again);
      if (attempt !== this.#attempt) return;
      this.#framepay = framepay;
      this.#elements = FIELDS.map(([type]) => {
        const element = framepay.bban.mount(slotted(this.host, `rebilly-bank-${type}`), type);
        element.on('change', (change) => {
          if (change?.completed) this.#complete.add(type);
          else this.#complete.delete(type);
          this.#problem = change?.error?.message;
          this.host.requestUpdate();
        });
        return element;
      });
      await Promise.all(this.#elements.map(drawn));
    };
    mount().then(
      () => {
        if (attempt !== this.#attempt) return;
        this.status = 'ready';
        this.host.requestUpdate();
      },
      (error: unknown) => {
        if (attempt !== this.#attempt) return;
        this.status = 'failed';
        this.host.requestUpdate();
        this.onError(error);
      },
    );
  }

  validate(): boolean {
    this.#shown = true;
    this.host.requestUpdate();
    // The account type has a default (checking): only the numbers must be complete.
    return this.status === 'ready' && this.#complete.has('routingNumber') && this.#complete.has('accountNumber');
  }

  focus(): void {
    const first = this.#complete.has('routingNumber') ? 2 : 1;
    (this.#elements[first] as FramepayElement & { focus?(): void } | undefined)?.focus?.();
  }

  async collect(billingAddress: BillingAddress) {
    if (!this.#framepay) throw new TokenError('network', 'FramePay is not loaded');
    const token = await framepayToken(this.#framepay, this.host, { method: this.method, billingAddress }, (message) => {
      this.#problem = message;
      this.host.requestUpdate();
    });
    return { token: token.id, billingAddress };
  }

  render({ t }: RenderContext) {
    const incomplete = this.#shown && !(this.#complete.has('routingNumber') && this.#complete.has('accountNumber'));
    const error = this.status === 'failed' ? t('cardUnavailable') : (this.#problem ?? (incomplete ? t('bankIncomplete') : undefined));
    return html`${FIELDS.map(
        ([type, label]) => html`<div class="field" part="field field-${type}">
          <span id="field-${type}-label" class="label" part="label">${t(label)}</span>
          <div
            class=${error && type !== 'accountType' ? 'hosted-card invalid' : 'hosted-card'}
            part="card-field"
            role="group"
            aria-labelledby="field-${type}-label"
            aria-describedby=${error ? 'field-bank-error' : nothing}
            aria-busy=${this.status === 'ready' ? 'false' : 'true'}
          >
            <slot name="rebilly-bank-${type}"></slot>
          </div>
        </div>`,
      )}
      ${this.status === 'failed'
        ? html`<div><button type="button" part="retry-button" @click=${() => this.#settings && this.show(this.#settings, true)}>${t('retryLoad')}</button></div>`
        : nothing}
      ${error ? html`<span id="field-bank-error" class="field-error" part="field-error">${error}</span>` : nothing}`;
  }
}
