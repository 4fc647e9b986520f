import type { Config } from '../config/index.js';
import type { BillingAddress, InstrumentReadyDetail, Invoice, Transaction } from '../events.js';
import { getStorefrontClient, PostToken, StorefrontPostPayment, StorefrontPostPurchase } from '../api/index.js';
import { splitName } from './card.js';
import type { CheckoutData } from './checkout-controller.js';

export interface CardPayment {
  method: 'payment-card';
  pan: string;
  cvv: string;
  expMonth: number;
  expYear: number;
  name: string;
  email?: string | undefined;
  currency: string;
}

export interface PaymentOutcome {
  transaction: Transaction;
  invoice?: Invoice;
  orderId?: string;
  /** The single-use payment token that paid. */
  token?: string;
  /** Session token (customer JWT) the purchase/payment returned: reads the transaction afterwards. */
  sessionToken?: string;
}

/**
 * Tokenizes the card (`POST /tokens`), then makes the one purchase or payment for the config's mode.
 * Never retried here: the fetch client retries a payment POST only when it provably never reached the server.
 */
export async function submitPayment(
  config: Config,
  data: CheckoutData,
  card: CardPayment,
  hooks: { onInstrument(detail: InstrumentReadyDetail): void; redirectUrl?: string | undefined },
): Promise<PaymentOutcome> {
  const client = getStorefrontClient(config);
  const billingAddress: BillingAddress = {
    ...splitName(card.name),
    ...(card.email ? { emails: [{ label: 'main', value: card.email, primary: true }] } : {}),
  };
  const token = await PostToken(client, {
    method: 'payment-card',
    paymentInstrument: { pan: card.pan, cvv: card.cvv, expMonth: card.expMonth, expYear: card.expYear },
    billingAddress,
  });
  hooks.onInstrument({ method: 'payment-card', token: token.id, billingAddress });
  const redirect = hooks.redirectUrl ? { redirectUrl: hooks.redirectUrl } : {};

  switch (config.mode) {
    case 'items': {
      const purchase = await StorefrontPostPurchase(client, {
        websiteId: config.websiteId!,
        items: config.items.map(({ planId, quantity }) => ({ planId, quantity })),
        paymentInstruction: { token: token.id },
        billingAddress,
        ...redirect,
      });
      return {
        transaction: purchase.transaction,
        ...(purchase.invoice ? { invoice: purchase.invoice } : {}),
        ...(purchase.orderId ? { orderId: purchase.orderId } : {}),
        token: token.id,
        ...(purchase.token ? { sessionToken: purchase.token } : {}),
      };
    }
    case 'money': {
      const transaction = await StorefrontPostPayment(client, {
        websiteId: config.websiteId!,
        amount: data.amount,
        currency: data.currency,
        token: token.id,
        ...redirect,
      });
      return {
        transaction,
        token: token.id,
        ...(typeof transaction.token === 'string' ? { sessionToken: transaction.token } : {}),
      };
    }
    default:
      throw Object.assign(new Error(`Paying in ${config.mode} mode is not available yet.`), { code: 'invalid-config' });
  }
}
