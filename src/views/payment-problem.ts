import type { ErrorDetail } from '../events.js';
import type { Translate } from '../i18n/localize.js';
import { renderError } from './result.js';

export interface PaymentProblemContext {
  /** What the customer tried: paying, saving a card, requesting a payout (the title says which failed). */
  attempt: 'payment' | 'setup' | 'payout';
  /** The outcome is unknown: paying again waits for this deliberate confirmation, never the pay button. */
  confirmUncertain?: () => void;
}

/**
 * The last payment's problem, shown right above the pay button (id `payment-error`, focused by the
 * element): a heading that says what failed, then the message.
 */
export function renderPaymentProblem(t: Translate, error: ErrorDetail, context: PaymentProblemContext) {
  const id = 'payment-error';
  if (context.confirmUncertain) {
    return renderError(t, error, { id, title: t('uncertainTitle'), retry: context.confirmUncertain, retryLabel: t('uncertainConfirm') });
  }
  const title =
    context.attempt === 'payout'
      ? t('payoutFailedTitle')
      : context.attempt === 'setup'
        ? t('setupFailedTitle')
        : error.code === 'payment-declined'
          ? t('declinedTitle')
          : t('paymentFailedTitle');
  return renderError(t, error, { id, title });
}
