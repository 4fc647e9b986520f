import type { Config } from '../config/index.js';
import type { BillingAddress, InstrumentReadyDetail, Invoice, Transaction } from '../events.js';
import { getStorefrontClient, type StorefrontClient } from '../api/client.js';
import { StorefrontPostPayment, StorefrontPostPurchase } from '../api/operations.js';
import type { CheckoutData } from './data.js';
import { importCustomerModes } from './load.js';
import { purchaseOrder } from './order.js';

/**
 * What pays: a token made by a way to pay (`collect`, called inside the payment attempt: FramePay's hosted
 * fields, the inline card form), or one of the customer's saved instruments. This module never sees card data.
 */
export type Instruction =
  | {
      kind: 'collect';
      method: string;
      collect(): Promise<{ token: string; billingAddress?: BillingAddress }>;
      /** Where an approval page of this method opens: a frame (3-D Secure, the default) or a window (offsite). */
      approval?: 'frame' | 'window';
    }
  | { kind: 'saved'; paymentInstrumentId: string };

export type PaymentOutcome =
  | {
      kind: 'payment';
      transaction: Transaction;
      invoice?: Invoice;
      orderId?: string;
      /** The single-use payment token that paid. */
      token?: string;
      /** Session token (customer JWT) the purchase/payment returned: reads the transaction afterwards. */
      sessionToken?: string;
    }
  | { kind: 'setup'; transaction: Transaction; instrument: Record<string, unknown>; sessionToken?: string }
  | { kind: 'payout'; payoutRequest: Record<string, unknown> }
  | { kind: 'instrument'; instrument: Record<string, unknown> };

/** What `submitPayment` hands the customer-mode payments (`payCustomerMode` in `customer.ts`). */
export interface PayContext {
  client: StorefrontClient;
  config: Config;
  data: CheckoutData;
  /** What pays: the new card's single-use token or the saved instrument. */
  pay: { token: string } | { paymentInstrumentId: string };
  redirect: { redirectUrl?: string };
  /** The new card's token (undefined when a saved instrument pays). */
  token: string | undefined;
  /** The outcome of a transaction that paid. */
  paid(transaction: Transaction, extra?: { invoice?: Invoice; orderId?: string; sessionToken?: string }): PaymentOutcome;
  /** The amount the customer chose (deposits). */
  amount?: number | undefined;
}

export interface PayHooks {
  onInstrument(detail: InstrumentReadyDetail): void;
  /**
   * Called once, right before the first request that can charge (or save, or commit) is sent. A failure
   * before it provably changed nothing; after it, only an answer that proves a refusal does.
   */
  onSent(): void;
  redirectUrl?: string | undefined;
  /** The amount the customer chose (deposits). */
  amount?: number | undefined;
}

/**
 * Makes the one request that pays (or sets up, or assigns a payout instrument) for the config's mode, after
 * tokenizing a new card. Never retried here: the fetch client retries a payment write only when it provably
 * never reached the server.
 */
export async function submitPayment(
  config: Config,
  data: CheckoutData,
  instruction: Instruction,
  hooks: PayHooks,
): Promise<PaymentOutcome> {
  const client = getStorefrontClient(config);
  const redirect = hooks.redirectUrl ? { redirectUrl: hooks.redirectUrl } : {};
  let token: string | undefined;
  let billingAddress: BillingAddress | undefined;
  if (instruction.kind === 'collect') {
    const collected = await instruction.collect();
    token = collected.token;
    billingAddress = collected.billingAddress;
    hooks.onInstrument({ method: instruction.method, token, ...(billingAddress ? { billingAddress } : {}) });
  } else {
    hooks.onInstrument({ method: 'payment-card', paymentInstrumentId: instruction.paymentInstrumentId });
  }
  const pay = instruction.kind === 'saved' ? { paymentInstrumentId: instruction.paymentInstrumentId } : { token: token! };
  const paid = (transaction: Transaction, extra: { invoice?: Invoice; orderId?: string; sessionToken?: string } = {}) =>
    ({
      kind: 'payment',
      transaction,
      ...(token ? { token } : {}),
      ...(typeof transaction.token === 'string' && !extra.sessionToken ? { sessionToken: transaction.token } : {}),
      ...extra,
    }) as PaymentOutcome;

  // The customer modes' code is fetched before the payment goes out, so a failed fetch is a plain failure.
  const customer = config.mode === 'items' || config.mode === 'money' ? undefined : await importCustomerModes();
  hooks.onSent();
  switch (config.mode) {
    case 'items': {
      const purchase = await StorefrontPostPurchase(client, {
        websiteId: data.websiteId!,
        items: config.items.map(({ planId, quantity }) => ({ planId, quantity })),
        // The order exactly as priced (quantities, coupons, addresses, shipping rate): see order.ts.
        ...(data.order ? purchaseOrder(data.order) : {}),
        paymentInstruction: pay,
        ...(billingAddress ? { billingAddress } : {}),
        ...redirect,
      });
      return paid(purchase.transaction, {
        ...(purchase.invoice ? { invoice: purchase.invoice } : {}),
        ...(purchase.orderId ? { orderId: purchase.orderId } : {}),
        ...(purchase.token ? { sessionToken: purchase.token } : {}),
      });
    }
    case 'money':
      return paid(
        await StorefrontPostPayment(client, { websiteId: data.websiteId!, amount: data.amount, currency: data.currency, ...pay, ...redirect }),
      );
    default:
      return customer!.payCustomerMode({ client, config, data, pay, redirect, token, paid, amount: hooks.amount });
  }
}
