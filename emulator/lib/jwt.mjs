// HS256 JSON Web Tokens signed with a per-process secret (node:crypto only).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const SECRET = randomBytes(32);

/** @param {Buffer | string} data */
const b64url = (data) => Buffer.from(data).toString('base64url');

/**
 * @param {Record<string, unknown>} payload
 * @returns {string}
 */
export function signJwt(payload) {
  const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = b64url(JSON.stringify(payload));
  const sig = createHmac('sha256', SECRET).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

/** @param {string} token */
export const looksLikeJwt = (token) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);

/**
 * Verifies signature, algorithm and expiry.
 * @param {string} token
 * @returns {{ ok: true, payload: Record<string, any> } | { ok: false, reason: string }}
 */
export function verifyJwt(token) {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'Malformed token' };
  const [head, body, sig] = parts;
  let header;
  let payload;
  try {
    header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'Malformed token' };
  }
  if (header?.alg !== 'HS256') return { ok: false, reason: 'Unsupported token algorithm' };
  const expected = createHmac('sha256', SECRET).update(`${head}.${body}`).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'Invalid token signature' };
  }
  if (typeof payload?.exp !== 'number' || payload.exp * 1000 <= Date.now()) {
    return { ok: false, reason: 'Token has expired' };
  }
  return { ok: true, payload };
}
