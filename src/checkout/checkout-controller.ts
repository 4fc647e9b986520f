import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Config, ConfigResult } from '../config/index.js';
import type {
  ErrorCode,
  ErrorDetail,
  InstrumentReadyDetail,
  InvalidField,
  Mode,
  OrderSummary,
  PaymentMethodInfo,
  PurchaseCompletedDetail,
  RebillyInstrumentsEventMap,
  Transaction,
} from '../events.js';
import { RETRYABLE_CODES } from '../events.js';
import { isAbortError, toErrorDetail } from '../api/index.js';
import { loadCheckout, SUPPORTED_METHODS, type LoadCache } from './load.js';
import { submitPayment, type CardPayment } from './pay.js';

/** The flow's state, mirrored by the element's read-only `state` property. */
export type CheckoutState = 'idle' | 'loading' | 'ready' | 'paying' | 'approving' | 'completed' | 'failed';

export interface CheckoutData {
  mode: Mode;
  summary: OrderSummary | null;
  paymentMethods: PaymentMethodInfo[];
  /** What the pay button charges now (major units). */
  amount: number;
  currency: string;
}

export interface CheckoutHost extends ReactiveControllerHost, HTMLElement {
  emit<K extends keyof RebillyInstrumentsEventMap>(
    name: K,
    detail: RebillyInstrumentsEventMap[K]['detail'],
  ): void;
  /** Turns an error code (+ context) into the human message in the element's locale. */
  errorMessage(code: ErrorCode, context?: { afterSubmit?: boolean; details?: string }): string;
}

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
  completed: PurchaseCompletedDetail | undefined;

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

  constructor(host: CheckoutHost) {
    this.#host = host;
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
   * Pays with a card. One call is one payment attempt: calls while a payment is in flight (double click,
   * Enter held down) return without sending anything.
   */
  async payWithCard(card: CardPayment): Promise<void> {
    const config = this.#config;
    const data = this.data;
    if (this.#paying || this.state !== 'ready' || !config || !data) return;
    this.#paying = true;
    this.paymentError = undefined;
    this.fieldErrors = [];
    this.#setState('paying');
    try {
      const outcome = await submitPayment(config, data, card, {
        onInstrument: (detail: InstrumentReadyDetail) => this.#host.emit('instrument-ready', detail),
      });
      this.#settle(outcome.transaction, {
        mode: config.mode,
        transaction: outcome.transaction,
        ...(outcome.invoice ? { invoice: outcome.invoice } : {}),
        ...(outcome.orderId ? { orderId: outcome.orderId } : {}),
        ...(outcome.token ? { token: outcome.token } : {}),
      });
    } catch (error) {
      const afterSubmit = (error as { mayHaveReachedServer?: boolean })?.mayHaveReachedServer === true;
      const detail = this.#errorDetail(error, { afterSubmit });
      this.fieldErrors = detail.invalidFields ?? [];
      this.paymentError = detail;
      this.#setState('ready');
      this.#host.emit('error', detail);
    } finally {
      this.#paying = false;
      this.#applyDeferred();
    }
  }

  #settle(transaction: Transaction, completed: PurchaseCompletedDetail): void {
    if (transaction.result === 'approved') {
      this.completed = completed;
      this.#setState('completed');
      this.#host.emit('purchase-completed', completed);
      return;
    }
    if (transaction.result === 'declined' || transaction.result === 'canceled' || transaction.status === 'declined') {
      const reason = declineReason(transaction);
      const detail: ErrorDetail = {
        code: 'payment-declined',
        message: reason
          ? `${this.#host.errorMessage('payment-declined')} ${reason}`
          : this.#host.errorMessage('payment-declined'),
        retryable: true,
        transaction,
      };
      this.paymentError = detail;
      this.#setState('ready');
      this.#host.emit('error', detail);
      return;
    }
    // Anything else (waiting for approval the element could not open, still pending): the outcome is not
    // known yet. Say so, keep the transaction for the page, and do not pretend either way.
    const detail: ErrorDetail = {
      code: 'server',
      message: this.#host.errorMessage('server', { afterSubmit: true }),
      retryable: false,
      transaction,
    };
    this.paymentError = detail;
    this.#setState('ready');
    this.#host.emit('error', detail);
  }

  #applyDeferred(): void {
    const deferred = this.#deferred;
    this.#deferred = undefined;
    if (deferred && this.state !== 'completed') this.#apply(deferred);
  }

  #apply(result: ConfigResult, force = false): void {
    this.#configResult = result;
    if (!result.ok) {
      this.#cancelLoad();
      this.#config = undefined;
      this.data = undefined;
      const detail: ErrorDetail = {
        code: result.code,
        message: this.#host.errorMessage(result.code, { details: result.message }),
        invalidFields: result.issues,
        retryable: false,
      };
      this.failure = detail;
      this.#setState('failed');
      this.#host.emit('error', detail);
      return;
    }
    const previous = this.#config;
    this.#config = result.config;
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

/** Same purchase data (so a finished checkout stays finished when only presentation options change). */
function sameCheckout(a: Config, b: Config): boolean {
  const key = (c: Config) => JSON.stringify({ ...c, locale: undefined, redirectUrl: undefined });
  return key(a) === key(b);
}

/** The reason a gateway gave for a decline, where the transaction carries one. */
function declineReason(transaction: Transaction): string | undefined {
  const candidates = [
    transaction['declineReason'],
    transaction['message'],
    (transaction['gatewayResponse'] as { message?: unknown } | undefined)?.message,
  ];
  const found = candidates.find((c) => typeof c === 'string' && c.trim());
  return found as string | undefined;
}
