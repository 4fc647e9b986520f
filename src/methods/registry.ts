import type { PaymentMethodInfo } from '../events.js';
import type { Translate } from '../i18n/localize.js';

/**
 * Which way to pay a `ready-to-pay` model is, if the element can collect it:
 * - `card`: `payment-card` without a `feature` (FramePay's card fields, or inline);
 * - `wallet`: a `payment-card` with the Google Pay / Apple Pay feature, or `paypal` with the billing-agreement
 *   feature (FramePay's wallet buttons, which emit `token-ready`); Apple Pay only where the browser has
 *   `ApplePaySession`, as Rebilly's own library does;
 * - `bank`: `ach` / `echeck` (FramePay's bank-account fields);
 * - `offsite`: every method whose token is an `AlternativePaymentToken` (`{method, billingAddress}`), paid on
 *   the provider's page.
 * Left out (undefined): PayPal without the billing agreement, Samsung Pay, and the methods whose token the
 * element cannot fill (the contract's other `CompositeToken` kinds).
 */
export type Offer =
  | { kind: 'card' }
  | { kind: 'wallet'; wallet: 'googlePay' | 'applePay' | 'paypal' }
  | { kind: 'bank'; method: 'ach' | 'echeck' }
  | { kind: 'offsite'; method: string };

/** `CompositeToken` kinds that are not `AlternativePaymentToken` (every other method name is one). */
const OWN_TOKEN_KINDS = new Set(['payment-card', 'paypal', 'ach', 'echeck', 'digital-wallet', 'plaid-account', 'Khelocard', 'Klarna', 'cryptocurrency']);

const WALLETS: Record<string, 'googlePay' | 'applePay'> = { 'Google Pay': 'googlePay', 'Apple Pay': 'applePay' };

export function offerOf(model: PaymentMethodInfo): Offer | undefined {
  const feature = (model['feature'] as { name?: unknown } | null | undefined)?.name;
  switch (model.method) {
    case 'payment-card': {
      if (feature === undefined || feature === null) return { kind: 'card' };
      const wallet = WALLETS[String(feature)];
      if (!wallet || (wallet === 'applePay' && !('ApplePaySession' in globalThis))) return undefined;
      return { kind: 'wallet', wallet };
    }
    case 'paypal':
      return feature === 'PayPal billing agreement' ? { kind: 'wallet', wallet: 'paypal' } : undefined;
    case 'ach':
    case 'echeck':
      return { kind: 'bank', method: model.method };
    default:
      return typeof model.method === 'string' && model.method && !OWN_TOKEN_KINDS.has(model.method)
        ? { kind: 'offsite', method: model.method }
        : undefined;
  }
}

/** The models the element offers, each once, in `ready-to-pay`'s order. */
export function offers(models: readonly PaymentMethodInfo[]): { model: PaymentMethodInfo; offer: Offer }[] {
  const seen = new Set<string>();
  const out: { model: PaymentMethodInfo; offer: Offer }[] = [];
  for (const model of models) {
    const offer = offerOf(model);
    if (!offer) continue;
    const key = offer.kind === 'wallet' ? offer.wallet : offer.kind === 'card' ? 'card' : offer.method;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ model, offer });
  }
  return out;
}

/** The key of a chooser entry (radio value): `card`, a bank method, or an offsite method. */
export function choiceKey(offer: Offer): string {
  return offer.kind === 'card' ? 'card' : offer.kind === 'wallet' ? offer.wallet : offer.method;
}

/** The name people see for a method: translated where it is a generic name, the brand otherwise. */
export function methodName(offer: Offer, t: Translate): string {
  switch (offer.kind) {
    case 'card':
      return t('methodCard');
    case 'wallet':
      return offer.wallet === 'googlePay' ? 'Google Pay' : offer.wallet === 'applePay' ? 'Apple Pay' : 'PayPal';
    case 'bank':
      return t('methodBank');
    case 'offsite':
      return GENERIC_OFFSITE.has(offer.method) ? t(`method.${offer.method}` as 'methodBank') : offer.method.replace(/-/g, ' ');
  }
}

/** Offsite method names that are words rather than brands (their text is in the catalogues). */
const GENERIC_OFFSITE = new Set(['bank-transfer', 'bitcoin', 'cash', 'check', 'invoice', 'voucher', 'phone', 'online-bank-transfer', 'instant-bank-transfer']);
