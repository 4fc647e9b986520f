/**
 * One error type for everything the Storefront client can fail with, mapped onto the element's closed set
 * of error codes, plus the helpers callers need: `isAbortError` (a caller's own abort is not a failure) and
 * `toErrorDetail` (anything → the `error` event's detail).
 */
import {
  ERROR_CODES,
  RETRYABLE_CODES,
  type ErrorCode,
  type ErrorDetail,
  type InvalidField,
  type ProblemDetails,
} from '../events.js';

/**
 * Messages of errors the client makes itself (English, for developers and logs: the element shows its own
 * localized text for every error code). They never contain a key, a JWT or card data.
 */
export const apiDetailMessages = {
  malformedResponse: 'The payment service sent a response that could not be read.',
  unexpectedResponse: 'The payment service sent an unexpected response.',
  aborted: 'The request was cancelled.',
  unreachable: 'The payment service could not be reached.',
  unknown: 'Something went wrong.',
} as const;

export interface ApiErrorInit {
  code: ErrorCode;
  message?: string;
  status?: number;
  problem?: ProblemDetails;
  invalidFields?: InvalidField[];
  retryable?: boolean;
  mayHaveReachedServer?: boolean;
  retryAfterMs?: number;
  operationId?: string;
  method?: string;
  cause?: unknown;
}

/**
 * A failed Storefront request. `code` is one of the element's error codes:
 * 400/422 → `validation-failed`, 401 → `unauthorized`, 403 → `forbidden`, 404/410 → `not-found`,
 * 409 → `not-payable` (Conflict: the API answers it when paying a paid/voided invoice or a completed
 * transaction), 429 → `rate-limited`, 5xx → `server`, other 4xx → `server` (not retryable),
 * a fetch failure → `network`, no answer in time → `timeout`, a body that is not JSON or fails its schema
 * → `server`.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: ErrorCode;
  readonly status?: number;
  readonly problem?: ProblemDetails;
  readonly invalidFields?: InvalidField[];
  /** Whether trying the same thing again can succeed. */
  readonly retryable: boolean;
  /**
   * True when a non-GET request failed after it may have been received and acted on (timeout, dropped
   * connection, 5xx, unreadable 2xx body): the outcome is unknown, so a payment must be reconciled (read
   * back), never blindly re-sent. False when the request provably had no effect (refused with a 4xx, never
   * sent, rate-limited) and always false for GET.
   */
  readonly mayHaveReachedServer: boolean;
  /** For `rate-limited`: how long until the limit resets, when known. */
  readonly retryAfterMs?: number;
  readonly operationId?: string;
  readonly method?: string;

  constructor(init: ApiErrorInit) {
    super(init.message ?? init.problem?.detail ?? init.problem?.title ?? fallbackMessage(init.code), {
      cause: init.cause,
    });
    this.code = init.code;
    if (init.status !== undefined) this.status = init.status;
    if (init.problem !== undefined) this.problem = init.problem;
    if (init.invalidFields !== undefined) this.invalidFields = init.invalidFields;
    this.retryable = init.retryable ?? RETRYABLE_CODES.has(init.code);
    this.mayHaveReachedServer = init.mayHaveReachedServer ?? false;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.operationId !== undefined) this.operationId = init.operationId;
    if (init.method !== undefined) this.method = init.method;
  }
}

/** `Storefront request failed: rate-limited` (the element shows its own localized text instead). */
function fallbackMessage(code: ErrorCode): string {
  return `Storefront request failed: ${code}`;
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** A caller's own abort: the standard `DOMException` named `AbortError` (not a failure to report). */
export function isAbortError(error: unknown): boolean {
  return (
    (typeof DOMException !== 'undefined' && error instanceof DOMException && error.name === 'AbortError') ||
    (error instanceof Error && error.name === 'AbortError')
  );
}

/** The AbortError a caller's abort rejects with: the signal's reason when it is one, else a new one. */
export function abortError(signal?: AbortSignal): DOMException {
  const reason: unknown = signal?.reason;
  if (reason instanceof DOMException && reason.name === 'AbortError') return reason;
  return new DOMException(apiDetailMessages.aborted, 'AbortError');
}

/** Maps an HTTP status to the element's error code. */
export function codeForStatus(status: number): ErrorCode {
  if (status === 400 || status === 422) return 'validation-failed';
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 409) return 'not-payable';
  if (status === 429) return 'rate-limited';
  return 'server';
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/**
 * Turns anything thrown into the `error` event's detail. Callers drop their own aborts first
 * (`isAbortError`); one that gets here is reported as `network`. An `Error` carrying a known `code`
 * property keeps it (and its message); other unknown errors become `server` with `fallback`
 * (their own message is not shown: it could hold anything).
 */
export function toErrorDetail(error: unknown, fallback?: string): ErrorDetail {
  if (error instanceof ApiError) {
    const detail: ErrorDetail = { code: error.code, message: error.message, retryable: error.retryable };
    if (error.status !== undefined) detail.status = error.status;
    if (error.problem !== undefined) detail.problem = error.problem;
    if (error.invalidFields !== undefined) detail.invalidFields = error.invalidFields;
    return detail;
  }
  if (isAbortError(error)) {
    return { code: 'network', message: apiDetailMessages.aborted, retryable: true };
  }
  if (error instanceof TypeError) {
    return { code: 'network', message: fallback ?? apiDetailMessages.unreachable, retryable: true };
  }
  if (typeof error === 'object' && error !== null && isErrorCode((error as { code?: unknown }).code)) {
    const code = (error as { code: ErrorCode }).code;
    const message = (error as { message?: unknown }).message;
    const detail: ErrorDetail = {
      code,
      message: typeof message === 'string' && message ? message : (fallback ?? fallbackMessage(code)),
      retryable: RETRYABLE_CODES.has(code),
    };
    const invalidFields = (error as { invalidFields?: unknown }).invalidFields;
    if (Array.isArray(invalidFields)) detail.invalidFields = invalidFields as InvalidField[];
    return detail;
  }
  return { code: 'server', message: fallback ?? apiDetailMessages.unknown, retryable: true };
}
