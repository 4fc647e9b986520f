/**
 * One typed function per Storefront operation a publishable-key checkout uses (items, money, 3-D Secure
 * reads); the customer-JWT operations are in `customer-operations.ts`, loaded only by the JWT modes. Each
 * function is named after its operationId, named after its operationId. Each takes
 * the shared client first and per-call `RequestOptions` (signal, timeoutMs, retries) last, and resolves with
 * the response checked by its schema, or rejects with an `ApiError` (or an `AbortError` on the caller's abort).
 */
import type { PaymentMethodInfo } from '../events.js';
import type { RequestOptions, StorefrontClient } from './client.js';
import { ApiError } from './errors.js';
import { collectRiskMetadata } from './risk-metadata.js';
import {
  PaymentMethodsSchema,
  PurchasePreviewSchema,
  PurchaseSchema,
  TokenSchema,
  TransactionSchema,
  type PaymentToken,
  type PurchasePreview,
  type PurchaseResult,
  type StorefrontTransaction,
} from './schemas.js';
import type { PostPaymentRequest, PreviewPurchaseRequest, PurchaseRequest, ReadyToPayRequest, TokenRequest } from './types.js';

/** A path segment. @internal */
export const id = (value: string) => encodeURIComponent(value);

/** The body with the browser's risk metadata, unless the caller gave its own. @internal */
export function withRisk<T extends { riskMetadata?: unknown }>(body: T): T {
  return body.riskMetadata === undefined ? { ...body, riskMetadata: collectRiskMetadata() } : body;
}

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
