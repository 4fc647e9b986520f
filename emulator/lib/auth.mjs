// Credentials: publishable keys, secret keys, customer JWTs signed by the emulator; ACL checks.
import { signJwt, verifyJwt, looksLikeJwt } from './jwt.mjs';
import { PUBLISHABLE_KEYS, SECRET_KEYS } from './seed.mjs';

/** The permission list of the seed documentation ("Provide purchase data", step 4 `acl`). */
export const SEED_DOC_PERMISSIONS = Object.freeze([
  'PostToken',
  'PostDigitalWalletValidation',
  'StorefrontGetAccount',
  'StorefrontPatchAccount',
  'StorefrontPostPayment',
  'StorefrontGetTransactionCollection',
  'StorefrontGetTransaction',
  'StorefrontGetPaymentInstrumentCollection',
  'StorefrontPostPaymentInstrument',
  'StorefrontGetPaymentInstrument',
  'StorefrontPatchPaymentInstrument',
  'StorefrontPostPaymentInstrumentDeactivation',
  'StorefrontGetWebsite',
  'StorefrontGetInvoiceCollection',
  'StorefrontGetInvoice',
  'StorefrontGetProductCollection',
  'StorefrontGetProduct',
  'StorefrontPostReadyToPay',
  'StorefrontPostReadyToPayout',
  'StorefrontGetPaymentInstrumentSetup',
  'StorefrontPostPaymentInstrumentSetup',
  'StorefrontGetDepositRequest',
  'StorefrontGetDepositStrategy',
  'StorefrontGetPayoutRequest',
  'StorefrontGetPayoutRequestCollection',
  'StorefrontPatchPayoutRequest',
]);

/**
 * Default permissions of the merchant stand-in: the seed list plus the operations the element's
 * JWT flows need that the list leaves out (deposit, purchase with a JWT, plans, orders).
 */
export const DEFAULT_CUSTOMER_PERMISSIONS = Object.freeze([
  ...SEED_DOC_PERMISSIONS,
  'StorefrontPostDeposit',
  'StorefrontPostPurchase',
  'StorefrontPostPreviewPurchase',
  'StorefrontGetPlanCollection',
  'StorefrontGetPlan',
  'StorefrontGetOrder',
]);

/** Permissions of the session token returned by purchase/payment/payment-instrument calls made with a publishable key. */
export const SESSION_PERMISSIONS = Object.freeze([
  'PostToken',
  'StorefrontGetAccount',
  'StorefrontGetTransaction',
  'StorefrontGetInvoice',
  'StorefrontGetOrder',
  'StorefrontGetWebsite',
  'StorefrontPostPayment',
  'StorefrontPostReadyToPay',
  'StorefrontGetPaymentInstrument',
  'StorefrontGetPaymentInstrumentCollection',
  'StorefrontPostPaymentInstrumentSetup',
  'StorefrontGetPaymentInstrumentSetup',
]);

export const JWT_ISSUER = 'rebilly-emulator';

/**
 * @typedef {{scope: Record<string, string[]>, permissions: string[]}} AclEntry
 * @typedef {{
 *   kind: 'publishable' | 'jwt' | 'secret' | 'none' | 'invalid',
 *   organizationId: string | null,
 *   customerId: string | null,
 *   payload: Record<string, any> | null,
 *   reason?: string,
 * }} Auth
 */

/**
 * Reads the credential of a request. Does not decide whether the operation accepts it.
 * @param {import('node:http').IncomingHttpHeaders} headers
 * @param {string} sandboxId
 * @returns {Auth}
 */
export function readAuth(headers, sandboxId) {
  const secret = headers['reb-apikey'];
  if (typeof secret === 'string' && secret) {
    const organizationId = SECRET_KEYS[secret];
    if (organizationId) return { kind: 'secret', organizationId, customerId: null, payload: null };
    return { kind: 'invalid', organizationId: null, customerId: null, payload: null, reason: 'Invalid API key' };
  }
  const header = headers.authorization;
  if (typeof header !== 'string' || !header.trim()) return { kind: 'none', organizationId: null, customerId: null, payload: null };
  const value = header.trim().replace(/^Bearer\s+/i, '').trim();
  if (value.startsWith('pk_')) {
    const organizationId = PUBLISHABLE_KEYS[value];
    if (organizationId) return { kind: 'publishable', organizationId, customerId: null, payload: null };
    return { kind: 'invalid', organizationId: null, customerId: null, payload: null, reason: 'Invalid publishable key' };
  }
  if (value.startsWith('sk_')) {
    return { kind: 'invalid', organizationId: null, customerId: null, payload: null, reason: 'Secret keys go in the REB-APIKEY header, never in Authorization' };
  }
  if (looksLikeJwt(value)) {
    const verified = verifyJwt(value);
    if (verified.ok === false) return { kind: 'invalid', organizationId: null, customerId: null, payload: null, reason: verified.reason };
    const payload = verified.payload;
    if (payload.iss !== JWT_ISSUER || typeof payload.merchant !== 'string') {
      return { kind: 'invalid', organizationId: null, customerId: null, payload: null, reason: 'Invalid token' };
    }
    if (payload.sandbox !== sandboxId) {
      return { kind: 'invalid', organizationId: null, customerId: null, payload: null, reason: 'Token was issued by another sandbox' };
    }
    return { kind: 'jwt', organizationId: payload.merchant, customerId: payload.customerId ?? payload.sub ?? null, payload };
  }
  return { kind: 'invalid', organizationId: null, customerId: null, payload: null, reason: 'Invalid credentials' };
}

/**
 * The ACL entries of a JWT that grant an operation in an organization.
 * @param {Record<string, any>} payload @param {string} operationId @param {string} organizationId
 * @returns {AclEntry[]}
 */
export function grantsFor(payload, operationId, organizationId) {
  const acl = Array.isArray(payload.acl) ? payload.acl : [];
  return acl.filter(
    (/** @type {AclEntry} */ entry) =>
      Array.isArray(entry?.permissions) &&
      (entry.permissions.includes(operationId) || entry.permissions.includes('*')) &&
      (!entry.scope?.organizationId || entry.scope.organizationId.includes(organizationId)),
  );
}

/**
 * Signs a customer JWT.
 * @param {object} o
 * @param {string} o.sandboxId @param {string} o.organizationId @param {string} o.customerId
 * @param {AclEntry[]} o.acl @param {Record<string, unknown>} [o.claims] @param {number} o.exp seconds since epoch
 */
export function signCustomerJwt({ sandboxId, organizationId, customerId, acl, claims = {}, exp }) {
  /** @type {Record<string, unknown>} */
  const payload = {
    iss: JWT_ISSUER,
    sub: customerId,
    customerId,
    merchant: organizationId,
    sandbox: sandboxId,
  };
  for (const key of ['websiteId', 'invoiceId', 'transactionId', 'depositRequestId', 'payoutRequestId']) {
    if (typeof claims[key] === 'string') payload[key] = claims[key];
  }
  payload.acl = acl;
  payload.claims = claims;
  payload.iat = Math.floor(Date.now() / 1000);
  payload.exp = exp;
  return signJwt(payload);
}
