/**
 * One typed function per Storefront operation the element uses, named after its operationId. Each takes
 * the shared client first and per-call `RequestOptions` (signal, timeoutMs, retries) last, and resolves with
 * the response checked by its schema, or rejects with an `ApiError` (or an `AbortError` on the caller's abort).
 */
import type { PaymentMethodInfo } from '../events.js';
import type { RequestOptions, StorefrontClient } from './client.js';
import { ApiError } from './errors.js';
import { collectRiskMetadata } from './risk-metadata.js';
import {
  AccountSchema,
  DepositRequestSchema,
  DepositStrategySchema,
  InvoiceSchema,
  PaymentInstrumentSchema,
  PaymentMethodsSchema,
  PayoutRequestSchema,
  PlanSchema,
  PurchasePreviewSchema,
  PurchaseSchema,
  TokenSchema,
  TransactionSchema,
  WebsiteSchema,
  type DepositRequest,
  type DepositStrategy,
  type PaymentToken,
  type PayoutRequest,
  type PurchasePreview,
  type PurchaseResult,
  type StorefrontAccount,
  type StorefrontInvoice,
  type StorefrontPaymentInstrument,
  type StorefrontPlan,
  type StorefrontTransaction,
  type Website,
} from './schemas.js';
import type {
  CollectionQuery,
  PatchPayoutRequestRequest,
  PaymentInstrumentSetupRequest,
  PostDepositRequest,
  PostPaymentInstrumentRequest,
  PostPaymentRequest,
  PreviewPurchaseRequest,
  PurchaseRequest,
  ReadyToPayoutRequest,
  ReadyToPayRequest,
  TokenRequest,
} from './types.js';
import * as z from 'zod/mini';

const id = (value: string) => encodeURIComponent(value);

function withRisk<T extends { riskMetadata?: unknown }>(body: T): T {
  return body.riskMetadata === undefined ? { ...body, riskMetadata: collectRiskMetadata() } : body;
}

const list = <T extends z.ZodMiniType>(schema: T) => z.array(schema);

/** `POST /storefront/ready-to-pay`: the payment methods, as an array in the API's order. */
export function StorefrontPostReadyToPay(
  client: StorefrontClient,
  body: ReadyToPayRequest,
  options: RequestOptions = {},
): Promise<PaymentMethodInfo[]> {
  return client.request({
    ...options,
    method: 'POST',
    path: 'storefront/ready-to-pay',
    body: withRisk(body),
    schema: PaymentMethodsSchema,
    operationId: 'StorefrontPostReadyToPay',
    idempotent: true,
  });
}

/** `POST /storefront/preview-purchase`: line items and totals of a cart. */
export function StorefrontPostPreviewPurchase(
  client: StorefrontClient,
  body: PreviewPurchaseRequest,
  options: RequestOptions = {},
): Promise<PurchasePreview> {
  return client.request({
    ...options,
    method: 'POST',
    path: 'storefront/preview-purchase',
    body,
    schema: PurchasePreviewSchema,
    operationId: 'StorefrontPostPreviewPurchase',
    idempotent: true,
  });
}

/** `POST /storefront/purchase` (`paymentInstruction: {token}` or `{paymentInstrumentId}`). */
export function StorefrontPostPurchase(
  client: StorefrontClient,
  body: PurchaseRequest,
  options: RequestOptions = {},
): Promise<PurchaseResult> {
  return client.request({
    ...options,
    method: 'POST',
    path: 'storefront/purchase',
    body,
    schema: PurchaseSchema,
    operationId: 'StorefrontPostPurchase',
    write: true,
  });
}

/**
 * `POST /storefront/payment`: `token` or `paymentInstrumentId` at the top level, with exactly one of
 * `transactionId`, `invoiceId`, or `websiteId` + `amount` + `currency` (checked before sending:
 * `validation-failed`, nothing sent). A declined payment resolves (201, `result: 'declined'`).
 */
export function StorefrontPostPayment(
  client: StorefrontClient,
  body: PostPaymentRequest,
  options: RequestOptions = {},
): Promise<StorefrontTransaction> {
  const problem = paymentBodyProblem(body as unknown as Record<string, unknown>);
  if (problem) {
    return Promise.reject(
      new ApiError({
        code: 'validation-failed',
        message: problem.message,
        invalidFields: [problem],
        retryable: false,
        operationId: 'StorefrontPostPayment',
        method: 'POST',
      }),
    );
  }
  return client.request({
    ...options,
    method: 'POST',
    path: 'storefront/payment',
    body: withRisk(body),
    schema: TransactionSchema,
    operationId: 'StorefrontPostPayment',
    write: true,
  });
}

function paymentBodyProblem(body: Record<string, unknown>): { field: string; message: string } | undefined {
  const targets = [
    body['transactionId'] !== undefined,
    body['invoiceId'] !== undefined,
    body['websiteId'] !== undefined || body['amount'] !== undefined || body['currency'] !== undefined,
  ].filter(Boolean).length;
  if (targets !== 1) {
    return {
      field: 'transactionId',
      message: 'A payment needs exactly one of transactionId, invoiceId, or websiteId with amount and currency.',
    };
  }
  if (
    body['transactionId'] === undefined &&
    body['invoiceId'] === undefined &&
    (body['websiteId'] === undefined || body['amount'] === undefined || body['currency'] === undefined)
  ) {
    return { field: 'amount', message: 'A payment by amount needs websiteId, amount and currency.' };
  }
  if ((body['token'] === undefined) === (body['paymentInstrumentId'] === undefined)) {
    return { field: 'token', message: 'A payment needs exactly one of token or paymentInstrumentId.' };
  }
  return undefined;
}

/** `POST /tokens` (beside `/storefront`): a single-use payment token. */
export function PostToken(
  client: StorefrontClient,
  body: TokenRequest,
  options: RequestOptions = {},
): Promise<PaymentToken> {
  return client.request({
    ...options,
    method: 'POST',
    path: 'tokens',
    body: withRisk(body),
    schema: TokenSchema,
    operationId: 'PostToken',
  });
}

/** `GET /storefront/transactions/{id}`: needs a customer JWT (use `client.withCredential`). */
export function StorefrontGetTransaction(
  client: StorefrontClient,
  transactionId: string,
  options: RequestOptions = {},
): Promise<StorefrontTransaction> {
  return client.request({
    ...options,
    method: 'GET',
    path: `storefront/transactions/${id(transactionId)}`,
    schema: TransactionSchema,
    operationId: 'StorefrontGetTransaction',
  });
}

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
