/**
 * The order of an items checkout as the customer shapes it (quantities within their bounds, coupons, billing
 * and delivery addresses, the shipping rate) and as `preview-purchase` prices it. Plain data and requests:
 * the inputs the customer uses are `src/order/`'s; this module never renders.
 */
import type { ItemsConfig } from '../config/index.js';
import type { OrderAddress, OrderDetail, OrderSummary, PlanPeriod, RecurringCharge } from '../events.js';
import type { PurchasePreview } from '../api/schemas.js';
import type { PreviewPurchaseRequest, PurchaseItem } from '../api/types.js';
import { isApiError } from '../api/errors.js';

/** What the customer changed in the order; kept by the checkout across reloads of the same cart. */
export interface OrderInput {
  /** Quantities the customer chose, by item index (items with an editable quantity only). */
  quantities?: Record<number, number>;
  /** Coupons, in the order they were applied; undefined until the customer changes them (the `coupons` option). */
  couponIds?: string[];
  billingAddress?: OrderAddress;
  deliveryAddress?: OrderAddress;
  shippingRateId?: string;
}

/** The request members that shape an order: the preview's, and the purchase's beside its payment. */
export type OrderRequest = Pick<
  PreviewPurchaseRequest,
  'items' | 'couponIds' | 'billingAddress' | 'deliveryAddress' | 'shippingRateId'
>;

export interface ShippingRate {
  id: string;
  name: string;
  description?: string | null;
  price: number;
  currency?: string;
}

/** The order as the last preview priced it: what the summary shows and what the purchase sends. */
export interface PricedOrder {
  /** Exactly what was priced; the purchase sends it (with the token's billing address). */
  request: OrderRequest;
  /** Items with an editable quantity: their bounds, by item index. */
  ranges: Record<number, { minimum: number; maximum: number; multipleOf: number }>;
  couponIds: string[];
  /** Coupons the API refused in this preview (unknown, expired), with its message: shown inline, not an error. */
  rejectedCoupons: { couponId: string; message: string }[];
  currency: string;
  dueToday: number;
  recurring: RecurringCharge | null;
  /** Setup fees in today's amount (from the plans, when readable). */
  setupFee?: number;
  shippingRates: ShippingRate[];
  /** What the preview charged for shipping. */
  shippingAmount: number;
  /** The order ships: the preview offers rates, or a plan's product requires shipping. */
  shippable: boolean;
}

/** Bounds of an editable quantity applied to a wanted one: within minimum/maximum, on a multiple of the step. */
export function clampQuantity(value: number, range: { minimum: number; maximum: number; multipleOf: number }): number {
  const step = range.multipleOf;
  const low = Math.ceil(range.minimum / step) * step;
  const high = Math.floor(range.maximum / step) * step;
  const rounded = Math.round((Number.isFinite(value) ? value : low) / step) * step;
  return Math.min(high, Math.max(low, rounded));
}

/** A non-empty address with blank members left out; undefined when nothing was typed. */
function address(value: OrderAddress | undefined): OrderAddress | undefined {
  if (!value) return undefined;
  const out: OrderAddress = {};
  for (const [key, member] of Object.entries(value)) {
    if (typeof member === 'string' ? member.trim() : member != null) out[key] = typeof member === 'string' ? member.trim() : member;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The order request for the config's cart and what the customer changed. */
export function orderRequest(config: ItemsConfig, input: OrderInput = {}): OrderRequest {
  const items: PurchaseItem[] = config.items.map((item, index) => {
    const wanted = input.quantities?.[index];
    return {
      planId: item.planId,
      quantity: item.range && wanted !== undefined ? clampQuantity(wanted, item.range) : item.quantity,
    };
  });
  const couponIds = input.couponIds ?? config.coupons ?? [];
  const billingAddress = address(input.billingAddress);
  const deliveryAddress = address(input.deliveryAddress);
  return {
    items,
    ...(couponIds.length ? { couponIds } : {}),
    ...(billingAddress ? { billingAddress } : {}),
    ...(deliveryAddress ? { deliveryAddress } : {}),
    ...(input.shippingRateId ? { shippingRateId: input.shippingRateId } : {}),
  };
}

/**
 * The coupons a 422 answer refuses (`invalidFields` on `couponIds.N`, or `couponIds` alone: then the last one
 * applied), with the API's message; [] when the answer is about something else.
 */
export function refusedCoupons(error: unknown, couponIds: readonly string[]): { couponId: string; message: string }[] {
  if (!isApiError(error) || error.status !== 422 || !couponIds.length) return [];
  const refused = new Map<string, string>();
  for (const { field, message } of error.invalidFields ?? []) {
    const match = /^couponIds(?:\.(\d+))?$/.exec(field);
    if (!match) continue;
    const couponId = match[1] !== undefined ? couponIds[Number(match[1])] : couponIds.at(-1);
    if (couponId !== undefined && !refused.has(couponId)) refused.set(couponId, message);
  }
  return [...refused].map(([couponId, message]) => ({ couponId, message }));
}

/**
 * Previews the order; a coupon the API refuses (unknown, expired) is left out and the order previewed again
 * without it, so a customer's typo is a message beside the coupon field, never a failed checkout.
 */
export async function previewOrder(
  request: OrderRequest,
  preview: (request: OrderRequest) => Promise<PurchasePreview>,
): Promise<{ preview: PurchasePreview; request: OrderRequest; rejectedCoupons: { couponId: string; message: string }[] }> {
  const rejectedCoupons: { couponId: string; message: string }[] = [];
  for (;;) {
    try {
      return { preview: await preview(request), request, rejectedCoupons };
    } catch (error) {
      const refused = refusedCoupons(error, request.couponIds ?? []);
      if (!refused.length) throw error;
      rejectedCoupons.push(...refused);
      const couponIds = (request.couponIds ?? []).filter((id) => !refused.some((r) => r.couponId === id));
      const { couponIds: _dropped, ...rest } = request;
      request = couponIds.length ? { ...rest, couponIds } : rest;
    }
  }
}

/** What a plan read (customer JWT) says about billing: all optional, read defensively. */
export interface PlanTerms {
  id: string;
  interval?: PlanPeriod;
  trial?: { price: number; period: PlanPeriod };
  setupFee?: number;
  requiresShipping?: boolean;
}

const same = (values: unknown[]) => values.length > 0 && values.every((v) => JSON.stringify(v) === JSON.stringify(values[0]));

/**
 * The order as priced: amounts due today and afterwards, the shipping choice. The interval, trial and setup
 * fee are said only when the plans were read (`plans`) and agree; otherwise only what the preview proves.
 */
export function pricedOrder(
  config: ItemsConfig,
  previewed: Awaited<ReturnType<typeof previewOrder>>,
  plans?: PlanTerms[],
): PricedOrder {
  const { preview, request, rejectedCoupons } = previewed;
  const ranges: PricedOrder['ranges'] = {};
  config.items.forEach((item, index) => {
    if (item.range) ranges[index] = item.range;
  });
  const recurringAmounts = preview.recurringAmounts;
  let recurring: RecurringCharge | null = null;
  if (recurringAmounts && typeof recurringAmounts.amount === 'number') {
    recurring = { amount: recurringAmounts.amount };
    const wanted = new Set(request.items.filter((i) => i.quantity > 0).map((i) => i.planId));
    const recurringPlans = (plans ?? []).filter((p) => wanted.has(p.id) && p.interval);
    // Every plan of the cart read, and the recurring ones agree: say their interval (and trial).
    if (plans && [...wanted].every((id) => plans.some((p) => p.id === id)) && same(recurringPlans.map((p) => p.interval))) {
      recurring.interval = recurringPlans[0]!.interval!;
      if (same(recurringPlans.map((p) => p.trial ?? null)) && recurringPlans[0]!.trial) recurring.trial = recurringPlans[0]!.trial;
    }
  }
  const setupFee = (plans ?? []).filter((p) => request.items.some((i) => i.planId === p.id && i.quantity > 0)).reduce((sum, p) => sum + (p.setupFee ?? 0), 0);
  const rates = (preview['shippingRates'] as unknown[] | undefined ?? []).filter(
    (r): r is ShippingRate => !!r && typeof (r as ShippingRate).id === 'string' && typeof (r as ShippingRate).name === 'string' && typeof (r as ShippingRate).price === 'number',
  );
  const requiresShipping = (plans ?? []).some((p) => p.requiresShipping && request.items.some((i) => i.planId === p.id && i.quantity > 0));
  return {
    request,
    ranges,
    couponIds: request.couponIds ?? [],
    rejectedCoupons,
    currency: preview.currency ?? 'USD',
    dueToday: preview.initialAmounts?.amount ?? preview.total ?? 0,
    recurring,
    ...(setupFee > 0 ? { setupFee } : {}),
    shippingRates: rates,
    shippingAmount: preview.shippingAmount ?? 0,
    shippable: rates.length > 0 || requiresShipping,
  };
}

/**
 * The shipping rate the order uses: the one chosen, else the one the preview priced (the API picks the
 * cheapest when none is chosen), else the first.
 */
export function shippingRateOf(order: PricedOrder): ShippingRate | undefined {
  const rates = order.shippingRates;
  return (
    rates.find((r) => r.id === order.request.shippingRateId) ??
    rates.find((r) => r.price === order.shippingAmount) ??
    rates[0]
  );
}

/** The discounts of a preview one by one, each naming its coupon. */
export function discountLines(preview: PurchasePreview): NonNullable<OrderSummary['discountLines']> {
  const discounts = (preview['discounts'] as unknown[] | undefined) ?? [];
  return discounts
    .filter((d): d is { amount: number; couponId?: unknown; description?: unknown } => typeof (d as { amount?: unknown })?.amount === 'number')
    .map((d) => ({
      amount: d.amount,
      ...(typeof d.couponId === 'string' ? { couponId: d.couponId } : {}),
      ...(typeof d.description === 'string' ? { description: d.description } : {}),
    }));
}

/** The public view of a priced order, for `data-ready` and `purchase-completed`. */
export function orderDetail(order: PricedOrder): OrderDetail {
  const { request } = order;
  const rate = order.shippable ? shippingRateOf(order) : undefined;
  return {
    items: request.items.map(({ planId, quantity }) => ({ planId, quantity })),
    couponIds: [...order.couponIds],
    currency: order.currency,
    dueToday: order.dueToday,
    recurring: order.recurring,
    ...(request.billingAddress ? { billingAddress: { ...request.billingAddress } as OrderAddress } : {}),
    ...(request.deliveryAddress ? { deliveryAddress: { ...request.deliveryAddress } as OrderAddress } : {}),
    ...(rate ? { shippingRateId: rate.id } : {}),
  };
}

/**
 * The purchase's order members: what was priced, with the shipping rate the preview used made explicit (so the
 * purchase charges the rate the customer saw, whatever the API's default).
 */
export function purchaseOrder(order: PricedOrder): OrderRequest {
  const request = order.request;
  const rate = order.shippable && !request.shippingRateId ? shippingRateOf(order) : undefined;
  return { ...request, ...(rate ? { shippingRateId: rate.id } : {}) };
}
