import type { Config } from '../config/index.js';
import type { BillingAddress, InstrumentReadyDetail, Invoice, Transaction } from '../events.js';
import {
  getStorefrontClient,
  PostToken,
  StorefrontGetInvoice,
  StorefrontPatchPayoutRequest,
  StorefrontPostDeposit,
  StorefrontPostPayment,
  StorefrontPostPaymentInstrument,
  StorefrontPostPaymentInstrumentSetup,
  StorefrontPostPurchase,
  type StorefrontClient,
} from '../api/index.js';
import { splitName } from './card.js';
import type { CheckoutData } from './data.js';
import { SETUP_CURRENCY } from './load.js';

export interface CardPayment {
  method: 'payment-card';
  pan: string;
  cvv: string;
  expMonth: number;
  expYear: number;
  name: string;
  email?: string | undefined;
}

/** What pays: a new card (tokenized first) or one of the customer's saved instruments. */
export type Instruction = { kind: 'card'; card: CardPayment } | { kind: 'saved'; paymentInstrumentId: string };

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

export interface PayHooks {
  onInstrument(detail: InstrumentReadyDetail): void;
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
  if (instruction.kind === 'card') {
    const card = instruction.card;
    billingAddress = {
      ...splitName(card.name),
      ...(card.email ? { emails: [{ label: 'main', value: card.email, primary: true }] } : {}),
    };
    const created = await PostToken(client, {
      method: 'payment-card',
      paymentInstrument: { pan: card.pan, cvv: card.cvv, expMonth: card.expMonth, expYear: card.expYear },
      billingAddress,
    });
    token = created.id;
    hooks.onInstrument({ method: 'payment-card', token, billingAddress });
  } else {
    hooks.onInstrument({ method: 'payment-card', paymentInstrumentId: instruction.paymentInstrumentId });
  }
  const pay = token !== undefined ? { token } : { paymentInstrumentId: (instruction as { paymentInstrumentId: string }).paymentInstrumentId };
  const paid = (transaction: Transaction, extra: { invoice?: Invoice; orderId?: string; sessionToken?: string } = {}) =>
    ({
      kind: 'payment',
      transaction,
      ...(token ? { token } : {}),
      ...(typeof transaction.token === 'string' && !extra.sessionToken ? { sessionToken: transaction.token } : {}),
      ...extra,
    }) as PaymentOutcome;

  // Saving a card (wallet, setup, payout) needs a payment instrument first.
  const newInstrument = async () => {
    if (token === undefined) return undefined;
    return StorefrontPostPaymentInstrument(client, { token });
  };

  const invoiceId = config.mode === 'invoice' ? config.invoiceId : config.mode === 'jwt' ? config.invoiceId : undefined;
  const transactionId =
    config.mode === 'transaction' ? config.transactionId : config.mode === 'jwt' ? config.transactionId : undefined;

  if (transactionId) {
    const transaction = await StorefrontPostPayment(client, { transactionId, ...pay, ...redirect });
    if (data.setup) return { kind: 'setup', transaction, instrument: transaction.paymentInstrument ?? {} } as PaymentOutcome;
    return paid(transaction, await withInvoice(client, data.invoice));
  }
  if (invoiceId) {
    const transaction = await StorefrontPostPayment(client, { invoiceId, ...pay, ...redirect });
    return paid(transaction, await withInvoice(client, data.invoice));
  }

  switch (config.mode) {
    case 'items': {
      const purchase = await StorefrontPostPurchase(client, {
        websiteId: data.websiteId!,
        items: config.items.map(({ planId, quantity }) => ({ planId, quantity })),
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
    case 'deposit': {
      const amount = hooks.amount ?? data.amount;
      const requestId = data.deposit?.depositRequestId;
      const transaction = requestId
        ? await StorefrontPostDeposit(client, { depositRequestId: requestId, amount, ...pay, ...redirect })
        : await StorefrontPostPayment(client, { websiteId: data.websiteId!, amount, currency: data.currency, ...pay, ...redirect });
      return paid(transaction);
    }
    case 'payout': {
      const instrumentId = (await newInstrument())?.id ?? (instruction as { paymentInstrumentId: string }).paymentInstrumentId;
      const payoutRequest = await StorefrontPatchPayoutRequest(client, data.payoutRequest!.id, { paymentInstrumentId: instrumentId });
      return { kind: 'payout', payoutRequest };
    }
    default: {
      // The customer's wallet: save the card, and with `transaction-type="setup"` set it up.
      const instrument = (await newInstrument()) ?? { id: (instruction as { paymentInstrumentId: string }).paymentInstrumentId };
      if (!data.setup) return { kind: 'instrument', instrument };
      const transaction = await StorefrontPostPaymentInstrumentSetup(client, instrument.id, {
        websiteId: data.websiteId!,
        currency: data.currency || SETUP_CURRENCY,
        ...redirect,
      });
      return { kind: 'setup', transaction, instrument };
    }
  }
}

/** The invoice as it is after the payment (best effort: the loaded one when it cannot be read again). */
async function withInvoice(client: StorefrontClient, invoice: Invoice | undefined): Promise<{ invoice?: Invoice }> {
  if (!invoice) return {};
  try {
    return { invoice: await StorefrontGetInvoice(client, invoice.id) };
  } catch {
    return { invoice };
  }
}
