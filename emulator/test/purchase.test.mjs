import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../index.mjs';
import { newSandbox, CARDS, RISK } from '../lib/test-client.mjs';
import { contractTest } from './contract-check.mjs';

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emulator;
before(async () => {
  emulator = await startEmulator({ port: 0, quiet: true, validateContract: true });
});
after(() => emulator.close());

const CART = [
  { planId: 'plan-starter', quantity: 2 },
  { planId: 'plan-pro-monthly', quantity: 1 },
];

test('ready-to-pay answers with an array of methods (items and amount forms)', async () => {
  const sb = await newSandbox(emulator.url);
  const r = await sb.post(sb.org('/storefront/ready-to-pay'), { websiteId: 'demo-website', items: CART, riskMetadata: RISK });
  assert.equal(r.status, 200);
  assert.ok(Array.isArray(r.body));
  assert.deepEqual(
    r.body.map((/** @type {any} */ m) => [m.method, m.feature?.name ?? null]),
    [
      ['payment-card', null],
      ['payment-card', 'Google Pay'],
      ['payment-card', 'Apple Pay'],
      ['paypal', 'PayPal billing agreement'],
      ['ach', null],
      ['Alipay', null],
      ['Skrill', null],
      ['iDEAL', null],
      ['Klarna', null],
    ],
  );
  assert.deepEqual(r.body[0].brands, ['Visa', 'MasterCard', 'American Express', 'Discover']);
  assert.equal(r.headers.get('x-ratelimit-limit'), '3000');
  const amount = await sb.post(sb.org('/storefront/ready-to-pay'), { websiteId: 'demo-website', amount: 10, currency: 'USD', riskMetadata: RISK });
  assert.equal(amount.status, 200);
  const noRisk = await sb.post(sb.org('/storefront/ready-to-pay'), { websiteId: 'demo-website', items: CART });
  assert.equal(noRisk.status, 422);
  assert.deepEqual(noRisk.body.invalidFields.map((/** @type {any} */ f) => f.field), ['riskMetadata']);
});

test('preview totals: subtotal, WELCOME10, 10% tax, flat shipping', async () => {
  const sb = await newSandbox(emulator.url);
  const plain = await sb.post(sb.org('/storefront/preview-purchase'), { websiteId: 'demo-website', items: CART });
  assert.equal(plain.status, 200);
  assert.equal(plain.body.currency, 'USD');
  assert.equal(plain.body.subtotalAmount, 117.99);
  assert.equal(plain.body.discountsAmount, 0);
  assert.equal(plain.body.taxAmount, 11.8);
  assert.equal(plain.body.shippingAmount, 5);
  assert.equal(plain.body.total, 134.79);
  assert.equal(plain.body.shippingRates.length, 1);
  const coupon = await sb.post(sb.org('/storefront/preview-purchase'), { websiteId: 'demo-website', items: CART, couponIds: ['WELCOME10'] });
  assert.equal(coupon.body.discountsAmount, 11.8);
  assert.equal(coupon.body.taxAmount, 10.62);
  assert.equal(coupon.body.total, 121.81);
  assert.deepEqual(coupon.body.initialAmounts, { amount: 121.81, subtotalAmount: 117.99, discountAmount: 11.8, shippingAmount: 5, taxAmount: 10.62 });
  const digital = await sb.post(sb.org('/storefront/preview-purchase'), { websiteId: 'demo-website', items: [{ planId: 'plan-pro-monthly', quantity: 1 }] });
  assert.equal(digital.body.shippingAmount, 0);
  assert.deepEqual(digital.body.shippingRates, []);
  assert.equal(digital.body.total, 21.99);
});

test('purchase with the approved card charges exactly the preview total and creates order, invoice, transaction', async () => {
  const sb = await newSandbox(emulator.url);
  const preview = await sb.post(sb.org('/storefront/preview-purchase'), { websiteId: 'demo-website', items: CART, couponIds: ['WELCOME10'] });
  const token = await sb.token(CARDS.approved);
  const r = await sb.post(sb.org('/storefront/purchase'), {
    websiteId: 'demo-website',
    items: CART,
    couponIds: ['WELCOME10'],
    paymentInstruction: { token },
    billingAddress: { firstName: 'Test', lastName: 'Buyer', emails: [{ label: 'main', value: 'buyer@example.com' }] },
  });
  assert.equal(r.status, 201);
  assert.equal(r.body.transaction.amount, preview.body.total);
  assert.equal(r.body.invoice.amount, preview.body.total);
  assert.equal(r.body.transaction.status, 'completed');
  assert.equal(r.body.transaction.result, 'approved');
  assert.equal(typeof r.body.token, 'string');
  assert.ok(r.body.orderId);
  // The session token reads what the purchase created.
  const txn = await sb.get(`/storefront/transactions/${r.body.transaction.id}`, { auth: r.body.token });
  assert.equal(txn.status, 200);
  assert.equal(txn.body.result, 'approved');
  const invoice = await sb.get(`/storefront/invoices/${r.body.invoice.id}`, { auth: r.body.token });
  assert.equal(invoice.body.status, 'paid');
  assert.equal(invoice.body.amountDue, 0);
  const order = await sb.get(`/storefront/orders/${r.body.orderId}`, { auth: r.body.token });
  assert.equal(order.status, 200);
  assert.equal(order.body.orderType, 'subscription-order');
  // ...but nothing else.
  const other = await sb.get('/storefront/invoices/inv-unpaid', { auth: r.body.token });
  assert.equal(other.status, 403);
});

test('trial plan: the initial amount is the trial price', async () => {
  const sb = await newSandbox(emulator.url);
  const items = [{ planId: 'plan-team-trial', quantity: 1 }];
  const preview = await sb.post(sb.org('/storefront/preview-purchase'), { websiteId: 'demo-website', items });
  assert.equal(preview.body.total, 0);
  assert.equal(preview.body.recurringAmounts.subtotalAmount, 199);
  const r = await sb.post(sb.org('/storefront/purchase'), { websiteId: 'demo-website', items, paymentInstruction: { token: await sb.token() } });
  assert.equal(r.status, 201);
  assert.equal(r.body.transaction.amount, 0);
  assert.equal(r.body.transaction.result, 'approved');
});

test('cart errors: mixed currencies, unknown plan, unknown coupon, bad quantity → 422 with dot paths', async () => {
  const sb = await newSandbox(emulator.url);
  const mixed = await sb.post(sb.org('/storefront/preview-purchase'), { websiteId: 'demo-website', items: [{ planId: 'plan-starter', quantity: 1 }, { planId: 'plan-starter-eur', quantity: 1 }] });
  assert.equal(mixed.status, 422);
  assert.equal(mixed.body.title, 'Invalid data');
  assert.equal(mixed.body.invalidFields[0].field, 'items.1.planId');
  const unknownPlan = await sb.post(sb.org('/storefront/preview-purchase'), { websiteId: 'demo-website', items: [{ planId: 'nope', quantity: 1 }] });
  assert.equal(unknownPlan.body.invalidFields[0].field, 'items.0.planId');
  const coupon = await sb.post(sb.org('/storefront/preview-purchase'), { websiteId: 'demo-website', items: CART, couponIds: ['BOGUS'] });
  assert.equal(coupon.status, 422);
  assert.equal(coupon.body.invalidFields[0].field, 'couponIds.0');
  const qty = await sb.post(sb.org('/storefront/purchase'), { websiteId: 'demo-website', items: [{ planId: 'plan-starter', quantity: 1.5 }], paymentInstruction: {} });
  assert.equal(qty.status, 422);
  assert.equal(qty.headers.get('content-type'), 'application/json');
  const fields = qty.body.invalidFields.map((/** @type {any} */ f) => f.field);
  assert.ok(fields.includes('items.0.quantity'));
  assert.ok(fields.includes('paymentInstruction'));
  assert.equal(qty.body.status, 422);
  assert.equal(typeof qty.body.type, 'string');
  assert.equal(typeof qty.body.detail, 'string');
});

test('declined card: 201 with result declined and a reason; the invoice stays unpaid', async () => {
  const sb = await newSandbox(emulator.url);
  const r = await sb.post(sb.org('/storefront/purchase'), { websiteId: 'demo-website', items: CART, paymentInstruction: { token: await sb.token(CARDS.declined) } });
  assert.equal(r.status, 201);
  assert.equal(r.body.transaction.result, 'declined');
  assert.equal(r.body.transaction.status, 'completed');
  assert.equal(r.body.transaction.gateway.response.message, 'Insufficient funds');
  const invoice = await sb.get(`/storefront/invoices/${r.body.invoice.id}`, { auth: r.body.token });
  assert.equal(invoice.body.status, 'unpaid');
});

test('3-D Secure card: approval page, approve, redirect with {id}/{result}, transaction approved', async () => {
  const sb = await newSandbox(emulator.url);
  const r = await sb.post(sb.org('/storefront/purchase'), {
    websiteId: 'demo-website',
    items: CART,
    paymentInstruction: { token: await sb.token(CARDS.threeDSecure) },
    redirectUrl: 'http://localhost:9999/return?tx={id}&result={result}',
  });
  assert.equal(r.status, 201);
  const txn = r.body.transaction;
  assert.equal(txn.status, 'waiting-approval');
  assert.equal(txn.result, 'unknown');
  assert.equal(txn.approvalUrl, `${sb.url}/approval/${txn.id}`);
  const page = await fetch(txn.approvalUrl);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors \*/);
  const html = await page.text();
  assert.match(html, /Approve/);
  assert.doesNotMatch(html, /<script/i);
  const post = await fetch(txn.approvalUrl, { method: 'POST', body: 'result=approved', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
  assert.equal(post.status, 303);
  assert.equal(post.headers.get('location'), `http://localhost:9999/return?tx=${txn.id}&result=approved`);
  const after = await sb.get(`/storefront/transactions/${txn.id}`, { auth: r.body.token });
  assert.equal(after.body.status, 'completed');
  assert.equal(after.body.result, 'approved');
  // Settling twice does not change the outcome.
  const again = await fetch(txn.approvalUrl, { method: 'POST', body: 'result=declined', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
  assert.equal(again.headers.get('location'), `http://localhost:9999/return?tx=${txn.id}&result=approved`);
  const invoice = await sb.get(`/storefront/invoices/${r.body.invoice.id}`, { auth: r.body.token });
  assert.equal(invoice.body.status, 'paid');
});

test('3-D Secure card: decline, and the close page when there is no redirectUrl', async () => {
  const sb = await newSandbox(emulator.url);
  const r = await sb.post('/storefront/purchase', { websiteId: 'demo-website', items: CART, paymentInstruction: { token: await sb.token(CARDS.threeDSecure) } });
  const txn = r.body.transaction;
  const post = await fetch(txn.approvalUrl, { method: 'POST', body: 'result=declined', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });
  assert.equal(post.status, 200);
  assert.match(await post.text(), /close this window/);
  const after = await sb.get(`/storefront/transactions/${txn.id}`, { auth: r.body.token });
  assert.equal(after.body.result, 'declined');
});

test('slow gateway card answers after slowGatewayMs, approved', async () => {
  const sb = await newSandbox(emulator.url, { slowGatewayMs: 300 });
  const token = await sb.token(CARDS.slow);
  const started = Date.now();
  const r = await sb.post(sb.org('/storefront/purchase'), { websiteId: 'demo-website', items: CART, paymentInstruction: { token } });
  assert.ok(Date.now() - started >= 290);
  assert.equal(r.body.transaction.result, 'approved');
});

test('tokens: card details never echoed, Luhn and expiry checked, single use', async () => {
  const sb = await newSandbox(emulator.url);
  const created = await sb.post('/tokens', { method: 'payment-card', paymentInstrument: { pan: '5555555555554444', cvv: '123', expMonth: 3, expYear: 2031 }, billingAddress: { firstName: 'A', lastName: 'B' } });
  assert.equal(created.status, 201);
  assert.deepEqual(created.body.paymentInstrument, { bin: '555555', last4: '4444', brand: 'MasterCard', expMonth: 3, expYear: 2031 });
  assert.equal(created.body.isUsed, false);
  assert.ok(created.body.expirationTime);
  assert.doesNotMatch(created.text, /5555555555554444|"cvv"/);
  const fetched = await sb.get(`/tokens/${created.body.id}`);
  assert.equal(fetched.status, 200);
  const luhn = await sb.post('/tokens', { method: 'payment-card', paymentInstrument: { pan: '4111111111111112', cvv: '123', expMonth: 12, expYear: 2030 } });
  assert.equal(luhn.status, 422);
  assert.equal(luhn.body.invalidFields[0].field, 'paymentInstrument.pan');
  const expired = await sb.post('/tokens', { method: 'payment-card', paymentInstrument: { pan: CARDS.approved, cvv: '123', expMonth: 1, expYear: 2020 } });
  assert.equal(expired.status, 422);
  assert.ok(expired.body.invalidFields.some((/** @type {any} */ f) => f.field === 'paymentInstrument.expYear'));
  const stringMonth = await sb.post('/tokens', { method: 'payment-card', paymentInstrument: { pan: CARDS.approved, cvv: '123', expMonth: '12', expYear: 2030 } });
  assert.equal(stringMonth.body.invalidFields[0].field, 'paymentInstrument.expMonth');

  const token = created.body.id;
  const first = await sb.post(sb.org('/storefront/purchase'), { websiteId: 'demo-website', items: CART, paymentInstruction: { token } });
  assert.equal(first.status, 201);
  const second = await sb.post(sb.org('/storefront/purchase'), { websiteId: 'demo-website', items: CART, paymentInstruction: { token } });
  assert.equal(second.status, 422);
  assert.equal(second.body.invalidFields[0].field, 'paymentInstruction.token');
  assert.equal((await sb.get(`/tokens/${token}`)).body.isUsed, true);
});

test('payment with websiteId + amount + currency and the publishable key returns a session token', async () => {
  const sb = await newSandbox(emulator.url);
  const r = await sb.post(sb.org('/storefront/payment'), { websiteId: 'demo-website', amount: 50, currency: 'USD', token: await sb.token() });
  assert.equal(r.status, 201);
  assert.equal(r.body.amount, 50);
  assert.equal(r.body.result, 'approved');
  assert.equal(typeof r.body.token, 'string');
  assert.equal(r.headers.get('location'), `${sb.url}/organizations/demo-org/storefront/transactions/${r.body.id}`);
  const read = await sb.get(`/storefront/transactions/${r.body.id}`, { auth: r.body.token });
  assert.equal(read.status, 200);
  const both = await sb.post('/storefront/payment', { websiteId: 'demo-website', amount: 50, currency: 'USD', invoiceId: 'inv-unpaid', token: 'x' });
  assert.equal(both.status, 422);
  const none = await sb.post('/storefront/payment', { websiteId: 'demo-website', amount: 50, currency: 'USD' });
  assert.equal(none.status, 422);
});

test('offsite methods: an AlternativePaymentToken pays into waiting-approval; Skrill\'s approval page refuses framing', async () => {
  const sb = await newSandbox(emulator.url);
  const billingAddress = { firstName: 'Ada', lastName: 'Lovelace' };
  for (const method of ['Alipay', 'Skrill']) {
    const token = await sb.post(sb.org('/tokens'), { method, billingAddress });
    assert.equal(token.status, 201);
    assert.equal(token.body.method, method);
    const payment = await sb.post(sb.org('/storefront/payment'), { websiteId: 'demo-website', amount: 12, currency: 'USD', token: token.body.id });
    assert.equal(payment.status, 201);
    assert.equal(payment.body.status, 'waiting-approval');
    const page = await fetch(payment.body.approvalUrl);
    assert.equal(page.status, 200);
    assert.match(await page.text(), new RegExp(`Pay with ${method}`));
    if (method === 'Skrill') {
      assert.equal(page.headers.get('x-frame-options'), 'DENY');
      assert.match(page.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
    } else {
      assert.equal(page.headers.get('x-frame-options'), null);
    }
  }
});

contractTest(() => emulator);
