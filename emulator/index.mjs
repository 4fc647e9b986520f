// Local Rebilly Storefront API emulator: stateful, contract-following, over real HTTP with real CORS.
// See README.md in this folder for the public API, control endpoints, seeded data and test cards.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { seedState, ORGANIZATIONS } from './lib/seed.mjs';
import { readAuth, grantsFor, DEFAULT_CUSTOMER_PERMISSIONS } from './lib/auth.mjs';
import { matchOperation, settleTransaction, OPERATIONS } from './lib/api.mjs';
import { ApiError, problem } from './lib/problems.mjs';
import { maskCardData } from './lib/cards.mjs';
import { toInvalidFields, MerchantCustomerJwt } from './lib/schemas.mjs';
import { APPROVAL_HEADERS, approvalPage, closePage, notFoundPage, fillRedirect } from './lib/approval.mjs';
import { framepayRoute } from './framepay/routes.mjs';

export { OPERATIONS };

const MAX_SANDBOXES = 500;
const MAX_BODY_BYTES = 1_000_000;
const MAX_LOG_ENTRIES = 5000;
/** Rebilly's sandbox limit, reported in headers when no limit is configured (then never enforced). */
const DEFAULT_RATE_LIMIT = { limit: 3000, windowMs: 600_000 };
const EXPOSED_HEADERS = 'X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Retry-After, Location, Pagination-Total, Pagination-Limit, Pagination-Offset';

/**
 * @typedef {{limit: number, windowMs: number}} RateLimit
 * @typedef {{latencyMs: number, rateLimit: RateLimit | null, slowGatewayMs: number}} SandboxConfig
 * @typedef {{kind: 'status-500' | 'status-502' | 'drop' | 'hang' | 'malformed-json' | 'rate-limit' | 'lose-response' | 'resend', count: number, after?: boolean, method?: string, path?: string, retryAfterSeconds?: number}} Fault
 * @typedef {{
 *   seq: number, method: string, path: string, query: string, operationId: string | null, status: number,
 *   preflight: boolean, auth: 'publishable' | 'jwt' | 'secret' | 'none' | 'invalid', origin: string | null, body: unknown,
 *   startedAt: number, endedAt: number | null,
 * }} LogEntry
 * @typedef {{
 *   id: string, prefix: string, options: SandboxConfig, config: SandboxConfig,
 *   state: Record<string, Record<string, any>>, log: LogEntry[], seq: number, faults: Fault[],
 *   rate: {windowStart: number, count: number},
 * }} Sandbox
 * @typedef {{latencyMs?: number, rateLimit?: RateLimit | null, slowGatewayMs?: number}} SandboxOptions
 */

const RateLimitSchema = z.object({ limit: z.int().min(0), windowMs: z.int().min(1) }).nullable();
const ConfigSchema = z.object({
  latencyMs: z.number().min(0).max(60_000).optional(),
  rateLimit: RateLimitSchema.optional(),
  slowGatewayMs: z.number().min(0).max(120_000).optional(),
});
const FaultSchema = z.object({
  kind: z.enum(['status-500', 'status-502', 'drop', 'hang', 'malformed-json', 'rate-limit', 'lose-response', 'resend']),
  count: z.int().min(1).default(1),
  after: z.boolean().optional(),
  method: z.string().optional(),
  path: z.string().optional(),
  retryAfterSeconds: z.number().min(0).optional(),
});

const sleep = (/** @type {number} */ ms) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms).unref()) : Promise.resolve());

/**
 * Starts the emulator on 127.0.0.1.
 * `validateContract` (or `EMULATOR_VALIDATE_CONTRACT=1`): check every API request body and every answer
 * against the trimmed Storefront contract (emulator/contract/) and record what breaks it (the answers are sent
 * all the same); read them with `contractViolations()` or `GET /__emulator/contract-violations`.
 * @param {{port?: number, host?: string, latencyMs?: number, rateLimit?: RateLimit | null, slowGatewayMs?: number, quiet?: boolean, validateContract?: boolean}} [options]
 * @returns {Promise<{url: string, port: number, close: () => Promise<void>, createSandbox: (options?: SandboxOptions) => {id: string, url: string}, contractViolations: () => import('./contract/validate.mjs').Violation[], contractEngine: string | null}>}
 */
export async function startEmulator({ port = 0, host = '127.0.0.1', latencyMs = 0, rateLimit = null, slowGatewayMs = 3000, quiet = false, validateContract = process.env.EMULATOR_VALIDATE_CONTRACT === '1' } = {}) {
  const contract = validateContract ? await (await import('./contract/validate.mjs')).createContractValidator() : null;
  /** @type {import('./contract/validate.mjs').Violation[]} */
  const violations = [];
  /** @param {import('./contract/validate.mjs').Violation} violation */
  const recordViolation = (violation) => {
    if (violations.length < 1000) violations.push(violation);
  };
  /** @type {Map<string, Sandbox>} */
  const sandboxes = new Map();
  let origin = '';

  /** @param {string} id @param {string} prefix @param {SandboxConfig} config @returns {Sandbox} */
  const makeSandbox = (id, prefix, config) => ({
    id,
    prefix,
    options: { ...config },
    config: { ...config },
    state: seedState(),
    log: [],
    seq: 0,
    faults: [],
    rate: { windowStart: 0, count: 0 },
  });
  const root = makeSandbox('default', '', { latencyMs, rateLimit, slowGatewayMs });

  /** @param {SandboxOptions} [opts] */
  function createSandbox(opts = {}) {
    const parsed = ConfigSchema.parse(opts ?? {});
    const id = `sbx_${randomBytes(6).toString('hex')}`;
    const sandbox = makeSandbox(id, `/sandboxes/${id}`, {
      latencyMs: parsed.latencyMs ?? 0,
      rateLimit: parsed.rateLimit ?? null,
      slowGatewayMs: parsed.slowGatewayMs ?? slowGatewayMs,
    });
    sandboxes.set(id, sandbox);
    while (sandboxes.size > MAX_SANDBOXES) sandboxes.delete(/** @type {string} */ (sandboxes.keys().next().value));
    return { id, url: `${origin}${sandbox.prefix}` };
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!quiet) console.error('[emulator] internal error', error);
      if (!res.headersSent && !res.destroyed) send(res, 500, problem(500, 'Internal emulator error', req.url ?? '/'));
    });
  });

  /**
   * @param {import('node:http').IncomingMessage} req
   * @param {import('node:http').ServerResponse} res
   */
  async function handle(req, res) {
    setCors(req, res);
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let path = url.pathname;
    /** @type {Sandbox | undefined} */
    let sandbox = root;
    const match = /^\/sandboxes\/([^/]+)(\/.*)?$/.exec(path);
    if (match) {
      sandbox = sandboxes.get(match[1]);
      path = match[2] ?? '/';
      if (!sandbox) {
        await drain(req);
        if (method === 'OPTIONS') return send(res, 204);
        return send(res, 404, problem(404, `Sandbox "${match[1]}" not found (sandboxes are kept in memory; it may have been evicted)`, url.pathname));
      }
    }
    const hostHeader = req.headers.host && /^[\w.:[\]-]+$/.test(req.headers.host) ? req.headers.host : new URL(origin).host;
    const base = `http://${hostHeader}${sandbox.prefix}`;

    if (path === '/__emulator/sandboxes' && sandbox === root) {
      const body = await readJson(req);
      if (method === 'OPTIONS') return send(res, 204);
      if (method !== 'POST') return send(res, 405, problem(405, 'Use POST', url.pathname), { Allow: 'POST' });
      const parsed = ConfigSchema.safeParse(body.value ?? {});
      if (!parsed.success) return send(res, 422, problem(422, 'Invalid sandbox options', url.pathname, toInvalidFields(parsed.error)));
      return send(res, 201, createSandbox(parsed.data));
    }
    if (path.startsWith('/__emulator/')) return control(req, res, sandbox, method, path, url);
    if (path === '/__merchant/customer-jwt') return merchant(req, res, sandbox, method, url);
    const approval = /^\/approval\/([^/]+)$/.exec(path);
    if (approval) return approvalRoute(req, res, sandbox, method, decodeURIComponent(approval[1]), `${base}/approval/${approval[1]}`, path, url);
    if (path.startsWith('/framepay/')) {
      await drain(req);
      return framepayRoute({ req, res, sandbox, method, path, url, sleep });
    }
    return api(req, res, sandbox, method, path, url, base);
  }

  /**
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
   * @param {Sandbox} sandbox @param {string} method @param {string} path @param {URL} url @param {string} base
   */
  async function api(req, res, sandbox, method, path, url, base) {
    const preflight = method === 'OPTIONS';
    const body = await readJson(req);
    const auth = readAuth(req.headers, sandbox.id);
    // The organization, from the URL or else from an `Organization-Id` header or the credential (short form).
    const { org, relative } = splitOrganization(path, req.headers['organization-id']);
    const { operation, params, pathKnown } = matchOperation(preflight ? String(req.headers['access-control-request-method'] ?? 'GET').toUpperCase() : method, relative);

    /** @type {LogEntry} */
    const entry = {
      seq: ++sandbox.seq,
      method,
      path,
      query: url.search.replace(/^\?/, ''),
      operationId: operation?.operationId ?? null,
      status: 0,
      preflight,
      auth: preflight ? 'none' : auth.kind,
      origin: req.headers.origin ?? null,
      body: preflight ? null : maskCardData(body.value),
      startedAt: Date.now(),
      endedAt: null,
    };
    sandbox.log.push(entry);
    if (sandbox.log.length > MAX_LOG_ENTRIES) sandbox.log.shift();
    res.on('close', () => {
      if (entry.endedAt === null) entry.endedAt = Date.now();
    });
    /** @type {string[]} */
    let requestErrors = [];
    /** @param {number} status @param {unknown} [payload] @param {Record<string, string>} [headers] */
    const reply = (status, payload, headers) => {
      entry.status = status;
      entry.endedAt = Date.now();
      payload = omitNonNullableNulls(payload);
      if (contract && operation && requestErrors.length && status < 400) {
        recordViolation({ sandbox: sandbox.id, kind: 'request', operationId: operation.operationId, method, path, errors: requestErrors });
      }
      if (contract && operation && !preflight) {
        const errors = contract.response(operation.operationId, status, payload === undefined ? undefined : JSON.parse(JSON.stringify(payload)));
        if (errors.length) recordViolation({ sandbox: sandbox.id, kind: 'response', operationId: operation.operationId, status, method, path, errors });
      }
      send(res, status, payload, headers);
    };

    await sleep(sandbox.config.latencyMs);
    if (res.destroyed) return;
    if (preflight) {
      if (req.headers['access-control-request-private-network'] === 'true') res.setHeader('Access-Control-Allow-Private-Network', 'true');
      return reply(204);
    }

    // Faults are decided before anything else runs, so a faulted request never changes state — except
    // `lose-response`, `resend` and faults with `after: true`, which run the operation for real and then fail
    // the answer (lost, replaced, or answered by a re-send of the same request): the cases a client must
    // reconcile instead of retrying.
    /** @type {Fault | undefined} */
    let afterFault;
    const faultIndex = sandbox.faults.findIndex(
      (f) => (!f.method || f.method.toUpperCase() === method) && (!f.path || path.includes(f.path) || relative.includes(f.path) || f.path === entry.operationId),
    );
    if (faultIndex !== -1) {
      const fault = sandbox.faults[faultIndex];
      if (--fault.count <= 0) sandbox.faults.splice(faultIndex, 1);
      if (fault.after || fault.kind === 'lose-response' || fault.kind === 'resend') afterFault = fault;
      else if (answerWithFault(fault)) return;
    }

    if (!operation) {
      if (pathKnown) return reply(405, problem(405, `Method ${method} is not allowed on ${relative}`, url.pathname));
      return reply(404, problem(404, `No operation at ${method} ${path}`, url.pathname));
    }

    // Rate limit (per sandbox, every API request counts).
    const limit = sandbox.config.rateLimit ?? DEFAULT_RATE_LIMIT;
    const nowMs = Date.now();
    if (nowMs - sandbox.rate.windowStart >= limit.windowMs) sandbox.rate = { windowStart: nowMs, count: 0 };
    const resetAt = Math.ceil((sandbox.rate.windowStart + limit.windowMs) / 1000);
    if (sandbox.config.rateLimit && sandbox.rate.count >= limit.limit) {
      return reply(429, problem(429, `Rate limit of ${limit.limit} requests per ${limit.windowMs} ms exceeded`, url.pathname), rateLimitedHeaders(sandbox, resetAt));
    }
    sandbox.rate.count++;
    const rateHeaders = {
      'X-RateLimit-Limit': String(limit.limit),
      'X-RateLimit-Remaining': String(Math.max(0, limit.limit - sandbox.rate.count)),
    };

    try {
      if (org && !ORGANIZATIONS.includes(org)) throw new ApiError(404, `Organization "${org}" not found`);
      if (auth.kind === 'none') throw new ApiError(401, 'Missing credentials: send Authorization with a publishable key or a customer JWT');
      if (auth.kind === 'invalid') throw new ApiError(401, auth.reason ?? 'Invalid credentials');
      const organizationId = /** @type {string} */ (auth.organizationId);
      if (org && org !== organizationId) throw new ApiError(401, `The credential does not belong to organization "${org}"`);
      if (!operation.accepts.includes(/** @type {any} */ (auth.kind))) {
        const names = { publishable: 'a publishable key', jwt: 'a customer JWT', secret: 'a secret key' };
        throw new ApiError(401, `${operation.operationId} needs ${operation.accepts.map((k) => names[k]).join(' or ')}; ${names[/** @type {'jwt'} */ (auth.kind)]} was sent`);
      }
      const grants = auth.kind === 'jwt' ? grantsFor(/** @type {any} */ (auth.payload), operation.operationId, organizationId) : [];
      if (auth.kind === 'jwt' && grants.length === 0) throw new ApiError(403, `The token does not grant ${operation.operationId}`);
      if (body.error) throw new ApiError(422, 'The request body is not valid JSON', [{ field: 'body', message: body.error }]);
      // A request that breaks the contract counts when the emulator accepted it (an answer below 400):
      // one it refused is a test of that refusal (or makes the test fail on its own).
      if (contract) requestErrors = contract.request(operation.operationId, body.value);
      const run = () =>
        operation.handler({
          sandbox,
          state: sandbox.state,
          auth,
          organizationId,
          operationId: operation.operationId,
          grants,
          params,
          query: url.searchParams,
          body: body.value,
          base,
          apiBase: `${base}${org ? `/organizations/${encodeURIComponent(org)}` : ''}`,
        });
      let result = await run();
      if (res.destroyed) return;
      if (afterFault?.kind === 'lose-response') {
        entry.status = result.status; // processed; the client never hears of it
        return;
      }
      // A re-send of the very same request (what a browser does when a kept-alive socket dies under a
      // POST): the first answer is lost, the client hears the second.
      if (afterFault?.kind === 'resend') result = await run();
      else if (afterFault && answerWithFault(afterFault)) return;
      return reply(result.status, result.body, { ...rateHeaders, ...(result.headers ?? {}) });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return reply(error.status, problem(error.status, error.detail, url.pathname, error.invalidFields), error.status < 500 ? {} : {});
    }

    /** Answers with the fault instead of the operation's answer; false when the fault answers nothing itself. */
    function answerWithFault(/** @type {Fault} */ fault) {
      switch (fault.kind) {
        case 'status-500':
        case 'status-502': {
          const status = fault.kind === 'status-500' ? 500 : 502;
          reply(status, problem(status, `Injected fault: ${status === 500 ? 'internal server error' : 'bad gateway'}`, url.pathname));
          return true;
        }
        case 'drop':
          entry.endedAt = Date.now();
          req.socket.destroy();
          return true;
        case 'hang':
          return true; // never answers; the socket closes when the client gives up or the server closes
        case 'malformed-json': {
          entry.status = 200;
          entry.endedAt = Date.now();
          const text = '{"id":"emulator-malformed","status":"compl';
          res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
          res.end(text);
          return true;
        }
        case 'rate-limit': {
          const retryAt = Math.ceil((Date.now() + (fault.retryAfterSeconds ?? 1) * 1000) / 1000);
          reply(429, problem(429, 'Injected fault: too many requests', url.pathname), rateLimitedHeaders(sandbox, retryAt));
          return true;
        }
        default:
          return false;
      }
    }
  }

  /** @param {Sandbox} sandbox @param {number} retryAt UTC seconds */
  function rateLimitedHeaders(sandbox, retryAt) {
    const limit = sandbox.config.rateLimit ?? DEFAULT_RATE_LIMIT;
    return {
      'X-RateLimit-Limit': String(limit.limit),
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Retry-After': String(retryAt),
      'Retry-After': String(Math.max(0, retryAt - Math.floor(Date.now() / 1000))),
    };
  }

  /**
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
   * @param {Sandbox} sandbox @param {string} method @param {string} path @param {URL} url
   */
  async function control(req, res, sandbox, method, path, url) {
    const body = await readJson(req);
    if (method === 'OPTIONS') return send(res, 204);
    const route = `${method} ${path}`;
    switch (route) {
      case 'POST /__emulator/reset':
        sandbox.state = seedState();
        sandbox.log = [];
        sandbox.seq = 0;
        sandbox.faults = [];
        sandbox.config = { ...sandbox.options };
        sandbox.rate = { windowStart: 0, count: 0 };
        return send(res, 200, { ok: true });
      case 'GET /__emulator/log':
        return send(res, 200, { requests: sandbox.log });
      case 'GET /__emulator/contract-violations':
        return send(res, 200, { validating: Boolean(contract), engine: contract?.engine ?? null, violations: sandbox === root ? violations : violations.filter((v) => v.sandbox === sandbox.id) });
      case 'DELETE /__emulator/log':
        sandbox.log = [];
        return send(res, 200, { ok: true });
      case 'GET /__emulator/faults':
        return send(res, 200, { faults: sandbox.faults });
      case 'POST /__emulator/faults': {
        const parsed = FaultSchema.safeParse(body.value ?? {});
        if (!parsed.success) return send(res, 422, problem(422, 'Invalid fault', url.pathname, toInvalidFields(parsed.error)));
        sandbox.faults.push(parsed.data);
        return send(res, 201, { faults: sandbox.faults });
      }
      case 'DELETE /__emulator/faults':
        sandbox.faults = [];
        return send(res, 200, { ok: true });
      case 'GET /__emulator/config':
        return send(res, 200, sandbox.config);
      case 'POST /__emulator/config': {
        const parsed = ConfigSchema.safeParse(body.value ?? {});
        if (!parsed.success) return send(res, 422, problem(422, 'Invalid config', url.pathname, toInvalidFields(parsed.error)));
        for (const [key, value] of Object.entries(parsed.data)) if (value !== undefined) /** @type {any} */ (sandbox.config)[key] = value;
        if ('rateLimit' in parsed.data) sandbox.rate = { windowStart: 0, count: 0 };
        return send(res, 200, sandbox.config);
      }
      case 'GET /__emulator/state':
        return send(res, 200, { id: sandbox.id, config: sandbox.config, faults: sandbox.faults, state: sandbox.state });
      default:
        return send(res, 404, problem(404, `No control endpoint ${route}`, url.pathname));
    }
  }

  /**
   * The merchant backend stand-in: authentication token (secret key) then exchange, as the seed docs describe.
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
   * @param {Sandbox} sandbox @param {string} method @param {URL} url
   */
  async function merchant(req, res, sandbox, method, url) {
    const body = await readJson(req);
    if (method === 'OPTIONS') return send(res, 204);
    if (method !== 'POST') return send(res, 405, problem(405, 'Use POST', url.pathname), { Allow: 'POST' });
    const parsed = MerchantCustomerJwt.safeParse(body.value ?? {});
    if (!parsed.success) return send(res, 422, problem(422, 'Invalid data', url.pathname, toInvalidFields(parsed.error)));
    const o = parsed.data;
    const secret = { 'reb-apikey': 'sk_sandbox_emulator' };
    const run = async (/** @type {string} */ opPath, /** @type {unknown} */ payload) => {
      const { operation, params } = matchOperation('POST', opPath);
      const auth = readAuth(secret, sandbox.id);
      return /** @type {NonNullable<typeof operation>} */ (operation).handler({
        sandbox,
        state: sandbox.state,
        auth,
        organizationId: /** @type {string} */ (auth.organizationId),
        operationId: /** @type {NonNullable<typeof operation>} */ (operation).operationId,
        grants: [],
        params,
        query: new URLSearchParams(),
        body: payload,
        base: `${origin}${sandbox.prefix}`,
        apiBase: `${origin}${sandbox.prefix}`,
      });
    };
    try {
      const expiredTime = new Date(Date.now() + (o.expiresInSeconds ?? 3600) * 1000).toISOString();
      const auth = await run('/authentication-tokens', { mode: 'passwordless', customerId: o.customerId });
      /** @type {Record<string, string[]>} */
      const scope = { organizationId: [ORGANIZATIONS[0]], customerId: [o.customerId] };
      /** @type {Record<string, unknown>} */
      const customClaims = { websiteId: o.websiteId ?? 'demo-website' };
      for (const key of /** @type {const} */ (['invoiceId', 'transactionId', 'depositRequestId', 'payoutRequestId'])) {
        if (o[key]) {
          scope[key] = [/** @type {string} */ (o[key])];
          customClaims[key] = o[key];
        }
      }
      const exchanged = await run(`/authentication-tokens/${/** @type {any} */ (auth.body).token}/exchange`, {
        acl: [{ scope, permissions: o.permissions ?? [...DEFAULT_CUSTOMER_PERMISSIONS] }],
        customClaims,
        expiredTime,
      });
      const jwt = /** @type {any} */ (exchanged.body);
      return send(res, 201, { token: jwt.token, expiredTime: jwt.expiredTime, customerId: o.customerId, acl: jwt.acl, customClaims: jwt.customClaims });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return send(res, error.status, problem(error.status, error.detail, url.pathname, error.invalidFields));
    }
  }

  /**
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
   * @param {Sandbox} sandbox @param {string} method @param {string} transactionId @param {string} action
   * @param {string} path @param {URL} url
   */
  async function approvalRoute(req, res, sandbox, method, transactionId, action, path, url) {
    const raw = await readRaw(req);
    const txn = sandbox.state.transactions[transactionId];
    /** @type {LogEntry} */
    const entry = { seq: ++sandbox.seq, method, path, query: url.search.replace(/^\?/, ''), operationId: null, status: 0, preflight: method === 'OPTIONS', auth: 'none', origin: req.headers.origin ?? null, body: null, startedAt: Date.now(), endedAt: null };
    sandbox.log.push(entry);
    /** @param {number} status @param {string} html @param {Record<string, string>} [headers] */
    const html = (status, html, headers = {}) => {
      entry.status = status;
      entry.endedAt = Date.now();
      res.writeHead(status, { ...APPROVAL_HEADERS, ...headers });
      res.end(html);
    };
    if (!txn) return html(404, notFoundPage(`Transaction ${transactionId} not found`));
    // Skrill's approval page refuses to be framed, as most offsite providers' do.
    const offsite = txn.paymentInstrument?.method && txn.paymentInstrument.method !== 'payment-card' ? txn.paymentInstrument.method : null;
    const framing = offsite === 'Skrill' ? { 'X-Frame-Options': 'DENY', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'" } : {};
    if (method === 'GET' || method === 'HEAD') return html(200, approvalPage(txn, action, offsite), framing);
    if (method !== 'POST') return html(405, notFoundPage('Use GET or POST'), { Allow: 'GET, POST' });
    const form = new URLSearchParams(raw.toString('utf8'));
    const result = form.get('result');
    entry.body = { result };
    if (txn.status === 'waiting-approval') {
      if (result !== 'approved' && result !== 'declined') return html(422, notFoundPage('result must be "approved" or "declined"'));
      settleTransaction(sandbox.state, txn, result, { reason: false });
    }
    if (txn.redirectUrl) return html(303, '', { Location: fillRedirect(txn.redirectUrl, txn) });
    return html(200, closePage(txn));
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  if (!quiet) console.log(`[emulator] Rebilly Storefront emulator listening on ${origin}`);

  let closing = /** @type {Promise<void> | null} */ (null);
  return {
    url: origin,
    port: address.port,
    createSandbox,
    contractViolations: () => [...violations],
    contractEngine: contract?.engine ?? null,
    close() {
      closing ??= new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/**
 * Members the contract types as non-nullable that the emulator's state keeps as `null` while they have no
 * value (a pending transaction's `processedTime`, an invoice's `paidTime`, …): answers leave them out, as the
 * contract allows. The element accepts both absent and `null` (the live API may send either).
 */
const NON_NULLABLE_MEMBERS = new Set([
  'parentTransactionId', 'processedTime', 'gateway', 'avsResponse', 'cvvResponse', 'billingAddress', 'deliveryAddress',
  'paymentInstrument', 'paidTime', 'voidedTime', 'abandonedTime', 'paymentInstrumentId',
]);

/** A copy of an answer without the `null` members above, at any depth. @param {unknown} value @returns {any} */
export function omitNonNullableNulls(value) {
  if (Array.isArray(value)) return value.map(omitNonNullableNulls);
  if (!value || typeof value !== 'object') return value;
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === null && NON_NULLABLE_MEMBERS.has(key)) continue;
    out[key] = omitNonNullableNulls(member);
  }
  return out;
}

/**
 * The three URL forms of an API request, reduced to the organization and the path the operations are
 * written with (`/storefront/…`, `/tokens`, …):
 * - `/storefront/organizations/{org}/<op>`: what Rebilly's own browser library calls in production;
 * - `/organizations/{org}/storefront/<op>` and `/organizations/{org}/tokens`: the OpenAPI server form;
 * - `/storefront/<op>` (and `/tokens`) with the organization in an `Organization-Id` header, or none
 *   (then the credential's organization).
 * @param {string} path @param {string | string[] | undefined} header
 * @returns {{org: string | null, relative: string}}
 */
export function splitOrganization(path, header) {
  const storefrontFirst = /^\/storefront\/organizations\/([^/]+)(\/.*)?$/.exec(path);
  if (storefrontFirst) return { org: decodeURIComponent(storefrontFirst[1]), relative: `/storefront${storefrontFirst[2] ?? '/'}` };
  const organizationFirst = /^\/organizations\/([^/]+)(\/.*)?$/.exec(path);
  if (organizationFirst) return { org: decodeURIComponent(organizationFirst[1]), relative: organizationFirst[2] ?? '/' };
  const fromHeader = Array.isArray(header) ? header[0] : header;
  return { org: fromHeader ? fromHeader.trim() : null, relative: path };
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
function setCors(req, res) {
  const origin = req.headers.origin;
  res.setHeader('Access-Control-Allow-Origin', origin && origin !== 'null' ? origin : '*');
  res.setHeader('Vary', 'Origin, Access-Control-Request-Headers');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PATCH, PUT, DELETE, OPTIONS');
  const requested = req.headers['access-control-request-headers'];
  res.setHeader('Access-Control-Allow-Headers', requested ? `Authorization, Content-Type, ${requested}` : 'Authorization, Content-Type');
  res.setHeader('Access-Control-Max-Age', '600');
  res.setHeader('Access-Control-Expose-Headers', EXPOSED_HEADERS);
}

/**
 * @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} [body]
 * @param {Record<string, string>} [headers]
 */
function send(res, status, body, headers = {}) {
  if (res.headersSent || res.destroyed) return;
  if (body === undefined || status === 204) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** @param {import('node:http').IncomingMessage} req @returns {Promise<Buffer>} */
function readRaw(req) {
  return new Promise((resolve) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(Buffer.alloc(0)));
    req.on('close', () => resolve(Buffer.concat(chunks)));
  });
}

/** @param {import('node:http').IncomingMessage} req */
const drain = (req) => readRaw(req);

/**
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<{value: unknown, error?: string}>}
 */
async function readJson(req) {
  const raw = await readRaw(req);
  if (raw.length === 0) return { value: undefined };
  try {
    return { value: JSON.parse(raw.toString('utf8')) };
  } catch (error) {
    return { value: undefined, error: /** @type {Error} */ (error).message };
  }
}
