import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../index.mjs';
import { newSandbox, RISK, CARDS } from '../lib/test-client.mjs';
import { contractTest } from './contract-check.mjs';

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emulator;
before(async () => {
  emulator = await startEmulator({ port: 0, quiet: true, validateContract: true });
});
after(() => emulator.close());

test('seeded reads: account, website, plans, products, instruments, invoices', async () => {
  const sb = await newSandbox(emulator.url);
  const jwt = await sb.jwt({ customerId: 'cus-alice' });
  const account = await sb.get('/storefront/account', { auth: jwt });
  assert.equal(account.body.id, 'cus-alice');
  assert.equal(account.body.primaryAddress.firstName, 'Alice');
  const website = await sb.get('/storefront/websites/demo-website', { auth: jwt });
  assert.equal(website.body.name, 'Demo Store');
  const plans = await sb.get('/storefront/plans', { auth: jwt });
  assert.deepEqual(plans.body.map((/** @type {any} */ p) => [p.id, p.currency, p.pricing.price]), [
    ['plan-starter', 'USD', 49],
    ['plan-pro-monthly', 'USD', 19.99],
    ['plan-team-trial', 'USD', 199],
    ['plan-pro-setup', 'USD', 19.99],
    ['plan-device', 'USD', 99],
    ['plan-starter-eur', 'EUR', 45],
  ]);
  const products = await sb.get('/storefront/products', { auth: jwt });
  assert.deepEqual(products.body.map((/** @type {any} */ p) => [p.id, p.requiresShipping]), [['prod-starter-kit', true], ['prod-pro', false], ['prod-team', false], ['prod-device', true]]);
  const instruments = await sb.get('/storefront/payment-instruments', { auth: jwt });
  assert.deepEqual(instruments.body.map((/** @type {any} */ i) => [i.id, i.brand, i.last4, i.status]), [
    ['inst-alice-visa', 'Visa', '4242', 'active'],
    ['inst-alice-mc', 'MasterCard', '4444', 'active'],
    ['inst-alice-old', 'Visa', '1881', 'deactivated'],
  ]);
  const active = await sb.get('/storefront/payment-instruments?filter=status:active', { auth: jwt });
  assert.equal(active.body.length, 2);
  const invoice = await sb.get('/storefront/invoices/inv-unpaid', { auth: jwt });
  assert.equal(invoice.body.amount, 120);
  assert.equal(invoice.body.amountDue, 120);
  assert.equal(invoice.body.items.length, 2);
  const partial = await sb.get('/storefront/invoices/inv-partial', { auth: jwt });
  assert.deepEqual([partial.body.amount, partial.body.amountDue, partial.body.status], [80, 50, 'partially-paid']);
  const bob = await sb.jwt({ customerId: 'cus-bob' });
  assert.deepEqual((await sb.get('/storefront/payment-instruments', { auth: bob })).body, []);
});

test('invoice payment: unpaid → paid; paid, voided and abandoned invoices → 409', async () => {
  const sb = await newSandbox(emulator.url);
  const jwt = await sb.jwt({ customerId: 'cus-alice', invoiceId: 'inv-partial' });
  const r = await sb.post(sb.org('/storefront/payment'), { invoiceId: 'inv-partial', token: await sb.token(), redirectUrl: 'http://localhost:8000/done' }, { auth: jwt });
  assert.equal(r.status, 201);
  assert.equal(r.body.amount, 50);
  assert.equal(r.body.result, 'approved');
  assert.deepEqual(r.body.invoiceIds, ['inv-partial']);
  assert.equal(r.body.token, undefined);
  const invoice = await sb.get('/storefront/invoices/inv-partial', { auth: jwt });
  assert.equal(invoice.body.status, 'paid');
  assert.equal(invoice.body.amountDue, 0);
  assert.equal((await sb.post('/storefront/payment', { invoiceId: 'inv-partial', paymentInstrumentId: 'inst-alice-visa' }, { auth: jwt })).status, 409);
  const all = await sb.jwt({ customerId: 'cus-alice' });
  for (const id of ['inv-paid', 'inv-voided', 'inv-abandoned']) {
    const c = await sb.post('/storefront/payment', { invoiceId: id, paymentInstrumentId: 'inst-alice-visa' }, { auth: all });
    assert.equal(c.status, 409, id);
    assert.equal(c.body.title, 'Conflict');
  }
  // With the publishable key an invoice cannot be paid.
  assert.equal((await sb.post('/storefront/payment', { invoiceId: 'inv-unpaid', token: await sb.token() })).status, 403);
  // Saved instruments must be the customer's and active.
  const old = await sb.post('/storefront/payment', { invoiceId: 'inv-unpaid', paymentInstrumentId: 'inst-alice-old' }, { auth: all });
  assert.equal(old.status, 422);
  assert.equal(old.body.invalidFields[0].field, 'paymentInstrumentId');
});

test('transaction payment: declined leaves it payable, approved completes it and pays its invoice; completed → 409', async () => {
  const sb = await newSandbox(emulator.url);
  const jwt = await sb.jwt({ customerId: 'cus-alice', transactionId: 'txn-pending' });
  const declined = await sb.post('/storefront/payment', { transactionId: 'txn-pending', token: await sb.token(CARDS.declined) }, { auth: jwt });
  assert.equal(declined.status, 201);
  assert.equal(declined.body.result, 'declined');
  assert.equal(declined.body.parentTransactionId, 'txn-pending');
  assert.equal((await sb.get(`/storefront/transactions/${declined.body.id}`, { auth: jwt })).status, 200);
  const approved = await sb.post('/storefront/payment', { transactionId: 'txn-pending', token: await sb.token() }, { auth: jwt });
  assert.equal(approved.status, 200);
  assert.equal(approved.body.id, 'txn-pending');
  assert.equal(approved.body.status, 'completed');
  assert.equal(approved.body.result, 'approved');
  assert.equal((await sb.get('/storefront/invoices/inv-unpaid', { auth: jwt })).body.status, 'paid');
  const again = await sb.post('/storefront/payment', { transactionId: 'txn-pending', paymentInstrumentId: 'inst-alice-visa' }, { auth: jwt });
  assert.equal(again.status, 409);
  const all = await sb.jwt({ customerId: 'cus-alice' });
  assert.equal((await sb.post('/storefront/payment', { transactionId: 'txn-completed', paymentInstrumentId: 'inst-alice-visa' }, { auth: all })).status, 409);
  assert.equal((await sb.post('/storefront/payment', { transactionId: 'txn-nope', paymentInstrumentId: 'inst-alice-visa' }, { auth: all })).status, 404);
});

test('transaction payment with the 3-D Secure card goes through the approval page', async () => {
  const sb = await newSandbox(emulator.url);
  const jwt = await sb.jwt({ customerId: 'cus-alice', transactionId: 'txn-pending' });
  const r = await sb.post('/storefront/payment', { transactionId: 'txn-pending', token: await sb.token(CARDS.threeDSecure), redirectUrl: 'http://127.0.0.1:1/back?id={id}&result={result}' }, { auth: jwt });
  assert.equal(r.status, 200);
  assert.equal(r.body.status, 'waiting-approval');
  const post = await fetch(r.body.approvalUrl, { method: 'POST', body: 'result=approved', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
  assert.equal(post.headers.get('location'), 'http://127.0.0.1:1/back?id=txn-pending&result=approved');
  assert.equal((await sb.get('/storefront/transactions/txn-pending', { auth: jwt })).body.result, 'approved');
});

test('deposit: strategy and request, amount validation, one-step payment and pay-later', async () => {
  const sb = await newSandbox(emulator.url);
  const jwt = await sb.jwt({ customerId: 'cus-alice', depositRequestId: 'depreq-1' });
  const request = await sb.get('/storefront/deposit-requests/depreq-1', { auth: jwt });
  assert.equal(request.body.currency, 'USD');
  assert.equal(request.body.strategyId, 'depstrat-1');
  assert.deepEqual(request.body.amounts, [25, 50, 100, 250]);
  const strategy = await sb.get('/storefront/deposit-strategies/depstrat-1', { auth: jwt });
  assert.deepEqual(strategy.body.amounts.increments, [25, 50, 150]);
  assert.deepEqual(strategy.body.customAmount, { minimum: 10, maximum: 1000, multipleOf: 5, buttonText: null });
  for (const [amount, ok] of /** @type {const} */ ([[5, false], [1005, false], [12, false], [35, true]])) {
    const r = await sb.post('/storefront/deposit', { depositRequestId: 'depreq-1', amount }, { auth: jwt });
    if (ok) {
      assert.equal(r.status, 201);
      assert.equal(r.body.status, 'pending');
      assert.equal(r.body.depositRequestId, 'depreq-1');
      // pay the pending deposit transaction
      const paid = await sb.post('/storefront/payment', { transactionId: r.body.id, paymentInstrumentId: 'inst-alice-mc' }, { auth: jwt });
      assert.equal(paid.status, 200);
      assert.equal(paid.body.result, 'approved');
    } else {
      assert.equal(r.status, 422, String(amount));
      assert.equal(r.body.invalidFields[0].field, 'amount');
    }
  }
  assert.equal((await sb.get('/storefront/deposit-requests/depreq-1', { auth: jwt })).body.status, 'completed');
  const done = await sb.post('/storefront/deposit', { depositRequestId: 'depreq-1', amount: 50 }, { auth: jwt });
  assert.equal(done.status, 422);
  // one-step deposit in a fresh sandbox
  const sb2 = await newSandbox(emulator.url);
  const jwt2 = await sb2.jwt({ customerId: 'cus-alice', depositRequestId: 'depreq-1' });
  const oneStep = await sb2.post('/storefront/deposit', { depositRequestId: 'depreq-1', amount: 100, token: await sb2.token() }, { auth: jwt2 });
  assert.equal(oneStep.status, 201);
  assert.equal(oneStep.body.result, 'approved');
  assert.equal(oneStep.body.amount, 100);
  assert.equal((await sb2.post('/storefront/deposit', { depositRequestId: 'depreq-1', amount: 100 })).status, 401);
  const bob = await sb2.jwt({ customerId: 'cus-bob' });
  assert.equal((await sb2.post('/storefront/deposit', { depositRequestId: 'depreq-1', amount: 100 }, { auth: bob })).status, 403);
});

test('payout: ready-to-payout methods, assign an instrument to the pending request, non-pending → 422', async () => {
  const sb = await newSandbox(emulator.url);
  const jwt = await sb.jwt({ customerId: 'cus-alice', payoutRequestId: 'payoutreq-pending' });
  const methods = await sb.post('/storefront/ready-to-payout', { websiteId: 'demo-website', currency: 'USD', amount: 75, riskMetadata: RISK }, { auth: jwt });
  assert.equal(methods.status, 200);
  assert.equal(methods.body[0].method, 'payment-card');
  const request = await sb.get('/storefront/payout-requests/payoutreq-pending', { auth: jwt });
  assert.deepEqual([request.body.amount, request.body.currency, request.body.status], [75, 'USD', 'pending']);
  const bad = await sb.patch('/storefront/payout-requests/payoutreq-pending', { paymentInstrumentId: 'inst-alice-old' }, { auth: jwt });
  assert.equal(bad.status, 422);
  const missing = await sb.patch('/storefront/payout-requests/payoutreq-pending', {}, { auth: jwt });
  assert.equal(missing.body.invalidFields[0].field, 'paymentInstrumentId');
  const ok = await sb.patch('/storefront/payout-requests/payoutreq-pending', { paymentInstrumentId: 'inst-alice-visa' }, { auth: jwt });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.status, 'in-progress');
  assert.equal(ok.body.paymentInstrumentId, 'inst-alice-visa');
  const twice = await sb.patch('/storefront/payout-requests/payoutreq-pending', { paymentInstrumentId: 'inst-alice-visa' }, { auth: jwt });
  assert.equal(twice.status, 422);
  const all = await sb.jwt({ customerId: 'cus-alice' });
  assert.equal((await sb.patch('/storefront/payout-requests/payoutreq-completed', { paymentInstrumentId: 'inst-alice-visa' }, { auth: all })).status, 422);
  assert.equal((await sb.get('/storefront/payout-requests/payoutreq-completed', { auth: jwt })).status, 403);
});

test('payment instruments: create with the publishable key, its token runs the setup; 3-D Secure setup needs approval', async () => {
  const sb = await newSandbox(emulator.url);
  const created = await sb.post(sb.org('/storefront/payment-instruments'), { token: await sb.token(CARDS.approved) });
  assert.equal(created.status, 201);
  assert.equal(created.body.last4, '1111');
  assert.equal(created.body.brand, 'Visa');
  assert.equal(created.body.status, 'active');
  assert.equal(typeof created.body.token, 'string');
  assert.equal((await sb.post(`/storefront/payment-instruments/${created.body.id}/setup`, { websiteId: 'demo-website', currency: 'USD' })).status, 401);
  const setup = await sb.post(`/storefront/payment-instruments/${created.body.id}/setup`, { websiteId: 'demo-website', currency: 'USD', riskMetadata: RISK }, { auth: created.body.token });
  assert.equal(setup.status, 201);
  assert.equal(setup.body.type, 'setup');
  assert.equal(setup.body.result, 'approved');
  const read = await sb.get(`/storefront/payment-instruments/${created.body.id}/setup`, { auth: created.body.token });
  assert.equal(read.body.id, setup.body.id);

  const secure = await sb.post('/storefront/payment-instruments', { token: await sb.token(CARDS.threeDSecure) });
  const pending = await sb.post(`/storefront/payment-instruments/${secure.body.id}/setup`, { websiteId: 'demo-website', currency: 'USD', redirectUrl: 'http://localhost:1/?r={result}' }, { auth: secure.body.token });
  assert.equal(pending.body.status, 'waiting-approval');
  const post = await fetch(pending.body.approvalUrl, { method: 'POST', body: 'result=approved', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
  assert.equal(post.headers.get('location'), 'http://localhost:1/?r=approved');
  assert.equal((await sb.get(`/storefront/transactions/${pending.body.id}`, { auth: secure.body.token })).body.result, 'approved');

  // A customer JWT adds the instrument to that customer; another customer's instrument is off limits.
  const jwt = await sb.jwt({ customerId: 'cus-bob' });
  const bobs = await sb.post('/storefront/payment-instruments', { token: await sb.token() }, { auth: jwt });
  assert.equal(bobs.status, 201);
  assert.equal((await sb.get('/storefront/payment-instruments', { auth: jwt })).body.length, 1);
  const alice = await sb.jwt({ customerId: 'cus-alice' });
  assert.equal((await sb.post(`/storefront/payment-instruments/${bobs.body.id}/setup`, { websiteId: 'demo-website', currency: 'USD' }, { auth: alice })).status, 403);
  const invalid = await sb.post('/storefront/payment-instruments/inst-alice-visa/setup', { currency: 'usd' }, { auth: alice });
  assert.equal(invalid.status, 422);
  assert.deepEqual(invalid.body.invalidFields.map((/** @type {any} */ f) => f.field).sort(), ['currency', 'websiteId']);
});

test('purchase with a customer JWT and a saved instrument', async () => {
  const sb = await newSandbox(emulator.url);
  const jwt = await sb.jwt({ customerId: 'cus-alice' });
  const r = await sb.post('/storefront/purchase', { websiteId: 'demo-website', items: [{ planId: 'plan-starter-eur', quantity: 1 }], paymentInstruction: { paymentInstrumentId: 'inst-alice-mc' } }, { auth: jwt });
  assert.equal(r.status, 201);
  assert.equal(r.body.token, undefined);
  assert.equal(r.body.transaction.currency, 'EUR');
  assert.equal(r.body.transaction.amount, 54.5); // 45 + 4.50 tax + 5 shipping
  assert.equal(r.body.transaction.result, 'approved');
  assert.equal((await sb.get(`/storefront/transactions/${r.body.transaction.id}`, { auth: jwt })).status, 200);
});

contractTest(() => emulator);
