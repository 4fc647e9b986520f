import { LitElement, adoptStyles, html, nothing, type PropertyValues } from 'lit';
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
import type { BillingAddress, ErrorCode, RebillyInstrumentsElementEventMap, RebillyInstrumentsEventMap } from './events.js';
import { CheckoutController, type CheckoutState } from './checkout/checkout-controller.js';
import { ensureLanguage, formatMoney, isRtl, localize, resolveLocale, type Translate } from './i18n/localize.js';
import { en, type MessageKey, type MessageOverrides } from './i18n/messages.js';
import { styles } from './styles/rebilly-instruments.styles.js';
import { renderSkeleton, skeletonShape } from './views/skeleton.js';
import { renderPaymentProblem } from './views/payment-problem.js';
import { paidWith } from './methods/paid-with.js';
import { renderSummary } from './views/summary.js';
import { renderPaymentForm } from './views/card-form.js';
import { renderError, renderNotice, renderResult } from './views/result.js';
import { renderApprovalDialog } from './views/approval.js';
import { SavedChoice } from './methods/saved/saved-choice.js';
import { DepositAmount } from './methods/deposit-amount.js';
import { NEW_CARD, type CheckoutData } from './checkout/data.js';
import type { ErrorMessageContext } from './checkout/checkout-controller.js';
import { FramepayConflict } from './methods/card/framepay.js';
import { CardEntry } from './methods/card/card-entry.js';
import { Cardholder } from './methods/cardholder.js';
import { MethodChoice } from './methods/method-choice.js';
import { offerOf } from './methods/registry.js';
import type { FramepayToken } from './methods/card/framepay.js';
import type { OrderForm } from './order/order-form.js';

/** After this long, a payment still running says so ("Still processing…"). */
const SLOW_PAYMENT_MS = 4000;

/** The form saves a card (a setup, or a customer JWT with nothing to pay) rather than paying. */
function isCardSave(data: CheckoutData): boolean {
  return !!data.setup || (data.mode === 'jwt' && !data.invoice && !data.transaction);
}

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

/**
 * A complete Rebilly checkout as one standard element: give it purchase data, listen for the outcome.
 *
 * @tag rebilly-instruments
 *
 * @fires data-ready - The data for the current purchase data is loaded and the form is usable. `detail: {mode, summary, paymentMethods, order?}`
 * @fires instrument-ready - A payment token or saved instrument is ready, before the payment is submitted. `detail: {method, token?, paymentInstrumentId?, billingAddress?}`
 * @fires purchase-completed - A purchase, payment or deposit was approved. `detail: {mode, transaction, invoice?, orderId?, token?, order?}`
 * @fires setup-completed - A setup transaction completed. `detail: {instrument, transaction}`
 * @fires payout-completed - A payout request was submitted. `detail: {payoutRequest}`
 * @fires error - Anything went wrong. Does not bubble. `detail: {code, message, status?, problem?, invalidFields?, retryable, transaction?, outcomeUnknown?}`
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
 * @csspart recurring - Beside the pay button: what an order charges after today.
 * @csspart order - The order's inputs (items): coupons, addresses, shipping rates.
 * @csspart coupons - The coupon control.
 * @csspart coupons-applied - The list of applied coupons.
 * @csspart coupon-apply - The coupon's Apply button.
 * @csspart coupon-remove - An applied coupon's Remove button.
 * @csspart address - A billing or delivery address fieldset.
 * @csspart address-billing - The billing address fieldset.
 * @csspart address-delivery - The delivery address fieldset.
 * @csspart shipping-rates - The shipping rate choice.
 * @csspart shipping-rate - One shipping rate.
 * @csspart quantity - An editable quantity's stepper in a summary line.
 * @csspart instruments - The saved-instrument chooser (JWT modes).
 * @csspart instrument - One saved instrument (or "New card").
 * @csspart deposit-amounts - The deposit amount chooser.
 * @csspart deposit-preset - One preset deposit amount.
 * @csspart wallets - The express wallet buttons (FramePay's Google Pay, Apple Pay and PayPal, slotted in).
 * @csspart methods - The payment-method chooser.
 * @csspart method - One payment method.
 * @csspart brands - A way to pay's marks at the inline-end of its row or heading: the accepted card brands, or the method's own mark.
 * @csspart brand-mark - One mark (inline SVG, decorative): a card brand, a generic card, bank account, wallet or offsite method; also the detected brand inside the card number's box.
 * @csspart card-form - The card form.
 * @csspart field - A form field (label, input, messages); also `field-{name}`.
 * @csspart label - A field label.
 * @csspart input - A text input; also `input-{name}`.
 * @csspart field-error - A field's error message.
 * @csspart pay-button - The pay button.
 * @csspart secured - The quiet "Secured by Rebilly" line under the pay button.
 * @csspart result - The approved view (card saved, payout requested): a check mark, the title, then the facts.
 * @csspart result-mark - The result's check mark.
 * @csspart result-facts - The result's facts (amount, date, the way it was paid, reference).
 * @csspart result-amount - The amount fact.
 * @csspart result-date - The date fact.
 * @csspart result-method - The way it was paid (the card saved, the payout's destination).
 * @csspart result-reference - The short reference (the whole id is its title).
 * @csspart result-summary - What was paid for: the order summary, collapsed.
 * @csspart notice - A neutral note instead of the form when there is nothing to pay (an invoice already paid).
 * @csspart error - An error message block; a payment's problem sits right above the pay button, focused.
 * @csspart retry-button - The button that retries a failed step.
 * @csspart skeleton - The loading placeholder.
 * @csspart placeholder - The neutral note shown while required options are still missing (see `missing`).
 * @csspart approval - The 3-D Secure / offsite approval dialog.
 * @csspart approval-close - The button that closes (abandons) the approval.
 * @csspart approval-frame - The frame showing the approval page.
 * @csspart card-field - The frame around FramePay's hosted card field (slotted in from the light DOM).
 * @csspart status - The live region that announces progress and errors.
 *
 * @cssprop --rebilly-color-background - Background colour (`transparent` lets the element sit on the page).
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
    coupons: { converter: jsonAttribute },
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
    addressFields: { attribute: 'address-fields' },
  };

  readonly #checkout: CheckoutController = new CheckoutController(this, {
    collectable: (method) => offerOf(method) !== undefined,
    prepareFor: (data) => this.#methods.prepare(data),
    prepare: (): Promise<void> =>
      Promise.all([
        this.#card.prepare(),
        this.#checkout.config?.credential.kind === 'jwt' ? this.#loadCustomerViews() : undefined,
        this.#checkout.config?.mode === 'items' ? this.#loadOrderForm() : undefined,
      ]).then(() => {}),
  });
  /** The views of the customer-JWT modes (saved instruments, deposit amounts), loaded on demand. */
  #customerViews: typeof import('./views/customer-views.js') | undefined;

  #loadCustomerViews(): Promise<unknown> {
    return import('./views/customer-views.js').then((views) => (this.#customerViews = views));
  }
  /** An items order's inputs (quantities, coupons, addresses, shipping), loaded on demand with its styles. */
  #order: OrderForm | undefined;

  async #loadOrderForm(): Promise<void> {
    if (this.#order) return;
    const { OrderForm, orderStyles } = await import('./order/order-form.js');
    this.#order ??= new OrderForm({
      update: (patch) => this.#checkout.updateOrder(patch),
      requestUpdate: () => this.#edited(),
      fullBillingAddress: () => this.addressFields === 'full',
    });
    adoptStyles(this.renderRoot as ShadowRoot, [...RebillyInstrumentsElement.elementStyles, orderStyles]);
  }
  readonly #cardholder = new Cardholder(() => this.#edited());
  readonly #saved = new SavedChoice(() => this.requestUpdate());
  readonly #deposit = new DepositAmount(() => this.requestUpdate());
  readonly #card = new CardEntry(this, {
    kind: () => (this.cardFields === 'inline' ? 'inline' : 'framepay'),
    edited: () => this.#edited(),
    onError: (error) => this.#onHostedCardError(error),
  });
  readonly #methods = new MethodChoice(this, this.#card, {
    onError: (error) => this.#onHostedCardError(error),
    onWalletToken: (token) => this.#payWithWallet(token),
  });

  /** Selected saved instrument id, or NEW_CARD; '' = the customer's default. */
  /** The data the form was last prepared for (prefill and deposit default happen once per data). */
  #preparedFor: CheckoutData | undefined;
  #fieldErrorsShown: readonly unknown[] | undefined;

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
  /** Coupon codes applied from the start, with items: `["WELCOME10"]` (JSON in the attribute). */
  coupons?: unknown;
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
  /**
   * The billing address an items checkout asks for: `postal` (default: country and postal code, what tax
   * needs) or `full` (street and city too).
   */
  addressFields?: 'postal' | 'full';

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
    this.#trackState();
    if (this.#checkout.data) this.#prepare(this.#checkout.data);
    const config = this.#checkout.config;
    this.#cardholder.needsEmail = !!config && config.credential.kind === 'publishable';
    const fieldErrors = this.#checkout.fieldErrors;
    if (fieldErrors !== this.#fieldErrorsShown) {
      // 422 `invalidFields` of the last attempt, shown next to the fields they name.
      this.#fieldErrorsShown = fieldErrors;
      this.#cardholder.showServerErrors(fieldErrors);
      if (this.#checkout.data) this.#methods.entry(this.#checkout.data, this.#t)?.showServerErrors?.(fieldErrors);
    }
  }

  protected override updated(): void {
    this.#syncBusy();
    this.#syncApprovalDialog();
    this.#showPaymentError();
    const data = this.#checkout.data;
    const config = this.#checkout.config;
    const newCard = !!data && this.#saved.selected(data) === NEW_CARD && this.#methods.entry(data, this.#t) === this.#card.current;
    const context = { websiteId: data?.websiteId, locale: this.#locale };
    this.#card.sync(config, newCard, context, this.framepayUrl);
    this.#methods.sync(config, data, config ? this.#card.settings(config, context, this.framepayUrl) : undefined, this.#t);
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

  /**
   * A new payment problem is where the customer looks: focus moves to it (its heading names it) and it is
   * scrolled into view, next to the pay button. Once per problem, after the approval dialog gave focus back.
   */
  #showPaymentError(): void {
    const error = this.#checkout.paymentError;
    if (error === this.#errorShown) return;
    this.#errorShown = error;
    const block = error ? this.renderRoot.querySelector<HTMLElement>('#payment-error') : null;
    if (!block) return;
    block.focus({ preventScroll: true });
    block.scrollIntoView?.({ block: 'nearest' });
  }

  #errorShown: unknown;




  /**
   * On each change of state: a note announced for the last state (form errors) no longer applies, and a
   * payment still running after a few seconds says so.
   */
  #trackState(): void {
    const state = this.#checkout.state;
    if (state === this.#lastState) return;
    this.#lastState = state;
    this.#liveMessage = '';
    clearTimeout(this.#slowTimer);
    this.#slow = false;
    if (state === 'paying') {
      this.#slowTimer = setTimeout(() => {
        this.#slow = true;
        this.requestUpdate();
      }, SLOW_PAYMENT_MS);
    }
  }

  #lastState: CheckoutState | undefined;
  #slowTimer: ReturnType<typeof setTimeout> | undefined;
  /** The payment has been running for {@link SLOW_PAYMENT_MS}. */
  #slow = false;

  /** The customer changed an input: a payment error shown for the last attempt no longer applies. */
  #edited(): void {
    if (this.#checkout.fieldErrors.length || (this.#checkout.paymentError && !this.#checkout.uncertain)) {
      this.#checkout.dismissPaymentError();
    }
    this.requestUpdate();
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
      // The gateway's reason only when it gave one; a card being saved is not a payment.
      const save = !!this.#checkout.data && isCardSave(this.#checkout.data);
      return context.declineReason
        ? this.#t(save ? 'setupDeclinedBody' : 'declinedBody', { reason: context.declineReason })
        : this.#t(save ? 'setupDeclinedNoReason' : 'declinedNoReason');
    }
    if (context.notPayable) {
      // Known statuses say what happened in words ("already paid"); others name the status.
      const { what, status } = context.notPayable;
      const known = `notPayable.${what}.${status}`;
      return this.#t((known in en ? known : `notPayable.${what}`) as MessageKey, { status });
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
      amount = this.#deposit.amount;
      if (!this.#deposit.validate(this.#customerViews!, data.deposit)) {
        this.#announce(this.#t('formHasErrors'));
        void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#field-amount')?.focus());
        return false;
      }
    }
    const saved = this.#saved.instruction(data);
    if (saved) {
      void this.#checkout.pay(saved, amount);
      return true;
    }
    if (!this.#orderReady(data)) return false;
    const entry = this.#methods.entry(data, this.#t);
    if (!entry) return false;
    // Every problem shows at once; focus goes to the first, in the form's order.
    const firstHolderProblem = this.#cardholder.validate();
    const entryValid = entry.validate();
    if (firstHolderProblem || !entryValid) {
      this.#announce(this.#t('formHasErrors'));
      void this.updateComplete.then(() => {
        if (firstHolderProblem) this.renderRoot.querySelector<HTMLInputElement>(`#field-${firstHolderProblem}`)?.focus();
        else entry.focus();
      });
      return false;
    }
    // The order's billing address (country, postal code…) with the cardholder's name: the token's.
    const billingAddress = { ...this.#order?.billingAddress(), ...this.#cardholder.billingAddress() };
    const config = this.#checkout.config!;
    void this.#checkout.pay(
      { kind: 'collect', method: entry.method, collect: () => entry.collect(billingAddress, config), approval: entry.approval ?? 'frame' },
      amount,
    );
    return true;
  };

  /**
   * An order change still being typed is priced first; a shippable order needs its delivery address. Says
   * what is wrong (focus on the first field) and returns false.
   */
  #orderReady(data: CheckoutData): boolean {
    const problem = data.order ? this.#order?.validate(data.order) : undefined;
    if (!problem) return true;
    this.#announce(this.#t(problem === 'pending' ? 'orderUpdating' : 'formHasErrors'));
    if (problem !== 'pending') void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#${problem}`)?.focus());
    return false;
  }

  /** A wallet's sheet approved: its token pays (exactly once, like the pay button; ignored while paying). */
  #payWithWallet(token: FramepayToken): void {
    const data = this.#checkout.data;
    if (this.state !== 'ready' || !data) return;
    // The order must be payable as with the pay button (a shippable order needs its delivery address).
    if (!this.#orderReady(data)) return;
    const amount = data.deposit ? this.#deposit.amount : undefined;
    const billingAddress = token.billingAddress as BillingAddress | undefined;
    void this.#checkout.pay(
      { kind: 'collect', method: token.method ?? 'digital-wallet', collect: async () => ({ token: token.id, ...(billingAddress ? { billingAddress } : {}) }) },
      amount,
    );
  }

  /** Once per loaded data: prefill the cardholder name and the deposit's default amount. */
  #prepare(data: CheckoutData): void {
    if (this.#preparedFor === data) return;
    this.#preparedFor = data;
    this.#cardholder.prefill(data.customerName);
    const card = data.paymentMethods.find((m) => m.method === 'payment-card');
    this.#card.setAcceptedBrands(Array.isArray(card?.['brands']) ? (card['brands'] as string[]) : []);
    if (data.deposit) this.#deposit.prepare(data.deposit);
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
        return this.#t(this.#slow ? 'stillProcessing' : 'paying');
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
        ${failure && failure.code !== 'not-payable' ? renderError(t, failure, failure.retryable ? { retry: () => checkout.retry() } : {}) : nothing}
        ${!failure && checkout.paymentError && !this.#formShown() ? this.#renderPaymentError() : nothing}
      </div>
      ${failure?.code === 'not-payable' ? renderNotice(failure.message) : nothing}
      ${this.#renderBody()} ${this.#renderApproval()}
    </div>`;
  }

  #renderApproval() {
    const checkout = this.#checkout;
    const data = checkout.data;
    return renderApprovalDialog(
      this.state === 'approving' ? checkout.approval : undefined,
      this.#t,
      { close: () => checkout.abandonApproval(), navigated: () => checkout.approvalNavigated() },
      data ? this.#methods.name(data, this.#t) : '',
    );
  }

  /** The payment form is on screen (its problems show above its pay button). */
  #formShown(): boolean {
    const checkout = this.#checkout;
    return !!checkout.data && checkout.state !== 'completed' && (checkout.state !== 'failed' || checkout.uncertain);
  }

  /** The last payment's problem, titled by what was attempted (a payment, a card save, a payout). */
  #renderPaymentError() {
    const checkout = this.#checkout;
    const data = checkout.data;
    return renderPaymentProblem(this.#t, checkout.paymentError!, {
      attempt: data?.mode === 'payout' ? 'payout' : data && isCardSave(data) ? 'setup' : 'payment',
      ...(checkout.uncertain ? { confirmUncertain: () => checkout.confirmUncertain() } : {}),
    });
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
      return checkout.state === 'loading' || checkout.state === 'idle' ? renderSkeleton(skeletonShape(this.#checkout.config?.mode)) : nothing;
    }
    if (!this.#formShown()) return nothing;
    const locale = this.#locale;
    const busy = checkout.state === 'paying' || checkout.state === 'approving';
    const disabled = checkout.state === 'loading' || checkout.uncertain;
    const instrument = this.#saved.selected(data);
    const amount = data.deposit ? (this.#deposit.amount ?? 0) : data.amount;
    const money = formatMoney(amount, data.currency, locale);
    const payLabel =
      data.mode === 'payout' ? t('payoutButton', { amount: money }) : isCardSave(data) ? t('saveCardButton') : t('payButton', { amount: money });
    // Deposits and saved cards exist only in data the customer modes loaded, so their views are loaded too.
    const customer = this.#customerViews;
    const leading = html`${data.deposit ? this.#deposit.render(customer, data.deposit, t, locale) : nothing}
    ${this.#saved.render(customer, data, t) ?? nothing}`;
    return html`
      ${data.summary && !data.deposit
        ? renderSummary(data.summary, t, locale, {
            lineControl: this.#order?.quantityControl(data, t, busy),
            dueToday: !!data.order?.recurring,
            ...(data.mode === 'payout' ? { title: t('payoutSummary'), totalLabel: t('amount') } : {}),
          })
        : nothing}
      ${this.#order?.render(data, t, locale, busy) ?? nothing}
      ${this.#methods.renderWallets(t, busy || disabled)} ${instrument === NEW_CARD ? this.#methods.renderChooser(data, t) : nothing}
      ${renderPaymentForm(
        {
          busy,
          busyLabel: t(this.#slow ? 'stillProcessing' : 'paying'),
          disabled,
          payLabel,
          feedback: checkout.paymentError ? this.#renderPaymentError() : undefined,
          leading,
          fields: instrument === NEW_CARD ? this.#renderEntry(data, busy || disabled) : undefined,
          trailing: this.#order?.renderRecurring(data, t, locale),
        },
        this.#onSubmit,
        t,
      )}
    `;
  }

  /** The name (and email) fields and the chosen way to pay's own (a placeholder while its code loads). */
  #renderEntry(data: CheckoutData, busy: boolean) {
    const entry = this.#methods.entry(data, this.#t);
    const context = { t: this.#t, locale: this.#locale, busy };
    return html`${this.#cardholder.render(this.#t, busy, this.#methods.holderLabel(data))}
    ${entry ? entry.render(context) : html`<div part="skeleton" aria-hidden="true"><div class="bone"></div></div>`}`;
  }

  #renderResult() {
    const completed = this.#checkout.completed!;
    const data = this.#checkout.data;
    const t = this.#t;
    const summary = completed.kind === 'purchase' && data?.summary && !data.deposit ? renderSummary(data.summary, t, this.#locale) : undefined;
    return renderResult(completed, data, t, this.#locale, { method: data ? paidWith(completed, data, t) : undefined, summary });
  }

}

declare global {
  interface HTMLElementTagNameMap {
    'rebilly-instruments': RebillyInstrumentsElement;
  }
}
