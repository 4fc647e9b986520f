// Request-body schemas, written from the Storefront OpenAPI contract (components/schemas).
// Only what the contract constrains is checked; unknown members are ignored (stripped).
import { z } from 'zod';

const str = (/** @type {number} */ max) => z.string().max(max);
const nullableStr = (/** @type {number} */ max) => z.string().max(max).nullable().optional();

export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'Must be an ISO 4217 currency code');
export const WebsiteId = str(50).min(1);
export const ResourceId = str(50).min(1);

/** An absolute http(s) URI; `{id}` / `{result}` placeholders are allowed. */
export const RedirectUrl = z
  .string()
  .max(2083)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'Must be an absolute http(s) URI')
  .nullable()
  .optional();

/** ContactObject */
export const ContactObject = z.object({
  firstName: nullableStr(45),
  lastName: nullableStr(45),
  organization: nullableStr(255),
  address: nullableStr(60),
  address2: nullableStr(60),
  city: nullableStr(45),
  region: nullableStr(45),
  country: z.string().regex(/^[A-Z]{2}$/, 'Must be an ISO 3166-1 alpha-2 country code').nullable().optional(),
  postalCode: z.string().max(10).regex(/^[\w\s-]+$/, 'Invalid postal code').nullable().optional(),
  phoneNumbers: z.array(z.object({ label: str(45), value: str(50), primary: z.boolean().optional() })).optional(),
  emails: z.array(z.object({ label: str(45), value: z.email('Must be a valid email address').max(255), primary: z.boolean().optional() })).optional(),
  dob: z.iso.date().nullable().optional(),
  jobTitle: nullableStr(255),
});

/** RiskMetadata (only writable members). */
export const RiskMetadata = z.looseObject({
  ipAddress: z.string().nullable().optional(),
  fingerprint: nullableStr(50),
  httpHeaders: z.record(z.string(), z.unknown()).nullable().optional(),
  browserData: z
    .object({
      colorDepth: z.int().min(1).max(48),
      isJavaEnabled: z.boolean(),
      language: str(8),
      screenWidth: z.int().min(0).max(65535),
      screenHeight: z.int().min(0).max(65535),
      timeZoneOffset: z.int().min(-1410).max(1410),
      isAdBlockEnabled: z.boolean().optional(),
    })
    .nullable()
    .optional(),
  extraData: z.record(z.string(), z.unknown()).nullable().optional(),
});

const Item = z.object({ planId: str(50).min(1), quantity: z.int().min(0).max(1_000_000_000) });
const Items = z.array(Item).min(1);
const Amount = z.number().positive();

export const ReadyToPay = z.union([
  z.object({
    websiteId: WebsiteId,
    items: Items,
    billingAddress: ContactObject.nullable().optional(),
    riskMetadata: RiskMetadata,
  }),
  z.object({
    websiteId: WebsiteId,
    currency: CurrencyCode,
    amount: z.number().min(0),
    billingAddress: ContactObject.nullable().optional(),
    riskMetadata: RiskMetadata,
  }),
]);
/** ReadyToPayItems / ReadyToPayAmount picked by the presence of `items`. */
export const ReadyToPayItems = ReadyToPay.options[0];
export const ReadyToPayAmount = ReadyToPay.options[1];

export const ReadyToPayout = z.object({
  websiteId: WebsiteId,
  billingAddress: ContactObject.nullable().optional(),
  riskMetadata: RiskMetadata,
  currency: CurrencyCode,
  amount: z.number().min(0),
});

export const OrderPreview = z.object({
  websiteId: WebsiteId,
  items: Items,
  billingAddress: ContactObject.nullable().optional(),
  deliveryAddress: ContactObject.nullable().optional(),
  couponIds: z.array(str(50)).optional(),
  shippingRateId: str(50).optional(),
});

const PaymentInstruction = z.union([
  z.object({ token: z.string().min(1) }),
  z.object({ paymentInstrumentId: ResourceId }),
]);

export const Purchase = OrderPreview.extend({
  orderId: ResourceId.optional(),
  paymentInstruction: z.object({ token: z.string().min(1).optional(), paymentInstrumentId: ResourceId.optional() }).refine(
    (value) => (value.token === undefined) !== (value.paymentInstrumentId === undefined),
    'Provide exactly one of token or paymentInstrumentId',
  ),
  password: z.string().nullable().optional(),
  redirectUrl: RedirectUrl,
  poNumber: z.string().nullable().optional(),
  customFields: z.record(z.string(), z.unknown()).optional(),
  riskMetadata: RiskMetadata.optional(),
});
export { PaymentInstruction };

const PaymentBase = {
  token: z.string().min(1).optional(),
  paymentInstrumentId: ResourceId.optional(),
  riskMetadata: RiskMetadata.optional(),
  redirectUrl: RedirectUrl,
};
export const PaymentForTransaction = z.object({ ...PaymentBase, transactionId: ResourceId });
export const PaymentForInvoice = z.object({ ...PaymentBase, invoiceId: ResourceId });
export const PaymentForAmount = z.object({ ...PaymentBase, websiteId: WebsiteId, currency: CurrencyCode, amount: Amount });

export const PaymentCardToken = z.object({
  method: z.literal('payment-card', { error: 'The emulator supports "payment-card", "paypal", "digital-wallet", "ach" and "echeck" tokens' }),
  paymentInstrument: z.object({
    pan: z.string().regex(/^\d{12,19}$/, 'Must be 12 to 19 digits'),
    cvv: z.string().regex(/^\d{3,4}$/, 'Must be 3 or 4 digits'),
    expMonth: z.int().min(1).max(12),
    expYear: z.int().min(2000).max(2100),
  }),
  billingAddress: ContactObject.optional(),
  riskMetadata: RiskMetadata.nullable().optional(),
  leadSource: z.record(z.string(), z.unknown()).optional(),
});

/** Members every token kind of `CompositeToken` accepts besides `method` and `paymentInstrument`. */
const TokenExtras = {
  riskMetadata: RiskMetadata.nullable().optional(),
  leadSource: z.record(z.string(), z.unknown()).optional(),
};

/** PayPalToken (the ready-to-pay PayPal billing agreement feature's ids). */
export const PayPalToken = z.object({
  method: z.literal('paypal'),
  paymentInstrument: z.object({ paypalMerchantId: z.string().min(1), billingAgreementToken: z.string().min(1) }),
  billingAddress: ContactObject.nullable().optional(),
  ...TokenExtras,
});

/** DigitalWalletToken (`billingAddress` is read-only: it comes from the wallet `payload`). */
export const DigitalWalletToken = z.object({
  method: z.literal('digital-wallet'),
  paymentInstrument: z.object({
    type: z.enum(['Apple Pay', 'Google Pay', 'Samsung Pay']),
    amount: z.number().min(0),
    currency: CurrencyCode,
    descriptor: z.string().min(1),
    payload: z.record(z.string(), z.unknown()),
  }),
  ...TokenExtras,
});

const BankExtras = { bic: z.string().max(11).optional(), bankName: z.string().max(255).optional() };
/** BankAccountToken: a BBAN or an IBAN instrument (discriminated by `accountNumberType`). */
export const BankAccountToken = z.object({
  method: z.enum(['ach', 'echeck']),
  paymentInstrument: z.discriminatedUnion('accountNumberType', [
    z.object({
      accountNumberType: z.literal('BBAN'),
      accountNumber: z.string().regex(/^[0-9]+$/, 'Must be digits').max(17),
      routingNumber: z.string().regex(/^[0-9]+$/, 'Must be digits').max(9),
      accountType: z.enum(['checking', 'savings', 'other']),
      ...BankExtras,
    }),
    z.object({
      accountNumberType: z.literal('IBAN'),
      accountNumber: z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/, 'Must be an IBAN (no spaces)'),
      ...BankExtras,
    }),
  ]),
  billingAddress: ContactObject,
  ...TokenExtras,
});

/** AlternativePaymentToken: an offsite method and the billing address it needs (first and last name). */
export const AlternativePaymentToken = z.object({
  method: z.string().min(1),
  billingAddress: ContactObject.refine((a) => !!a.firstName && !!a.lastName, { message: 'firstName and lastName are required' }),
  ...TokenExtras,
});

/** The token kinds `POST /tokens` accepts, by `method` (and every `AlternativePaymentToken` method). */
export const TOKEN_METHODS = ['payment-card', 'paypal', 'digital-wallet', 'ach', 'echeck'];

export const PostPaymentInstrument = z.object({
  token: z.string().min(1),
  customFields: z.record(z.string(), z.unknown()).optional(),
});

export const PaymentInstrumentSetup = z.object({
  websiteId: WebsiteId,
  currency: CurrencyCode,
  amount: z.number().min(0).optional(),
  billingAddress: ContactObject.nullable().optional(),
  redirectUrl: RedirectUrl,
  riskMetadata: RiskMetadata.optional(),
});

export const Deposit = z.object({
  depositRequestId: str(50).min(1),
  amount: Amount,
  paymentInstrumentId: str(50).nullable().optional(),
  token: z.string().nullable().optional(),
  properties: z.record(z.string(), z.string()).optional(),
  riskMetadata: RiskMetadata.optional(),
  redirectUrl: RedirectUrl,
});

export const PatchPayoutRequest = z.object({ paymentInstrumentId: str(50).min(1) });

const AclSchema = z.array(
  z.object({
    scope: z.record(z.string(), z.array(z.string())),
    permissions: z.array(z.string().min(1)).min(1),
  }),
);

/** CustomerJWT (request of PostAuthenticationTokenExchange) */
export const AuthenticationTokenExchange = z.object({
  invalidate: z.boolean().optional(),
  acl: AclSchema.optional(),
  customClaims: z.record(z.string(), z.unknown()).optional(),
  expiredTime: z.iso.datetime({ offset: true }).optional(),
});

/** AuthenticationToken (PostAuthenticationToken; secret key only, not part of the Storefront contract) */
export const AuthenticationToken = z.object({
  mode: z.enum(['passwordless', 'password']),
  customerId: ResourceId,
  expiredTime: z.iso.datetime({ offset: true }).optional(),
});

/** Body of the emulator's merchant stand-in `POST /__merchant/customer-jwt`. */
export const MerchantCustomerJwt = z.object({
  customerId: ResourceId,
  websiteId: WebsiteId.optional(),
  invoiceId: ResourceId.optional(),
  transactionId: ResourceId.optional(),
  depositRequestId: ResourceId.optional(),
  payoutRequestId: ResourceId.optional(),
  permissions: z.array(z.string().min(1)).optional(),
  expiresInSeconds: z.int().min(-86_400).max(30 * 86_400).optional(),
});

/**
 * Turns zod issues into the contract's `invalidFields` (dot notation for nested fields).
 * @param {import('zod').ZodError} error
 * @param {string} [prefix]
 * @returns {{field: string, message: string}[]}
 */
export function toInvalidFields(error, prefix = '') {
  return error.issues.map((issue) => {
    const field = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    let message = issue.message;
    if (issue.code === 'invalid_type' && /received undefined/.test(message)) message = 'This field is required';
    return { field, message };
  });
}
