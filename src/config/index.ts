export { parseConfig, formatIssues, keyApiMode, DEFAULT_API_URLS, OPTION_KEYS, JSON_OPTION_KEYS } from './parse-config.js';
export type {
  RawOptions,
  Config,
  ConfigResult,
  MissingOption,
  ConfigErrorCode,
  BaseConfig,
  ItemsConfig,
  MoneyConfig,
  InvoiceConfig,
  TransactionConfig,
  DepositConfig,
  PayoutConfig,
  JwtOnlyConfig,
  Credential,
  PublishableCredential,
  JwtCredential,
  ApiMode,
  TransactionType,
  Item,
  Money,
  DepositData,
  PayoutData,
} from './parse-config.js';
export { parseJsonAttribute, isInvalidJson, InvalidJson } from './json-attribute.js';
export { decodeJwtPayload, readJwt, readJwtClaims } from './jwt.js';
export type { JwtClaims, JwtReadResult } from './jwt.js';
export { configMessages } from './messages.js';
export {
  optionsSchema,
  itemSchema,
  itemsSchema,
  moneySchema,
  depositSchema,
  payoutSchema,
  currencyCode,
  PURCHASE_DATA_KEYS,
  API_MODES,
  TRANSACTION_TYPES,
} from './schemas.js';
export { presentationIssues, usableMessages, themeOf, THEMES } from './presentation.js';
export type { Theme } from './presentation.js';
