/**
 * The shared Storefront fetch client (docs/ARCHITECTURE.md, "Layers").
 *
 * One client per (apiUrl, organization, credential), kept in a module-level registry and shared by every
 * element on the page, so a 429 pauses all of them and identical in-flight GETs are made once.
 *
 * - Base URL `{apiUrl}/storefront/organizations/{organizationId}/…` (the form Rebilly's own browser library
 *   calls in production with the same publishable-key/JWT auth) and `{apiUrl}/organizations/{org}/tokens`;
 *   without an organization `{apiUrl}/storefront/…` and `{apiUrl}/tokens`. A path prefix in `apiUrl`
 *   (a proxy, an emulator sandbox) is kept.
 * - `Authorization: Bearer <jwt or publishable key>`, `Accept: application/json`, `Content-Type:
 *   application/json` only when there is a body; no cookies (`credentials: 'omit'`).
 * - Per-attempt timeout (reads 20 s, payment writes 60 s by default; `timeoutMs` per call). A timeout is
 *   not retried: the caller's budget is spent.
 * - AbortSignal: a caller's abort rejects with the standard `AbortError` DOMException (`isAbortError`).
 * - Retries with jittered exponential backoff only where safe:
 *   - GET (and the read-like POSTs ready-to-pay, ready-to-payout, preview-purchase, marked `idempotent`)
 *     on a network error, a 5xx and a 429;
 *   - any other POST/PATCH only on 429 (the server refused it, so it had no effect) and on a network
 *     error while `navigator.onLine === false` before sending (it never left the browser). A fetch
 *     `TypeError` otherwise cannot tell a CORS/preflight failure from a connection dropped after the body
 *     was sent, so a payment is never re-sent on it: the error says `mayHaveReachedServer` and the element
 *     reconciles.
 * - 429: `X-RateLimit-Retry-After` (an integer UTC timestamp in seconds per the contract; an HTTP-date, a
 *   millisecond timestamp or seconds-from-now are tolerated, as is a plain `Retry-After`) pauses every new
 *   request of the client until then. A wait longer than `maxRateLimitWaitMs` (30 s) is not waited for:
 *   the request fails at once with `rate-limited` (and `retryAfterMs`).
 * - Responses are checked with zod/mini at the boundary (loose objects).
 * - Keys, JWTs and card data are never logged nor put in a message.
 */
import type { Credential } from '../config/index.js';
import type { InvalidField, ProblemDetails } from '../events.js';
import { ApiError, abortError, apiDetailMessages, codeForStatus } from './errors.js';

export type { Credential };

export interface ClientTuning {
  /** Extra attempts after the first, where retrying is safe. Default 2. */
  retries: number;
  /** First backoff delay; doubles per attempt, with jitter (50–100 % of the value). Default 300 ms. */
  backoffMs: number;
  /** Upper bound of one backoff delay. Default 3 s. */
  maxBackoffMs: number;
  /** Timeout of one attempt of a read (GET, ready-to-pay, preview, tokens). Default 20 s. */
  readTimeoutMs: number;
  /** Timeout of one attempt of a payment write (purchase, payment, deposit, setup). Default 60 s. */
  writeTimeoutMs: number;
  /** Longest 429 pause the client waits out before failing with `rate-limited`. Default 30 s. */
  maxRateLimitWaitMs: number;
  /** Pause after a 429 whose reset time is not readable (e.g. header not exposed by CORS). Default 1 s. */
  defaultRateLimitWaitMs: number;
}

export const DEFAULT_CLIENT_TUNING: Readonly<ClientTuning> = Object.freeze({
  retries: 2,
  backoffMs: 300,
  maxBackoffMs: 3_000,
  readTimeoutMs: 20_000,
  writeTimeoutMs: 60_000,
  maxRateLimitWaitMs: 30_000,
  defaultRateLimitWaitMs: 1_000,
});

let clientDefaults: ClientTuning = { ...DEFAULT_CLIENT_TUNING };

/**
 * Changes the tuning every client uses (those it does not override). Tests use it to keep retries fast;
 * pass nothing to restore the defaults.
 */
export function setStorefrontClientDefaults(tuning?: Partial<ClientTuning>): void {
  clientDefaults = { ...DEFAULT_CLIENT_TUNING, ...(tuning ?? {}) };
}

export interface ClientKey {
  apiUrl: string;
  organizationId?: string | undefined;
  credential: Credential;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Per-call options of every operation. */
export interface RequestOptions {
  /**
   * Aborts the call: it rejects with an `AbortError` DOMException. Aborting a payment POST after it was
   * sent does not undo it on the server: the outcome is then unknown to the caller.
   */
  signal?: AbortSignal | undefined;
  /** Timeout of one attempt, in ms. */
  timeoutMs?: number | undefined;
  /** Extra attempts where retrying is safe (overrides the client's `retries`). */
  retries?: number | undefined;
}

/** A response validator: zod/mini's `safeParse` shape, or anything with it. */
export interface ResponseSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: unknown };
}

export interface RequestSpec<T> extends RequestOptions {
  method: HttpMethod;
  /** Path under the organization, e.g. `storefront/ready-to-pay` or `tokens`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined | null> | undefined;
  body?: unknown;
  schema?: ResponseSchema<T>;
  /** For errors and debugging. */
  operationId?: string;
  /** A POST without side effects (ready-to-pay, preview): retried like a GET. */
  idempotent?: boolean;
  /** A payment write: uses `writeTimeoutMs`. */
  write?: boolean;
}

interface SharedRequest {
  promise: Promise<unknown>;
  controller: AbortController;
  waiters: number;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortError(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Milliseconds to wait according to a rate-limit header value, or `undefined` when unreadable.
 * Integer UTC timestamp in seconds (the contract), in milliseconds, seconds-from-now, or an HTTP-date.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) {
    const number = Number(text);
    if (number >= 1e12) return Math.max(0, number - now); // ms timestamp
    if (number >= 1e9) return Math.max(0, number * 1000 - now); // s timestamp (the contract)
    return number * 1000; // seconds from now
  }
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toProblem(body: unknown): ProblemDetails | undefined {
  if (!isRecord(body)) return undefined;
  const problem: ProblemDetails = { ...body };
  for (const key of ['type', 'title', 'detail', 'instance'] as const) {
    if (problem[key] !== undefined && typeof problem[key] !== 'string') delete problem[key];
  }
  if (problem.status !== undefined && typeof problem.status !== 'number') delete problem.status;
  if (problem.invalidFields !== undefined) {
    const fields = toInvalidFields(problem.invalidFields);
    if (fields) problem.invalidFields = fields;
    else delete problem.invalidFields;
  }
  return problem;
}

function toInvalidFields(value: unknown): InvalidField[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value
    .filter(isRecord)
    .map((entry) => ({ field: String(entry['field'] ?? ''), message: String(entry['message'] ?? '') }));
}

export class StorefrontClient {
  readonly apiUrl: string;
  readonly organizationId: string | undefined;
  readonly credentialKind: Credential['kind'];
  /** Per-client overrides of the module defaults. */
  tuning: Partial<ClientTuning>;
  // Private so that logging or serialising a client never shows the key/JWT.
  readonly #credential: Credential;
  readonly #inflight = new Map<string, SharedRequest>();
  #pausedUntil = 0;

  /** Use `getStorefrontClient()`: it shares one instance per (apiUrl, organization, credential). */
  constructor(key: ClientKey, tuning: Partial<ClientTuning> = {}) {
    this.apiUrl = key.apiUrl.replace(/\/+$/, '');
    this.organizationId = key.organizationId || undefined;
    this.credentialKind = key.credential.kind;
    this.#credential = { kind: key.credential.kind, value: key.credential.value };
    this.tuning = tuning;
  }

  /** The effective tuning: module defaults, then this client's overrides. */
  get settings(): ClientTuning {
    return { ...clientDefaults, ...this.tuning };
  }

  /** Epoch ms until which new requests wait because of a 429 (0 when not paused). */
  get rateLimitedUntil(): number {
    return this.#pausedUntil > Date.now() ? this.#pausedUntil : 0;
  }

  /** The same API and organization with another credential (e.g. the session `token` a purchase returned). */
  withCredential(credential: Credential): StorefrontClient {
    return getStorefrontClient({ apiUrl: this.apiUrl, organizationId: this.organizationId, credential });
  }

  /**
   * Absolute URL of an operation's path (`storefront/…` or `tokens`): `{apiUrl}/storefront/organizations/{org}/…`
   * and `{apiUrl}/organizations/{org}/tokens`; without an organization, the path under the API root.
   */
  url(path: string, query?: RequestSpec<unknown>['query']): string {
    const relative = path.replace(/^\/+/, '');
    let url: string;
    if (!this.organizationId) url = `${this.apiUrl}/${relative}`;
    else {
      const org = encodeURIComponent(this.organizationId);
      const storefront = /^storefront(?:\/|$)/.exec(relative);
      url = storefront
        ? `${this.apiUrl}/storefront/organizations/${org}/${relative.slice(storefront[0].length)}`
        : `${this.apiUrl}/organizations/${org}/${relative}`;
    }
    if (query) {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(query)) {
        if (value !== undefined && value !== null) params.set(name, String(value));
      }
      const search = params.toString();
      if (search) url += `?${search}`;
    }
    return url;
  }

  /** Makes one request (with the retries, dedupe and rate-limit pause described above). */
  request<T = unknown>(spec: RequestSpec<T>): Promise<T> {
    const url = this.url(spec.path, spec.query);
    const callerSignal = spec.signal;
    if (callerSignal?.aborted) return Promise.reject(abortError(callerSignal));

    let raw: Promise<unknown>;
    if (spec.method === 'GET') {
      raw = this.#shared(url, spec);
    } else {
      const controller = new AbortController();
      const onAbort = () => controller.abort(callerSignal?.reason);
      callerSignal?.addEventListener('abort', onAbort, { once: true });
      raw = this.#execute(url, spec, controller.signal).finally(() =>
        callerSignal?.removeEventListener('abort', onAbort),
      );
      raw = raw.catch((error: unknown) => {
        throw callerSignal?.aborted ? abortError(callerSignal) : error;
      });
    }
    return raw.then((body) => this.#validate(body, spec));
  }

  #validate<T>(body: unknown, spec: RequestSpec<T>): T {
    if (!spec.schema) return body as T;
    const result = spec.schema.safeParse(body);
    if (result.success) return result.data;
    throw new ApiError({
      code: 'server',
      message: apiDetailMessages.unexpectedResponse,
      retryable: false,
      mayHaveReachedServer: spec.method !== 'GET',
      ...(spec.operationId ? { operationId: spec.operationId } : {}),
      method: spec.method,
      cause: result.error,
    });
  }

  /** Identical in-flight GETs (same URL, same credential: same client) share one fetch. */
  #shared(url: string, spec: RequestSpec<unknown>): Promise<unknown> {
    let shared = this.#inflight.get(url);
    if (!shared) {
      const controller = new AbortController();
      const promise = this.#execute(url, spec, controller.signal);
      const entry: SharedRequest = { promise, controller, waiters: 0 };
      shared = entry;
      this.#inflight.set(url, entry);
      promise.then(
        () => this.#inflight.get(url) === entry && this.#inflight.delete(url),
        () => this.#inflight.get(url) === entry && this.#inflight.delete(url),
      );
    }
    const entry = shared;
    entry.waiters += 1;
    const signal = spec.signal;
    return new Promise((resolve, reject) => {
      let settled = false;
      const release = () => {
        entry.waiters -= 1;
        if (entry.waiters === 0) {
          // Nobody wants the answer any more: abort the fetch and let a new caller start afresh.
          if (this.#inflight.get(url) === entry) this.#inflight.delete(url);
          entry.controller.abort();
        }
      };
      const onAbort = () => {
        if (settled) return;
        settled = true;
        reject(abortError(signal));
        release();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      entry.promise.then(
        (value) => {
          signal?.removeEventListener('abort', onAbort);
          if (settled) return;
          settled = true;
          entry.waiters -= 1;
          resolve(value);
        },
        (error: unknown) => {
          signal?.removeEventListener('abort', onAbort);
          if (settled) return;
          settled = true;
          entry.waiters -= 1;
          reject(error);
        },
      );
    });
  }

  /** The attempt loop: rate-limit pause, fetch, retry where safe. `signal` aborts everything. */
  async #execute(url: string, spec: RequestSpec<unknown>, signal: AbortSignal): Promise<unknown> {
    const settings = this.settings;
    const retries = Math.max(0, spec.retries ?? settings.retries);
    const readLike = spec.method === 'GET' || spec.idempotent === true;
    const timeoutMs = spec.timeoutMs ?? (spec.write ? settings.writeTimeoutMs : settings.readTimeoutMs);
    for (let attempt = 0; ; attempt++) {
      await this.#waitForRateLimit(spec, signal, settings);
      try {
        return await this.#attempt(url, spec, signal, timeoutMs, settings);
      } catch (error) {
        if (!(error instanceof ApiError) || attempt >= retries) throw error;
        const transient =
          (error.status === 429 && (error.retryAfterMs ?? 0) <= settings.maxRateLimitWaitMs) ||
          (readLike && (error.code === 'network' || (error.code === 'server' && (error.status ?? 0) >= 500))) ||
          (!readLike && error.code === 'network' && !error.mayHaveReachedServer);
        if (!transient) throw error;
        const base = Math.min(settings.maxBackoffMs, settings.backoffMs * 2 ** attempt);
        const delay = base / 2 + (Math.random() * base) / 2;
        // After a 429 the pause (set in #attempt) is waited out by #waitForRateLimit; back off at least `delay`.
        await sleep(delay, signal);
      }
    }
  }

  async #waitForRateLimit(spec: RequestSpec<unknown>, signal: AbortSignal, settings: ClientTuning): Promise<void> {
    const wait = this.#pausedUntil - Date.now();
    if (wait <= 0) return;
    if (wait > settings.maxRateLimitWaitMs) {
      throw new ApiError({
        code: 'rate-limited',
        retryAfterMs: wait,
        mayHaveReachedServer: false,
        ...(spec.operationId ? { operationId: spec.operationId } : {}),
        method: spec.method,
      });
    }
    await sleep(wait, signal);
  }

  async #attempt(
    url: string,
    spec: RequestSpec<unknown>,
    signal: AbortSignal,
    timeoutMs: number,
    settings: ClientTuning,
  ): Promise<unknown> {
    if (signal.aborted) throw abortError(signal);
    const isWrite = spec.method !== 'GET';
    const ids = { ...(spec.operationId ? { operationId: spec.operationId } : {}), method: spec.method };
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: `Bearer ${this.#credential.value}`,
    };
    let body: string | undefined;
    if (spec.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(spec.body);
    }

    const controller = new AbortController();
    const onAbort = () => controller.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const offlineBeforeSending = typeof navigator !== 'undefined' && navigator.onLine === false;

    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: spec.method,
        headers,
        ...(body !== undefined ? { body } : {}),
        signal: controller.signal,
        credentials: 'omit',
        mode: 'cors',
      });
      text = await response.text();
    } catch (error) {
      if (signal.aborted) throw abortError(signal);
      if (timedOut) {
        throw new ApiError({ code: 'timeout', mayHaveReachedServer: isWrite, ...ids });
      }
      throw new ApiError({
        code: 'network',
        mayHaveReachedServer: isWrite && !offlineBeforeSending,
        cause: error,
        ...ids,
      });
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    }

    let parsed: unknown;
    let parseFailed = false;
    if (text.trim() !== '') {
      try {
        parsed = JSON.parse(text) as unknown;
      } catch {
        parseFailed = true;
      }
    }

    if (response.ok) {
      if (parseFailed) {
        throw new ApiError({
          code: 'server',
          status: response.status,
          message: apiDetailMessages.malformedResponse,
          retryable: false,
          mayHaveReachedServer: isWrite,
          ...ids,
        });
      }
      return parsed;
    }

    const status = response.status;
    const code = codeForStatus(status);
    const problem = parseFailed ? undefined : toProblem(parsed);
    const init = {
      code,
      status,
      ...(problem ? { problem } : {}),
      ...(problem?.invalidFields ? { invalidFields: problem.invalidFields } : {}),
      ...ids,
    };
    const message = this.#redact(problem?.detail ?? problem?.title);

    if (status === 429) {
      const wait =
        parseRetryAfter(response.headers.get('X-RateLimit-Retry-After')) ??
        parseRetryAfter(response.headers.get('Retry-After')) ??
        settings.defaultRateLimitWaitMs;
      this.#pausedUntil = Math.max(this.#pausedUntil, Date.now() + wait);
      throw new ApiError({ ...init, ...(message ? { message } : {}), retryAfterMs: wait, mayHaveReachedServer: false });
    }
    if (status >= 500) {
      throw new ApiError({ ...init, ...(message ? { message } : {}), mayHaveReachedServer: isWrite });
    }
    // Any other 4xx: the server refused the request, so it had no effect.
    throw new ApiError({
      ...init,
      ...(message ? { message } : {}),
      ...(code === 'server' ? { retryable: false } : {}),
      mayHaveReachedServer: false,
    });
  }

  /** Server messages are shown to people: make sure the credential never appears in one. */
  #redact(message: string | undefined): string | undefined {
    if (!message) return undefined;
    const secret = this.#credential.value;
    return secret && message.includes(secret) ? message.split(secret).join('[redacted]') : message;
  }
}

const registry = new Map<string, StorefrontClient>();

function registryKey(key: ClientKey): string {
  return JSON.stringify([key.apiUrl.replace(/\/+$/, ''), key.organizationId || '', key.credential.kind, key.credential.value]);
}

/**
 * The one client for (apiUrl, organization, credential), created on first use. Accepts a whole `Config`
 * (extra members are ignored). `tuning` only applies when the client is created.
 */
export function getStorefrontClient(key: ClientKey, tuning?: Partial<ClientTuning>): StorefrontClient {
  const id = registryKey(key);
  let client = registry.get(id);
  if (!client) {
    client = new StorefrontClient(key, tuning);
    registry.set(id, client);
  }
  return client;
}

/** Forgets every client (tests; a page never needs it). In-flight requests are not aborted. */
export function clearStorefrontClients(): void {
  registry.clear();
}
