/**
 * The plans of a cart, read with a customer JWT (`GET /storefront/plans`, product expanded): their interval,
 * trial, setup fee and whether their product ships. A publishable key may not read plans: this module is
 * part of the customer-JWT modes' chunk (re-exported by `customer.ts`).
 */
import type { StorefrontClient } from '../api/client.js';
import { StorefrontGetPlanCollection } from '../api/customer-operations.js';
import type { PlanPeriod } from '../events.js';
import type { PlanTerms } from './order.js';

const UNITS = ['day', 'week', 'month', 'year'];

function period(value: unknown): PlanPeriod | undefined {
  const p = value as { unit?: unknown; length?: unknown } | null | undefined;
  return p && UNITS.includes(p.unit as string) && Number.isInteger(p.length) && (p.length as number) > 0
    ? { unit: p.unit as PlanPeriod['unit'], length: p.length as number }
    : undefined;
}

/** A `StorefrontPlan` (with `expand=product`) → its {@link PlanTerms}. */
export function planTerms(plan: Record<string, unknown> & { id: string }): PlanTerms {
  const trial = plan['trial'] as { price?: unknown; period?: unknown } | null | undefined;
  const trialPeriod = period(trial?.period);
  const setup = (plan['setup'] as { price?: unknown } | null | undefined)?.price;
  const product = (plan['_embedded'] as { product?: { requiresShipping?: unknown } } | undefined)?.product;
  const interval = period(plan['recurringInterval']);
  return {
    id: plan.id,
    ...(interval ? { interval } : {}),
    ...(trialPeriod && typeof trial?.price === 'number' ? { trial: { price: trial.price, period: trialPeriod } } : {}),
    ...(typeof setup === 'number' && setup > 0 ? { setupFee: setup } : {}),
    ...(typeof product?.requiresShipping === 'boolean' ? { requiresShipping: product.requiresShipping } : {}),
  };
}


export async function loadPlanTerms(client: StorefrontClient, planIds: readonly string[], signal: AbortSignal): Promise<PlanTerms[]> {
  const ids = [...new Set(planIds)];
  const plans = await StorefrontGetPlanCollection(
    client,
    { filter: `id:${ids.join(',')}`, expand: 'product', limit: ids.length },
    { signal },
  );
  return plans.map((plan) => planTerms(plan));
}
