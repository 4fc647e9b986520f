import type { ReactiveController } from 'lit';
import type { Config } from '../config/index.js';
import type { BillingAddress, InvalidField } from '../events.js';
import type { Translate } from '../i18n/localize.js';

/** What one way to pay hands the checkout: a single-use token, or a saved instrument. */
export type PaymentInstruction =
  | { token: string; billingAddress?: BillingAddress }
  | { paymentInstrumentId: string };

export interface RenderContext {
  t: Translate;
  locale: string;
  /** A payment is in flight (inputs disabled). */
  busy: boolean;
}

/**
 * The interface every way to enter a new payment instrument implements (docs/ARCHITECTURE.md, "Ways to
 * pay"): a Lit reactive controller of the element that renders its own inputs, checks them, and turns them
 * into a token. The element composes them; the checkout only ever sees the token (`collect()` runs inside
 * the payment attempt, so its failures are plain, retryable ones: nothing was charged yet).
 */
export interface PaymentEntry extends ReactiveController {
  /** The `ready-to-pay` method it collects (`payment-card`). */
  readonly method: string;
  /** Its inputs (the cardholder fields around them are the form's). */
  render(context: RenderContext): unknown;
  /** Shows what is wrong with its inputs; true when `collect()` may run. */
  validate(): boolean;
  /** Moves focus to its first input (the first wrong one after `validate()`). */
  focus(): void;
  /** Tokenizes. Rejects with an error carrying one of the element's error codes. */
  collect(billingAddress: BillingAddress, config: Config): Promise<{ token: string; billingAddress: BillingAddress }>;
  /** The API refused the payment with field errors (422): show those about its inputs. */
  showServerErrors?(fields: readonly InvalidField[]): void;
  /** Clears its error state when the customer starts over (after a payment error). */
  reset?(): void;
  /** Where its approval page opens: `window` for offsite providers (they refuse frames); default a frame. */
  readonly approval?: 'frame' | 'window';
}
