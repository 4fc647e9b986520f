// RFC 9457 problem details as the contract shapes them (components/responses), served as application/json.

const TITLES = /** @type {Record<number, string>} */ ({
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  422: 'Invalid data',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
});
const SLUGS = /** @type {Record<number, string>} */ ({
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  422: 'validation-error',
  429: 'too-many-requests',
  500: 'internal-server-error',
});

/** An error a handler throws to answer with problem details. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} detail
   * @param {{field: string, message: string}[]} [invalidFields] only for 422
   */
  constructor(status, detail, invalidFields) {
    super(detail);
    this.status = status;
    this.detail = detail;
    this.invalidFields = invalidFields;
  }
}

/**
 * @param {number} status @param {string} detail @param {string} instance
 * @param {{field: string, message: string}[]} [invalidFields]
 */
export function problem(status, detail, instance, invalidFields) {
  /** @type {Record<string, unknown>} */
  const body = {
    type: `https://emulator.rebilly.invalid/problems/${SLUGS[status] ?? 'error'}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    instance,
  };
  if (status === 422) body.invalidFields = invalidFields ?? [];
  return body;
}

/** @param {string} field @param {string} message */
export const invalid = (field, message) => new ApiError(422, message, [{ field, message }]);
export const notFound = (/** @type {string} */ what) => new ApiError(404, `${what} not found`);
export const forbidden = (/** @type {string} */ detail) => new ApiError(403, detail);
export const conflict = (/** @type {string} */ detail) => new ApiError(409, detail);
