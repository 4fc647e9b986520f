import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Config, ConfigResult, MissingOption } from '../config/index.js';
import type {
  ErrorCode,
  ErrorDetail,
  InstrumentReadyDetail,
  InvalidField,
  PayoutCompletedDetail,
  PurchaseCompletedDetail,
  SetupCompletedDetail,
  RebillyInstrumentsEventMap,
  Transaction,
} from '../events.js';
import { RETRYABLE_CODES } from '../events.js';
import { getStorefrontClient, type StorefrontClient } from '../api/client.js';
import { isAbortError, isApiError, toErrorDetail } from '../api/errors.js';
import { StorefrontGetTransaction } from '../api/operations.js';
import { importCustomerModes, loadCheckout, NotPayableError, SUPPORTED_METHODS, type LoadCache } from './load.js';
import type { CheckoutData } from './data.js';
import { submitPayment, type Instruction, type PaymentOutcome } from './pay.js';
import {
  forgetPendingApproval,
  isFinal,
  isSafeApprovalUrl,
  needsApproval,
  peekPendingApproval,
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
  /** What the config still waits for (`state` is `idle` meanwhile); `[]` when nothing is missing. */
  missing: readonly MissingOption[] = [];

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
  #approvalWatch: { wake(): void; abandon(): void } | undefined;
  /** Bumped by every applied config: a held config error is dispatched only if its config is still current. */
  #configGeneration = 0;
  /**
   * Config errors are held while this settles ({@link pageSetUp}, started by the first config), and
   * dispatched at once after it (`0`).
   */
  #configErrorHold: Promise<unknown> | 0 | undefined;

  readonly #navigate: (url: string) => void;

  constructor(host: CheckoutHost, options: { navigate?: (url: string) => void } = {}) {
    this.#host = host;
    this.#navigate = options.navigate ?? ((url) => globalThis.location.assign(url));
    host.addController(this);
  }

  get config(): Config | undefined {
    return this.#config;
  }

  hostConnected(): void {
    this.#connected = true;
    // Re-attached after a move in the DOM: resume loading if the data is missing or a load was cut short.
    if (this.#configResult && !this.#paying && this.state !== 'completed' && (this.state === 'loading' || !this.data)) {
      this.#scheduleLoad(true);
    }
  }

  hostDisconnected(): void {
    this.#connected = false;
    // Loads are aborted; a payment in flight is not (aborting would not cancel the charge, only lose its result).
    this.#cancelLoad();
  }

  /** Called by the element whenever a property that feeds the config changed (already coalesced by Lit). */
  configure(result: ConfigResult): void {
    if (this.#paying) {
      this.#deferred = result;
      return;
    }
    this.#apply(result);
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
   * Pays with a new card or a saved instrument (`amount`: the amount a deposit customer chose). One call is
   * one payment attempt: calls while a payment is in flight (double click, Enter held down) return without
   * sending anything.
   */
  async pay(instruction: Instruction, amount?: number): Promise<void> {
    const config = this.#config;
    const data = this.data;
    if (this.#paying || this.state !== 'ready' || !config || !data) return;
    this.#paying = true;
    this.paymentError = undefined;
    this.fieldErrors = [];
    this.#setState('paying');
    let leftPage = false;
    try {
      const outcome = await submitPayment(config, data, instruction, {
        onInstrument: (detail: InstrumentReadyDetail) => this.#host.emit('instrument-ready', detail),
        redirectUrl: config.redirectUrl ?? (this.#host.fullPageRedirect ? returnUrl() : undefined),
        amount,
      });
      leftPage = await this.#conclude(config, outcome);
    } catch (error) {
      const afterSubmit = (error as { mayHaveReachedServer?: boolean })?.mayHaveReachedServer === true;
      // A 409 here can be the answer to a browser's silent re-send of a payment that did go through.
      const conflict = isApiError(error) && error.status === 409;
      if (!((afterSubmit || conflict) && (await this.#reconcile(config, data)))) {
        this.#fail(this.#errorDetail(error, { afterSubmit }));
      }
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
  async #conclude(config: Config, outcome: PaymentOutcome): Promise<boolean> {
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
    const credential = outcome.sessionToken ?? (config.credential.kind === 'jwt' ? config.credential.value : undefined);
    if (!credential) {
      this.#fail({
        code: 'server',
        message: this.#host.errorMessage('server', { afterSubmit: true }),
        retryable: false,
        transaction,
      });
      return false;
    }
    if (this.#host.fullPageRedirect) {
      const pending: PendingApproval = {
        v: 1,
        transactionId: transaction.id,
        credential,
        mode: config.mode,
        apiUrl: config.apiUrl,
        ...(config.organizationId ? { organizationId: config.organizationId } : {}),
        ...(outcome.kind === 'payment' && outcome.orderId ? { orderId: outcome.orderId } : {}),
        ...(outcome.kind === 'payment' && outcome.invoice?.id ? { invoiceId: outcome.invoice.id } : {}),
        ...(outcome.kind === 'payment' && outcome.token ? { token: outcome.token } : {}),
        ...(outcome.kind === 'setup' ? { setup: true } : {}),
        createdAt: Date.now(),
      };
      if (savePendingApproval(pending)) {
        this.#setState('approving');
        this.#navigate(url);
        return true;
      }
      // No sessionStorage (privacy mode): approve in the modal instead, so the result is not lost.
    }
    const reader = this.#reader(config, credential);
    this.approval = { url, transactionId: transaction.id };
    this.#setState('approving');
    const result = await this.#watchApproval(reader, transaction);
    this.approval = undefined;
    if (result.settled) {
      this.#settle(result.transaction, completed(result.transaction));
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

  #reader(config: Config, credential: string): StorefrontClient {
    return getStorefrontClient({
      apiUrl: config.apiUrl,
      organizationId: config.organizationId,
      credential: { kind: 'jwt', value: credential },
    });
  }

  /**
   * Reads the transaction until its result is final, or until the customer closes the approval; then
   * reads it once more, so a payment approved just before closing still counts as approved.
   */
  async #watchApproval(
    reader: StorefrontClient,
    initial: Transaction,
  ): Promise<{ settled: boolean; transaction: Transaction }> {
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
    try {
      for (;;) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, APPROVAL_POLL_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        try {
          last = await StorefrontGetTransaction(reader, initial.id);
          if (isFinal(last)) return { settled: true, transaction: last };
        } catch (error) {
          // A failed read is retried on the next tick; after the customer closed, the last known state counts.
          if (isAbortError(error) && !abandoned) continue;
        }
        if (abandoned) return { settled: false, transaction: last };
      }
    } finally {
      this.#approvalWatch = undefined;
    }
  }

  /** After a full-page approval: settles the attempt this page was sent back for, then forgets it. */
  async #resume(config: Config, pending: PendingApproval): Promise<void> {
    this.#paying = true;
    this.#setState('approving');
    try {
      const transaction = await StorefrontGetTransaction(this.#reader(config, pending.credential), pending.transactionId);
      forgetPendingApproval();
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
      if (isAbortError(error)) return;
      // Kept for the next try (the retry button or a reload): the outcome is still unknown.
      this.#resumeChecked = false;
      const detail = this.#errorDetail(error, { afterSubmit: true });
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
    this.#fail({
      code: 'server',
      message: this.#host.errorMessage('server', { afterSubmit: true }),
      retryable: false,
      transaction,
    });
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
      this.paymentError = undefined;
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
      const pending = peekPendingApproval(result.config.apiUrl, result.config.organizationId);
      if (pending) {
        void this.#resume(result.config, pending);
        return;
      }
    }
    if (this.state === 'completed' && !force) {
      // A finished checkout stays finished until the purchase data itself changes.
      if (previous && sameCheckout(previous, result.config)) return;
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
      const data = await loadCheckout(config, this.#cache, controller.signal);
      if (controller.signal.aborted || this.#load !== controller) return;
      this.#load = undefined;
      this.data = data;
      if (!data.paymentMethods.some((m) => SUPPORTED_METHODS.has(m.method))) {
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
      this.#setState('ready');
      this.#host.emit('data-ready', {
        mode: data.mode,
        summary: data.summary,
        paymentMethods: data.paymentMethods,
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

/** Same purchase data (so a finished checkout stays finished when only presentation options change). */
function sameCheckout(a: Config, b: Config): boolean {
  const key = (c: Config) => JSON.stringify({ ...c, locale: undefined, redirectUrl: undefined });
  return key(a) === key(b);
}

/** The reason the gateway gave for a decline: the contract's `gateway.response` (human message first). */
function declineReason(transaction: Transaction): string | undefined {
  const response = (transaction['gateway'] as { response?: { humanMessage?: unknown; message?: unknown } } | null)
    ?.response;
  const found = [response?.humanMessage, response?.message].find((c) => typeof c === 'string' && c.trim());
  return found as string | undefined;
}

/** Where a full-page approval comes back to when the page gave no `redirect-url`: this page. */
function returnUrl(): string | undefined {
  const href = globalThis.location?.href;
  return href ? href.split('#')[0] : undefined;
}
