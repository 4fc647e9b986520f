import { LitElement, html, nothing, type PropertyValues } from 'lit';
import {
  OPTION_KEYS,
  parseConfig,
  parseJsonAttribute,
  presentationIssues,
  themeOf,
  usableMessages,
  type MissingOption,
  type RawOptions,
} from './config/index.js';
import type { ErrorCode, RebillyInstrumentsElementEventMap, RebillyInstrumentsEventMap } from './events.js';
import { CheckoutController, type CheckoutState } from './checkout/checkout-controller.js';
import { loadedCustomerModes, SUPPORTED_METHODS } from './checkout/load.js';
import {
  cardBillingAddress,
  detectBrand,
  digitsOnly,
  formatCardNumber,
  formatExpiry,
  parseExpiry,
  validateCard,
  type CardField,
  type CardInput,
} from './checkout/card.js';
import { ensureLanguage, formatMoney, isRtl, localize, resolveLocale, type Translate } from './i18n/localize.js';
import type { MessageKey, MessageOverrides } from './i18n/messages.js';
import { styles } from './styles/rebilly-instruments.styles.js';
import { renderSkeleton } from './views/skeleton.js';
import { renderSummary } from './views/summary.js';
import { renderMethods } from './views/methods.js';
import { renderCardForm } from './views/card-form.js';
import { renderApproved, renderError } from './views/result.js';
import { NEW_CARD, type CheckoutData } from './checkout/data.js';
import type { ErrorMessageContext } from './checkout/checkout-controller.js';
import { CARD_SLOT, FramepayCard, framepayStyle } from './methods/card/framepay-card.js';
import { FramepayConflict, framepayTakenByOther } from './methods/card/framepay.js';

/** Rebilly's FramePay script (its stylesheet is the same URL ending in `.css`). */
const DEFAULT_FRAMEPAY_URL = 'https://framepay.rebilly.com/framepay.js';

/** Properties whose change is an `update()` of the purchase data or the connection: every option but `locale`. */
const CONFIG_PROPERTIES = OPTION_KEYS.filter((name) => name !== 'locale');

/**
 * JSON attributes become the parsed value (`el.items` is the array), except JSON text that is a string or
 * `null`: that stays the attribute's text, so `parseConfig()` decodes it exactly once (`items='"[…]"'` is a
 * string, not an array; `deposit="null"` is a wrong value, not "not set").
 */
const jsonAttribute = {
  fromAttribute: (value: string | null) => {
    const parsed = parseJsonAttribute(value);
    return parsed === null || typeof parsed === 'string' ? value : parsed;
  },
};

/** `theme` is reflected only when it is `light` or `dark`: anything else cannot break the attribute. */
const themeAttribute = { toAttribute: (value: unknown) => themeOf(value) ?? null };

/** Maps a server `invalidFields[].field` onto the card-form field it is about. */
function formFieldOf(field: string): CardField | undefined {
  if (/pan|number/i.test(field)) return 'number';
  if (/cvv|cvc/i.test(field)) return 'cvv';
  if (/exp/i.test(field)) return 'expiry';
  if (/email/i.test(field)) return 'email';
  if (/firstName|lastName|name/i.test(field)) return 'name';
  return undefined;
}

const EMPTY_CARD: CardInput = { name: '', number: '', expiry: '', cvv: '', email: '' };

/**
 * A complete Rebilly checkout as one standard element: give it purchase data, listen for the outcome.
 *
 * @tag rebilly-instruments
 *
 * @fires data-ready - The data for the current purchase data is loaded and the form is usable. `detail: {mode, summary, paymentMethods}`
 * @fires instrument-ready - A payment token or saved instrument is ready, before the payment is submitted. `detail: {method, token?, paymentInstrumentId?, billingAddress?}`
 * @fires purchase-completed - A purchase, payment or deposit was approved. `detail: {mode, transaction, invoice?, orderId?, token?}`
 * @fires setup-completed - A setup transaction completed. `detail: {instrument, transaction}`
 * @fires payout-completed - A payout request was submitted. `detail: {payoutRequest}`
 * @fires error - Anything went wrong. Does not bubble. `detail: {code, message, status?, problem?, invalidFields?, retryable, transaction?}`
 *
 * @csspart summary - The order summary section.
 * @csspart line-items - The list of line items.
 * @csspart line-item - One line item.
 * @csspart thumbnail - A line item's image.
 * @csspart subtotal - The subtotal row.
 * @csspart discounts - The discounts row.
 * @csspart tax - The tax row.
 * @csspart shipping - The shipping row.
 * @csspart total - The total row.
 * @csspart amount-due - The amount-due row (a partly paid invoice).
 * @csspart instruments - The saved-instrument chooser (JWT modes).
 * @csspart instrument - One saved instrument (or "New card").
 * @csspart deposit-amounts - The deposit amount chooser.
 * @csspart deposit-preset - One preset deposit amount.
 * @csspart methods - The payment-method chooser.
 * @csspart method - One payment method.
 * @csspart card-form - The card form.
 * @csspart field - A form field (label, input, messages); also `field-{name}`.
 * @csspart label - A field label.
 * @csspart input - A text input; also `input-{name}`.
 * @csspart field-error - A field's error message.
 * @csspart pay-button - The pay button.
 * @csspart result - The approved view.
 * @csspart error - An error message block.
 * @csspart retry-button - The button that retries a failed step.
 * @csspart skeleton - The loading placeholder.
 * @csspart placeholder - The neutral note shown while required options are still missing (see `missing`).
 * @csspart approval - The 3-D Secure / offsite approval dialog.
 * @csspart approval-close - The button that closes (abandons) the approval.
 * @csspart approval-frame - The frame showing the approval page.
 * @csspart status - The live region that announces progress and errors.
 *
 * @cssprop --rebilly-color-background - Background colour.
 * @cssprop --rebilly-color-text - Text colour.
 * @cssprop --rebilly-color-text-muted - Secondary text colour.
 * @cssprop --rebilly-color-border - Input and divider border colour.
 * @cssprop --rebilly-color-primary - Pay button and accent colour.
 * @cssprop --rebilly-color-on-primary - Text on the pay button.
 * @cssprop --rebilly-color-danger - Error colour.
 * @cssprop --rebilly-color-success - Approved colour.
 * @cssprop --rebilly-color-surface - Summary and skeleton background.
 * @cssprop --rebilly-color-focus - Focus ring colour.
 * @cssprop --rebilly-radius - Corner radius.
 * @cssprop --rebilly-spacing - Base spacing unit.
 * @cssprop --rebilly-font-family - Font family.
 * @cssprop --rebilly-font-size - Base font size.
 * @cssprop --rebilly-max-width - Maximum inline size of the element.
 */
export class RebillyInstrumentsElement extends LitElement {
  static override styles = styles;

  // Reactive properties declared statically rather than with decorators: no decorator helpers in the bundle.
  static override properties = {
    publishableKey: { attribute: 'publishable-key' },
    organizationId: { attribute: 'organization-id' },
    websiteId: { attribute: 'website-id' },
    apiMode: { attribute: 'api-mode' },
    apiUrl: { attribute: 'api-url' },
    items: { converter: jsonAttribute },
    money: { converter: jsonAttribute },
    invoiceId: { attribute: 'invoice-id' },
    transactionId: { attribute: 'transaction-id' },
    deposit: { converter: jsonAttribute },
    payout: { converter: jsonAttribute },
    jwt: {},
    locale: {},
    redirectUrl: { attribute: 'redirect-url' },
    transactionType: { attribute: 'transaction-type' },
    fullPageRedirect: { type: Boolean, attribute: 'full-page-redirect' },
    cardFields: { attribute: 'card-fields' },
    framepayUrl: { attribute: 'framepay-url' },
    messages: { attribute: false },
    theme: { reflect: true, converter: themeAttribute },
    _card: { state: true },
    _shown: { state: true },
    _method: { state: true },
    _instrument: { state: true },
    _depositAmount: { state: true },
    _depositText: { state: true },
    _depositShown: { state: true },
    _cardShown: { state: true },
  };

  readonly #checkout = new CheckoutController(this);
  readonly #hostedCard = new FramepayCard(this, (error) => this.#onHostedCardError(error));
  /** The customer tried to pay: the hosted card field's error shows. */
  private _cardShown = false;

  private _card: CardInput = { ...EMPTY_CARD };
  private _shown = new Set<CardField>();
  private _method = 'payment-card';
  /** Selected saved instrument id, or NEW_CARD; '' = the customer's default. */
  private _instrument = '';
  private _depositAmount: number | undefined = undefined;
  private _depositText = '';
  private _depositShown = false;
  /** The data the form was last prepared for (prefill and deposit default happen once per data). */
  #preparedFor: CheckoutData | undefined;

  /** Publishable key (`pk_sandbox_…` / `pk_live_…`). A secret key is refused (`insecure-key`) and never sent. */
  publishableKey?: string;
  /** Organization id; goes into the API base URL. May come from the JWT's `merchant` claim. */
  organizationId?: string;
  /** Website id. May come from the JWT claims, an invoice or a transaction. */
  websiteId?: string;
  /** `sandbox` or `live`; inferred from the key prefix when absent. */
  apiMode?: 'sandbox' | 'live';
  /** API origin override (emulator, proxy). May carry a path prefix. */
  apiUrl?: string;
  /** Cart of plans: `[{planId, quantity, thumbnail?}]` (JSON in the attribute). */
  items?: unknown;
  /** A plain amount: `{amount, currency}` (JSON in the attribute). */
  money?: unknown;
  /** Pay one invoice (needs `jwt`). */
  invoiceId?: string;
  /** Pay toward one transaction (needs `jwt`). */
  transactionId?: string;
  /** Deposit: `{depositRequestId}` or `{currency, amount?}` (needs `jwt`). */
  deposit?: unknown;
  /** Payout: `{payoutRequestId}` (needs `jwt`). */
  payout?: unknown;
  /** Customer JWT. Never reflected to an attribute, never logged. */
  jwt?: string;
  /** BCP 47 locale; default: the page's `lang`, then the browser's language. */
  locale?: string;
  /** Where offsite / 3-D Secure approval returns (absolute URL). */
  redirectUrl?: string;
  /** `purchase` (default) or `setup`. */
  transactionType?: 'purchase' | 'setup';
  /**
   * Approve 3-D Secure / offsite payments by navigating the whole page (and back to `redirect-url`, or this
   * page) instead of in a modal dialog. The element on the return page settles the payment.
   */
  fullPageRedirect = false;
  /** Added or overriding messages by language: `{ es: { payButton: 'Pagar {amount}' } }`. */
  messages: MessageOverrides = {};
  /**
   * `framepay` (default): the card number, expiry and CVC are typed into Rebilly's FramePay hosted fields
   * (iframes), so no script of the page can read them (PCI SAQ A). `inline`: the element's own fields (the
   * page's scripts can reach the card data: SAQ A-EP at best); opt-in, never a fallback.
   */
  cardFields?: 'framepay' | 'inline';
  /** FramePay's script; default `https://framepay.rebilly.com/framepay.js` (stylesheet: the same URL in `.css`). */
  framepayUrl?: string;
  /** `light` or `dark` forces a colour scheme; absent follows `prefers-color-scheme`. */
  theme?: 'light' | 'dark';

  /** Where the flow is: `idle | loading | ready | paying | approving | completed | failed`. Read-only. */
  get state(): CheckoutState {
    return this.#checkout.state;
  }

  /**
   * What the checkout still waits for, read-only: `[]` when nothing is missing. Incomplete is not invalid:
   * while an option is merely missing, `state` stays `idle`, nothing is requested, no `error` event is
   * dispatched and a neutral placeholder is shown. The names: `purchaseData` (one of `items`, `money`,
   * `invoiceId`, `transactionId`, `deposit`, `payout` or `jwt`), `jwt` (for an invoice, transaction, deposit
   * or payout), `publishableKey` (or a `jwt`, for items and money), `organizationId`, `websiteId`.
   */
  get missing(): readonly MissingOption[] {
    return this.#checkout.missing;
  }

  /** `presentationIssues()` of the current `messages`/`theme`, as JSON: a change re-validates the config. */
  #presentationProblems = '[]';

  #t: Translate = localize('en');
  #languageLoading: Promise<void> | undefined;

  /** `updateComplete` also waits for a language catalogue being loaded, so it resolves with the final text. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    while (this.#languageLoading) {
      const pending = this.#languageLoading;
      await pending;
      if (this.#languageLoading === pending) this.#languageLoading = undefined;
      result = await super.getUpdateComplete();
    }
    return result;
  }
  #locale = 'en';

  override connectedCallback(): void {
    super.connectedCallback();
    this.#syncBusy();
    // Re-attached during an approval: the dialog left the top layer when detached; make it modal again.
    if (this.hasUpdated) this.#syncApprovalDialog();
  }

  /**
   * Purchase data and connection options feed the checkout (an `update()`); they change nothing on screen by
   * themselves, so a burst of them renders only when what the checkout shows changes (loading, new data,
   * an error), not once per assignment.
   */
  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    let configChanged = CONFIG_PROPERTIES.some((name) => changed.has(name));
    if (changed.has('messages') || changed.has('theme')) {
      // Valid → valid changes only re-render; becoming (or ceasing to be) wrong is a config change.
      const problems = JSON.stringify(presentationIssues(this.messages, this.theme));
      if (problems !== this.#presentationProblems) configChanged = true;
      this.#presentationProblems = problems;
    }
    if (!this.hasUpdated || configChanged) {
      const checkout = this.#checkout;
      const before = [checkout.state, checkout.data, checkout.failure, checkout.paymentError];
      checkout.configure(parseConfig(this.#rawOptions()));
      const after = [checkout.state, checkout.data, checkout.failure, checkout.paymentError];
      if (before.some((value, i) => value !== after[i])) return true;
    }
    if (!this.hasUpdated || changed.size === 0) return true;
    return [...changed.keys()].some((name) => !(CONFIG_PROPERTIES as readonly PropertyKey[]).includes(name));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale') || changed.has('messages') || !this.hasUpdated) {
      const locale = resolveLocale(this.locale, this);
      this.#locale = locale;
      this.#t = localize(locale, usableMessages(this.messages));
      const pending = ensureLanguage(locale);
      if (pending) {
        // English until the language's catalogue arrives, then the same render in that language.
        this.#languageLoading = pending.then(() => {
          if (this.#locale !== locale) return;
          this.#t = localize(locale, usableMessages(this.messages));
          this.requestUpdate();
        });
      }
    }
    if (this.#checkout.data) this.#prepare(this.#checkout.data);
  }

  protected override updated(): void {
    this.#syncBusy();
    this.#syncApprovalDialog();
    this.#syncHostedCard();
    if (this.state === 'completed' && !this.#focusedResult) {
      this.#focusedResult = true;
      this.renderRoot.querySelector<HTMLElement>('[part~="result"]')?.focus();
    } else if (this.state !== 'completed') {
      this.#focusedResult = false;
    }
  }

  #focusedResult = false;

  /** Opens the approval dialog as a modal (focus trapped, the page inert) and restores focus after it. */
  #syncApprovalDialog(): void {
    const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog[part~="approval"]');
    if (dialog && (!dialog.open || !dialog.matches(':modal')) && this.isConnected) {
      if (dialog.open) dialog.close();
      dialog.showModal();
      this.#approvalWasOpen = true;
    } else if (!dialog && this.#approvalWasOpen) {
      this.#approvalWasOpen = false;
      this.renderRoot.querySelector<HTMLElement>('[part~="pay-button"]')?.focus();
    }
  }

  #approvalWasOpen = false;

  #usesFramepay(): boolean {
    return this.cardFields !== 'inline';
  }

  /**
   * FramePay starts loading as soon as the config is known (beside the first API round), and the card field
   * is mounted once the data offers a card and a new card pays.
   */
  #syncHostedCard(): void {
    const config = this.#checkout.config;
    const card = this.#hostedCard;
    if (!config || !this.#usesFramepay()) {
      if (card.status !== 'idle' && !this.#usesFramepay()) card.destroy();
      return;
    }
    const scriptUrl = this.framepayUrl || DEFAULT_FRAMEPAY_URL;
    // Known as soon as the config is: say it at once, not after the data loaded.
    const taken = framepayTakenByOther(config.credential.value, config.organizationId);
    if (taken && this.#conflictFor !== config) {
      this.#conflictFor = config;
      this.#onHostedCardError(new FramepayConflict());
    }
    if (taken) return;
    card.preload(scriptUrl);
    const data = this.#checkout.data;
    if (!data || !this.#offersCard(data) || this.#selectedInstrument(data) !== NEW_CARD) return;
    card.show({
      scriptUrl,
      credential: config.credential,
      organizationId: config.organizationId,
      websiteId: data.websiteId,
      apiMode: config.apiMode,
      locale: this.#locale,
      style: framepayStyle(this),
    });
  }

  /** The config a FramePay conflict was reported for (reported once per config). */
  #conflictFor: object | undefined;

  #offersCard(data: CheckoutData): boolean {
    return data.paymentMethods.some((m) => m.method === 'payment-card');
  }

  /** FramePay could not be used: the rest of the element stays usable (saved cards). */
  #onHostedCardError(error: unknown): void {
    if (error instanceof FramepayConflict) {
      this.emit('error', { code: 'invalid-config', message: this.#t('error.framepay-conflict'), retryable: false });
    } else {
      this.emit('error', { code: 'network', message: this.#t('cardUnavailable'), retryable: true });
    }
  }

  /** Typed listeners: `el.addEventListener('error', (e) => e.detail.code)` type-checks. */
  override addEventListener<K extends keyof RebillyInstrumentsElementEventMap>(
    type: K,
    listener: (this: RebillyInstrumentsElement, event: RebillyInstrumentsElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void {
    super.addEventListener(type, listener, options);
  }

  override removeEventListener<K extends keyof RebillyInstrumentsElementEventMap>(
    type: K,
    listener: (this: RebillyInstrumentsElement, event: RebillyInstrumentsElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void {
    super.removeEventListener(type, listener, options);
  }

  /**
   * Dispatches one of the element's events (bubbling and composed, except `error`, like native errors).
   * @internal
   */
  emit<K extends keyof RebillyInstrumentsEventMap>(name: K, detail: RebillyInstrumentsEventMap[K]['detail']): void {
    const bubbles = name !== 'error';
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles, composed: bubbles }));
  }

  /**
   * The human message for an error code, in the element's locale.
   * @internal
   */
  errorMessage(code: ErrorCode, context: ErrorMessageContext = {}): string {
    if (context.unsafeApproval) return this.#t('error.server-unsafe-approval');
    if (context.declineReason !== undefined) {
      return context.declineReason
        ? this.#t('declinedBody', { reason: context.declineReason })
        : this.#t('declinedNoReason');
    }
    if (context.notPayable) {
      return this.#t(`notPayable.${context.notPayable.what}` as MessageKey, { status: context.notPayable.status });
    }
    if (context.afterSubmit) {
      return this.#t(code === 'network' || code === 'timeout' ? `error.${code}-payment` : 'error.unknown-payment');
    }
    return this.#t(`error.${code}` as MessageKey, { details: context.details ?? '' });
  }

  #rawOptions(): RawOptions {
    return Object.fromEntries([...OPTION_KEYS, 'messages', 'theme'].map((name) => [name, this[name as 'theme']]));
  }

  #syncBusy(): void {
    const busy = this.state === 'loading' || this.state === 'paying' || this.state === 'approving';
    this.toggleAttribute('aria-busy', busy);
    if (busy) this.setAttribute('aria-busy', 'true');
  }

  #onInput = (field: CardField, value: string): string => {
    let next = value;
    if (field === 'number') next = formatCardNumber(value);
    else if (field === 'expiry') next = value.length < this._card.expiry.length ? value : formatExpiry(value);
    else if (field === 'cvv') next = digitsOnly(value).slice(0, 4);
    this._card = { ...this._card, [field]: next };
    if (this.#checkout.fieldErrors.length || this.#checkout.paymentError) this.#checkout.dismissPaymentError();
    return next;
  };

  #onBlur = (field: CardField): void => {
    if (this._card[field] && !this._shown.has(field)) this._shown = new Set([...this._shown, field]);
  };

  /**
   * Submits the payment exactly as the pay button does: the same validation and the same single-attempt
   * guard. Returns false (and shows the field errors) when the form is invalid or the checkout is not
   * `ready`; true when a payment attempt started.
   */
  requestSubmit(): boolean {
    return this.#onSubmit();
  }

  #onSubmit = (): boolean => {
    if (this.state !== 'ready') return false;
    const data = this.#checkout.data!;
    let amount: number | undefined;
    if (data.deposit) {
      amount = this._depositAmount;
      if (loadedCustomerModes()!.depositAmountProblem(amount, data.deposit)) {
        this._depositShown = true;
        this.#announce(this.#t('formHasErrors'));
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#field-amount')?.focus());
        return false;
      }
    }
    const instrument = this.#selectedInstrument(data);
    if (instrument !== NEW_CARD) {
      void this.#checkout.pay({ kind: 'saved', paymentInstrumentId: instrument }, amount);
      return true;
    }
    const problems = this.#cardProblems();
    const invalid = Object.keys(problems) as CardField[];
    if (this.#usesFramepay()) return this.#submitHostedCard(invalid, amount);
    if (invalid.length) {
      this._shown = new Set(['name', 'number', 'expiry', 'cvv', 'email']);
      this.#announce(this.#t('formHasErrors'));
      void this.updateComplete.then(() => {
        const order: CardField[] = ['email', 'name', 'number', 'expiry', 'cvv'];
        const first = order.find((f) => invalid.includes(f));
        this.renderRoot.querySelector<HTMLInputElement>(`#field-${first}`)?.focus();
      });
      return false;
    }
    const expiry = parseExpiry(this._card.expiry)!;
    void this.#checkout.pay(
      {
        kind: 'card',
        card: {
          method: 'payment-card',
          pan: digitsOnly(this._card.number),
          cvv: this._card.cvv.trim(),
          expMonth: expiry.month,
          expYear: expiry.year,
          name: this._card.name.trim(),
          email: this._card.email.trim() || undefined,
        },
      },
      amount,
    );
    return true;
  };

  /**
   * FramePay's card: the name (and email) are checked here, the card by FramePay's own `change` events; the
   * token is made by FramePay's frames inside the payment attempt (`collect`), so the card never passes here.
   */
  #submitHostedCard(invalid: CardField[], amount: number | undefined): boolean {
    const card = this.#hostedCard;
    if (invalid.length || !card.complete || card.status !== 'ready') {
      this._shown = new Set(['name', 'email']);
      this._cardShown = true;
      this.#announce(this.#t('formHasErrors'));
      void this.updateComplete.then(() => {
        const first = (['email', 'name'] as const).find((f) => invalid.includes(f));
        if (first) this.renderRoot.querySelector<HTMLInputElement>(`#field-${first}`)?.focus();
        else card.focus();
      });
      return false;
    }
    const billingAddress = cardBillingAddress(this._card.name.trim(), this._card.email.trim() || undefined);
    void this.#checkout.pay({ kind: 'collect', method: 'payment-card', collect: () => card.collect(billingAddress) }, amount);
    return true;
  }

  /** The saved instrument that pays, or NEW_CARD (the default instrument is preselected). */
  #selectedInstrument(data: CheckoutData): string {
    const ids = data.savedInstruments.map((i) => i.id);
    if (this._instrument === NEW_CARD || ids.includes(this._instrument)) return this._instrument;
    if (data.defaultInstrumentId && ids.includes(data.defaultInstrumentId)) return data.defaultInstrumentId;
    return ids[0] ?? NEW_CARD;
  }

  /** Once per loaded data: prefill the cardholder name and the deposit's default amount. */
  #prepare(data: CheckoutData): void {
    if (this.#preparedFor === data) return;
    this.#preparedFor = data;
    if (data.customerName && !this._card.name) this._card = { ...this._card, name: data.customerName };
    if (data.deposit && this._depositText === '') this._depositAmount = data.deposit.initial;
  }

  #needsEmail(): boolean {
    const config = this.#checkout.config;
    return !!config && config.credential.kind === 'publishable';
  }

  #cardProblems() {
    const card = this.#checkout.data?.paymentMethods.find((m) => m.method === 'payment-card');
    const brands = Array.isArray(card?.['brands']) ? (card['brands'] as string[]) : undefined;
    const problems = validateCard(this._card, { needsEmail: this.#needsEmail(), acceptedBrands: brands });
    // With FramePay, only the name and email are this element's fields.
    if (this.#usesFramepay()) {
      return Object.fromEntries(Object.entries(problems).filter(([field]) => field === 'name' || field === 'email'));
    }
    return problems;
  }

  #renderHostedCard() {
    const card = this.#hostedCard;
    const t = this.#t;
    const conflict = this.#conflictFor === this.#checkout.config || card.failure instanceof FramepayConflict;
    const failed = conflict || card.status === 'failed';
    return {
      slot: CARD_SLOT,
      loading: !failed && (card.status === 'loading' || card.status === 'idle'),
      error: failed
        ? t(conflict ? 'error.framepay-conflict' : 'cardUnavailable')
        : (card.problem ?? (this._cardShown && !card.complete ? t('cardIncomplete') : undefined)),
      failed:
        failed && !conflict
          ? html`<div><button type="button" part="retry-button" @click=${() => card.retry()}>${t('retryLoad')}</button></div>`
          : undefined,
    };
  }

  #liveMessage = '';
  #announce(message: string): void {
    this.#liveMessage = message;
    this.requestUpdate();
  }

  #statusText(): string {
    switch (this.state) {
      case 'loading':
        return this.#t('loading');
      case 'paying':
        return this.#t('paying');
      case 'approving':
        return this.#t('approving');
      default:
        return this.#liveMessage;
    }
  }

  protected override render() {
    const t = this.#t;
    const checkout = this.#checkout;
    const dir = isRtl(this.#locale) ? 'rtl' : 'ltr';
    const failure = checkout.failure;
    return html`<div class="root" dir=${dir} lang=${this.#locale}>
      <div part="status" class="visually-hidden" role="status" aria-live="polite">${this.#statusText()}</div>
      <div role="alert" aria-live="assertive" class="alerts">
        ${failure ? renderError(t, failure, failure.retryable ? { retry: () => checkout.retry() } : {}) : nothing}
        ${!failure && checkout.paymentError ? this.#renderPaymentError() : nothing}
      </div>
      ${this.#renderBody()} ${this.#renderApproval()}
    </div>`;
  }

  #renderApproval() {
    const approval = this.#checkout.approval;
    if (!approval || this.state !== 'approving') return nothing;
    const t = this.#t;
    const close = () => this.#checkout.abandonApproval();
    return html`<dialog
      part="approval"
      aria-labelledby="approval-title"
      @cancel=${(e: Event) => {
        e.preventDefault();
        close();
      }}
    >
      <div class="approval-head">
        <h2 id="approval-title">${t('approvalTitle')}</h2>
        <button type="button" part="approval-close" @click=${close}>${t('approvalClose')}</button>
      </div>
      <iframe
        part="approval-frame"
        title=${t('approvalFrame')}
        src=${approval.url}
        sandbox="allow-forms allow-scripts allow-same-origin allow-popups"
        referrerpolicy="no-referrer"
        @load=${() => this.#checkout.approvalNavigated()}
      ></iframe>
    </dialog>`;
  }

  #renderPaymentError() {
    const checkout = this.#checkout;
    const error = checkout.paymentError!;
    if (checkout.uncertain) {
      // Paying again is one deliberate click away, never the pay button's.
      return renderError(this.#t, error, {
        title: this.#t('uncertainTitle'),
        retry: () => checkout.confirmUncertain(),
        retryLabel: this.#t('uncertainConfirm'),
      });
    }
    if (error.code === 'payment-declined') {
      return renderError(this.#t, error, { title: this.#t('declinedTitle') });
    }
    return renderError(this.#t, error);
  }

  #renderBody() {
    const checkout = this.#checkout;
    const t = this.#t;
    const data = checkout.data;
    if (checkout.state === 'completed' && checkout.completed) return this.#renderResult();
    if (!data) {
      if (checkout.state === 'idle' && checkout.missing.length) {
        return html`<p part="placeholder" class="placeholder">${t('waitingForDetails')}</p>`;
      }
      return checkout.state === 'loading' || checkout.state === 'idle' ? renderSkeleton() : nothing;
    }
    if (checkout.state === 'failed' && !checkout.uncertain) return nothing;
    const locale = this.#locale;
    const brand = detectBrand(this._card.number);
    const serverErrors: Partial<Record<CardField, string>> = {};
    for (const issue of checkout.fieldErrors) {
      const field = formFieldOf(issue.field);
      if (field && !serverErrors[field]) serverErrors[field] = issue.message;
    }
    const busy =
      checkout.state === 'paying' || checkout.state === 'approving' || checkout.state === 'loading' || checkout.uncertain;
    const instrument = this.#selectedInstrument(data);
    const amount = data.deposit ? (this._depositAmount ?? 0) : data.amount;
    const money = formatMoney(amount, data.currency, locale);
    const payLabel =
      data.mode === 'payout'
        ? t('payoutButton', { amount: money })
        : data.setup || (data.mode === 'jwt' && !data.invoice && !data.transaction)
          ? t('saveCardButton')
          : t('payButton', { amount: money });
    // Deposits and saved cards exist only in data the customer modes loaded, so their views are loaded too.
    const customer = loadedCustomerModes();
    const leading = html`${data.deposit && customer
      ? customer.renderDepositAmount(
          data.deposit,
          { amount: this._depositAmount, customText: this._depositText, showError: this._depositShown },
          {
            preset: (value) => {
              this._depositAmount = value;
              this._depositText = '';
            },
            custom: (text) => {
              this._depositText = text;
              const value = Number(text.replace(',', '.'));
              this._depositAmount = text.trim() && Number.isFinite(value) ? value : undefined;
            },
            blur: () => (this._depositShown = this._depositText !== ''),
          },
          t,
          locale,
        )
      : nothing}
    ${data.savedInstruments.length && customer
      ? customer.renderInstruments(data.savedInstruments, instrument, (id) => (this._instrument = id), t)
      : nothing}`;
    return html`
      ${data.summary && !data.deposit ? renderSummary(data.summary, t, locale) : nothing}
      ${instrument === NEW_CARD
        ? renderMethods(
            data.paymentMethods.filter((m) => SUPPORTED_METHODS.has(m.method)),
            this._method,
            (m) => (this._method = m),
            t,
          )
        : nothing}
      ${renderCardForm(
        {
          input: this._card,
          problems: this.#cardProblems(),
          serverErrors,
          shown: this._shown,
          brand: brand?.name,
          cvvLength: brand?.cvvLength ?? 3,
          needsEmail: this.#needsEmail(),
          busy,
          payLabel,
          showCard: instrument === NEW_CARD,
          leading,
          ...(this.#usesFramepay() ? { hosted: this.#renderHostedCard() } : {}),
        },
        { input: this.#onInput, blur: this.#onBlur, submit: this.#onSubmit },
        t,
      )}
    `;
  }

  #renderResult() {
    const t = this.#t;
    const result = this.#checkout.completed!;
    const data = this.#checkout.data;
    const locale = this.#locale;
    switch (result.kind) {
      case 'purchase': {
        const txn = result.detail.transaction;
        const amount =
          typeof txn.amount === 'number' && txn.currency
            ? formatMoney(txn.amount, txn.currency, locale)
            : data
              ? formatMoney(data.amount, data.currency, locale)
              : '';
        return renderApproved(t, t('approvedTitle'), t('approvedBody', { amount }), txn.id);
      }
      case 'setup':
        return renderApproved(t, t('setupTitle'), t('setupBody'), result.detail.transaction.id);
      case 'instrument':
        return renderApproved(t, t('setupTitle'), t('setupBody'), undefined);
      case 'payout': {
        const request = result.detail.payoutRequest as { amount?: number; currency?: string; id?: string };
        const amount =
          typeof request.amount === 'number' && request.currency ? formatMoney(request.amount, request.currency, locale) : '';
        return renderApproved(t, t('payoutTitle'), t('payoutBody', { amount }), request.id);
      }
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'rebilly-instruments': RebillyInstrumentsElement;
  }
}
