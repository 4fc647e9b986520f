import type { Config } from '../config/index.js';
import type { Invoice, OrderSummary, PaymentMethodInfo, Transaction } from '../events.js';
import {
  collectRiskMetadata,
  getStorefrontClient,
  StorefrontGetAccount,
  StorefrontGetDepositRequest,
  StorefrontGetDepositStrategy,
  StorefrontGetInvoice,
  StorefrontGetPaymentInstrumentCollection,
  StorefrontGetPayoutRequest,
  StorefrontGetTransaction,
  StorefrontPostPreviewPurchase,
  StorefrontPostReadyToPay,
  StorefrontPostReadyToPayout,
  type DepositRequest,
  type DepositStrategy,
  type PurchasePreview,
  type StorefrontAccount,
  type StorefrontClient,
  type StorefrontPaymentInstrument,
} from '../api/index.js';
import type { CheckoutData, DepositChoice, SavedInstrument } from './data.js';

/** Payment methods this element can collect itself. The others are reported in `data-ready` but not offered. */
export const SUPPORTED_METHODS: ReadonlySet<string> = new Set(['payment-card']);

/** The purchase data cannot be paid: a paid/voided invoice, a completed transaction, a non-pending payout. */
export class NotPayableError extends Error {
  readonly code = 'not-payable' as const;
  constructor(
    readonly what: 'invoice' | 'transaction' | 'payout' | 'deposit',
    readonly status: string,
    readonly transaction?: Transaction,
  ) {
    super(`This ${what} is ${status}.`);
  }
}

interface Memo<T> {
  key: string;
  value: Promise<T>;
}

/**
 * Per-element memo of the last answer of each request, keyed by what the request depends on. A property
 * change that does not change a request's inputs (locale, redirect URL, a no-op assignment) re-uses the
 * answer instead of asking again; one that does makes exactly the requests it affects.
 */
export type LoadCache = Record<string, Memo<unknown>>;

function memo<T>(cache: LoadCache, slot: string, key: string, run: () => Promise<T>): Promise<T> {
  const hit = cache[slot] as Memo<T> | undefined;
  if (hit && hit.key === key) return hit.value;
  const value = run();
  cache[slot] = { key, value };
  // A failed or aborted request is not remembered: the next load asks again.
  value.catch(() => {
    if (cache[slot]?.value === value) delete cache[slot];
  });
  return value;
}

const PAYABLE_INVOICE = new Set(['unpaid', 'partially-paid', 'past-due', 'issued']);

/** Loads what the checkout shows for the config's mode, with as few sequential round trips as it can. */
export async function loadCheckout(config: Config, cache: LoadCache, signal: AbortSignal): Promise<CheckoutData> {
  const client = getStorefrontClient(config);
  const connection = JSON.stringify([config.apiUrl, config.organizationId, config.credential.value]);
  const cached = <T>(slot: string, inputs: unknown, run: () => Promise<T>) =>
    memo(cache, slot, connection + JSON.stringify(inputs), run);
  const readyToPay = (body: { websiteId: string; amount: number; currency: string } | { websiteId: string; items: { planId: string; quantity: number }[] }) =>
    cached('readyToPay', body, () => StorefrontPostReadyToPay(client, { ...body, riskMetadata: collectRiskMetadata() }, { signal }));
  // Saved instruments and the account: JWT only (the publishable key may not read a customer).
  const customer = () =>
    config.credential.kind === 'jwt'
      ? cached('customer', null, () => loadCustomer(client, signal))
      : Promise.resolve<Customer>({ instruments: [] });
  const setup = config.transactionType === 'setup';
  const context = (): LoadContext => ({ config, client, cached, readyToPay, customer, signal });

  switch (config.mode) {
    case 'items': {
      const websiteId = config.websiteId!;
      const body = { websiteId, items: config.items.map(({ planId, quantity }) => ({ planId, quantity })) };
      const [methods, preview, who] = await Promise.all([
        readyToPay(body),
        cached('preview', body, () => StorefrontPostPreviewPurchase(client, body, { signal })),
        customer(),
      ]);
      const summary = summaryFromPreview(preview, config.items);
      return {
        ...base(config, who, methods, setup),
        summary,
        amount: preview.initialAmounts?.amount ?? summary.total,
        currency: summary.currency,
        websiteId,
      };
    }
    case 'money': {
      const { amount, currency } = config.money;
      const websiteId = config.websiteId!;
      const [methods, who] = await Promise.all([readyToPay({ websiteId, amount, currency }), customer()]);
      return { ...base(config, who, methods, setup), summary: amountSummary(amount, currency), amount, currency, websiteId };
    }
    case 'invoice':
      return loadInvoice(context(), config.invoiceId);
    case 'transaction':
      return loadTransaction(context(), config.transactionId);
    case 'jwt': {
      if (config.transactionId) return loadTransaction(context(), config.transactionId);
      if (config.invoiceId) return loadInvoice(context(), config.invoiceId);
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
  }
}

/** Currency of a setup transaction when nothing else names one (the setup authorises a zero amount). */
export const SETUP_CURRENCY = 'USD';

interface Customer {
  instruments: SavedInstrument[];
  account?: StorefrontAccount;
}

async function loadCustomer(client: StorefrontClient, signal: AbortSignal): Promise<Customer> {
  const [instruments, account] = await Promise.all([
    StorefrontGetPaymentInstrumentCollection(client, { filter: 'status:active' }, { signal }),
    StorefrontGetAccount(client, { signal }),
  ]);
  return { instruments: instruments.filter(isUsableInstrument).map(toSaved), account };
}

function isUsableInstrument(instrument: StorefrontPaymentInstrument): boolean {
  return (instrument.status ?? 'active') === 'active' && SUPPORTED_METHODS.has(instrument.method ?? 'payment-card');
}

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

function base(config: Config, who: Customer, methods: PaymentMethodInfo[], setup: boolean) {
  const address = who.account?.['primaryAddress'] as { firstName?: string; lastName?: string } | undefined;
  const name = [address?.firstName, address?.lastName].filter(Boolean).join(' ');
  return {
    mode: config.mode,
    paymentMethods: methods,
    savedInstruments: setup ? [] : who.instruments,
    defaultInstrumentId: who.account?.defaultPaymentInstrumentId ?? undefined,
    customerName: name || undefined,
    setup,
  };
}

/** What the invoice and transaction loaders share with `loadCheckout`. */
interface LoadContext {
  config: Config;
  client: StorefrontClient;
  cached: <T>(slot: string, inputs: unknown, run: () => Promise<T>) => Promise<T>;
  readyToPay: (body: { websiteId: string; amount: number; currency: string }) => Promise<PaymentMethodInfo[]>;
  customer: () => Promise<Customer>;
  signal: AbortSignal;
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

export function amountSummary(amount: number, currency: string): OrderSummary {
  return { currency, lineItems: [], subtotal: amount, discounts: 0, tax: 0, shipping: 0, total: amount };
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

export function summaryFromPreview(
  preview: PurchasePreview,
  items: readonly { planId: string; thumbnail?: string | undefined }[],
): OrderSummary {
  const thumbnails = new Map(items.filter((i) => i.thumbnail).map((i) => [i.planId, i.thumbnail!]));
  const lineItems = (preview.lineItems ?? []).map((line) => ({
    ...(line.planId ? { id: line.planId } : {}),
    description: line.description ?? line.planId ?? '',
    ...(line.quantity !== undefined ? { quantity: line.quantity } : {}),
    ...(line.unitPrice !== undefined ? { unitPrice: line.unitPrice } : {}),
    price: line.type === 'credit' ? -(line.price ?? 0) : (line.price ?? 0),
    ...(line.planId && thumbnails.has(line.planId) ? { thumbnail: thumbnails.get(line.planId)! } : {}),
  }));
  return {
    currency: preview.currency ?? 'USD',
    lineItems,
    subtotal: preview.subtotalAmount ?? 0,
    discounts: preview.discountsAmount ?? 0,
    tax: preview.taxAmount ?? 0,
    shipping: preview.shippingAmount ?? 0,
    total: preview.total ?? 0,
  };
}
