import type { Invoice, Mode, OrderSummary, PaymentMethodInfo, Transaction } from '../events.js';
import type { PricedOrder } from './order.js';

/** Value of the "new card" choice in the saved-instrument chooser. */
export const NEW_CARD = 'new-card';

/** A saved payment instrument the customer can pay with (JWT modes). */
export interface SavedInstrument {
  id: string;
  method: string;
  brand?: string | undefined;
  last4?: string | undefined;
  expMonth?: number | undefined;
  expYear?: number | undefined;
}

/** Amount choices of a deposit: preset buttons and/or a custom amount within bounds. */
export interface DepositChoice {
  depositRequestId?: string | undefined;
  currency: string;
  presets: number[];
  /** The amount selected when the form opens. */
  initial: number | undefined;
  custom: { minimum: number; maximum: number; multipleOf: number } | null;
}

/** What the element shows and pays with, for the current purchase data. */
export interface CheckoutData {
  mode: Mode;
  summary: OrderSummary | null;
  paymentMethods: PaymentMethodInfo[];
  /** What the pay button charges now (major units). */
  amount: number;
  currency: string;
  websiteId?: string | undefined;
  /** Active saved instruments (JWT modes). */
  savedInstruments: SavedInstrument[];
  /** The customer's default instrument, preselected. */
  defaultInstrumentId?: string | undefined;
  /** Cardholder name from the customer's account, to prefill. */
  customerName?: string | undefined;
  invoice?: Invoice | undefined;
  transaction?: Transaction | undefined;
  deposit?: DepositChoice | undefined;
  payoutRequest?: Record<string, unknown> & { id: string } | undefined;
  /** The flow saves an instrument (`setup`) instead of paying. */
  setup: boolean;
  /** Items mode: the order as priced (what the purchase sends: quantities, coupons, addresses, rate). */
  order?: PricedOrder | undefined;
}
