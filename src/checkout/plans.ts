/**
 * The plans of a cart, read with a customer JWT (`GET /storefront/plans`, product expanded): their interval,
 * trial, setup fee and whether their product ships. A publishable key may not read plans, so this module is
 * loaded only with a JWT.
 */
import type { StorefrontClient } from '../api/client.js';
import { StorefrontGetPlanCollection } from '../api/customer-operations.js';
import { planTerms, type PlanTerms } from './order.js';

export async function loadPlanTerms(client: StorefrontClient, planIds: readonly string[], signal: AbortSignal): Promise<PlanTerms[]> {
  const ids = [...new Set(planIds)];
  const plans = await StorefrontGetPlanCollection(
    client,
    { filter: `id:${ids.join(',')}`, expand: 'product', limit: ids.length },
    { signal },
  );
  return plans.map((plan) => planTerms(plan));
}
