export {
  StorefrontClient,
  getStorefrontClient,
  clearStorefrontClients,
  setStorefrontClientDefaults,
  parseRetryAfter,
  DEFAULT_CLIENT_TUNING,
} from './client.js';
export type {
  ClientKey,
  ClientTuning,
  Credential,
  HttpMethod,
  RequestOptions,
  RequestSpec,
  ResponseSchema,
} from './client.js';
export {
  ApiError,
  isApiError,
  isAbortError,
  abortError,
  toErrorDetail,
  codeForStatus,
  apiDetailMessages,
} from './errors.js';
export type { ApiErrorInit } from './errors.js';
export { collectRiskMetadata } from './risk-metadata.js';
export type { RiskMetadata, BrowserData } from './risk-metadata.js';
export * from './operations.js';
export * from './customer-operations.js';
export {
  TransactionSchema,
  InvoiceSchema,
  PurchaseSchema,
  PurchasePreviewSchema,
  TokenSchema,
  PaymentMethodSchema,
  PaymentMethodsSchema,
} from './schemas.js';
export {
  PaymentInstrumentSchema,
  AccountSchema,
  WebsiteSchema,
  DepositRequestSchema,
  DepositStrategySchema,
  PayoutRequestSchema,
  PlanSchema,
} from './customer-schemas.js';
export type {
  StorefrontTransaction,
  StorefrontInvoice,
  PurchaseResult,
  PurchasePreview,
  PreviewLineItem,
  PaymentToken,
} from './schemas.js';
export type {
  StorefrontPaymentInstrument,
  StorefrontAccount,
  Website,
  DepositRequest,
  DepositStrategy,
  PayoutRequest,
  StorefrontPlan,
} from './customer-schemas.js';
export type * from './types.js';
