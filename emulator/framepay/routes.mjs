// Serves the FramePay stand-in (framepay.js, framepay.css and the field / wallet frames) under `B/framepay/`.
// The files are logged, delayed (`latencyMs`) and faulted like API requests, so a test or a bench can make
// the library slow, fail (500), hang or arrive truncated with the ordinary `POST B/__emulator/faults`.
import { readFile } from 'node:fs/promises';
import { problem } from '../lib/problems.mjs';

const ROOT = new URL('./', import.meta.url);

/** Every file served, by path below `/framepay/` (nothing else under this folder is reachable). */
const FILES = {
  'framepay.js': 'text/javascript; charset=utf-8',
  'framepay.css': 'text/css; charset=utf-8',
  'frames/field.html': 'text/html; charset=utf-8',
  'frames/wallet-button.html': 'text/html; charset=utf-8',
  'frames/wallet-sheet.html': 'text/html; charset=utf-8',
  'frames/common.js': 'text/javascript; charset=utf-8',
  'frames/field.js': 'text/javascript; charset=utf-8',
  'frames/wallet-button.js': 'text/javascript; charset=utf-8',
  'frames/wallet-sheet.js': 'text/javascript; charset=utf-8',
  'frames/frame.css': 'text/css; charset=utf-8',
};

/**
 * The frames' policy: only their own scripts and stylesheets (CSSOM rules added by script are allowed under
 * `style-src 'self'`), fetch only to the emulator's own origin, embeddable by any page.
 */
export const FRAME_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors *";

const COMMON_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

/** @type {Map<string, Buffer>} */
const cache = new Map();

/**
 * @param {string} name
 * @returns {Promise<Buffer>}
 */
async function load(name) {
  let body = cache.get(name);
  if (!body) {
    body = await readFile(new URL(name, ROOT));
    cache.set(name, body);
  }
  return body;
}

/**
 * Handles `GET|HEAD B/framepay/...`.
 * @param {{
 *   req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, sandbox: any,
 *   method: string, path: string, url: URL, sleep: (ms: number) => Promise<void>,
 * }} o
 */
export async function framepayRoute({ req, res, sandbox, method, path, url, sleep }) {
  const name = path.slice('/framepay/'.length);
  const entry = {
    seq: ++sandbox.seq,
    method,
    path,
    query: url.search.replace(/^\?/, ''),
    operationId: null,
    status: 0,
    preflight: method === 'OPTIONS',
    auth: 'none',
    origin: req.headers.origin ?? null,
    body: null,
    startedAt: Date.now(),
    endedAt: /** @type {number | null} */ (null),
  };
  sandbox.log.push(entry);
  res.on('close', () => {
    if (entry.endedAt === null) entry.endedAt = Date.now();
  });
  /** @param {number} status @param {string | Buffer} body @param {Record<string, string>} headers */
  const reply = (status, body, headers) => {
    entry.status = status;
    entry.endedAt = Date.now();
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, { ...COMMON_HEADERS, 'Content-Length': String(Buffer.byteLength(body)), ...headers });
    res.end(method === 'HEAD' ? undefined : body);
  };
  const json = (/** @type {number} */ status, /** @type {unknown} */ body, headers = {}) =>
    reply(status, JSON.stringify(body), { 'Content-Type': 'application/json', ...headers });

  await sleep(sandbox.config.latencyMs);
  if (res.destroyed) return;
  if (method === 'OPTIONS') return reply(204, '', {});

  // Only a fault whose `path` matches (e.g. '/framepay/framepay.js'): a fault with no path stays for the API.
  const faultIndex = sandbox.faults.findIndex(
    (/** @type {any} */ f) => (!f.method || f.method.toUpperCase() === method) && f.path && path.includes(f.path),
  );
  if (faultIndex !== -1) {
    const fault = sandbox.faults[faultIndex];
    if (--fault.count <= 0) sandbox.faults.splice(faultIndex, 1);
    switch (fault.kind) {
      case 'status-500':
        return json(500, problem(500, 'Injected fault: internal server error', url.pathname));
      case 'drop':
        entry.endedAt = Date.now();
        req.socket.destroy();
        return;
      case 'hang':
      case 'lose-response':
        return; // never answers; the socket closes when the client gives up or the server closes
      case 'rate-limit': {
        const retryAt = Math.ceil((Date.now() + (fault.retryAfterSeconds ?? 1) * 1000) / 1000);
        return json(429, problem(429, 'Injected fault: too many requests', url.pathname), {
          'X-RateLimit-Retry-After': String(retryAt),
          'Retry-After': String(Math.max(0, retryAt - Math.floor(Date.now() / 1000))),
        });
      }
      case 'malformed-json': {
        // A truncated file: half of it, with the right content type (a script that fails to parse).
        const type = /** @type {Record<string, string>} */ (FILES)[name];
        if (!type) break;
        const full = await load(name);
        return reply(200, full.subarray(0, Math.floor(full.length / 2)), { 'Content-Type': type });
      }
    }
  }

  const type = /** @type {Record<string, string>} */ (FILES)[name];
  if (!type) return json(404, problem(404, `No FramePay file ${path}`, url.pathname));
  if (method !== 'GET' && method !== 'HEAD') return json(405, problem(405, 'Use GET', url.pathname), { Allow: 'GET, HEAD' });
  const body = await load(name);
  /** @type {Record<string, string>} */
  const headers = { 'Content-Type': type };
  if (name.endsWith('.html')) {
    headers['Content-Security-Policy'] = FRAME_CSP;
    headers['Referrer-Policy'] = 'no-referrer';
  }
  return reply(200, body, headers);
}
