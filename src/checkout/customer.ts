/**
 * The customer-JWT modes: pay an invoice or a transaction, the customer's wallet (save or set up a card),
 * deposits and payouts, and saved cards in any mode. A separate module that the element imports on demand
 * (`importCustomerModes()` in `load.ts`), so a publishable-key checkout (items, money) never downloads it.
 */
import type { Invoice, OrderSummary, Transaction } from '../events.js';
import type { StorefrontClient } from '../api/client.js';
import {
  StorefrontGetAccount,
  StorefrontGetDepositRequest,
  StorefrontGetDepositStrategy,
  StorefrontGetInvoice,
  StorefrontGetPaymentInstrumentCollection,
  StorefrontGetPayoutRequest,
  StorefrontPatchPayoutRequest,
  StorefrontPostDeposit,
  StorefrontPostPaymentInstrument,
  StorefrontPostPaymentInstrumentSetup,
  StorefrontPostReadyToPayout,
} from '../api/customer-operations.js';
import { StorefrontGetTransaction, StorefrontPostPayment } from '../api/operations.js';
import { collectRiskMetadata } from '../api/risk-metadata.js';
import type { DepositRequest, DepositStrategy, StorefrontPaymentInstrument } from '../api/customer-schemas.js';
import { isFinal } from './approval.js';
import type { CheckoutData, DepositChoice, SavedInstrument } from './data.js';
import { amountSummary, base, NotPayableError, type Customer, type LoadContext } from './load.js';
import type { PayContext, PaymentOutcome } from './pay.js';

/** An items cart's plans, read with the customer JWT (interval, trial, setup fee, shipping). */
export { loadPlanTerms } from './plans.js';

const PAYABLE_INVOICE = new Set(['unpaid', 'partially-paid', 'past-due', 'issued']);

/** Loads the data of the invoice, transaction, bare-jwt, deposit and payout modes. */
export async function loadCustomerMode(context: LoadContext): Promise<CheckoutData> {
  const { config, client, cached, readyToPay, customer, signal } = context;
  const setup = config.transactionType === 'setup';
  switch (config.mode) {
    case 'invoice':
      return loadInvoice(context, config.invoiceId);
    case 'transaction':
      return loadTransaction(context, config.transactionId);
    case 'jwt': {
      if (config.transactionId) return loadTransaction(context, config.transactionId);
      if (config.invoiceId) return loadInvoice(context, config.invoiceId);
      // The customer's wallet: a new card to save (and, with `setup`, to set up). Saved cards are not
      // offered here: there is nothing to pay with them.
      const who = await customer();
      return {
        ...base(config, who, [{ method: 'payment-card' }], setup),
        savedInstruments: [],
        summary: null,
        amount: 0,
        currency: SETUP_CURRENCY,
        websiteId: config.websiteId,
      };
    }
    case 'deposit': {
      const deposit = config.deposit;
      if (deposit.depositRequestId) {
        const id = deposit.depositRequestId;
        const [request, who] = await Promise.all([
          cached('depositRequest', id, () => StorefrontGetDepositRequest(client, id, { signal })),
          customer(),
        ]);
        if (request.status && !['pending', 'initiated', 'attempted'].includes(request.status)) {
          throw new NotPayableError('deposit', request.status);
        }
        const websiteId = request.websiteId ?? config.websiteId!;
        // The strategy is only needed when the request has no amounts of its own; ready-to-pay only filters
        // methods by amount, so it runs beside it with the best amount known now.
        const strategyId = !request.amounts?.length ? request.strategyId : undefined;
        const guess = request.defaultAmount ?? request.amounts?.[0] ?? request.customAmount?.minimum ?? 1;
        const [strategy, methods] = await Promise.all([
          strategyId
            ? cached('depositStrategy', strategyId, () => StorefrontGetDepositStrategy(client, strategyId, { signal }))
            : Promise.resolve(undefined),
          readyToPay({ websiteId, amount: guess, currency: request.currency }),
        ]);
        const choice = depositChoice(request, strategy);
        const amount = choice.initial ?? choice.custom?.minimum ?? 0;
        return {
          ...base(config, who, methods, false),
          summary: amountSummary(amount, request.currency),
          amount,
          currency: request.currency,
          websiteId,
          deposit: choice,
        };
      }
      const currency = deposit.currency!;
      const amount = deposit.amount ?? 0;
      const websiteId = config.websiteId!;
      const [methods, who] = await Promise.all([readyToPay({ websiteId, amount: amount || 1, currency }), customer()]);
      return {
        ...base(config, who, methods, false),
        summary: amountSummary(amount, currency),
        amount,
        currency,
        websiteId,
        deposit: { currency, presets: [], initial: deposit.amount, custom: { minimum: 0.01, maximum: Number.MAX_SAFE_INTEGER, multipleOf: 0.01 } },
      };
    }
    case 'payout': {
      const id = config.payout.payoutRequestId;
      const [request, who] = await Promise.all([
        cached('payoutRequest', id, () => StorefrontGetPayoutRequest(client, id, { signal })),
        customer(),
      ]);
      if (request.status !== 'pending') throw new NotPayableError('payout', request.status ?? 'unknown');
      const websiteId = request.websiteId ?? config.websiteId!;
      const amount = request.amount ?? 0;
      const currency = request.currency ?? 'USD';
      const methods = await cached('readyToPayout', id, () =>
        StorefrontPostReadyToPayout(client, { websiteId, amount, currency, riskMetadata: collectRiskMetadata() }, { signal }),
      );
      return {
        ...base(config, who, methods, false),
        summary: amountSummary(amount, currency),
        amount,
        currency,
        websiteId,
        payoutRequest: request,
      };
    }
    default:
      throw new TypeError(`not a customer mode: ${config.mode}`);
  }
}

/** Currency of a setup transaction when nothing else names one (the setup authorises a zero amount). */
export const SETUP_CURRENCY = 'USD';

export async function loadCustomer(client: StorefrontClient, signal: AbortSignal): Promise<Customer> {
  const [instruments, account] = await Promise.all([
    StorefrontGetPaymentInstrumentCollection(client, { filter: 'status:active' }, { signal }),
    StorefrontGetAccount(client, { signal }),
  ]);
  return { instruments: instruments.filter(isUsableInstrument).map(toSaved), account };
}

function isUsableInstrument(instrument: StorefrontPaymentInstrument): boolean {
  return (instrument.status ?? 'active') === 'active' && SAVED_METHODS.has(instrument.method ?? 'payment-card');
}

/** Saved instruments that pay by their id alone (a card, a PayPal billing agreement, a bank account). */
const SAVED_METHODS = new Set(['payment-card', 'paypal', 'ach', 'echeck']);

function toSaved(instrument: StorefrontPaymentInstrument): SavedInstrument {
  return {
    id: instrument.id,
    method: instrument.method ?? 'payment-card',
    brand: instrument.brand ?? undefined,
    last4: instrument.last4 ?? undefined,
    expMonth: instrument.expMonth ?? undefined,
    expYear: instrument.expYear ?? undefined,
  };
}

/** Round trip 1: the invoice with the customer (parallel); round trip 2: ready-to-pay for its amount due. */
async function loadInvoice(
  { config, client, cached, readyToPay, customer, signal }: LoadContext,
  invoiceId: string,
): Promise<CheckoutData> {
  const [invoice, who] = await Promise.all([
    cached('invoice', invoiceId, () => StorefrontGetInvoice(client, invoiceId, { signal })),
    customer(),
  ]);
  assertPayableInvoice(invoice);
  const amountDue = invoice.amountDue ?? invoice.amount ?? 0;
  const currency = invoice.currency ?? 'USD';
  const websiteId = (invoice['websiteId'] as string | undefined) ?? config.websiteId!;
  const methods = await readyToPay({ websiteId, amount: amountDue, currency });
  return {
    ...base(config, who, methods, false),
    mode: config.mode,
    summary: summaryFromInvoice(invoice),
    amount: amountDue,
    currency,
    websiteId,
    invoice,
  };
}

/**
 * Round trip 1: the transaction with the customer; round trip 2: its invoice and ready-to-pay (parallel).
 * A `setup` transaction is set up with a new card instead of paid.
 */
async function loadTransaction(
  { config, client, cached, readyToPay, customer, signal }: LoadContext,
  transactionId: string,
): Promise<CheckoutData> {
  const [transaction, who] = await Promise.all([
    cached('transaction', transactionId, () => StorefrontGetTransaction(client, transactionId, { signal })),
    customer(),
  ]);
  if (transaction.status !== 'pending' || transaction.result === 'approved') {
    throw new NotPayableError('transaction', transaction.status ?? 'unknown', transaction);
  }
  const amount = transaction.amount ?? 0;
  const currency = transaction.currency ?? 'USD';
  const websiteId = (transaction['websiteId'] as string | undefined) ?? config.websiteId!;
  const invoiceId = transaction.invoiceIds?.[0];
  const [invoice, methods] = await Promise.all([
    invoiceId
      ? cached('invoice', invoiceId, () => StorefrontGetInvoice(client, invoiceId, { signal }))
      : Promise.resolve(undefined),
    readyToPay({ websiteId, amount: amount || 1, currency }),
  ]);
  const setup = transaction.type === 'setup';
  return {
    ...base(config, who, methods, setup),
    summary: invoice ? { ...summaryFromInvoice(invoice), amountDue: amount } : amountSummary(amount, currency),
    amount,
    currency,
    websiteId,
    transaction,
    invoice,
  };
}

function assertPayableInvoice(invoice: Invoice): void {
  const status = invoice.status ?? 'unpaid';
  if (!PAYABLE_INVOICE.has(status) || (invoice.amountDue ?? 1) <= 0) {
    throw new NotPayableError('invoice', status);
  }
}

/** Preset amounts: the request's own list, else its strategy's calculator (`absolute` adds, `percent` grows). */
export function depositChoice(request: DepositRequest, strategy: DepositStrategy | undefined): DepositChoice {
  let presets = request.amounts ?? [];
  let initial = request.defaultAmount ?? undefined;
  const amounts = strategy?.amounts;
  if (!presets.length && amounts?.baseAmount) {
    const baseAmount = amounts.baseAmount;
    let current = baseAmount;
    presets = [baseAmount];
    for (const step of amounts.increments ?? []) {
      current = amounts.calculator === 'percent' ? round2(baseAmount * (1 + step / 100)) : round2(current + step);
      presets.push(current);
    }
    if (amounts['hideBaseAmount'] === true) presets = presets.slice(1);
    initial ??= presets[amounts.defaultIndex ?? 0];
  }
  const custom = request.customAmount ?? strategy?.customAmount ?? null;
  return {
    depositRequestId: request.id,
    currency: request.currency,
    presets,
    initial: initial ?? presets[0],
    custom: custom ? { minimum: custom.minimum, maximum: custom.maximum, multipleOf: custom.multipleOf } : null,
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export function summaryFromInvoice(invoice: Invoice): OrderSummary {
  const items = (invoice['items'] as { description?: string; quantity?: number; unitPrice?: number; price?: number; type?: string; id?: string }[] | undefined) ?? [];
  const money = (value: unknown) => (typeof value === 'number' ? value : ((value as { amount?: number } | null)?.amount ?? 0));
  const total = invoice.amount ?? 0;
  const amountDue = invoice.amountDue ?? total;
  return {
    currency: invoice.currency ?? 'USD',
    lineItems: items.map((item) => ({
      ...(item.id ? { id: item.id } : {}),
      description: item.description ?? '',
      ...(item.quantity !== undefined ? { quantity: item.quantity } : {}),
      ...(item.unitPrice !== undefined ? { unitPrice: item.unitPrice } : {}),
      price: item.type === 'credit' ? -(item.price ?? 0) : (item.price ?? 0),
    })),
    subtotal: money(invoice['subtotalAmount']),
    discounts: money(invoice['discountAmount']),
    tax: money(invoice['tax']),
    shipping: money(invoice['shipping']),
    total,
    ...(amountDue !== total ? { amountDue } : {}),
  };
}

/**
 * Pays (or saves, sets up, assigns a payout instrument) in a customer mode, after `submitPayment` tokenized
 * a new card. One write per call; never retried here.
 */
export async function payCustomerMode({ client, config, data, pay, redirect, token, paid, amount }: PayContext): Promise<PaymentOutcome> {
  const savedId = 'paymentInstrumentId' in pay ? pay.paymentInstrumentId : undefined;
  // Saving a card (wallet, setup, payout) needs a payment instrument first.
  const instrument = async (): Promise<{ id: string } & Record<string, unknown>> =>
    token === undefined ? { id: savedId! } : StorefrontPostPaymentInstrument(client, { token });

  const invoiceId = config.mode === 'invoice' || config.mode === 'jwt' ? config.invoiceId : undefined;
  const transactionId = config.mode === 'transaction' || config.mode === 'jwt' ? config.transactionId : undefined;

  if (transactionId) {
    const transaction = await StorefrontPostPayment(client, { transactionId, ...pay, ...redirect });
    if (data.setup) return { kind: 'setup', transaction, instrument: (transaction['paymentInstrument'] as Record<string, unknown>) ?? {} };
    return paid(transaction, await withInvoice(client, data.invoice));
  }
  if (invoiceId) {
    const transaction = await StorefrontPostPayment(client, { invoiceId, ...pay, ...redirect });
    return paid(transaction, await withInvoice(client, data.invoice));
  }
  switch (config.mode) {
    case 'deposit': {
      const value = amount ?? data.amount;
      const requestId = data.deposit?.depositRequestId;
      const transaction = requestId
        ? await StorefrontPostDeposit(client, { depositRequestId: requestId, amount: value, ...pay, ...redirect })
        : await StorefrontPostPayment(client, { websiteId: data.websiteId!, amount: value, currency: data.currency, ...pay, ...redirect });
      return paid(transaction);
    }
    case 'payout': {
      const paymentInstrumentId = (await instrument()).id;
      const payoutRequest = await StorefrontPatchPayoutRequest(client, data.payoutRequest!.id, { paymentInstrumentId });
      return { kind: 'payout', payoutRequest };
    }
    default: {
      // The customer's wallet: save the card, and with `transaction-type="setup"` set it up.
      const saved = await instrument();
      if (!data.setup) return { kind: 'instrument', instrument: saved };
      const transaction = await StorefrontPostPaymentInstrumentSetup(client, saved.id, {
        websiteId: data.websiteId!,
        currency: data.currency || SETUP_CURRENCY,
        ...redirect,
      });
      return { kind: 'setup', transaction, instrument: saved };
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

/**
 * After a payment whose answer was lost (or refused as a conflict), reads the transaction or invoice back
 * with the customer JWT. Returns the transaction that settled the attempt (approved or declined) and the
 * invoice as it is now, or undefined while the outcome is still unknown. A failed read rejects.
 */
export async function readBack(
  client: StorefrontClient,
  data: CheckoutData,
): Promise<{ transaction: Transaction; invoice?: Invoice } | undefined> {
  if (data.transaction) {
    const transaction = await StorefrontGetTransaction(client, data.transaction.id);
    return isFinal(transaction) ? { transaction, ...(data.invoice ? { invoice: data.invoice } : {}) } : undefined;
  }
  if (data.invoice) {
    const invoice = await StorefrontGetInvoice(client, data.invoice.id);
    const known = new Set(((data.invoice['transactions'] as Transaction[] | undefined) ?? []).map((t) => t.id));
    const ours = ((invoice['transactions'] as Transaction[] | undefined) ?? []).filter(
      (t) => !known.has(t.id) && t.result === 'approved',
    );
    return ours.length ? { transaction: ours.at(-1)!, invoice } : undefined;
  }
  return undefined;
}
