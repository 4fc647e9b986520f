import type { Config } from '../config/index.js';
import type { OrderSummary, PaymentMethodInfo, Transaction } from '../events.js';
// Direct module imports (not the `api/index.js` barrel): what the customer-JWT modes alone use stays in
// their on-demand chunk.
import { getStorefrontClient, type StorefrontClient } from '../api/client.js';
import { StorefrontPostPreviewPurchase, StorefrontPostReadyToPay } from '../api/operations.js';
import { collectRiskMetadata } from '../api/risk-metadata.js';
import type { PurchasePreview } from '../api/schemas.js';
import type { StorefrontAccount } from '../api/customer-schemas.js';
import type { CheckoutData, SavedInstrument } from './data.js';
import { discountLines, orderRequest, pricedOrder, previewOrder, type OrderInput, type PlanTerms } from './order.js';

/** The customer-JWT modes (invoice, transaction, wallet, deposit, payout, saved cards): `customer.ts`. */
export type CustomerModes = typeof import('./customer.js');

let customerModes: CustomerModes | undefined;

/**
 * Loads the customer-JWT modes' code, once per page. A publishable-key checkout (items, money) never calls
 * this, so it never downloads that code. A failed fetch rejects (a `TypeError`, reported as `network`).
 */
export async function importCustomerModes(): Promise<CustomerModes> {
  return (customerModes ??= await import('./customer.js'));
}

/** The customer-JWT modes' code when it has been loaded (it has, whenever the data came from it). */
export function loadedCustomerModes(): CustomerModes | undefined {
  return customerModes;
}

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
  /** The load it was asked for: once that load is aborted, its answer will never come (ask again). */
  signal?: AbortSignal | undefined;
}

/**
 * Per-element memo of the last answer of each request, keyed by what the request depends on. A property
 * change that does not change a request's inputs (locale, redirect URL, a no-op assignment) re-uses the
 * answer instead of asking again; one that does makes exactly the requests it affects.
 */
export type LoadCache = Record<string, Memo<unknown>>;

function memo<T>(cache: LoadCache, slot: string, key: string, run: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const hit = cache[slot] as Memo<T> | undefined;
  if (hit && hit.key === key && !hit.signal?.aborted) return hit.value;
  const value = run();
  cache[slot] = { key, value, signal };
  // A failed or aborted request is not remembered: the next load asks again.
  value.catch(() => {
    if (cache[slot]?.value === value) delete cache[slot];
  });
  return value;
}

/** Loads what the checkout shows for the config's mode, with as few sequential round trips as it can. */
export async function loadCheckout(config: Config, cache: LoadCache, signal: AbortSignal, order?: OrderInput): Promise<CheckoutData> {
  const client = getStorefrontClient(config);
  const connection = JSON.stringify([config.apiUrl, config.organizationId, config.credential.value]);
  const cached = <T>(slot: string, inputs: unknown, run: () => Promise<T>) =>
    memo(cache, slot, connection + JSON.stringify(inputs), run, signal);
  const readyToPay = (body: { websiteId: string; amount: number; currency: string } | { websiteId: string; items: { planId: string; quantity: number }[] }) =>
    cached('readyToPay', body, () => StorefrontPostReadyToPay(client, { ...body, riskMetadata: collectRiskMetadata() }, { signal }));
  // Saved instruments and the account: JWT only (the publishable key may not read a customer).
  const customer = () =>
    config.credential.kind === 'jwt'
      ? cached('customer', null, async () => (await importCustomerModes()).loadCustomer(client, signal))
      : Promise.resolve<Customer>({ instruments: [] });
  const setup = config.transactionType === 'setup';

  switch (config.mode) {
    case 'items': {
      const websiteId = config.websiteId!;
      // The order as the customer shaped it (quantities, coupons, addresses, shipping rate): see order.ts.
      const request = orderRequest(config, order);
      const body = { websiteId, items: request.items };
      // With a customer JWT the plans are readable: their interval, trial, setup fee (never fatal).
      const plans = (): Promise<PlanTerms[] | undefined> =>
        config.credential.kind === 'jwt'
          ? cached('plans', body.items.map((i) => i.planId), () =>
              importCustomerModes().then((m) => m.loadPlanTerms(client, body.items.map((i) => i.planId), signal)),
            ).catch(() => undefined)
          : Promise.resolve(undefined);
      const [methods, previewed, who, terms] = await Promise.all([
        readyToPay(body),
        cached('preview', request, () =>
          previewOrder(request, (r) => StorefrontPostPreviewPurchase(client, { websiteId, ...r }, { signal })),
        ),
        customer(),
        plans(),
      ]);
      const preview = previewed.preview;
      const summary = summaryFromPreview(preview, config.items);
      const lines = discountLines(preview);
      if (lines.length) summary.discountLines = lines;
      return {
        ...base(config, who, methods, setup),
        summary,
        amount: preview.initialAmounts?.amount ?? summary.total,
        currency: summary.currency,
        websiteId,
        order: pricedOrder(config, previewed, terms),
      };
    }
    case 'money': {
      const { amount, currency } = config.money;
      const websiteId = config.websiteId!;
      const [methods, who] = await Promise.all([readyToPay({ websiteId, amount, currency }), customer()]);
      return { ...base(config, who, methods, setup), summary: amountSummary(amount, currency), amount, currency, websiteId };
    }
    default:
      return (await importCustomerModes()).loadCustomerMode({ config, client, cached, readyToPay, customer, signal });
  }
}

/** A customer's saved cards and account (JWT modes). */
export interface Customer {
  instruments: SavedInstrument[];
  account?: StorefrontAccount;
}

/** The members of {@link CheckoutData} every mode fills the same way. */
export function base(config: Config, who: Customer, methods: PaymentMethodInfo[], setup: boolean) {
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

/** What the customer-mode loaders share with `loadCheckout`. */
export interface LoadContext {
  config: Config;
  client: StorefrontClient;
  cached: <T>(slot: string, inputs: unknown, run: () => Promise<T>) => Promise<T>;
  readyToPay: (body: { websiteId: string; amount: number; currency: string }) => Promise<PaymentMethodInfo[]>;
  customer: () => Promise<Customer>;
  signal: AbortSignal;
}

export function amountSummary(amount: number, currency: string): OrderSummary {
  return { currency, lineItems: [], subtotal: amount, discounts: 0, tax: 0, shipping: 0, total: amount };
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
