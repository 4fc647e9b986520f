import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Config, ConfigResult, MissingOption } from '../config/index.js';
import type {
  ErrorCode,
  ErrorDetail,
  InstrumentReadyDetail,
  InvalidField,
  PaymentMethodInfo,
  PayoutCompletedDetail,
  PurchaseCompletedDetail,
  SetupCompletedDetail,
  RebillyInstrumentsEventMap,
  Transaction,
} from '../events.js';
import { RETRYABLE_CODES } from '../events.js';
import { getStorefrontClient } from '../api/client.js';
import { ApiError, isAbortError, isApiError, toErrorDetail } from '../api/errors.js';
import { StorefrontGetTransaction } from '../api/operations.js';
import { importCustomerModes, loadCheckout, NotPayableError, type LoadCache } from './load.js';
import type { CheckoutData } from './data.js';
import { submitPayment, type Instruction, type PaymentOutcome } from './pay.js';
import { orderDetail, type OrderInput } from './order.js';
import {
  purchaseKey,
  claimPendingApproval,
  isFinal,
  isSafeApprovalUrl,
  needsApproval,
  savePendingApproval,
  type PendingApproval,
} from './approval.js';

/** The flow's state, mirrored by the element's read-only `state` property. */
export type CheckoutState = 'idle' | 'loading' | 'ready' | 'paying' | 'approving' | 'completed' | 'failed';

export type { CheckoutData } from './data.js';

export interface CheckoutHost extends ReactiveControllerHost, HTMLElement {
  emit<K extends keyof RebillyInstrumentsEventMap>(
    name: K,
    detail: RebillyInstrumentsEventMap[K]['detail'],
  ): void;
  /** Turns an error code (+ context) into the human message in the element's locale. */
  errorMessage(code: ErrorCode, context?: ErrorMessageContext): string;
  /** Approval by navigating the whole page instead of a modal. */
  readonly fullPageRedirect: boolean;
}

export interface ErrorMessageContext {
  /** The failure happened after a payment may have reached the server. */
  afterSubmit?: boolean;
  details?: string;
  unsafeApproval?: boolean;
  notPayable?: { what: 'invoice' | 'transaction' | 'payout' | 'deposit'; status: string };
  /** The gateway's reason for a decline ('' when it gave none). */
  declineReason?: string;
}

/** The approval the customer is looking at (rendered by the element as a modal dialog). */
export interface ApprovalView {
  url: string;
  transactionId: string;
  /** The window the approval page opened in (offsite methods); absent: the page shows in the dialog's frame. */
  window?: Window;
}

/** What finished, for the result view (the same detail the terminal event carried). */
export type CompletedResult =
  | { kind: 'purchase'; detail: PurchaseCompletedDetail }
  | { kind: 'setup'; detail: SetupCompletedDetail }
  | { kind: 'payout'; detail: PayoutCompletedDetail }
  | { kind: 'instrument'; instrument: Record<string, unknown> };

/** How often a transaction waiting for approval is read again (the approval frame's loads also wake it). */
const APPROVAL_POLL_MS = 1000;

/** Delay that coalesces a burst of property changes after the first load into one round of requests. */
const RELOAD_DEBOUNCE_MS = 80;

/**
 * Owns one element's checkout: turns a validated config into loaded data (`ready`), and a card into exactly
 * one payment. Network work lives in `load.ts`/`pay.ts`; this class holds the state machine, aborts stale
 * loads and defers config changes that arrive during a payment.
 */
export class CheckoutController implements ReactiveController {
  state: CheckoutState = 'idle';
  data: CheckoutData | undefined;
  /** Why the checkout cannot be used (invalid config, failed load, not payable). */
  failure: ErrorDetail | undefined;
  /** The last payment problem shown next to a still-usable form (declined, 422, unknown outcome). */
  paymentError: ErrorDetail | undefined;
  /** Server field errors from the last payment attempt (422 `invalidFields`). */
  fieldErrors: InvalidField[] = [];
  completed: CompletedResult | undefined;
  /** The approval in progress, while `state === 'approving'` in the modal flow. */
  approval: ApprovalView | undefined;
  /**
   * A payment was sent and its outcome is unknown: paying is locked until the customer confirms they
   * checked ({@link confirmUncertain}). Survives reloads of the data; the state is `failed` meanwhile.
   */
  uncertain = false;
  /** What the config still waits for (`state` is `idle` meanwhile); `[]` when nothing is missing. */
  missing: readonly MissingOption[] = [];
  /** Items mode: what the customer changed in the order (quantities, coupons, addresses, shipping rate). */
  order: OrderInput = {};
  /** The cart `order` applies to: a new cart starts a new order. */
  #orderCart = '';

  #host: CheckoutHost;
  #config: Config | undefined;
  #configResult: ConfigResult | undefined;
  /** A config that arrived during a payment: applied once the payment settles. */
  #deferred: ConfigResult | undefined;
  #load: AbortController | undefined;
  #loadTimer: ReturnType<typeof setTimeout> | undefined;
  #cache: LoadCache = {};
  #paying = false;
  #connected = false;
  #resumeChecked = false;
  /** The page navigated away for a full-page approval (and may come back from the back/forward cache). */
  #awayForApproval = false;
  #approvalWatch: { wake(): void; abandon(): void } | undefined;
  /** Bumped by every applied config: a held config error is dispatched only if its config is still current. */
  #configGeneration = 0;
  /**
   * Config errors are held while this settles ({@link pageSetUp}, started by the first config), and
   * dispatched at once after it (`0`).
   */
  #configErrorHold: Promise<unknown> | 0 | undefined;

  readonly #navigate: (url: string) => void;
  readonly #openWindow: (url: string) => Window | null;
  readonly #prepare: () => Promise<void>;
  readonly #prepareFor: (data: CheckoutData) => Promise<void>;
  readonly #collectable: (method: PaymentMethodInfo) => boolean;

  /**
   * `prepare`: what the element needs before the form is usable (the code of a way to pay loaded on
   * demand), awaited beside the data so that `data-ready` means the form is there.
   */
  constructor(
    host: CheckoutHost,
    options: {
      navigate?: (url: string) => void;
      openWindow?: (url: string) => Window | null;
      prepare?: () => Promise<void>;
      /** What the loaded data needs before the form is usable (the code of the ways to pay it offers). */
      prepareFor?: (data: CheckoutData) => Promise<void>;
      /** Whether a `ready-to-pay` method can be collected (the element's ways to pay decide). */
      collectable?: (method: PaymentMethodInfo) => boolean;
    } = {},
  ) {
    this.#host = host;
    this.#navigate = options.navigate ?? ((url) => globalThis.location.assign(url));
    this.#openWindow = options.openWindow ?? openApprovalWindow;
    this.#prepare = options.prepare ?? (() => Promise.resolve());
    this.#prepareFor = options.prepareFor ?? (() => Promise.resolve());
    this.#collectable = options.collectable ?? ((m) => m.method === 'payment-card');
    host.addController(this);
  }

  get config(): Config | undefined {
    return this.#config;
  }

  hostConnected(): void {
    this.#connected = true;
    globalThis.addEventListener?.('pageshow', this.#onPageShow);
    // A modal approval paused while detached reads again.
    this.#approvalWatch?.wake();
    // Re-attached after a move in the DOM: resume loading if the data is missing or a load was cut short.
    if (this.#configResult && !this.#paying && this.state !== 'completed' && (this.state === 'loading' || !this.data)) {
      this.#scheduleLoad(true);
    }
  }

  hostDisconnected(): void {
    this.#connected = false;
    globalThis.removeEventListener?.('pageshow', this.#onPageShow);
    // Loads are aborted; a payment in flight is not (aborting would not cancel the charge, only lose its result).
    this.#cancelLoad();
  }

  /**
   * Back from a full-page approval through the back/forward cache: this page's scripts never re-ran, so
   * settle the attempt here as a return page would.
   */
  #onPageShow = (event: PageTransitionEvent): void => {
    if (!event.persisted || !this.#awayForApproval) return;
    this.#awayForApproval = false;
    this.#paying = false;
    this.#resumeChecked = false;
    const result = this.#deferred ?? this.#configResult;
    this.#deferred = undefined;
    if (result) this.#apply(result, true);
  };

  /** Called by the element whenever a property that feeds the config changed (already coalesced by Lit). */
  configure(result: ConfigResult): void {
    if (this.#paying) {
      this.#deferred = result;
      // A fresh JWT may be what reads an approval whose reads were refused.
      this.#approvalWatch?.wake();
      return;
    }
    this.#apply(result);
  }

  /**
   * The customer checked that an uncertain payment did not go through and wants to pay again: unlocks the
   * form. Nothing else does.
   */
  confirmUncertain(): void {
    if (!this.uncertain) return;
    this.uncertain = false;
    this.paymentError = undefined;
    this.fieldErrors = [];
    if (this.state === 'failed' && this.data && !this.failure) this.#setState('ready');
    else this.#host.requestUpdate();
  }

  /** Tries the failed load again (the retry button). */
  retry(): void {
    if (this.#configResult && !this.#paying) {
      this.paymentError = undefined;
      this.failure = undefined;
      this.#apply(this.#configResult, true);
    }
  }

  /** Clears a shown payment error so the customer can try again. */
  dismissPaymentError(): void {
    this.paymentError = undefined;
    this.fieldErrors = [];
    this.#host.requestUpdate();
  }

  /**
   * The customer changed the order (a quantity, a coupon, an address, the shipping rate): an update, priced
   * again by one preview once a burst of changes settles (stale answers are dropped). During a payment it
   * waits for the payment to settle, like any change.
   */
  updateOrder(patch: Partial<OrderInput>): void {
    this.order = { ...this.order, ...patch };
    if (!this.#configResult?.ok || this.#paying || this.state === 'completed') return;
    // Not payable until priced: the pay button waits for the preview.
    if (this.state === 'ready') this.#setState('loading');
    this.#scheduleLoad(false);
  }

  /**
   * Pays with a new card or a saved instrument (`amount`: the amount a deposit customer chose). One call is
   * one payment attempt: calls while a payment is in flight (double click, Enter held down) return without
   * sending anything.
   */
  async pay(instruction: Instruction, amount?: number): Promise<void> {
    const config = this.#config;
    const data = this.data;
    if (this.#paying || this.uncertain || this.state !== 'ready' || !config || !data) return;
    this.#paying = true;
    this.paymentError = undefined;
    this.fieldErrors = [];
    this.#setState('paying');
    let leftPage = false;
    let sent = false;
    try {
      const outcome = await submitPayment(config, data, instruction, {
        onInstrument: (detail: InstrumentReadyDetail) => this.#host.emit('instrument-ready', detail),
        onSent: () => (sent = true),
        redirectUrl: config.redirectUrl ?? (this.#host.fullPageRedirect ? returnUrl() : undefined),
        amount,
      });
      leftPage = await this.#conclude(config, data, outcome, instruction.kind === 'collect' ? instruction.approval : undefined);
    } catch (error) {
      // Before the payment went out (tokenizing, loading code) nothing was charged: a plain failure. After it,
      // only an answer that proves a refusal may invite a retry; anything else is read back where the
      // credential can, and otherwise is an unknown outcome that locks the form.
      if (!sent || provesRefusal(error)) this.#fail(this.#errorDetail(error));
      else if (!(await this.#reconcile(config, data))) this.#failUncertain(error);
    } finally {
      if (!leftPage) {
        this.#paying = false;
        this.#applyDeferred();
      }
    }
  }

  /**
   * After a payment whose answer was lost (or refused as a conflict), reads what the server now says where
   * the credential may read it (a customer JWT, in the invoice and transaction modes). Returns true when that
   * settled the attempt (approved or declined); false when the outcome is still unknown.
   */
  async #reconcile(config: Config, data: CheckoutData): Promise<boolean> {
    if (config.credential.kind !== 'jwt') return false;
    try {
      const found = await (await importCustomerModes()).readBack(getStorefrontClient(config), data);
      if (!found) return false;
      const { transaction, invoice } = found;
      this.#settle(
        transaction,
        data.setup && data.transaction
          ? { kind: 'setup', detail: { instrument: {}, transaction } }
          : { kind: 'purchase', detail: { mode: config.mode, transaction, ...(invoice ? { invoice } : {}) } },
      );
      return true;
    } catch {
      // The read failed too: the outcome stays unknown, and the error says so.
      return false;
    }
  }

  /**
   * A payment whose outcome is unknown: say it may have gone through, keep the transaction if there is one,
   * and lock paying until the customer confirms ({@link confirmUncertain}).
   */
  #failUncertain(error: unknown, transaction?: Transaction): void {
    const found = this.#errorDetail(error, { afterSubmit: true });
    // A 4xx here answered a browser's re-send of a payment whose connection died (see provesRefusal): the
    // cause is the connection, not the customer's details.
    const code = found.status !== undefined && found.status < 500 ? 'network' : found.code;
    const detail: ErrorDetail = {
      ...found,
      code,
      message: this.#host.errorMessage(code, { afterSubmit: true }),
      outcomeUnknown: true,
      ...(transaction ? { transaction } : {}),
    };
    this.uncertain = true;
    this.fieldErrors = [];
    this.paymentError = detail;
    this.#setState('failed');
    this.#host.emit('error', detail);
  }

  /** Closes the approval the customer is looking at: the attempt settles (approved, declined or abandoned). */
  abandonApproval(): void {
    this.#approvalWatch?.abandon();
  }

  /** The approval frame loaded a page: a good moment to read the transaction again. */
  approvalNavigated(): void {
    this.#approvalWatch?.wake();
  }

  /**
   * Settles what a purchase/payment returned: approved, declined, or waiting for approval (3-D Secure,
   * offsite). Returns true when the page is being navigated away for a full-page approval.
   */
  async #conclude(
    config: Config,
    data: CheckoutData,
    outcome: PaymentOutcome,
    approvalIn: 'frame' | 'window' = 'frame',
  ): Promise<boolean> {
    if (outcome.kind === 'payout') {
      this.#finish({ kind: 'payout', detail: { payoutRequest: outcome.payoutRequest } });
      return false;
    }
    if (outcome.kind === 'instrument') {
      this.#finish({ kind: 'instrument', instrument: outcome.instrument });
      return false;
    }
    const completed = (transaction: Transaction): CompletedResult =>
      outcome.kind === 'setup'
        ? { kind: 'setup', detail: { instrument: outcome.instrument, transaction } }
        : {
            kind: 'purchase',
            detail: {
              mode: config.mode,
              transaction,
              ...(outcome.invoice ? { invoice: outcome.invoice } : {}),
              ...(outcome.orderId ? { orderId: outcome.orderId } : {}),
              ...(outcome.token ? { token: outcome.token } : {}),
              ...(data.order ? { order: orderDetail(data.order) } : {}),
            },
          };
    const transaction = outcome.transaction;
    if (!needsApproval(transaction)) {
      this.#settle(transaction, completed(transaction));
      return false;
    }
    const url = transaction.approvalUrl!;
    if (!isSafeApprovalUrl(url, config.apiUrl)) {
      this.#fail({
        code: 'server',
        message: this.#host.errorMessage('server', { unsafeApproval: true }),
        retryable: false,
        transaction,
      });
      return false;
    }
    // What reads the transaction afterwards: the purchase's session token, else the customer JWT.
    const sessionToken = outcome.sessionToken;
    if (!sessionToken && config.credential.kind !== 'jwt') {
      // Nothing could read the approval's result.
      this.#failUncertain(new ApiError({ code: 'server' }), transaction);
      return false;
    }
    // Offsite providers usually refuse to be framed: their page opens in a window (the full page when the
    // window is blocked); 3-D Secure pages are made for frames and open in the modal.
    const popup = approvalIn === 'window' && !this.#host.fullPageRedirect ? this.#openWindow(url) : null;
    if (this.#host.fullPageRedirect || (approvalIn === 'window' && !popup)) {
      const invoiceId = (outcome.kind === 'payment' ? outcome.invoice?.id : undefined) ?? data.invoice?.id;
      const pending: PendingApproval = {
        v: 2,
        key: purchaseKey(config),
        transactionId: transaction.id,
        // A publishable-key purchase is read with its session token; a customer JWT is never stored (the
        // return page's own JWT reads the transaction).
        ...(config.credential.kind === 'publishable' && sessionToken ? { credential: sessionToken } : {}),
        mode: config.mode,
        expect: {
          ...(typeof transaction.amount === 'number' ? { amount: transaction.amount } : {}),
          ...(typeof transaction.currency === 'string' ? { currency: transaction.currency } : {}),
          ...(invoiceId ? { invoiceId } : {}),
        },
        ...(outcome.kind === 'payment' && outcome.orderId ? { orderId: outcome.orderId } : {}),
        ...(outcome.kind === 'payment' && outcome.token ? { token: outcome.token } : {}),
        ...(outcome.kind === 'setup' ? { setup: true } : {}),
        createdAt: Date.now(),
      };
      if (savePendingApproval(pending)) {
        this.#setState('approving');
        this.#awayForApproval = true;
        this.#navigate(url);
        return true;
      }
      // No sessionStorage (privacy mode): approve in the modal instead, so the result is not lost.
    }
    this.approval = { url, transactionId: transaction.id, ...(popup ? { window: popup } : {}) };
    this.#setState('approving');
    const result = await this.#watchApproval(config, sessionToken, transaction, popup);
    this.approval = undefined;
    popup?.close();
    if (result.settled) {
      this.#settle(result.transaction, completed(result.transaction));
    } else if (result.unread) {
      // Closed while the transaction could not be read: it may have been approved.
      this.#failUncertain(result.unread, result.transaction);
    } else {
      this.#fail({
        code: 'approval-abandoned',
        message: this.#host.errorMessage('approval-abandoned'),
        retryable: true,
        transaction: result.transaction,
      });
    }
    return false;
  }

  /**
   * Reads a transaction with the credentials that may read it, in order: the purchase's session token, then
   * the page's current customer JWT (a fresh one set during the approval counts: JWTs expire, and a 3-D
   * Secure page can take longer than one lives). Refusals (401/403) move on to the next; the last error is
   * thrown.
   */
  async #readTransaction(config: Config, sessionToken: string | undefined, id: string): Promise<Transaction> {
    const latest = this.#deferred?.ok ? this.#deferred.config : this.#config;
    const jwts = [latest, config].map((c) => (c?.credential.kind === 'jwt' ? c.credential.value : undefined));
    const credentials = [...new Set([sessionToken, ...jwts].filter((c): c is string => !!c))];
    let lastError: unknown = new Error('no credential reads the transaction');
    for (const value of credentials) {
      const reader = getStorefrontClient({ apiUrl: config.apiUrl, organizationId: config.organizationId, credential: { kind: 'jwt', value } });
      try {
        return await StorefrontGetTransaction(reader, id);
      } catch (error) {
        lastError = error;
        if (!isCredentialRefused(error)) throw error;
      }
    }
    throw lastError;
  }

  /**
   * Reads the transaction until its result is final, or until the customer closes the approval; then
   * reads it once more, so a payment approved just before closing still counts as approved.
   */
  async #watchApproval(
    config: Config,
    sessionToken: string | undefined,
    initial: Transaction,
    popup: Window | null = null,
  ): Promise<{ settled: boolean; transaction: Transaction; unread?: unknown }> {
    let abandoned = false;
    let wake: () => void = () => {};
    this.#approvalWatch = {
      wake: () => wake(),
      abandon: () => {
        abandoned = true;
        wake();
      },
    };
    let last = initial;
    /** The error of the last read when it failed (the transaction's state is then unknown). */
    let unread: unknown;
    try {
      for (;;) {
        await new Promise<void>((resolve) => {
          // Detached from the page: no reads (and no timer) until re-attached or closed.
          const timer = this.#connected ? setTimeout(resolve, APPROVAL_POLL_MS) : undefined;
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        if (!this.#connected && !abandoned) continue;
        // The customer closed the approval window: like closing the modal (one more read settles it).
        if (popup?.closed) abandoned = true;
        try {
          last = await this.#readTransaction(config, sessionToken, initial.id);
          unread = undefined;
          if (isFinal(last)) return { settled: true, transaction: last };
        } catch (error) {
          // A failed read is retried on the next tick; after the customer closed, it leaves the outcome unknown.
          unread = error;
        }
        if (abandoned) return { settled: false, transaction: last, ...(unread ? { unread } : {}) };
      }
    } finally {
      this.#approvalWatch = undefined;
    }
  }

  /**
   * After a full-page approval: settles the attempt this page was sent back for (claimed, so settled once).
   * The transaction must be the one the entry names and match what was paid, else the entry is dropped.
   */
  async #resume(config: Config, pending: PendingApproval): Promise<void> {
    this.#paying = true;
    this.#setState('approving');
    try {
      const transaction = await this.#readTransaction(config, pending.credential, pending.transactionId);
      if (!matchesPending(transaction, pending, config)) {
        this.#paying = false;
        this.#scheduleLoad(true);
        return;
      }
      const completed: CompletedResult = pending.setup
        ? { kind: 'setup', detail: { instrument: transaction.paymentInstrument as Record<string, unknown> ?? {}, transaction } }
        : {
            kind: 'purchase',
            detail: {
              mode: pending.mode,
              transaction,
              ...(pending.orderId ? { orderId: pending.orderId } : {}),
              ...(pending.token ? { token: pending.token } : {}),
            },
          };
      if (isFinal(transaction)) {
        this.#settle(transaction, completed);
      } else {
        this.#fail({
          code: 'approval-abandoned',
          message: this.#host.errorMessage('approval-abandoned'),
          retryable: true,
          transaction,
        });
      }
    } catch (error) {
      this.#paying = false;
      if (isCredentialRefused(error)) {
        // No credential this page has can read it (and none will on a reload): the payment may have gone
        // through. Say so, and lock paying until the customer checked.
        this.#failUncertain(error);
        this.#scheduleLoad(true);
        return;
      }
      // Kept for the next try (the retry button or a reload): the outcome is still unknown.
      savePendingApproval(pending);
      this.#resumeChecked = false;
      if (isAbortError(error)) return;
      const detail = { ...this.#errorDetail(error, { afterSubmit: true }), retryable: true, outcomeUnknown: true };
      this.failure = detail;
      this.#setState('failed');
      this.#host.emit('error', detail);
      return;
    } finally {
      this.#paying = false;
    }
    if (this.state !== 'completed') this.#scheduleLoad(true);
  }

  /** The one terminal success: the result view and its event. */
  #finish(result: CompletedResult): void {
    this.completed = result;
    this.#setState('completed');
    if (result.kind === 'purchase') this.#host.emit('purchase-completed', result.detail);
    else if (result.kind === 'setup') this.#host.emit('setup-completed', result.detail);
    else if (result.kind === 'payout') this.#host.emit('payout-completed', result.detail);
  }

  /** Reports a payment problem and leaves the form usable (when there is data to pay with). */
  #fail(detail: ErrorDetail): void {
    this.fieldErrors = detail.invalidFields ?? [];
    this.paymentError = detail;
    this.#setState(this.data ? 'ready' : 'failed');
    this.#host.emit('error', detail);
  }

  #settle(transaction: Transaction, completed: CompletedResult): void {
    if (transaction.result === 'approved') {
      this.#finish(completed);
      return;
    }
    if (transaction.result === 'declined' || transaction.result === 'canceled' || transaction.status === 'declined') {
      const detail: ErrorDetail = {
        code: 'payment-declined',
        message: this.#host.errorMessage('payment-declined', { declineReason: declineReason(transaction) ?? '' }),
        retryable: true,
        transaction,
      };
      this.#fail(detail);
      return;
    }
    // Anything else (waiting for approval the element could not open, still pending): the outcome is not
    // known yet. Say so, keep the transaction for the page, and do not pretend either way.
    this.#failUncertain(new ApiError({ code: 'server' }), transaction);
  }

  #applyDeferred(): void {
    const deferred = this.#deferred;
    this.#deferred = undefined;
    if (deferred) this.#apply(deferred);
  }

  #apply(result: ConfigResult, force = false): void {
    this.#configResult = result;
    const generation = ++this.#configGeneration;
    this.#configErrorHold ??= pageSetUp(this.#host.ownerDocument).then(() => (this.#configErrorHold = 0));
    if (!result.ok) {
      this.#cancelLoad();
      this.#config = undefined;
      this.data = undefined;
      // An unknown payment outcome stays said (and paying locked) whatever the config does meanwhile.
      if (!this.uncertain) this.paymentError = undefined;
      if (result.code === 'incomplete') {
        // Incomplete is not invalid: wait for the rest, quietly (no request, no error event).
        this.missing = result.missing;
        this.failure = undefined;
        this.#setState('idle');
        return;
      }
      this.missing = [];
      const detail: ErrorDetail = {
        code: result.code,
        message: this.#host.errorMessage(result.code, { details: result.message }),
        invalidFields: result.issues,
        retryable: false,
      };
      this.failure = detail;
      this.#setState('failed');
      const emit = () => generation === this.#configGeneration && this.#host.emit('error', detail);
      // The page may not have added its listeners yet: dispatch when it has, unless replaced meanwhile.
      if (this.#configErrorHold) void this.#configErrorHold.then(emit);
      else emit();
      return;
    }
    this.missing = [];
    const previous = this.#config;
    this.#config = result.config;
    if (!this.#resumeChecked && this.#connected) {
      this.#resumeChecked = true;
      const pending = claimPendingApproval(purchaseKey(result.config));
      if (pending) {
        void this.#resume(result.config, pending);
        return;
      }
    }
    if (this.state === 'completed' && !force) {
      // A finished checkout stays finished until the purchase data itself changes.
      if (previous && purchaseKey(previous) === purchaseKey(result.config)) return;
      this.completed = undefined;
    }
    this.#scheduleLoad(force || !this.data);
  }

  #scheduleLoad(immediate: boolean): void {
    clearTimeout(this.#loadTimer);
    if (!this.#connected) return;
    if (immediate) {
      void this.#runLoad();
    } else {
      this.#loadTimer = setTimeout(() => void this.#runLoad(), RELOAD_DEBOUNCE_MS);
    }
  }

  #cancelLoad(): void {
    clearTimeout(this.#loadTimer);
    this.#load?.abort();
    this.#load = undefined;
  }

  async #runLoad(): Promise<void> {
    const config = this.#config;
    if (!config) return;
    this.#load?.abort();
    const controller = new AbortController();
    this.#load = controller;
    this.failure = undefined;
    if (!this.data || this.data.mode !== config.mode) this.data = undefined;
    this.#setState('loading');
    try {
      const [data] = await Promise.all([loadCheckout(config, this.#cache, controller.signal, this.#orderFor(config)), this.#prepare()]);
      if (controller.signal.aborted || this.#load !== controller) return;
      await this.#prepareFor(data);
      if (controller.signal.aborted || this.#load !== controller) return;
      this.#load = undefined;
      this.data = data;
      // Coupons the API refused are left out of the order from now on (their message stays with the data).
      if (data.order?.rejectedCoupons.length) this.order = { ...this.order, couponIds: data.order.couponIds };
      if (!data.paymentMethods.some(this.#collectable)) {
        const detail: ErrorDetail = {
          code: 'no-payment-methods',
          message: this.#host.errorMessage('no-payment-methods'),
          retryable: false,
        };
        this.failure = detail;
        this.#setState('failed');
        this.#host.emit('error', detail);
        return;
      }
      this.#setState(this.uncertain ? 'failed' : 'ready');
      this.#host.emit('data-ready', {
        mode: data.mode,
        summary: data.summary,
        // Everything ready-to-pay returned, each saying whether the element offers it.
        paymentMethods: data.paymentMethods.map((m) => ({ ...m, offered: this.#collectable(m) })),
        ...(data.order ? { order: orderDetail(data.order) } : {}),
      });
    } catch (error) {
      if (isAbortError(error) || controller.signal.aborted || this.#load !== controller) return;
      this.#load = undefined;
      const detail = this.#errorDetail(error);
      this.failure = detail;
      this.#setState('failed');
      this.#host.emit('error', detail);
    }
  }

  /** The customer's order for this config's cart; a different cart (or coupons option) starts afresh. */
  #orderFor(config: Config): OrderInput | undefined {
    if (config.mode !== 'items') return undefined;
    const cart = JSON.stringify([config.items, config.coupons]);
    if (cart !== this.#orderCart) {
      // Addresses stay (the customer typed them); quantities, coupons and the rate belong to the old cart.
      this.#orderCart = cart;
      const { billingAddress, deliveryAddress } = this.order;
      this.order = { ...(billingAddress ? { billingAddress } : {}), ...(deliveryAddress ? { deliveryAddress } : {}) };
    }
    return this.order;
  }

  #errorDetail(error: unknown, context: { afterSubmit?: boolean } = {}): ErrorDetail {
    if (error instanceof NotPayableError) {
      return {
        code: 'not-payable',
        message: this.#host.errorMessage('not-payable', { notPayable: { what: error.what, status: error.status } }),
        retryable: false,
        ...(error.transaction ? { transaction: error.transaction } : {}),
      };
    }
    const detail = toErrorDetail(error);
    return {
      ...detail,
      message: this.#host.errorMessage(detail.code, context),
      retryable: context.afterSubmit ? false : RETRYABLE_CODES.has(detail.code),
    };
  }

  #setState(state: CheckoutState): void {
    this.state = state;
    this.#host.requestUpdate();
  }
}

/**
 * Settles once the page that holds `doc` has run its own setup scripts: after `DOMContentLoaded` (which
 * follows every deferred and module script of the page, such as the one adding the listeners after the tag
 * in README's 30-second example), then one more task. The first config of an element is validated while its
 * tag upgrades, often before those scripts ran: its error event waits for this. `readyState` alone cannot
 * tell whether the event has fired (it is already `interactive` while those scripts run); the navigation
 * timing entry can.
 */
function pageSetUp(doc: Document): Promise<unknown> {
  return new Promise((resolve) => {
    const later = () => setTimeout(resolve);
    const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    if (doc.readyState == 'loading' || (doc.readyState == 'interactive' && navigation && !navigation.domContentLoadedEventStart)) {
      doc.addEventListener('DOMContentLoaded', later, { once: true });
    } else {
      later();
    }
  });
}


/** The reason the gateway gave for a decline: the contract's `gateway.response` (human message first). */
function declineReason(transaction: Transaction): string | undefined {
  const response = (transaction['gateway'] as { response?: { humanMessage?: unknown; message?: unknown } } | null)
    ?.response;
  const found = [response?.humanMessage, response?.message].find((c) => typeof c === 'string' && c.trim());
  return found as string | undefined;
}

/**
 * An answer to a payment request that proves it was refused, so a new attempt cannot double-charge: a 4xx
 * (the client marks those `mayHaveReachedServer: false`), except a conflict (409: may answer a re-send of
 * a payment that went through) and a refusal of the payment token as already used (the same re-send: the
 * token is single-use and only this attempt held it).
 */
function provesRefusal(error: unknown): boolean {
  if (!isApiError(error) || error.mayHaveReachedServer || error.status === undefined || error.status === 409) return false;
  const texts = [error.problem?.detail, error.problem?.title, error.message, ...(error.invalidFields ?? []).map((f) => `${f.field} ${f.message}`)];
  const usedToken = texts.some((t) => typeof t === 'string' && /token/i.test(t) && /\bused\b|already/i.test(t));
  return !usedToken;
}

/** 401/403: this credential may not read it (expired, or another customer's); another one may. */
function isCredentialRefused(error: unknown): boolean {
  return isApiError(error) && (error.status === 401 || error.status === 403);
}

/**
 * The transaction read back is the one the entry names, for what was paid (amount, currency, invoice), and
 * for this element's own purchase as far as the transaction shows it: an entry cannot make an element
 * complete with another purchase's transaction.
 */
function matchesPending(transaction: Transaction, pending: PendingApproval, config: Config): boolean {
  const { amount, currency, invoiceId } = pending.expect;
  const invoices = transaction.invoiceIds ?? [];
  const plans = transaction['planIds'];
  const own =
    config.mode === 'money'
      ? transaction.amount === config.money.amount && transaction.currency === config.money.currency
      : config.mode === 'invoice'
        ? invoices.includes(config.invoiceId)
        : config.mode === 'transaction'
          ? transaction.id === config.transactionId || transaction['parentTransactionId'] === config.transactionId
          : config.mode === 'items' && Array.isArray(plans)
            ? config.items.every((item) => plans.includes(item.planId))
            : true;
  return (
    own &&
    transaction.id === pending.transactionId &&
    (amount === undefined || transaction.amount === amount) &&
    (currency === undefined || transaction.currency === currency) &&
    (invoiceId === undefined || invoices.includes(invoiceId))
  );
}

/**
 * Opens an approval page in a popup window; null when the browser blocked it. The window loses its
 * `opener`, so the provider's page cannot navigate this one.
 */
function openApprovalWindow(url: string): Window | null {
  const popup = globalThis.open?.(url, '_blank', 'popup,width=480,height=720') ?? null;
  if (popup) popup.opener = null;
  return popup;
}

/** Where a full-page approval comes back to when the page gave no `redirect-url`: this page. */
function returnUrl(): string | undefined {
  const href = globalThis.location?.href;
  return href ? href.split('#')[0] : undefined;
}
