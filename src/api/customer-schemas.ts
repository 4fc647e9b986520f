/**
 * Response schemas of the customer-JWT operations (`customer-operations.ts`), apart from `schemas.ts` so a
 * publishable-key checkout does not carry them. Same rules: loose objects, only what the element relies on
 * is required.
 */
import * as z from 'zod/mini';
import { optionalNumber, optionalString } from './schemas.js';

export const PaymentInstrumentSchema = z.looseObject({
  id: z.string(),
  method: z.optional(z.string()),
  status: z.optional(z.string()),
  brand: optionalString,
  last4: optionalString,
  expMonth: optionalNumber,
  expYear: optionalNumber,
  /** JWT connecting a new instrument to its setup (`POST …/setup`). */
  token: optionalString,
});

export const AccountSchema = z.looseObject({
  id: z.string(),
  websiteId: optionalString,
  defaultPaymentInstrumentId: optionalString,
  preferredPayoutInstrumentId: optionalString,
});

export const WebsiteSchema = z.looseObject({
  id: z.string(),
  name: z.optional(z.string()),
  url: z.optional(z.string()),
  logoUrl: optionalString,
});

const CustomAmountSchema = z.looseObject({
  minimum: z.number(),
  maximum: z.number(),
  multipleOf: z.number(),
});

export const DepositRequestSchema = z.looseObject({
  id: z.string(),
  websiteId: optionalString,
  customerId: optionalString,
  status: z.optional(z.string()),
  currency: z.string(),
  amounts: z.optional(z.nullable(z.array(z.number()))),
  defaultAmount: optionalNumber,
  customAmount: z.optional(z.nullable(CustomAmountSchema)),
  redirectUrl: optionalString,
  /** Not in the OpenAPI `DepositRequest` schema; the emulator (and Rebilly's cashier) send it. */
  strategyId: optionalString,
});

export const DepositStrategySchema = z.looseObject({
  id: optionalString,
  name: z.optional(z.string()),
  amounts: z.optional(
    z.nullable(
      z.looseObject({
        calculator: z.optional(z.string()),
        baseAmount: optionalNumber,
        increments: z.optional(z.nullable(z.array(z.number()))),
        defaultIndex: optionalNumber,
      }),
    ),
  ),
  customAmount: z.optional(z.nullable(CustomAmountSchema)),
});

export const PayoutRequestSchema = z.looseObject({
  id: z.string(),
  websiteId: optionalString,
  paymentInstrumentId: optionalString,
  currency: z.optional(z.string()),
  amount: z.optional(z.number()),
  status: z.optional(z.string()),
});

export const PlanSchema = z.looseObject({
  id: z.string(),
  name: z.optional(z.string()),
  currency: z.optional(z.string()),
  productId: z.optional(z.string()),
});

export type StorefrontPaymentInstrument = z.infer<typeof PaymentInstrumentSchema>;
export type StorefrontAccount = z.infer<typeof AccountSchema>;
export type Website = z.infer<typeof WebsiteSchema>;
export type DepositRequest = z.infer<typeof DepositRequestSchema>;
export type DepositStrategy = z.infer<typeof DepositStrategySchema>;
export type PayoutRequest = z.infer<typeof PayoutRequestSchema>;
export type StorefrontPlan = z.infer<typeof PlanSchema>;
