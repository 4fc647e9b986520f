/**
 * Reading a customer JWT's claims, for convenience only.
 *
 * The signature is NOT verified and nothing read here is trusted for security: the API checks the token
 * on every request. The claims only fill options the page did not set (organization, website, invoice,
 * transaction) and let an obviously broken or expired token be refused before any request is made.
 */

export interface JwtClaims {
  /** `merchant`: the organization id. */
  organizationId?: string;
  websiteId?: string;
  invoiceId?: string;
  transactionId?: string;
  customerId?: string;
  /** `exp` in milliseconds since the epoch. */
  expiresAt?: number;
}

export type JwtReadResult =
  | { ok: true; claims: JwtClaims }
  | { ok: false; reason: 'malformed' | 'expired'; claims?: JwtClaims };

const SEGMENT = /^[A-Za-z0-9_-]+$/;
const SIGNATURE = /^[A-Za-z0-9_-]*$/;

function decodeSegment(segment: string): unknown {
  if (!SEGMENT.test(segment)) throw new Error('not base64url');
  let base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  while (base64.length % 4 !== 0) base64 += '=';
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pickString(...candidates: unknown[]): string | undefined {
  for (const candidate of candidates) {
    if (typeof candidate === 'string' && candidate.trim() !== '') return candidate.trim();
  }
  return undefined;
}

/**
 * Decodes the payload of a JWT without verifying it. Returns `null` when the text is not a JWT
 * (three base64url segments whose header and payload are JSON objects).
 */
export function decodeJwtPayload(jwt: string): Record<string, unknown> | null {
  const parts = jwt.trim().split('.');
  if (parts.length !== 3) return null;
  const [header, payload, signature] = parts as [string, string, string];
  if (!SIGNATURE.test(signature)) return null;
  try {
    const decodedHeader = decodeSegment(header);
    const decodedPayload = decodeSegment(payload);
    if (!isRecord(decodedHeader) || !isRecord(decodedPayload)) return null;
    return decodedPayload;
  } catch {
    return null;
  }
}

/**
 * Reads the claims the element uses, from the top level or from a `claims` object (Rebilly puts custom
 * claims such as `websiteId` there): `merchant` → organizationId, `websiteId`, `invoiceId`,
 * `transactionId`, `customerId` (falling back to `sub`), and `exp`.
 */
export function readJwtClaims(payload: Record<string, unknown>): JwtClaims {
  const nested = isRecord(payload['claims']) ? payload['claims'] : {};
  const claims: JwtClaims = {};
  const organizationId = pickString(payload['merchant'], nested['merchant'], payload['organizationId']);
  const websiteId = pickString(payload['websiteId'], nested['websiteId']);
  const invoiceId = pickString(payload['invoiceId'], nested['invoiceId']);
  const transactionId = pickString(payload['transactionId'], nested['transactionId']);
  const customerId = pickString(payload['customerId'], nested['customerId'], payload['sub']);
  if (organizationId) claims.organizationId = organizationId;
  if (websiteId) claims.websiteId = websiteId;
  if (invoiceId) claims.invoiceId = invoiceId;
  if (transactionId) claims.transactionId = transactionId;
  if (customerId) claims.customerId = customerId;
  const exp = payload['exp'];
  if (typeof exp === 'number' && Number.isFinite(exp)) claims.expiresAt = exp * 1000;
  return claims;
}

/** Decodes a JWT and checks its `exp` against `now` (ms). Never throws. */
export function readJwt(jwt: string, now: number = Date.now()): JwtReadResult {
  const payload = decodeJwtPayload(jwt);
  if (!payload) return { ok: false, reason: 'malformed' };
  const claims = readJwtClaims(payload);
  if (claims.expiresAt !== undefined && claims.expiresAt <= now) {
    return { ok: false, reason: 'expired', claims };
  }
  return { ok: true, claims };
}
