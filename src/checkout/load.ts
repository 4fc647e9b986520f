import type { Config } from '../config/index.js';
import type { OrderSummary, PaymentMethodInfo } from '../events.js';
import {
  collectRiskMetadata,
  getStorefrontClient,
  StorefrontPostPreviewPurchase,
  StorefrontPostReadyToPay,
  type PurchasePreview,
} from '../api/index.js';
import type { CheckoutData } from './checkout-controller.js';

/** Payment methods this element can collect itself. The others are reported in `data-ready` but not offered. */
export const SUPPORTED_METHODS: ReadonlySet<string> = new Set(['payment-card']);

interface Memo<T> {
  key: string;
  value: Promise<T>;
}

/**
 * Per-element memo of the last answer of each request, keyed by what the request depends on. A property
 * change that does not change a request's inputs (locale, redirect URL, a no-op assignment) re-uses the
 * answer instead of asking again; one that does makes exactly the requests it affects.
 */
export interface LoadCache {
  readyToPay?: Memo<PaymentMethodInfo[]>;
  preview?: Memo<PurchasePreview>;
}

function memo<T>(cache: LoadCache, slot: 'readyToPay' | 'preview', key: string, run: () => Promise<T>): Promise<T> {
  const hit = cache[slot] as Memo<T> | undefined;
  if (hit && hit.key === key) return hit.value;
  const value = run();
  (cache as Record<string, Memo<T>>)[slot] = { key, value };
  // A failed or aborted request is not remembered: the next load asks again.
  value.catch(() => {
    if ((cache[slot] as Memo<T> | undefined)?.value === value) delete cache[slot];
  });
  return value;
}

function connectionKey(config: Config): string {
  return JSON.stringify([config.apiUrl, config.organizationId, config.credential.kind, config.credential.value]);
}

/** Loads what the checkout shows for the config's mode: summary and payment methods, in parallel. */
export async function loadCheckout(config: Config, cache: LoadCache, signal: AbortSignal): Promise<CheckoutData> {
  const client = getStorefrontClient(config);
  const connection = connectionKey(config);
  switch (config.mode) {
    case 'items': {
      const items = config.items.map(({ planId, quantity }) => ({ planId, quantity }));
      const websiteId = config.websiteId!;
      const body = { websiteId, items };
      const key = connection + JSON.stringify(body);
      const [methods, preview] = await Promise.all([
        memo(cache, 'readyToPay', key, () =>
          StorefrontPostReadyToPay(client, { ...body, riskMetadata: collectRiskMetadata() }, { signal }),
        ),
        memo(cache, 'preview', key, () => StorefrontPostPreviewPurchase(client, body, { signal })),
      ]);
      const summary = summaryFromPreview(preview, config.items);
      return {
        mode: 'items',
        summary,
        paymentMethods: methods,
        amount: preview.initialAmounts?.amount ?? summary.total,
        currency: summary.currency,
      };
    }
    case 'money': {
      const { amount, currency } = config.money;
      const body = { websiteId: config.websiteId!, amount, currency };
      const methods = await memo(cache, 'readyToPay', connection + JSON.stringify(body), () =>
        StorefrontPostReadyToPay(client, { ...body, riskMetadata: collectRiskMetadata() }, { signal }),
      );
      return {
        mode: 'money',
        summary: { currency, lineItems: [], subtotal: amount, discounts: 0, tax: 0, shipping: 0, total: amount },
        paymentMethods: methods,
        amount,
        currency,
      };
    }
    default:
      throw Object.assign(new Error(`The ${config.mode} mode is not available yet.`), { code: 'invalid-config' });
  }
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
