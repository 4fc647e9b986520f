/**
 * Every English string the config module produces, in one object so it can move into an i18n catalogue
 * later (replace the object, keep the keys). Messages never contain a key, a JWT or any option value that
 * could be a secret: they name the option and say what is wrong.
 */
export const configMessages = {
  // Field-level issue messages (the part after `field: ` in `formatIssues()`).
  required: 'is required',
  mustBeString: 'must be a string',
  mustBeNonEmptyString: 'must be a non-empty string',
  mustBeObject: 'must be an object',
  mustBeArray: 'must be an array',
  mustBeNonEmptyArray: 'must contain at least one item',
  positiveInteger: 'must be a positive integer',
  positiveAmount: 'must be a number greater than 0',
  quantityRange: 'must be within minimum and maximum',
  quantityMultiple: (step: number) => `must be a multiple of ${step}`,
  tooLong: (max: number) => `must be at most ${max} characters`,
  tooBig: (max: number) => `must be at most ${max}`,
  oneOf: (values: readonly string[]) => `must be one of: ${values.join(', ')}`,
  currency: 'must be an ISO 4217 currency code (3 letters, e.g. USD)',
  /** More decimals than the currency's minor unit has (0.004 USD would show and pay $0.00). */
  amountDecimals: (digits: number, currency: string) =>
    digits === 0 ? `must be a whole number for ${currency}` : `must have at most ${digits} decimals for ${currency}`,
  plainText: 'must not contain spaces, quotes or special characters',
  httpUrl: 'must be an absolute http(s) URL',
  httpUrlNoQuery: 'must be an absolute http(s) URL without a query or fragment',
  imageUrl: 'must be an http(s) URL',
  locale: 'must be a BCP 47 language tag (e.g. en-US)',
  invalidJson: 'is not valid JSON',
  messagesShape: 'must be an object of languages, each an object of strings',
  invalid: 'is invalid',
  depositNeedsRequestOrCurrency: 'needs depositRequestId or currency',
  secretKey: 'is a secret key (sk_…); it was not used and must never be put in a page',
  keyModeMismatch: (keyMode: string, apiMode: string) =>
    `a ${keyMode} publishable key cannot be used with api-mode "${apiMode}"`,
  onlyOne: (given: readonly string[]) =>
    `only one of items, money, invoiceId, transactionId, deposit, payout may be given (got ${given.join(' and ')})`,
  jwtMalformed: 'is not a JWT (expected three base64url segments with a JSON payload)',
  jwtExpired: 'has expired',

  // Top-level messages (ConfigResult.message).
  invalidConfigSummary: (issues: string) => `Invalid configuration: ${issues}`,
  insecureKeySummary:
    'A secret API key (sk_…) was given to the checkout. It was not used and nothing was sent; use a publishable key (pk_…) in the browser.',
  jwtMalformedSummary: 'The customer JWT is not a valid JWT; nothing was sent.',
  jwtExpiredSummary: 'The customer JWT has expired; nothing was sent. Ask the server for a fresh one.',
} as const;

export type ConfigMessages = typeof configMessages;
