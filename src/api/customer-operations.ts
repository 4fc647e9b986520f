/**
 * The Storefront operations only the customer-JWT modes use (invoice, transaction, wallet, deposit, payout),
 * in their own module so a publishable-key checkout never downloads them. Same conventions as
 * `operations.ts`: named after the operationId, the shared client first, `RequestOptions` last.
 */
import type { PaymentMethodInfo } from '../events.js';
import type { RequestOptions, StorefrontClient } from './client.js';
import { id, withRisk } from './operations.js';
import { InvoiceSchema, PaymentMethodsSchema, TransactionSchema, type StorefrontInvoice, type StorefrontTransaction } from './schemas.js';
import {
  AccountSchema,
  DepositRequestSchema,
  DepositStrategySchema,
  PaymentInstrumentSchema,
  PayoutRequestSchema,
  PlanSchema,
  WebsiteSchema,
  type DepositRequest,
  type DepositStrategy,
  type PayoutRequest,
  type StorefrontAccount,
  type StorefrontPaymentInstrument,
  type StorefrontPlan,
  type Website,
} from './customer-schemas.js';
import type {
  CollectionQuery,
  PatchPayoutRequestRequest,
  PaymentInstrumentSetupRequest,
  PostDepositRequest,
  PostPaymentInstrumentRequest,
  ReadyToPayoutRequest,
} from './types.js';
import * as z from 'zod/mini';

const list = <T extends z.ZodMiniType>(schema: T) => z.array(schema);

/** `GET /storefront/invoices/{id}`. */
export function StorefrontGetInvoice(
  client: StorefrontClient,
  invoiceId: string,
  options: RequestOptions & { expand?: string } = {},
): Promise<StorefrontInvoice> {
  return client.request({
    ...options,
    method: 'GET',
    path: `storefront/invoices/${id(invoiceId)}`,
    query: { expand: options.expand },
    schema: InvoiceSchema,
    operationId: 'StorefrontGetInvoice',
  });
}

/** `GET /storefront/account`. */
export function StorefrontGetAccount(
  client: StorefrontClient,
  options: RequestOptions = {},
): Promise<StorefrontAccount> {
  return client.request({
    ...options,
    method: 'GET',
    path: 'storefront/account',
    schema: AccountSchema,
    operationId: 'StorefrontGetAccount',
  });
}

/** `GET /storefront/payment-instruments`: the customer's saved instruments. */
export function StorefrontGetPaymentInstrumentCollection(
  client: StorefrontClient,
  query: CollectionQuery = {},
  options: RequestOptions = {},
): Promise<StorefrontPaymentInstrument[]> {
  return client.request({
    ...options,
    method: 'GET',
    path: 'storefront/payment-instruments',
    query: { ...query },
    schema: list(PaymentInstrumentSchema),
    operationId: 'StorefrontGetPaymentInstrumentCollection',
  });
}

/** `POST /storefront/payment-instruments` (publishable key or JWT): its `token` opens the setup. */
export function StorefrontPostPaymentInstrument(
  client: StorefrontClient,
  body: PostPaymentInstrumentRequest,
  options: RequestOptions = {},
): Promise<StorefrontPaymentInstrument> {
  return client.request({
    ...options,
    method: 'POST',
    path: 'storefront/payment-instruments',
    body,
    schema: PaymentInstrumentSchema,
    operationId: 'StorefrontPostPaymentInstrument',
  });
}

/** `POST /storefront/payment-instruments/{id}/setup`: needs a JWT (the new instrument's `token`). */
export function StorefrontPostPaymentInstrumentSetup(
  client: StorefrontClient,
  paymentInstrumentId: string,
  body: PaymentInstrumentSetupRequest,
  options: RequestOptions = {},
): Promise<StorefrontTransaction> {
  return client.request({
    ...options,
    method: 'POST',
    path: `storefront/payment-instruments/${id(paymentInstrumentId)}/setup`,
    body: withRisk(body),
    schema: TransactionSchema,
    operationId: 'StorefrontPostPaymentInstrumentSetup',
    write: true,
  });
}

/** `GET /storefront/websites/{id}`. */
export function StorefrontGetWebsite(
  client: StorefrontClient,
  websiteId: string,
  options: RequestOptions = {},
): Promise<Website> {
  return client.request({
    ...options,
    method: 'GET',
    path: `storefront/websites/${id(websiteId)}`,
    schema: WebsiteSchema,
    operationId: 'StorefrontGetWebsite',
  });
}

/** `GET /storefront/deposit-requests/{id}`. */
export function StorefrontGetDepositRequest(
  client: StorefrontClient,
  depositRequestId: string,
  options: RequestOptions = {},
): Promise<DepositRequest> {
  return client.request({
    ...options,
    method: 'GET',
    path: `storefront/deposit-requests/${id(depositRequestId)}`,
    schema: DepositRequestSchema,
    operationId: 'StorefrontGetDepositRequest',
  });
}

/** `GET /storefront/deposit-strategies/{id}`: preset amounts (`amounts` object) and `customAmount` limits. */
export function StorefrontGetDepositStrategy(
  client: StorefrontClient,
  strategyId: string,
  options: RequestOptions = {},
): Promise<DepositStrategy> {
  return client.request({
    ...options,
    method: 'GET',
    path: `storefront/deposit-strategies/${id(strategyId)}`,
    schema: DepositStrategySchema,
    operationId: 'StorefrontGetDepositStrategy',
  });
}

/** `POST /storefront/deposit`: may carry `token`/`paymentInstrumentId` (one step). */
export function StorefrontPostDeposit(
  client: StorefrontClient,
  body: PostDepositRequest,
  options: RequestOptions = {},
): Promise<StorefrontTransaction> {
  return client.request({
    ...options,
    method: 'POST',
    path: 'storefront/deposit',
    body: withRisk(body),
    schema: TransactionSchema,
    operationId: 'StorefrontPostDeposit',
    write: true,
  });
}

/** `GET /storefront/payout-requests/{id}`. */
export function StorefrontGetPayoutRequest(
  client: StorefrontClient,
  payoutRequestId: string,
  options: RequestOptions = {},
): Promise<PayoutRequest> {
  return client.request({
    ...options,
    method: 'GET',
    path: `storefront/payout-requests/${id(payoutRequestId)}`,
    schema: PayoutRequestSchema,
    operationId: 'StorefrontGetPayoutRequest',
  });
}

/** `PATCH /storefront/payout-requests/{id}`: choose the instrument the payout goes to. */
export function StorefrontPatchPayoutRequest(
  client: StorefrontClient,
  payoutRequestId: string,
  body: PatchPayoutRequestRequest,
  options: RequestOptions = {},
): Promise<PayoutRequest> {
  return client.request({
    ...options,
    method: 'PATCH',
    path: `storefront/payout-requests/${id(payoutRequestId)}`,
    body,
    schema: PayoutRequestSchema,
    operationId: 'StorefrontPatchPayoutRequest',
    write: true,
  });
}

/** `POST /storefront/ready-to-payout`: payout methods, normalised to an array like ready-to-pay. */
export function StorefrontPostReadyToPayout(
  client: StorefrontClient,
  body: ReadyToPayoutRequest,
  options: RequestOptions = {},
): Promise<PaymentMethodInfo[]> {
  return client.request({
    ...options,
    method: 'POST',
    path: 'storefront/ready-to-payout',
    body: withRisk(body),
    schema: PaymentMethodsSchema,
    operationId: 'StorefrontPostReadyToPayout',
    idempotent: true,
  });
}

/** `GET /storefront/plans`. */
export function StorefrontGetPlanCollection(
  client: StorefrontClient,
  query: CollectionQuery = {},
  options: RequestOptions = {},
): Promise<StorefrontPlan[]> {
  return client.request({
    ...options,
    method: 'GET',
    path: 'storefront/plans',
    query: { ...query },
    schema: list(PlanSchema),
    operationId: 'StorefrontGetPlanCollection',
  });
}
