/**
 * Every event `<rebilly-instruments>` dispatches, with its `detail` type, and the closed set of error codes.
 * This is the one place that declares them; `GlobalEventHandlersEventMap` is augmented at the bottom so
 * `el.addEventListener('purchase-completed', (e) => e.detail.transaction)` type-checks.
 */

/** The closed, documented set of error codes (the README's "Error codes" table; checked by check:docs). */
export const ERROR_CODES = [
  'invalid-config',
  'insecure-key',
  'unauthorized',
  'forbidden',
  'not-found',
  'validation-failed',
  'rate-limited',
  'network',
  'timeout',
  'server',
  'payment-declined',
  'approval-abandoned',
  'not-payable',
  'no-payment-methods',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The purchase-data mode the element is in, decided by which purchase data was given. */
export type Mode = 'items' | 'money' | 'invoice' | 'transaction' | 'deposit' | 'payout' | 'jwt';

/** One field-level problem, from a 422 `invalidFields` entry or from local validation. */
export interface InvalidField {
  /** Dot notation, as Rebilly sends it (`paymentInstrument.pan`) or a config path (`items.0.quantity`). */
  field: string;
  message: string;
}

/** An RFC 9457 problem-details body as Rebilly sends it (extra members allowed). */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  invalidFields?: InvalidField[];
  [member: string]: unknown;
}

/** A transaction as far as events expose it: Rebilly's Transaction object, untouched. */
export interface Transaction {
  id: string;
  type?: string;
  status?: string;
  result?: string;
  amount?: number;
  currency?: string;
  invoiceIds?: string[];
  orderId?: string | null;
  approvalUrl?: string | null;
  [member: string]: unknown;
}

export interface Invoice {
  id: string;
  status?: string;
  currency?: string;
  amount?: number;
  amountDue?: number;
  [member: string]: unknown;
}

export interface ErrorDetail {
  code: ErrorCode;
  /** A human message, already in the element's locale. */
  message: string;
  /** HTTP status when the error came from the API. */
  status?: number;
  /** The problem-details body when the error came from the API. */
  problem?: ProblemDetails;
  invalidFields?: InvalidField[];
  /** Whether trying the same thing again can succeed (network, timeout, server, rate-limited, declined). */
  retryable: boolean;
  /** The transaction concerned (a declined payment, a payment whose outcome is unknown). */
  transaction?: Transaction;
  /**
   * True when a payment was sent and its outcome is unknown (lost answer, 5xx or unreadable answer after the
   * charge, a re-send refused because its token was already used): it may have gone through. The form stays
   * locked until the customer confirms they checked (never a blind retry: the API has no idempotency key).
   */
  outcomeUnknown?: boolean;
}

export interface OrderSummaryLine {
  /** Plan or product id (items mode), or an invoice item id. */
  id?: string;
  description: string;
  quantity?: number;
  unitPrice?: number;
  price: number;
  thumbnail?: string;
}

export interface OrderSummary {
  currency: string;
  lineItems: OrderSummaryLine[];
  subtotal: number;
  discounts: number;
  tax: number;
  shipping: number;
  total: number;
  /** What is still to pay when it differs from the total (a partly paid invoice). */
  amountDue?: number;
  /** The discounts one by one (items mode), each naming its coupon. */
  discountLines?: { couponId?: string; description?: string; amount: number }[];
}

/** A period of a plan: its billing interval or its trial. */
export interface PlanPeriod {
  unit: 'day' | 'week' | 'month' | 'year';
  length: number;
}

/** What is charged after today (the preview's `recurringAmounts`), with what the plans say when readable. */
export interface RecurringCharge {
  /** Charged every billing period after the first invoice (tax included). */
  amount: number;
  /** The billing interval, when every recurring plan has the same one and it could be read (customer JWT). */
  interval?: PlanPeriod;
  /** A trial before it, when every recurring plan has the same one and it could be read (customer JWT). */
  trial?: { price: number; period: PlanPeriod };
}

/** A postal address (Rebilly's `ContactObject`), as far as the element collects it. */
export interface OrderAddress {
  firstName?: string;
  lastName?: string;
  address?: string;
  city?: string;
  region?: string;
  /** ISO 3166 alpha-2. */
  country?: string;
  postalCode?: string;
  [member: string]: unknown;
}

/** The order as priced (items mode): what the customer sees and what the purchase sends. */
export interface OrderDetail {
  items: { planId: string; quantity: number }[];
  /** Coupons applied (the ones the API accepted). */
  couponIds: string[];
  currency: string;
  /** Charged now (the preview's `initialAmounts.amount`). */
  dueToday: number;
  /** Charged afterwards; null when nothing recurs. */
  recurring: RecurringCharge | null;
  billingAddress?: OrderAddress;
  deliveryAddress?: OrderAddress;
  /** The shipping rate of a shippable order. */
  shippingRateId?: string;
}

export interface PaymentMethodInfo {
  /** Rebilly method name, e.g. `payment-card`, `paypal`. */
  method: string;
  /** In `data-ready`: whether the element offers this method (false: it cannot collect it, so it is left out). */
  offered?: boolean;
  /** Anything else ready-to-pay said about the method (brands, feature, filters …). */
  [member: string]: unknown;
}

export interface DataReadyDetail {
  mode: Mode;
  summary: OrderSummary | null;
  paymentMethods: PaymentMethodInfo[];
  /** Items mode: the order as priced (amounts due today and afterwards, coupons, addresses). */
  order?: OrderDetail;
}

export interface BillingAddress {
  firstName?: string;
  lastName?: string;
  [member: string]: unknown;
}

export interface InstrumentReadyDetail {
  method: string;
  token?: string;
  paymentInstrumentId?: string;
  billingAddress?: BillingAddress;
}

export interface PurchaseCompletedDetail {
  mode: Mode;
  transaction: Transaction;
  invoice?: Invoice;
  orderId?: string;
  /** The single-use payment token that paid (its value is already spent). */
  token?: string;
  /** Items mode: the order that was paid (amounts, coupons, addresses, shipping rate). */
  order?: OrderDetail;
}

export interface SetupCompletedDetail {
  instrument: Record<string, unknown>;
  transaction: Transaction;
}

export interface PayoutCompletedDetail {
  payoutRequest: Record<string, unknown>;
}

export interface RebillyInstrumentsEventMap {
  'data-ready': CustomEvent<DataReadyDetail>;
  'instrument-ready': CustomEvent<InstrumentReadyDetail>;
  'purchase-completed': CustomEvent<PurchaseCompletedDetail>;
  'setup-completed': CustomEvent<SetupCompletedDetail>;
  'payout-completed': CustomEvent<PayoutCompletedDetail>;
  error: CustomEvent<ErrorDetail>;
}

export type RebillyInstrumentsEventName = keyof RebillyInstrumentsEventMap;

/**
 * Every event an element can receive, with the element's own events (its `error` is a
 * `CustomEvent<ErrorDetail>`, not the `ErrorEvent` of the global map).
 */
export type RebillyInstrumentsElementEventMap = Omit<HTMLElementEventMap, keyof RebillyInstrumentsEventMap> &
  RebillyInstrumentsEventMap;

/** Errors that trying again may fix. */
export const RETRYABLE_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'network',
  'timeout',
  'server',
  'rate-limited',
  'payment-declined',
]);

declare global {
  // The element's `error` event carries a CustomEvent, not the ErrorEvent of `window.onerror`, so it is
  // declared on the element's own map (see `RebillyInstrumentsElementEventMap`) rather than here.
  interface GlobalEventHandlersEventMap {
    'data-ready': CustomEvent<DataReadyDetail>;
    'instrument-ready': CustomEvent<InstrumentReadyDetail>;
    'purchase-completed': CustomEvent<PurchaseCompletedDetail>;
    'setup-completed': CustomEvent<SetupCompletedDetail>;
    'payout-completed': CustomEvent<PayoutCompletedDetail>;
  }
}
