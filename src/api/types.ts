/**
 * Request bodies of the Storefront operations the element uses, from the OpenAPI document
 * (`ReadyToPayItems`/`ReadyToPayAmount`, `StorefrontOrderPreview`, `StorefrontPurchase`, `PostPayment`,
 * `CompositeToken`, `PostDeposit`, `SetupPaymentInstrumentRequest`, `ReadyToPayout`, …). Read-only members
 * of those schemas are left out.
 */
import type { RiskMetadata } from './risk-metadata.js';

/** `ContactObject` (billing/delivery address). */
export interface ContactObject {
  firstName?: string | null;
  lastName?: string | null;
  organization?: string | null;
  address?: string | null;
  address2?: string | null;
  city?: string | null;
  region?: string | null;
  /** ISO 3166 alpha-2. */
  country?: string | null;
  postalCode?: string | null;
  phoneNumbers?: { label: string; value: string; primary?: boolean }[] | null;
  emails?: { label: string; value: string; primary?: boolean }[] | null;
  dob?: string | null;
  jobTitle?: string | null;
  [member: string]: unknown;
}

export interface PurchaseItem {
  planId: string;
  /** Integer. */
  quantity: number;
}

interface ReadyToPayCommon {
  websiteId: string;
  billingAddress?: ContactObject | null;
  /** Required by the API; filled with `collectRiskMetadata()` when absent. */
  riskMetadata?: RiskMetadata;
}
/** `ReadyToPayItems`. */
export interface ReadyToPayItems extends ReadyToPayCommon {
  items: PurchaseItem[];
}
/** `ReadyToPayAmount`. */
export interface ReadyToPayAmount extends ReadyToPayCommon {
  currency: string;
  amount: number;
}
export type ReadyToPayRequest = ReadyToPayItems | ReadyToPayAmount;

/** `StorefrontOrderPreview` (writable members). */
export interface PreviewPurchaseRequest {
  websiteId: string;
  items: PurchaseItem[];
  billingAddress?: ContactObject | null;
  deliveryAddress?: ContactObject | null;
  couponIds?: string[];
  currency?: string;
  shippingRateId?: string;
}

/** A single-use payment token or a saved payment instrument. */
export type PaymentInstruction = { token: string } | { paymentInstrumentId: string };

/** `StorefrontPurchase` (writable members). Note: no `riskMetadata` in this schema. */
export interface PurchaseRequest {
  websiteId: string;
  items: PurchaseItem[];
  paymentInstruction: PaymentInstruction;
  billingAddress?: ContactObject | null;
  deliveryAddress?: ContactObject | null;
  shippingRateId?: string;
  couponIds?: string[];
  password?: string | null;
  /** Absolute URI; may hold `{id}` and `{result}` placeholders. */
  redirectUrl?: string | null;
  poNumber?: string | null;
  customFields?: Record<string, unknown>;
}

type PaymentTarget =
  | { transactionId: string; invoiceId?: never; websiteId?: never; amount?: never; currency?: never }
  | { invoiceId: string; transactionId?: never; websiteId?: never; amount?: never; currency?: never }
  | { websiteId: string; amount: number; currency: string; transactionId?: never; invoiceId?: never };

type PaymentSource = { token: string; paymentInstrumentId?: never } | { paymentInstrumentId: string; token?: never };

/**
 * `PostPayment`: `token` or `paymentInstrumentId` at the top level, beside exactly one of `transactionId`,
 * `invoiceId`, or `websiteId` + `amount` + `currency`.
 */
export type PostPaymentRequest = PaymentTarget &
  PaymentSource & {
    /** Filled with `collectRiskMetadata()` when absent. */
    riskMetadata?: RiskMetadata;
    redirectUrl?: string | null;
    /**
     * Not a member of the OpenAPI `PostPayment` schema (which does not forbid extra members): the token's
     * billing address is the one that counts. Kept for compatibility; prefer putting it on the token.
     */
    billingAddress?: ContactObject | null;
  };

/** `PaymentCardToken` request: `expMonth`/`expYear` are integers. */
export interface PaymentCardTokenRequest {
  method: 'payment-card';
  paymentInstrument: { pan: string; cvv?: string; expMonth: number; expYear: number };
  billingAddress: ContactObject;
  /** Filled with `collectRiskMetadata()` when absent; `null` sends none. */
  riskMetadata?: RiskMetadata | null;
  leadSource?: Record<string, unknown>;
}
/** Any other `CompositeToken` method (paypal, ach, digital-wallet, alternative methods …). */
export interface OtherTokenRequest {
  method: string;
  paymentInstrument?: Record<string, unknown>;
  billingAddress?: ContactObject | null;
  riskMetadata?: RiskMetadata | null;
  [member: string]: unknown;
}
export type TokenRequest = PaymentCardTokenRequest | OtherTokenRequest;

/** `StorefrontPostPaymentInstrument`. */
export interface PostPaymentInstrumentRequest {
  /** Token id of the payment instrument. */
  token: string;
  customFields?: Record<string, unknown>;
}

/** `SetupPaymentInstrumentRequest`. */
export interface PaymentInstrumentSetupRequest {
  websiteId: string;
  currency: string;
  amount?: number;
  billingAddress?: ContactObject | null;
  redirectUrl?: string | null;
  /** Filled with `collectRiskMetadata()` when absent. */
  riskMetadata?: RiskMetadata;
}

/** `PostDeposit`: may carry the `token`/`paymentInstrumentId` itself (one step). */
export interface PostDepositRequest {
  depositRequestId: string;
  amount: number;
  paymentInstrumentId?: string | null;
  token?: string | null;
  properties?: Record<string, string>;
  /** Filled with `collectRiskMetadata()` when absent. */
  riskMetadata?: RiskMetadata;
  redirectUrl?: string | null;
}

/** `ReadyToPayout`. */
export interface ReadyToPayoutRequest {
  websiteId: string;
  amount: number;
  currency: string;
  billingAddress?: ContactObject | null;
  /** Required by the API; filled with `collectRiskMetadata()` when absent. */
  riskMetadata?: RiskMetadata;
}

/** `StorefrontPatchPayoutRequest`. */
export interface PatchPayoutRequestRequest {
  paymentInstrumentId: string;
}

/** Collection query parameters (`filter`, `sort`, `limit`, `offset`, `q`, `expand`). */
export interface CollectionQuery {
  filter?: string;
  sort?: string;
  limit?: number;
  offset?: number;
  q?: string;
  expand?: string;
}
