/**
 * Response schemas, checked at the boundary with zod/mini. Loose objects: unknown members are kept, and
 * only what the element relies on is required (an `id`, mostly); the rest is typed when present so a
 * wrong type is caught here rather than deep in a view.
 */
import * as z from 'zod/mini';
import type { PaymentMethodInfo } from '../events.js';

/** A member the API may omit or send as null. @internal (shared with customer-schemas.ts) */
export const optionalString = z.optional(z.nullable(z.string()));
/** @internal */
export const optionalNumber = z.optional(z.nullable(z.number()));

export const TransactionSchema = z.looseObject({
  id: z.string(),
  type: z.optional(z.string()),
  status: z.optional(z.string()),
  result: z.optional(z.string()),
  amount: z.optional(z.number()),
  currency: z.optional(z.string()),
  invoiceIds: z.optional(z.array(z.string())),
  orderId: optionalString,
  approvalUrl: optionalString,
  /** Session token (customer JWT) that reads this transaction afterwards. */
  token: optionalString,
  websiteId: optionalString,
});

export const InvoiceSchema = z.looseObject({
  id: z.string(),
  websiteId: optionalString,
  status: z.optional(z.string()),
  currency: z.optional(z.string()),
  amount: z.optional(z.number()),
  amountDue: z.optional(z.number()),
  subtotalAmount: optionalNumber,
  discountAmount: optionalNumber,
  orderId: optionalString,
  items: z.optional(z.array(z.looseObject({}))),
});

export const PurchaseSchema = z.looseObject({
  transaction: TransactionSchema,
  invoice: z.optional(z.nullable(InvoiceSchema)),
  orderId: optionalString,
  /** Session token (customer JWT) for reading the transaction (3-D Secure result) afterwards. */
  token: optionalString,
});

export const PreviewLineItemSchema = z.looseObject({
  type: z.optional(z.string()),
  description: z.optional(z.string()),
  unitPrice: z.optional(z.number()),
  quantity: z.optional(z.number()),
  price: z.optional(z.number()),
  planId: z.optional(z.string()),
  productId: z.optional(z.string()),
});

const AmountsSchema = z.looseObject({
  amount: z.optional(z.number()),
  subtotalAmount: z.optional(z.number()),
  discountAmount: z.optional(z.number()),
  shippingAmount: z.optional(z.number()),
  taxAmount: z.optional(z.number()),
});

export const PurchasePreviewSchema = z.looseObject({
  websiteId: z.optional(z.string()),
  currency: z.optional(z.string()),
  lineItems: z.optional(z.array(PreviewLineItemSchema)),
  subtotalAmount: z.optional(z.number()),
  taxAmount: z.optional(z.number()),
  shippingAmount: z.optional(z.number()),
  discountsAmount: z.optional(z.number()),
  total: z.optional(z.number()),
  initialAmounts: z.optional(AmountsSchema),
  recurringAmounts: z.optional(z.nullable(AmountsSchema)),
});

export const TokenSchema = z.looseObject({
  id: z.string(),
  method: z.optional(z.string()),
  billingAddress: z.optional(z.nullable(z.looseObject({}))),
  paymentInstrument: z.optional(z.nullable(z.looseObject({}))),
});

export const PaymentMethodSchema = z.looseObject({ method: z.string() });

/**
 * ready-to-pay / ready-to-payout answers. Documented as one object, but Rebilly's own SDKs read the body
 * as a list (`Object.values(body)`): an array, an object of methods keyed by index, and a single method
 * object are all accepted and normalised to an array in the API's order.
 */
export const PaymentMethodsSchema = {
  safeParse(value: unknown): { success: true; data: PaymentMethodInfo[] } | { success: false; error: unknown } {
    if (typeof value !== 'object' || value === null) {
      return { success: false, error: new TypeError('expected an array or an object of payment methods') };
    }
    const body = value as Record<string, unknown>;
    const list: unknown[] = Array.isArray(body) ? body : typeof body['method'] === 'string' ? [body] : Object.values(body);
    const methods = z.array(PaymentMethodSchema).safeParse(list);
    if (!methods.success) return { success: false, error: methods.error };
    return { success: true, data: methods.data as PaymentMethodInfo[] };
  },
};

export type StorefrontTransaction = z.infer<typeof TransactionSchema>;
export type StorefrontInvoice = z.infer<typeof InvoiceSchema>;
export type PurchaseResult = z.infer<typeof PurchaseSchema>;
export type PurchasePreview = z.infer<typeof PurchasePreviewSchema>;
export type PreviewLineItem = z.infer<typeof PreviewLineItemSchema>;
export type PaymentToken = z.infer<typeof TokenSchema>;
