// The FramePay stand-in's files (content types, CORS, CSP, sandbox prefix, latency and faults) and the token
// kinds its frames post to POST /tokens (payment-card, paypal, digital-wallet, ach/echeck).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../index.mjs';
import { newSandbox, CARDS } from '../lib/test-client.mjs';
import { contractTest } from './contract-check.mjs';

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emulator;
before(async () => {
  emulator = await startEmulator({ port: 0, quiet: true, validateContract: true });
});
after(() => emulator.close());

const ORIGIN = 'http://127.0.0.1:9999';
const NAME = { firstName: 'Ada', lastName: 'Lovelace' };

/** @param {string} base @param {unknown} body */
const postToken = (base, body) =>
  fetch(`${base}/tokens`, { method: 'POST', headers: { Authorization: 'Bearer pk_sandbox_emulator', 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: /** @type {any} */ (await r.json()) }));

test('files: content types, CORS, no-store, frames with a strict CSP; other paths 404', async () => {
  const cases = [
    ['/framepay/framepay.js', /^text\/javascript/],
    ['/framepay/framepay.css', /^text\/css/],
    ['/framepay/frames/field.html', /^text\/html/],
    ['/framepay/frames/wallet-button.html', /^text\/html/],
    ['/framepay/frames/wallet-sheet.html', /^text\/html/],
    ['/framepay/frames/common.js', /^text\/javascript/],
    ['/framepay/frames/field.js', /^text\/javascript/],
    ['/framepay/frames/frame.css', /^text\/css/],
  ];
  for (const [path, type] of cases) {
    const r = await fetch(`${emulator.url}${path}`, { headers: { Origin: ORIGIN } });
    assert.equal(r.status, 200, path);
    assert.match(r.headers.get('content-type') ?? '', /** @type {RegExp} */ (type), path);
    assert.equal(r.headers.get('access-control-allow-origin'), ORIGIN, path);
    assert.equal(r.headers.get('cross-origin-resource-policy'), 'cross-origin', path);
    assert.equal(r.headers.get('cache-control'), 'no-store', path);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
    const csp = r.headers.get('content-security-policy');
    if (String(path).endsWith('.html')) {
      assert.match(csp ?? '', /script-src 'self'/);
      assert.match(csp ?? '', /style-src 'self'/);
      assert.match(csp ?? '', /connect-src 'self'/);
      assert.match(csp ?? '', /frame-ancestors \*/);
      assert.doesNotMatch(csp ?? '', /unsafe-inline|unsafe-eval/);
      assert.doesNotMatch(await r.text(), /<script>|<style|style=|\son[a-z]+=/i, 'no inline script, style or handler');
    } else {
      assert.equal(csp, null, path);
      await r.arrayBuffer();
    }
  }
  const js = await (await fetch(`${emulator.url}/framepay/framepay.js`)).text();
  assert.doesNotMatch(js, /\beval\(|new Function\(|\.style\.|setAttribute\('style'|innerHTML/, 'no eval, no inline styles in the host page');
  assert.doesNotMatch(js, /^\s*(import|export)\s/m, 'a classic script');
  for (const path of ['/framepay/frames/nope.js', '/framepay/routes.mjs', '/framepay/../index.mjs', '/framepay/']) {
    const r = await fetch(`${emulator.url}${path}`);
    assert.equal(r.status, 404, path);
    await r.arrayBuffer();
  }
  const head = await fetch(`${emulator.url}/framepay/framepay.js`, { method: 'POST' });
  assert.equal(head.status, 405);
});

test('sandbox prefix: files served under it and logged there with operationId null', async () => {
  const sb = await newSandbox(emulator.url);
  const r = await fetch(`${sb.url}/framepay/framepay.js`, { headers: { Origin: ORIGIN } });
  assert.equal(r.status, 200);
  assert.match(await r.text(), /window\.Framepay = Framepay/);
  const log = await sb.log();
  assert.deepEqual(log.map((/** @type {any} */ e) => [e.method, e.path, e.operationId, e.status, e.origin]), [['GET', '/framepay/framepay.js', null, 200, ORIGIN]]);
  const missing = await fetch(`${emulator.url}/sandboxes/sbx_nope/framepay/framepay.js`);
  assert.equal(missing.status, 404);
});

test('faults with a FramePay path: 500, hang, truncated file; a fault without path is left for the API', async () => {
  const sb = await newSandbox(emulator.url);
  await sb.fault({ kind: 'status-500', path: '/framepay/framepay.js' });
  assert.equal((await fetch(`${sb.url}/framepay/framepay.js`)).status, 500);
  assert.equal((await fetch(`${sb.url}/framepay/framepay.js`)).status, 200, 'count 1');

  await sb.fault({ kind: 'malformed-json', path: '/framepay/framepay.js' });
  const truncated = await fetch(`${sb.url}/framepay/framepay.js`);
  assert.equal(truncated.status, 200);
  const full = await (await fetch(`${sb.url}/framepay/framepay.js`)).text();
  assert.ok((await truncated.text()).length < full.length, 'truncated');

  await sb.fault({ kind: 'hang', path: '/framepay/' });
  await assert.rejects(fetch(`${sb.url}/framepay/framepay.css`, { signal: AbortSignal.timeout(300) }), /abort|timeout/i);

  await sb.fault({ kind: 'status-500' }); // no path: the next API request, not the file
  assert.equal((await fetch(`${sb.url}/framepay/framepay.js`)).status, 200);
  const api = await postToken(sb.url, { method: 'paypal', paymentInstrument: { paypalMerchantId: 'm', billingAgreementToken: 'b' } });
  assert.equal(api.status, 500);
});

test('latency of the sandbox applies to FramePay files', async () => {
  const sb = await newSandbox(emulator.url, { latencyMs: 150 });
  const started = Date.now();
  const r = await fetch(`${sb.url}/framepay/framepay.js`);
  await r.text();
  assert.ok(Date.now() - started >= 140, `took ${Date.now() - started} ms`);
});

test('POST /tokens: every kind FramePay posts, with the read-only members filled in', async () => {
  const sb = await newSandbox(emulator.url);
  const card = await postToken(sb.url, { method: 'payment-card', paymentInstrument: { pan: CARDS.approved, cvv: '123', expMonth: 12, expYear: 2030 }, billingAddress: NAME });
  assert.equal(card.status, 201);
  assert.deepEqual(card.body.paymentInstrument, { bin: '411111', last4: '1111', brand: 'Visa', expMonth: 12, expYear: 2030 });

  const paypal = await postToken(sb.url, { method: 'paypal', paymentInstrument: { paypalMerchantId: 'merchant-1', billingAgreementToken: 'BA-1' }, billingAddress: NAME });
  assert.equal(paypal.status, 201);
  assert.equal(paypal.body.method, 'paypal');
  assert.deepEqual(paypal.body.paymentInstrument, { paypalMerchantId: 'merchant-1', billingAgreementToken: 'BA-1' });
  assert.match(paypal.body.id, /^tok_/);
  assert.equal(paypal.body.isUsed, false);

  const wallet = await postToken(sb.url, {
    method: 'digital-wallet',
    paymentInstrument: { type: 'Apple Pay', amount: 10, currency: 'USD', descriptor: 'Demo', payload: { testCard: CARDS.approvedMastercard, billingAddress: NAME } },
  });
  assert.equal(wallet.status, 201);
  assert.deepEqual(
    { ...wallet.body.paymentInstrument, expYear: 0 },
    { type: 'Apple Pay', amount: 10, currency: 'USD', descriptor: 'Demo', bin: '555555', last4: '4444', fpanLast4: '4444', brand: 'MasterCard', expMonth: 12, expYear: 0 },
  );
  assert.equal(wallet.body.paymentInstrument.payload, undefined, 'payload is write-only');
  assert.deepEqual(wallet.body.billingAddress, NAME);

  const ach = await postToken(sb.url, { method: 'ach', paymentInstrument: { accountNumberType: 'BBAN', accountNumber: '000123456789', routingNumber: '011000015', accountType: 'savings', bankName: 'Bank' }, billingAddress: NAME });
  assert.equal(ach.status, 201);
  assert.deepEqual(ach.body.paymentInstrument, { accountNumberType: 'BBAN', routingNumber: '011000015', accountType: 'savings', bankName: 'Bank', last4: '6789' });

  const iban = await postToken(sb.url, { method: 'echeck', paymentInstrument: { accountNumberType: 'IBAN', accountNumber: 'DE89370400440532013000' }, billingAddress: NAME });
  assert.equal(iban.status, 201);
  assert.deepEqual(iban.body.paymentInstrument, { accountNumberType: 'IBAN', last4: '3000' });

  // A wallet token pays like a card (its test card decides the outcome) and saves a wallet instrument.
  const purchase = await fetch(`${sb.url}/storefront/purchase`, {
    method: 'POST',
    headers: { Authorization: 'Bearer pk_sandbox_emulator', 'Content-Type': 'application/json' },
    body: JSON.stringify({ websiteId: 'demo-website', items: [{ planId: 'plan-pro-monthly', quantity: 1 }], paymentInstruction: { token: wallet.body.id }, billingAddress: NAME }),
  }).then((r) => r.json());
  assert.equal(purchase.transaction.result, 'approved');
});

test('POST /tokens: malformed tokens of each kind → 422 on the field', async () => {
  const sb = await newSandbox(emulator.url);
  /** @type {[unknown, string[]][]} */
  const cases = [
    [{ method: 'paypal', paymentInstrument: { paypalMerchantId: 'm' } }, ['paymentInstrument.billingAgreementToken']],
    [{ method: 'digital-wallet', paymentInstrument: { type: 'Samsung Wallet', amount: 1, currency: 'USD', descriptor: 'd', payload: {} } }, ['paymentInstrument.type']],
    [{ method: 'digital-wallet', paymentInstrument: { type: 'Google Pay', amount: 1, currency: 'usd', descriptor: 'd' } }, ['paymentInstrument.currency', 'paymentInstrument.payload']],
    [{ method: 'ach', paymentInstrument: { accountNumberType: 'BBAN', accountNumber: '12ab', routingNumber: '011000015', accountType: 'checking' }, billingAddress: NAME }, ['paymentInstrument.accountNumber']],
    [{ method: 'ach', paymentInstrument: { accountNumberType: 'BBAN', accountNumber: '1234', routingNumber: '011000015', accountType: 'checking' } }, ['billingAddress']],
    [{ method: 'echeck', paymentInstrument: { accountNumberType: 'XBAN', accountNumber: '1' }, billingAddress: NAME }, ['paymentInstrument.accountNumberType']],
    [{ method: 'no-such-method', billingAddress: NAME }, ['method', 'paymentInstrument']],
    [{ method: 'Alipay', billingAddress: { emails: [] } }, ['billingAddress']],
  ];
  for (const [body, fields] of cases) {
    const r = await postToken(sb.url, body);
    assert.equal(r.status, 422, JSON.stringify(body));
    assert.deepEqual(r.body.invalidFields.map((/** @type {any} */ f) => f.field).sort(), [...fields].sort(), JSON.stringify(body));
  }
  const wallet = await postToken(sb.url, { method: 'digital-wallet', paymentInstrument: { type: 'Google Pay', amount: 1, currency: 'USD', descriptor: 'd', payload: { testCard: '4111111111111112' } } });
  assert.equal(wallet.status, 422);
  assert.equal(wallet.body.invalidFields[0].field, 'paymentInstrument.payload.testCard');
});

contractTest(() => emulator);
