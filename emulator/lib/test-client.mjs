// A tiny HTTP client for the emulator's own tests (and benches): real fetch against a running emulator.

export const PK = 'pk_sandbox_emulator';
export const RISK = {
  browserData: { colorDepth: 24, isJavaEnabled: false, language: 'en-US', screenWidth: 1440, screenHeight: 900, timeZoneOffset: 0 },
};
export const CARDS = {
  approved: '4111111111111111',
  approvedMastercard: '5555555555554444',
  declined: '4000000000000002',
  threeDSecure: '4000000000003220',
  slow: '4000000000000077',
};

/**
 * @param {string} base sandbox or root URL
 */
export function client(base) {
  /**
   * @param {string} method @param {string} path @param {{auth?: string | null, body?: unknown, headers?: Record<string, string>, raw?: boolean}} [o]
   */
  async function call(method, path, { auth = PK, body, headers = {}, raw = false } = {}) {
    /** @type {Record<string, string>} */
    const h = { ...headers };
    if (auth) h.Authorization = `Bearer ${auth}`;
    if (body !== undefined) h['Content-Type'] = 'application/json';
    const response = await fetch(`${base}${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body), redirect: 'manual' });
    const text = await response.text();
    let json;
    if (!raw) {
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
    }
    return { status: response.status, headers: response.headers, body: /** @type {any} */ (json), text };
  }
  const api = {
    call,
    get: (/** @type {string} */ path, /** @type {any} */ o = {}) => call('GET', path, o),
    post: (/** @type {string} */ path, /** @type {unknown} */ body, /** @type {any} */ o = {}) => call('POST', path, { ...o, body }),
    patch: (/** @type {string} */ path, /** @type {unknown} */ body, /** @type {any} */ o = {}) => call('PATCH', path, { ...o, body }),
    /** Long-form URL of an organization path. */
    org: (/** @type {string} */ path) => `/organizations/demo-org${path}`,
    /** @param {string} pan @param {{auth?: string}} [o] @returns {Promise<string>} */
    async token(pan = CARDS.approved, o = {}) {
      const r = await call('POST', '/organizations/demo-org/tokens', {
        ...o,
        body: { method: 'payment-card', paymentInstrument: { pan, cvv: '123', expMonth: 12, expYear: 2030 }, billingAddress: { firstName: 'Test', lastName: 'Buyer', emails: [{ label: 'main', value: 'buyer@example.com' }] } },
      });
      if (r.status !== 201) throw new Error(`token: ${r.status} ${r.text}`);
      return r.body.id;
    },
    /** @param {Record<string, unknown>} options @returns {Promise<string>} */
    async jwt(options) {
      const r = await call('POST', '/__merchant/customer-jwt', { auth: null, body: options });
      if (r.status !== 201) throw new Error(`customer-jwt: ${r.status} ${r.text}`);
      return r.body.token;
    },
    async log() {
      return (await call('GET', '/__emulator/log', { auth: null })).body.requests;
    },
    /** @param {Record<string, unknown>} fault */
    fault: (fault) => call('POST', '/__emulator/faults', { auth: null, body: fault }),
    /** @param {Record<string, unknown>} config */
    configure: (config) => call('POST', '/__emulator/config', { auth: null, body: config }),
  };
  return api;
}

/**
 * @param {string} rootUrl @param {Record<string, unknown>} [options]
 */
export async function newSandbox(rootUrl, options = {}) {
  const response = await fetch(`${rootUrl}/__emulator/sandboxes`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(options) });
  if (response.status !== 201) throw new Error(`sandbox: ${response.status}`);
  const { id, url } = await response.json();
  return { id, url, ...client(url) };
}
