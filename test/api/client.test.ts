import { expect } from '@open-wc/testing';
import {
  ApiError,
  clearStorefrontClients,
  getStorefrontClient,
  isAbortError,
  PostToken,
  setStorefrontClientDefaults,
  StorefrontGetAccount,
  StorefrontGetInvoice,
  StorefrontGetTransaction,
  StorefrontPostPayment,
  StorefrontPostPreviewPurchase,
  StorefrontPostPurchase,
  StorefrontPostReadyToPay,
  type StorefrontClient,
} from '../../src/api/index.js';
import { newSandbox, SEED, type Sandbox } from '../helpers/emulator.js';

const FAST = { retries: 2, backoffMs: 5, maxBackoffMs: 20, defaultRateLimitWaitMs: 50 };

function pkClient(sandbox: Sandbox, organization: 'with-org' | 'short-form' = 'with-org'): StorefrontClient {
  return getStorefrontClient({
    apiUrl: sandbox.url,
    organizationId: organization === 'with-org' ? SEED.organizationId : undefined,
    credential: { kind: 'publishable', value: SEED.publishableKey },
  });
}

async function jwtClient(sandbox: Sandbox, options: { permissions?: string[] } = {}): Promise<StorefrontClient> {
  const jwt = await sandbox.customerJwt({ customerId: SEED.customers.alice, ...options });
  return getStorefrontClient({ apiUrl: sandbox.url, organizationId: SEED.organizationId, credential: { kind: 'jwt', value: jwt } });
}

const amountBody = { websiteId: SEED.websiteId, amount: 10, currency: 'USD' };

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await rejection(promise);
  expect(error, String(error)).to.be.instanceOf(ApiError);
  return error as ApiError;
}

async function cardToken(client: StorefrontClient, pan: string = SEED.cards.approved): Promise<string> {
  const token = await PostToken(client, {
    method: 'payment-card',
    paymentInstrument: { pan, cvv: '123', expMonth: 12, expYear: new Date().getFullYear() + 2 },
    billingAddress: { firstName: 'Ada', lastName: 'Lovelace' },
  });
  return token.id;
}

/** Counts the fetch() calls the client makes (a spy: every call still goes to the real fetch). */
async function countFetches<T>(run: () => Promise<T>): Promise<{ result: T; calls: number }> {
  const original = window.fetch;
  let calls = 0;
  window.fetch = (...args: Parameters<typeof fetch>) => {
    calls += 1;
    return original(...args);
  };
  try {
    return { result: await run(), calls };
  } finally {
    window.fetch = original;
  }
}

async function count(sandbox: Sandbox, operation: string): Promise<number> {
  return (await sandbox.operations()).filter((o) => o === operation).length;
}

describe('Storefront client over real HTTP (emulator)', () => {
  let sandbox: Sandbox;

  beforeEach(async () => {
    setStorefrontClientDefaults(FAST);
    sandbox = await newSandbox();
  });

  afterEach(() => {
    setStorefrontClientDefaults();
    clearStorefrontClients();
  });

  describe('registry', () => {
    it('returns one client per (apiUrl, organization, credential)', () => {
      const a = pkClient(sandbox);
      expect(pkClient(sandbox)).to.equal(a);
      expect(
        getStorefrontClient({
          apiUrl: `${sandbox.url}/`,
          organizationId: SEED.organizationId,
          credential: { kind: 'publishable', value: SEED.publishableKey },
        }),
      ).to.equal(a);
      expect(pkClient(sandbox, 'short-form')).not.to.equal(a);
      const jwtOne = a.withCredential({ kind: 'jwt', value: 'a.b.c' });
      expect(jwtOne).not.to.equal(a);
      expect(a.withCredential({ kind: 'jwt', value: 'a.b.c' })).to.equal(jwtOne);
      expect(jwtOne.credentialKind).to.equal('jwt');
    });

    it('builds organization and short-form URLs, keeping the api-url path prefix', () => {
      expect(pkClient(sandbox).url('storefront/purchase')).to.equal(
        `${sandbox.url}/storefront/organizations/${SEED.organizationId}/purchase`,
      );
      expect(pkClient(sandbox).url('storefront/transactions/t1', { expand: 'x' })).to.equal(
        `${sandbox.url}/storefront/organizations/${SEED.organizationId}/transactions/t1?expand=x`,
      );
      expect(pkClient(sandbox).url('tokens')).to.equal(`${sandbox.url}/organizations/${SEED.organizationId}/tokens`);
      expect(pkClient(sandbox, 'short-form').url('tokens')).to.equal(`${sandbox.url}/tokens`);
      expect(new URL(sandbox.url).pathname).not.to.equal('/');
    });

    it('sends Bearer auth and Accept on every request, Content-Type only with a body, no cookies', async () => {
      const client = await jwtClient(sandbox);
      const seen: RequestInit[] = [];
      const original = window.fetch;
      window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
        seen.push(init ?? {});
        return original(input, init);
      };
      try {
        await StorefrontGetAccount(client);
        await StorefrontPostReadyToPay(client, amountBody);
      } finally {
        window.fetch = original;
      }
      const [get, post] = seen.map((init) => init.headers as Record<string, string>);
      expect(get!['Authorization']).to.match(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
      expect(get!['Accept']).to.equal('application/json');
      expect(get).not.to.have.property('Content-Type');
      expect(post!['Content-Type']).to.equal('application/json');
      expect(seen.every((init) => init.credentials === 'omit')).to.equal(true);
    });

    it('does not expose the credential when serialised', () => {
      expect(JSON.stringify(pkClient(sandbox))).not.to.contain(SEED.publishableKey);
    });
  });

  describe('operations', () => {
    it('ready-to-pay sends riskMetadata and returns the methods as an array in order', async () => {
      const methods = await StorefrontPostReadyToPay(pkClient(sandbox), {
        websiteId: SEED.websiteId,
        items: [{ planId: SEED.plans.starter, quantity: 1 }],
      });
      expect(methods).to.be.an('array');
      expect(methods[0]!.method).to.equal('payment-card');
      const entry = (await sandbox.log()).find((r) => r.operationId === 'StorefrontPostReadyToPay' && !r.preflight)!;
      expect(entry.status).to.equal(200);
      expect(entry.auth).to.equal('publishable');
      const body = entry.body as { riskMetadata: { browserData: Record<string, unknown> } };
      expect(body.riskMetadata.browserData).to.include.keys('colorDepth', 'language', 'screenWidth', 'timeZoneOffset');
    });

    it('works with the short form (no organization in the URL)', async () => {
      const methods = await StorefrontPostReadyToPay(pkClient(sandbox, 'short-form'), amountBody);
      expect(methods.length).to.be.greaterThan(0);
    });

    it('previews a cart', async () => {
      const preview = await StorefrontPostPreviewPurchase(pkClient(sandbox), {
        websiteId: SEED.websiteId,
        items: [{ planId: SEED.plans.starter, quantity: 2 }],
      });
      expect(preview.total).to.be.a('number');
      expect(preview.lineItems?.length).to.be.greaterThan(0);
    });

    it('makes a real purchase, then reads the transaction with the session token', async () => {
      const client = pkClient(sandbox);
      const token = await cardToken(client);
      const purchase = await StorefrontPostPurchase(client, {
        websiteId: SEED.websiteId,
        items: [{ planId: SEED.plans.starter, quantity: 1 }],
        paymentInstruction: { token },
        billingAddress: { firstName: 'Ada', lastName: 'Lovelace' },
      });
      expect(purchase.transaction.result).to.equal('approved');
      expect(purchase.token).to.be.a('string');
      const session = client.withCredential({ kind: 'jwt', value: purchase.token! });
      const transaction = await StorefrontGetTransaction(session, purchase.transaction.id);
      expect(transaction.id).to.equal(purchase.transaction.id);
      expect((await sandbox.log()).filter((r) => !r.preflight).map((r) => r.auth)).to.deep.equal([
        'publishable',
        'publishable',
        'jwt',
      ]);
    });

    it('a declined payment resolves (201) with result declined', async () => {
      const client = pkClient(sandbox);
      const token = await cardToken(client, SEED.cards.declined);
      const transaction = await StorefrontPostPayment(client, { ...amountBody, token });
      expect(transaction.result).to.equal('declined');
    });

    it('refuses a payment body without exactly one target, before sending anything', async () => {
      const body = { transactionId: 'tx-1', invoiceId: 'in-1', token: 't' } as unknown as Parameters<
        typeof StorefrontPostPayment
      >[1];
      const error = await apiError(StorefrontPostPayment(pkClient(sandbox), body));
      expect(error.code).to.equal('validation-failed');
      expect(error.mayHaveReachedServer).to.equal(false);
      expect(await sandbox.operations()).to.deep.equal([]);
    });
  });

  describe('errors', () => {
    it('401 → unauthorized, with the problem details and no credential in the message', async () => {
      const client = getStorefrontClient({
        apiUrl: sandbox.url,
        organizationId: SEED.organizationId,
        credential: { kind: 'publishable', value: 'pk_sandbox_not_a_real_key' },
      });
      const error = await apiError(StorefrontPostReadyToPay(client, amountBody));
      expect(error.code).to.equal('unauthorized');
      expect(error.status).to.equal(401);
      expect(error.problem?.status).to.equal(401);
      expect(error.retryable).to.equal(false);
      expect(error.mayHaveReachedServer).to.equal(false);
      expect(error.message).not.to.contain('pk_sandbox_not_a_real_key');
    });

    it('403 → forbidden (a JWT without the permission)', async () => {
      const client = await jwtClient(sandbox, { permissions: ['StorefrontGetAccount'] });
      const error = await apiError(StorefrontGetInvoice(client, 'inv-paid'));
      expect(error.code).to.equal('forbidden');
      expect(error.status).to.equal(403);
    });

    it('404 → not-found', async () => {
      const client = await jwtClient(sandbox);
      const error = await apiError(StorefrontGetInvoice(client, 'inv-does-not-exist'));
      expect(error.code).to.equal('not-found');
      expect(error.status).to.equal(404);
    });

    it('422 → validation-failed with invalidFields', async () => {
      const error = await apiError(
        PostToken(pkClient(sandbox), {
          method: 'payment-card',
          paymentInstrument: { pan: SEED.cards.approved, cvv: '123', expMonth: '12' as unknown as number, expYear: 2030 },
          billingAddress: { firstName: 'Ada', lastName: 'Lovelace' },
        }),
      );
      expect(error.code).to.equal('validation-failed');
      expect(error.status).to.equal(422);
      expect(error.invalidFields).to.be.an('array').that.is.not.empty;
      expect(error.invalidFields!.map((f) => f.field).join(' ')).to.contain('expMonth');
      expect(error.problem?.invalidFields).to.deep.equal(error.invalidFields);
    });
  });

  describe('faults', () => {
    it('a GET that gets a 500 is retried and succeeds', async () => {
      const client = await jwtClient(sandbox);
      await sandbox.fault({ kind: 'status-500', count: 1, path: 'StorefrontGetAccount' });
      const account = await StorefrontGetAccount(client);
      expect(account.id).to.equal(SEED.customers.alice);
      expect(await count(sandbox, 'GET StorefrontGetAccount')).to.equal(2);
    });

    it('a GET gives up after the retries with server', async () => {
      const client = await jwtClient(sandbox);
      await sandbox.fault({ kind: 'status-500', count: 5, path: 'StorefrontGetAccount' });
      const error = await apiError(StorefrontGetAccount(client));
      expect(error.code).to.equal('server');
      expect(error.status).to.equal(500);
      expect(error.mayHaveReachedServer).to.equal(false);
      expect(await count(sandbox, 'GET StorefrontGetAccount')).to.equal(3);
    });

    it('read-like POSTs (ready-to-pay) are retried like GETs', async () => {
      await sandbox.fault({ kind: 'status-500', count: 1, path: 'StorefrontPostReadyToPay' });
      const methods = await StorefrontPostReadyToPay(pkClient(sandbox), amountBody);
      expect(methods.length).to.be.greaterThan(0);
      expect(await count(sandbox, 'POST StorefrontPostReadyToPay')).to.equal(2);
    });

    it('a payment POST that gets a 500 is not retried: server, mayHaveReachedServer', async () => {
      const client = pkClient(sandbox);
      const token = await cardToken(client);
      await sandbox.fault({ kind: 'status-500', count: 1, path: 'StorefrontPostPayment' });
      const error = await apiError(StorefrontPostPayment(client, { ...amountBody, token }));
      expect(error.code).to.equal('server');
      expect(error.status).to.equal(500);
      expect(error.retryable).to.equal(true);
      expect(error.mayHaveReachedServer).to.equal(true);
      expect(await count(sandbox, 'POST StorefrontPostPayment')).to.equal(1);
    });

    it('a dropped connection: GET retried, POST → network with mayHaveReachedServer', async () => {
      const jwt = await jwtClient(sandbox);
      await sandbox.fault({ kind: 'drop', count: 1, path: 'StorefrontGetAccount' });
      expect((await StorefrontGetAccount(jwt)).id).to.equal(SEED.customers.alice);
      // Every attempt dropped: the client tries 1 + 2 retries, then reports network (nothing to reconcile for a GET).
      await sandbox.fault({ kind: 'drop', count: 100, path: 'StorefrontGetAccount' });
      const read = await countFetches(() => StorefrontGetAccount(jwt).catch((e: unknown) => e));
      expect(read.calls).to.equal(3);
      expect((read.result as ApiError).code).to.equal('network');
      expect((read.result as ApiError).mayHaveReachedServer).to.equal(false);

      const client = pkClient(sandbox);
      const token = await cardToken(client);
      // Chromium itself re-sends a request once per pooled keep-alive socket that is closed before any
      // response byte (even a POST), so drop every attempt and count what *our* client sent with a fetch spy.
      await sandbox.fault({ kind: 'drop', count: 50, path: 'StorefrontPostPurchase' });
      const { result, calls } = await countFetches(() =>
        StorefrontPostPurchase(client, {
          websiteId: SEED.websiteId,
          items: [{ planId: SEED.plans.starter, quantity: 1 }],
          paymentInstruction: { token },
        }).catch((e: unknown) => e),
      );
      expect(calls).to.equal(1);
      expect(result).to.be.instanceOf(ApiError);
      const error = result as ApiError;
      expect(error.code).to.equal('network');
      expect(error.mayHaveReachedServer).to.equal(true);
    });

    it('no answer in time → timeout (not retried)', async () => {
      const client = pkClient(sandbox);
      await sandbox.fault({ kind: 'hang', count: 1, path: 'StorefrontPostPayment' });
      const token = await cardToken(client);
      const started = performance.now();
      const error = await apiError(StorefrontPostPayment(client, { ...amountBody, token }, { timeoutMs: 300 }));
      expect(error.code).to.equal('timeout');
      expect(error.retryable).to.equal(true);
      expect(error.mayHaveReachedServer).to.equal(true);
      expect(performance.now() - started).to.be.lessThan(2_000);
      expect(await count(sandbox, 'POST StorefrontPostPayment')).to.equal(1);

      const jwt = await jwtClient(sandbox);
      await sandbox.fault({ kind: 'hang', count: 1, path: 'StorefrontGetAccount' });
      const readError = await apiError(StorefrontGetAccount(jwt, { timeoutMs: 200 }));
      expect(readError.code).to.equal('timeout');
      expect(readError.mayHaveReachedServer).to.equal(false);
    });

    it('a malformed JSON body → server (a POST may have been processed)', async () => {
      const client = pkClient(sandbox);
      const token = await cardToken(client);
      await sandbox.fault({ kind: 'malformed-json', count: 1, path: 'StorefrontPostPayment' });
      const error = await apiError(StorefrontPostPayment(client, { ...amountBody, token }));
      expect(error.code).to.equal('server');
      expect(error.status).to.equal(200);
      expect(error.mayHaveReachedServer).to.equal(true);
      expect(error.message).to.match(/could not be read/);
    });

    it('a response that fails its schema → server', async () => {
      const client = pkClient(sandbox);
      const error = await apiError(
        client.request({
          method: 'POST',
          path: 'storefront/ready-to-pay',
          body: { ...amountBody, riskMetadata: {} },
          schema: { safeParse: () => ({ success: false as const, error: new Error('nope') }) },
        }),
      );
      expect(error.code).to.equal('server');
      expect(error.retryable).to.equal(false);
    });
  });

  describe('rate limits', () => {
    it('a 429 pauses the whole client until X-RateLimit-Retry-After, then both requests succeed', async () => {
      const client = await jwtClient(sandbox);
      await sandbox.fault({ kind: 'rate-limit', count: 1, path: 'StorefrontGetAccount', retryAfterSeconds: 1 });
      const first = StorefrontGetAccount(client);
      // Wait for the 429 to arrive, then start a second request on the same client.
      while (client.rateLimitedUntil === 0) await new Promise((r) => setTimeout(r, 10));
      const resumeAt = client.rateLimitedUntil;
      expect(resumeAt).to.be.greaterThan(Date.now());
      const second = StorefrontGetInvoice(client, 'inv-paid');
      const [account, invoice] = await Promise.all([first, second]);
      expect(account.id).to.equal(SEED.customers.alice);
      expect(invoice.id).to.equal('inv-paid');
      const log = (await sandbox.log()).filter((r) => !r.preflight);
      const afterPause = log.filter((r) => r.status === 200);
      expect(afterPause).to.have.length(2);
      for (const entry of afterPause) expect(entry.startedAt).to.be.at.least(resumeAt - 50);
    });

    it('a payment POST is retried after a 429 (it had no effect)', async () => {
      const client = pkClient(sandbox);
      const token = await cardToken(client);
      await sandbox.fault({ kind: 'rate-limit', count: 1, path: 'StorefrontPostPayment', retryAfterSeconds: 1 });
      const transaction = await StorefrontPostPayment(client, { ...amountBody, token });
      expect(transaction.result).to.equal('approved');
      expect(await count(sandbox, 'POST StorefrontPostPayment')).to.equal(2);
    });

    it('an abort while waiting out a 429 pause rejects at once with AbortError', async () => {
      const client = pkClient(sandbox);
      await sandbox.fault({ kind: 'rate-limit', count: 1, path: 'StorefrontPostReadyToPay', retryAfterSeconds: 5 });
      const first = StorefrontPostReadyToPay(client, amountBody, { retries: 0 });
      expect((await apiError(first)).code).to.equal('rate-limited');
      const controller = new AbortController();
      const waiting = StorefrontPostReadyToPay(client, amountBody, { signal: controller.signal });
      setTimeout(() => controller.abort(), 30);
      const started = performance.now();
      expect(isAbortError(await rejection(waiting))).to.equal(true);
      expect(performance.now() - started).to.be.lessThan(1_000);
      expect(await count(sandbox, 'POST StorefrontPostReadyToPay')).to.equal(1);
    });

    it('gives up with rate-limited when the pause is longer than the cap, and fails fast afterwards', async () => {
      const client = pkClient(sandbox);
      await sandbox.fault({ kind: 'rate-limit', count: 1, path: 'StorefrontPostReadyToPay', retryAfterSeconds: 120 });
      const error = await apiError(StorefrontPostReadyToPay(client, amountBody));
      expect(error.code).to.equal('rate-limited');
      expect(error.status).to.equal(429);
      expect(error.retryable).to.equal(true);
      expect(error.mayHaveReachedServer).to.equal(false);
      expect(error.retryAfterMs).to.be.greaterThan(30_000);
      const before = (await sandbox.operations()).length;
      const next = await apiError(PostToken(client, { method: 'payment-card', paymentInstrument: { pan: '4111111111111111', expMonth: 1, expYear: 2040 }, billingAddress: {} }));
      expect(next.code).to.equal('rate-limited');
      expect((await sandbox.operations()).length).to.equal(before);
    });
  });

  describe('in-flight GET dedupe and abort', () => {
    it('two identical GETs at once make one request', async () => {
      const client = await jwtClient(sandbox);
      await sandbox.configure({ latencyMs: 100 });
      const [a, b] = await Promise.all([StorefrontGetInvoice(client, 'inv-paid'), StorefrontGetInvoice(client, 'inv-paid')]);
      expect(a).to.deep.equal(b);
      expect(await count(sandbox, 'GET StorefrontGetInvoice')).to.equal(1);
    });

    it("one caller's abort does not abort the other; all aborting aborts the fetch", async () => {
      const client = await jwtClient(sandbox);
      await sandbox.configure({ latencyMs: 200 });
      const one = new AbortController();
      const first = StorefrontGetInvoice(client, 'inv-paid', { signal: one.signal });
      const second = StorefrontGetInvoice(client, 'inv-paid');
      one.abort();
      const error = await rejection(first);
      expect(isAbortError(error)).to.equal(true);
      expect(error).to.be.instanceOf(DOMException);
      expect((await second).id).to.equal('inv-paid');

      const c1 = new AbortController();
      const c2 = new AbortController();
      const p1 = StorefrontGetInvoice(client, 'inv-paid', { signal: c1.signal });
      const p2 = StorefrontGetInvoice(client, 'inv-paid', { signal: c2.signal });
      c1.abort();
      c2.abort();
      expect(isAbortError(await rejection(p1))).to.equal(true);
      expect(isAbortError(await rejection(p2))).to.equal(true);
      // A new call after everyone aborted starts afresh.
      expect((await StorefrontGetInvoice(client, 'inv-paid')).id).to.equal('inv-paid');
    });

    it('aborting a POST rejects with AbortError, not an ApiError', async () => {
      await sandbox.configure({ latencyMs: 300 });
      const controller = new AbortController();
      const promise = StorefrontPostReadyToPay(pkClient(sandbox), amountBody, { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      const error = await rejection(promise);
      expect(isAbortError(error)).to.equal(true);
      expect(error).not.to.be.instanceOf(ApiError);
    });

    it('an already-aborted signal sends nothing', async () => {
      const controller = new AbortController();
      controller.abort();
      const error = await rejection(StorefrontPostReadyToPay(pkClient(sandbox), amountBody, { signal: controller.signal }));
      expect(isAbortError(error)).to.equal(true);
      expect(await sandbox.operations()).to.deep.equal([]);
    });
  });
});
