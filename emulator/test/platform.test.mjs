import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startEmulator } from '../index.mjs';
import { newSandbox, RISK, CARDS } from '../lib/test-client.mjs';
import { contractTest } from './contract-check.mjs';

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emulator;
before(async () => {
  emulator = await startEmulator({ port: 0, quiet: true, validateContract: true });
});
after(() => emulator.close());

const READY = { websiteId: 'demo-website', amount: 10, currency: 'USD', riskMetadata: RISK };

test('CORS: preflight 204 with the allowed methods/headers; simple responses expose rate-limit headers', async () => {
  const sb = await newSandbox(emulator.url);
  const pre = await fetch(`${sb.url}/organizations/demo-org/storefront/ready-to-pay`, {
    method: 'OPTIONS',
    headers: { Origin: 'http://localhost:8000', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type,x-custom' },
  });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-origin'), 'http://localhost:8000');
  assert.match(pre.headers.get('access-control-allow-methods') ?? '', /PATCH/);
  assert.match(pre.headers.get('access-control-allow-headers') ?? '', /Authorization, Content-Type, authorization,content-type,x-custom/);
  assert.equal(pre.headers.get('access-control-max-age'), '600');
  const r = await fetch(`${sb.url}/storefront/ready-to-pay`, { method: 'POST', headers: { Origin: 'http://example.test', Authorization: 'Bearer pk_sandbox_emulator', 'Content-Type': 'application/json' }, body: JSON.stringify(READY) });
  assert.equal(r.headers.get('access-control-allow-origin'), 'http://example.test');
  assert.match(r.headers.get('access-control-expose-headers') ?? '', /X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Retry-After, Location/);
  const log = await sb.log();
  assert.deepEqual(log.map((/** @type {any} */ e) => [e.method, e.preflight, e.operationId, e.auth, e.status]), [
    ['OPTIONS', true, 'StorefrontPostReadyToPay', 'none', 204],
    ['POST', false, 'StorefrontPostReadyToPay', 'publishable', 200],
  ]);
  // Errors carry CORS headers too.
  const err = await fetch(`${sb.url}/storefront/account`, { headers: { Origin: 'http://example.test' } });
  assert.equal(err.status, 401);
  assert.equal(err.headers.get('access-control-allow-origin'), 'http://example.test');
});

test('sandboxes are isolated from each other and from the root; reset restores the seed', async () => {
  const a = await newSandbox(emulator.url);
  const b = await newSandbox(emulator.url);
  assert.notEqual(a.id, b.id);
  assert.equal(a.url, `${emulator.url}/sandboxes/${a.id}`);
  const jwtA = await a.jwt({ customerId: 'cus-alice' });
  const paid = await a.post('/storefront/payment', { invoiceId: 'inv-unpaid', paymentInstrumentId: 'inst-alice-visa' }, { auth: jwtA });
  assert.equal(paid.status, 201);
  assert.equal((await a.get('/storefront/invoices/inv-unpaid', { auth: jwtA })).body.status, 'paid');
  const jwtB = await b.jwt({ customerId: 'cus-alice' });
  assert.equal((await b.get('/storefront/invoices/inv-unpaid', { auth: jwtB })).body.status, 'unpaid');
  assert.equal((await b.log()).length, 1);
  assert.equal((await a.log()).length, 2);
  const reset = await a.post('/__emulator/reset', {}, { auth: null });
  assert.equal(reset.status, 200);
  assert.deepEqual(await a.log(), []);
  assert.equal((await a.get('/storefront/invoices/inv-unpaid', { auth: jwtA })).body.status, 'unpaid');
  const state = await a.get('/__emulator/state', { auth: null });
  assert.equal(state.body.state.invoices['inv-unpaid'].amountDue, 120);
  const created = emulator.createSandbox({ latencyMs: 0 });
  assert.match(created.url, /\/sandboxes\/sbx_/);
  assert.equal((await fetch(`${emulator.url}/sandboxes/sbx_nope/storefront/plans`)).status, 404);
});

test('the log masks card data and records auth kinds', async () => {
  const sb = await newSandbox(emulator.url);
  await sb.token(CARDS.declined);
  await sb.get('/storefront/account', { auth: 'garbage' });
  const [token, account] = await sb.log();
  assert.equal(token.body.paymentInstrument.pan, '************0002');
  assert.equal(token.body.paymentInstrument.cvv, '***');
  assert.equal(token.auth, 'publishable');
  assert.equal(token.status, 201);
  assert.ok(token.endedAt >= token.startedAt);
  assert.equal(account.auth, 'invalid');
  assert.equal(account.status, 401);
  assert.equal((await sb.call('DELETE', '/__emulator/log', { auth: null })).status, 200);
  assert.deepEqual(await sb.log(), []);
});

test('fault status-500 and malformed-json; matched by operationId or path; state untouched', async () => {
  const sb = await newSandbox(emulator.url);
  await sb.fault({ kind: 'status-500', path: 'StorefrontPostPayment' });
  const jwt = await sb.jwt({ customerId: 'cus-alice' });
  const failed = await sb.post('/storefront/payment', { invoiceId: 'inv-unpaid', paymentInstrumentId: 'inst-alice-visa' }, { auth: jwt });
  assert.equal(failed.status, 500);
  assert.equal(failed.body.status, 500);
  assert.equal((await sb.get('/storefront/invoices/inv-unpaid', { auth: jwt })).body.status, 'unpaid');
  await sb.fault({ kind: 'malformed-json', path: '/storefront/plans', method: 'GET', count: 2 });
  for (let i = 0; i < 2; i++) {
    const bad = await sb.call('GET', '/storefront/plans', { auth: jwt, raw: true });
    assert.equal(bad.status, 200);
    assert.equal(bad.headers.get('content-type'), 'application/json');
    assert.throws(() => JSON.parse(bad.text));
  }
  const good = await sb.get('/storefront/plans', { auth: jwt });
  assert.equal(good.body.length, 6);
  assert.equal(good.headers.get('pagination-total'), '6');
});

test('fault rate-limit: 429 with X-RateLimit-Retry-After as a UTC timestamp', async () => {
  const sb = await newSandbox(emulator.url);
  await sb.fault({ kind: 'rate-limit', retryAfterSeconds: 30 });
  const r = await sb.post('/storefront/ready-to-pay', READY);
  assert.equal(r.status, 429);
  assert.equal(r.body.status, 429);
  const retryAt = Number(r.headers.get('x-ratelimit-retry-after'));
  assert.ok(Math.abs(retryAt - (Date.now() / 1000 + 30)) < 2);
  assert.equal((await sb.post('/storefront/ready-to-pay', READY)).status, 200);
});

test('fault drop destroys the socket; hang never answers until the client aborts; the log records status 0', async () => {
  const sb = await newSandbox(emulator.url);
  await sb.fault({ kind: 'drop', path: 'ready-to-pay' });
  await assert.rejects(sb.post('/storefront/ready-to-pay', READY));
  await sb.fault({ kind: 'hang' });
  await assert.rejects(fetch(`${sb.url}/storefront/ready-to-pay`, { method: 'POST', headers: { Authorization: 'pk_sandbox_emulator', 'Content-Type': 'application/json' }, body: JSON.stringify(READY), signal: AbortSignal.timeout(200) }));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const log = await sb.log();
  assert.deepEqual(log.map((/** @type {any} */ e) => e.status), [0, 0]);
  assert.ok(log.every((/** @type {any} */ e) => e.endedAt !== null));
  // Preflights are never faulted.
  await sb.fault({ kind: 'status-500' });
  const pre = await fetch(`${sb.url}/storefront/ready-to-pay`, { method: 'OPTIONS', headers: { Origin: 'http://x.test', 'Access-Control-Request-Method': 'POST' } });
  assert.equal(pre.status, 204);
  assert.equal((await sb.post('/storefront/ready-to-pay', READY)).status, 500);
});

test('close() ends hanging connections', async () => {
  const own = await startEmulator({ port: 0, quiet: true });
  const sb = await newSandbox(own.url);
  await sb.fault({ kind: 'hang' });
  const hanging = new Promise((resolve) => {
    const req = request(`${sb.url}/storefront/plans`, { method: 'GET' }, () => resolve('answered'));
    req.on('error', () => resolve('closed'));
    req.end();
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const started = Date.now();
  await own.close();
  assert.equal(await hanging, 'closed');
  assert.ok(Date.now() - started < 1000);
});

test('configurable rate limit: headers count down, then 429 with retry timestamp', async () => {
  const sb = await newSandbox(emulator.url, { rateLimit: { limit: 2, windowMs: 60_000 } });
  const one = await sb.post('/storefront/ready-to-pay', READY);
  assert.equal(one.headers.get('x-ratelimit-limit'), '2');
  assert.equal(one.headers.get('x-ratelimit-remaining'), '1');
  const two = await sb.post('/storefront/ready-to-pay', READY);
  assert.equal(two.headers.get('x-ratelimit-remaining'), '0');
  const three = await sb.post('/storefront/ready-to-pay', READY);
  assert.equal(three.status, 429);
  const retryAt = Number(three.headers.get('x-ratelimit-retry-after'));
  assert.ok(retryAt > Date.now() / 1000 && retryAt <= Date.now() / 1000 + 61);
  await sb.configure({ rateLimit: null });
  assert.equal((await sb.post('/storefront/ready-to-pay', READY)).status, 200);
});

test('latency applies to API requests and preflights', async () => {
  const sb = await newSandbox(emulator.url, { latencyMs: 120 });
  let started = Date.now();
  await sb.post('/storefront/ready-to-pay', READY);
  assert.ok(Date.now() - started >= 115);
  started = Date.now();
  await fetch(`${sb.url}/storefront/ready-to-pay`, { method: 'OPTIONS', headers: { Origin: 'http://x.test', 'Access-Control-Request-Method': 'POST' } });
  assert.ok(Date.now() - started >= 115);
  await sb.configure({ latencyMs: 0 });
  started = Date.now();
  await sb.post('/storefront/ready-to-pay', READY);
  assert.ok(Date.now() - started < 100);
  // reset restores the creation options
  await sb.post('/__emulator/reset', {}, { auth: null });
  assert.equal((await sb.get('/__emulator/config', { auth: null })).body.latencyMs, 120);
});

test('a faulted purchase changes nothing: the token stays unused and can pay afterwards', async () => {
  const sb = await newSandbox(emulator.url);
  const token = await sb.token();
  await sb.fault({ kind: 'status-500', path: '/storefront/purchase', method: 'POST' });
  const body = { websiteId: 'demo-website', items: [{ planId: 'plan-pro-monthly', quantity: 1 }], paymentInstruction: { token } };
  assert.equal((await sb.post('/storefront/purchase', body)).status, 500);
  assert.equal((await sb.get(`/tokens/${token}`)).body.isUsed, false);
  const state = (await sb.get('/__emulator/state', { auth: null })).body.state;
  assert.deepEqual(Object.keys(state.orders), []);
  assert.equal((await sb.post('/storefront/purchase', body)).status, 201);
});

test('fault lose-response: the purchase is made, but its answer never arrives', async () => {
  const sb = await newSandbox(emulator.url);
  const token = await sb.token();
  await sb.fault({ kind: 'lose-response', path: 'StorefrontPostPurchase' });
  const body = { websiteId: 'demo-website', items: [{ planId: 'plan-pro-monthly', quantity: 1 }], paymentInstruction: { token } };
  await assert.rejects(
    fetch(`${sb.url}/storefront/purchase`, {
      method: 'POST',
      headers: { Authorization: 'pk_sandbox_emulator', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(300),
    }),
  );
  assert.equal((await sb.get(`/tokens/${token}`)).body.isUsed, true);
  const state = (await sb.get('/__emulator/state', { auth: null })).body.state;
  assert.equal(Object.keys(state.orders).length, 1);
  const [entry] = (await sb.log()).filter((/** @type {any} */ e) => e.operationId === 'StorefrontPostPurchase');
  assert.equal(entry.status, 201);
});

test('invalid JSON → 422 on body; unknown method on a known path → 405; unknown path → 404', async () => {
  const sb = await newSandbox(emulator.url);
  const bad = await fetch(`${sb.url}/storefront/ready-to-pay`, { method: 'POST', headers: { Authorization: 'pk_sandbox_emulator', 'Content-Type': 'application/json' }, body: '{"websiteId":' });
  assert.equal(bad.status, 422);
  assert.equal((await bad.json()).invalidFields[0].field, 'body');
  assert.equal((await sb.call('DELETE', '/storefront/purchase')).status, 405);
  assert.equal((await sb.get('/storefront/unknown')).status, 404);
  const log = await sb.log();
  assert.deepEqual(log.map((/** @type {any} */ e) => e.operationId), ['StorefrontPostReadyToPay', null, null]);
});

contractTest(() => emulator);
