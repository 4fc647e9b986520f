import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../index.mjs';
import { newSandbox, RISK, PK } from '../lib/test-client.mjs';
import { contractTest } from './contract-check.mjs';

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emulator;
before(async () => {
  emulator = await startEmulator({ port: 0, quiet: true, validateContract: true });
});
after(() => emulator.close());

/** @param {string} jwt */
const payloadOf = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));

test('merchant stand-in: authentication token then exchange, JWT payload and acl', async () => {
  const sb = await newSandbox(emulator.url);
  const r = await sb.post('/__merchant/customer-jwt', { customerId: 'cus-alice', invoiceId: 'inv-unpaid' }, { auth: null });
  assert.equal(r.status, 201);
  assert.ok(Date.parse(r.body.expiredTime) > Date.now());
  const payload = payloadOf(r.body.token);
  assert.equal(payload.iss, 'rebilly-emulator');
  assert.equal(payload.sub, 'cus-alice');
  assert.equal(payload.customerId, 'cus-alice');
  assert.equal(payload.merchant, 'demo-org');
  assert.equal(payload.websiteId, 'demo-website');
  assert.equal(payload.invoiceId, 'inv-unpaid');
  assert.deepEqual(payload.acl[0].scope, { organizationId: ['demo-org'], customerId: ['cus-alice'], invoiceId: ['inv-unpaid'] });
  assert.ok(payload.acl[0].permissions.includes('StorefrontGetInvoice'));
  assert.ok(payload.acl[0].permissions.includes('StorefrontPostPayment'));
  assert.deepEqual(payload.claims, { websiteId: 'demo-website', invoiceId: 'inv-unpaid' });
  // The server-side steps are visible as state, never in the request log.
  assert.deepEqual(await sb.log(), []);
  const unknown = await sb.post('/__merchant/customer-jwt', { customerId: 'cus-nobody' }, { auth: null });
  assert.equal(unknown.status, 422);
  assert.equal(unknown.body.invalidFields[0].field, 'customerId');
});

test('authentication tokens: secret key only, single use; exchange is a public route', async () => {
  const sb = await newSandbox(emulator.url);
  const secret = { 'REB-APIKEY': 'sk_sandbox_emulator' };
  const refused = await sb.post('/authentication-tokens', { mode: 'passwordless', customerId: 'cus-bob' });
  assert.equal(refused.status, 401);
  const created = await sb.post('/authentication-tokens', { mode: 'passwordless', customerId: 'cus-bob' }, { auth: null, headers: secret });
  assert.equal(created.status, 201);
  const exchange = sb.org(`/authentication-tokens/${created.body.token}/exchange`);
  const body = { acl: [{ scope: { organizationId: ['demo-org'] }, permissions: ['StorefrontGetAccount'] }], customClaims: { websiteId: 'demo-website' } };
  const first = await sb.post(exchange, body);
  assert.equal(first.status, 201);
  assert.equal(first.body.type, 'customer');
  assert.equal(first.body.customerId, 'cus-bob');
  const account = await sb.get('/storefront/account', { auth: first.body.token });
  assert.equal(account.status, 200);
  assert.equal(account.body.id, 'cus-bob');
  const second = await sb.post(exchange, body);
  assert.equal(second.status, 404);
});

test('401: missing, forged, expired credentials; unknown key; secret key in Authorization', async () => {
  const sb = await newSandbox(emulator.url);
  const path = sb.org('/storefront/ready-to-pay');
  const body = { websiteId: 'demo-website', amount: 10, currency: 'USD', riskMetadata: RISK };
  const missing = await sb.post(path, body, { auth: null });
  assert.equal(missing.status, 401);
  assert.equal(missing.body.status, 401);
  assert.equal(missing.body.title, 'Unauthorized');
  assert.equal(missing.headers.get('content-type'), 'application/json');
  const jwt = await sb.jwt({ customerId: 'cus-alice' });
  const [h, p] = jwt.split('.');
  const forgedPayload = Buffer.from(JSON.stringify({ ...payloadOf(jwt), customerId: 'cus-bob', sub: 'cus-bob' })).toString('base64url');
  assert.equal((await sb.get('/storefront/account', { auth: `${h}.${forgedPayload}.${jwt.split('.')[2]}` })).status, 401);
  assert.equal((await sb.get('/storefront/account', { auth: `${h}.${p}.AAAA` })).status, 401);
  const expired = await sb.jwt({ customerId: 'cus-alice', expiresInSeconds: -60 });
  const expiredReply = await sb.get('/storefront/account', { auth: expired });
  assert.equal(expiredReply.status, 401);
  assert.match(expiredReply.body.detail, /expired/i);
  assert.equal((await sb.post(path, body, { auth: 'pk_sandbox_unknown' })).status, 401);
  assert.equal((await sb.post(path, body, { auth: 'sk_sandbox_emulator' })).status, 401);
  // A token from another sandbox is not valid here.
  const other = await newSandbox(emulator.url);
  assert.equal((await other.get('/storefront/account', { auth: jwt })).status, 401);
});

test('publishable key: Bearer and bare forms; JWT-only operations refuse it with 401', async () => {
  const sb = await newSandbox(emulator.url);
  const body = { websiteId: 'demo-website', amount: 10, currency: 'USD', riskMetadata: RISK };
  assert.equal((await sb.post(sb.org('/storefront/ready-to-pay'), body)).status, 200);
  assert.equal((await sb.call('POST', sb.org('/storefront/ready-to-pay'), { auth: null, body, headers: { Authorization: PK } })).status, 200);
  assert.equal((await sb.post('/storefront/ready-to-pay', body, { auth: 'pk_live_emulator' })).status, 200);
  const jwtOnly = await sb.get('/storefront/transactions/txn-pending');
  assert.equal(jwtOnly.status, 401);
  assert.match(jwtOnly.body.detail, /customer JWT/);
  // Operations that accept a publishable key accept a JWT too.
  const jwt = await sb.jwt({ customerId: 'cus-alice' });
  assert.equal((await sb.post('/storefront/ready-to-pay', body, { auth: jwt })).status, 200);
});

test('403: permission missing from the acl, out-of-scope invoice, another customer resource', async () => {
  const sb = await newSandbox(emulator.url);
  const narrow = await sb.jwt({ customerId: 'cus-alice', permissions: ['StorefrontGetAccount'] });
  const denied = await sb.get('/storefront/invoices/inv-unpaid', { auth: narrow });
  assert.equal(denied.status, 403);
  assert.equal(denied.body.title, 'Forbidden');
  const scoped = await sb.jwt({ customerId: 'cus-alice', invoiceId: 'inv-unpaid' });
  assert.equal((await sb.get('/storefront/invoices/inv-unpaid', { auth: scoped })).status, 200);
  assert.equal((await sb.get('/storefront/invoices/inv-partial', { auth: scoped })).status, 403);
  assert.equal((await sb.post('/storefront/payment', { invoiceId: 'inv-partial', paymentInstrumentId: 'inst-alice-visa' }, { auth: scoped })).status, 403);
  // The invoice's transactions are in scope of an invoice-scoped token.
  assert.equal((await sb.get('/storefront/transactions/txn-pending', { auth: scoped })).status, 200);
  const txnScoped = await sb.jwt({ customerId: 'cus-alice', transactionId: 'txn-pending' });
  assert.equal((await sb.get('/storefront/invoices/inv-unpaid', { auth: txnScoped })).status, 200);
  assert.equal((await sb.get('/storefront/transactions/txn-completed', { auth: txnScoped })).status, 403);
  const bob = await sb.jwt({ customerId: 'cus-bob' });
  assert.equal((await sb.get('/storefront/invoices/inv-unpaid', { auth: bob })).status, 403);
  assert.equal((await sb.get('/storefront/payout-requests/payoutreq-pending', { auth: bob })).status, 403);
});

test('both URL forms; unknown organization 404; key of another organization 401', async () => {
  const sb = await newSandbox(emulator.url);
  const jwt = await sb.jwt({ customerId: 'cus-alice' });
  assert.equal((await sb.get('/organizations/demo-org/storefront/websites/demo-website', { auth: jwt })).status, 200);
  assert.equal((await sb.get('/storefront/websites/demo-website', { auth: jwt })).status, 200);
  assert.equal((await sb.get('/organizations/other-org/storefront/websites/demo-website', { auth: jwt })).status, 404);
  const token = await sb.token();
  assert.ok(token);
  const short = await sb.post('/tokens', { method: 'payment-card', paymentInstrument: { pan: '4111111111111111', cvv: '123', expMonth: 12, expYear: 2030 } });
  assert.equal(short.status, 201);
  const log = await sb.log();
  assert.deepEqual(
    log.map((/** @type {any} */ r) => [r.path, r.operationId, r.status]),
    [
      ['/organizations/demo-org/storefront/websites/demo-website', 'StorefrontGetWebsite', 200],
      ['/storefront/websites/demo-website', 'StorefrontGetWebsite', 200],
      ['/organizations/other-org/storefront/websites/demo-website', 'StorefrontGetWebsite', 404],
      ['/organizations/demo-org/tokens', 'PostToken', 201],
      ['/tokens', 'PostToken', 201],
    ],
  );
});

test('three URL forms: /storefront/organizations/{org}/…, /organizations/{org}/storefront/…, /storefront/… + Organization-Id', async () => {
  const sb = await newSandbox(emulator.url);
  const body = { websiteId: 'demo-website', items: [{ planId: 'plan-starter', quantity: 1 }], riskMetadata: RISK };
  const production = await sb.post('/storefront/organizations/demo-org/preview-purchase', body);
  const server = await sb.post('/organizations/demo-org/storefront/preview-purchase', body);
  const header = await sb.post('/storefront/preview-purchase', body, { headers: { 'Organization-Id': 'demo-org' } });
  for (const r of [production, server, header]) assert.equal(r.status, 200, r.text);
  assert.deepEqual(production.body, server.body);
  assert.deepEqual(header.body, server.body);
  // The same checks in each form: unknown organization 404, another organization's credential 401.
  assert.equal((await sb.post('/storefront/organizations/other-org/preview-purchase', body)).status, 404);
  assert.equal((await sb.post('/storefront/preview-purchase', body, { headers: { 'Organization-Id': 'other-org' } })).status, 404);
  const jwt = await sb.jwt({ customerId: 'cus-alice' });
  assert.equal((await sb.get('/storefront/organizations/demo-org/websites/demo-website', { auth: jwt })).status, 200);
  assert.equal((await sb.get('/storefront/organizations/demo-org/transactions/txn-nope', { auth: jwt })).status, 404);
  // Tokens at the organization form, as FramePay posts them.
  assert.equal((await sb.post('/organizations/demo-org/tokens', { method: 'payment-card', paymentInstrument: { pan: '4111111111111111', cvv: '123', expMonth: 12, expYear: 2030 } })).status, 201);
  const log = (await sb.log()).map((/** @type {any} */ r) => [r.path, r.operationId, r.status]);
  assert.deepEqual(log.slice(0, 3), [
    ['/storefront/organizations/demo-org/preview-purchase', 'StorefrontPostPreviewPurchase', 200],
    ['/organizations/demo-org/storefront/preview-purchase', 'StorefrontPostPreviewPurchase', 200],
    ['/storefront/preview-purchase', 'StorefrontPostPreviewPurchase', 200],
  ]);
  // A fault aimed at the short path applies to every form.
  await sb.fault({ kind: 'status-500', path: '/storefront/preview-purchase', method: 'POST' });
  assert.equal((await sb.post('/storefront/organizations/demo-org/preview-purchase', body)).status, 500);
});

test('404 problem details for unknown ids and routes', async () => {
  const sb = await newSandbox(emulator.url);
  const jwt = await sb.jwt({ customerId: 'cus-alice' });
  for (const path of ['/storefront/invoices/inv-nope', '/storefront/transactions/txn-nope', '/storefront/websites/nope', '/storefront/deposit-requests/nope', '/storefront/payout-requests/nope', '/storefront/orders/nope']) {
    const r = await sb.get(path, { auth: jwt });
    assert.equal(r.status, 404, path);
    assert.equal(r.body.status, 404);
    assert.equal(r.body.title, 'Not Found');
    assert.equal(r.body.instance, `/sandboxes/${sb.id}${path}`);
  }
  assert.equal((await sb.get('/storefront/nothing-here', { auth: jwt })).status, 404);
  assert.equal((await sb.get('/tokens/tok_nope')).status, 404);
});

contractTest(() => emulator);
