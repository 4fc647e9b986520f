import type { CompletedResult } from '../checkout/checkout-controller.js';
import type { CheckoutData } from '../checkout/data.js';
import type { Translate } from '../i18n/localize.js';
import { methodName, offerOf } from './registry.js';

/**
 * How a finished payment was made, in words, for the result: the saved instrument it used ("Visa ending in
 * 4242"; a payout's destination), else the name of the transaction's method ("Card", "Alipay"); undefined
 * when the answer does not say.
 */
export function paidWith(completed: CompletedResult, data: CheckoutData, t: Translate): string | undefined {
  const transaction = completed.kind === 'purchase' || completed.kind === 'setup' ? completed.detail.transaction : undefined;
  const used = transaction?.['paymentInstrument'] as { method?: unknown; paymentInstrumentId?: unknown } | null | undefined;
  const savedId =
    used?.paymentInstrumentId ??
    (completed.kind === 'payout' ? (completed.detail.payoutRequest as { paymentInstrumentId?: unknown }).paymentInstrumentId : undefined);
  const saved = data.savedInstruments.find((i) => i.id === savedId);
  if (saved) {
    if (saved.method === 'paypal') return 'PayPal';
    if (saved.method === 'ach' || saved.method === 'echeck') return `${t('methodBank')} ····${saved.last4 ?? ''}`;
    return t('savedInstrument', { brand: saved.brand ?? t('methodCard'), last4: saved.last4 ?? '····' });
  }
  if (typeof used?.method !== 'string') return undefined;
  const offer = offerOf({ method: used.method } as Parameters<typeof offerOf>[0]);
  return offer ? methodName(offer, t) : undefined;
}
