// Ids a client sends that are names of Object.prototype members (`__proto__`, `constructor`, …) are ids like
// any other: unknown ones get the documented 422 (body) or 404 (path), never a 500.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../index.mjs';
import { newSandbox, RISK } from '../lib/test-client.mjs';
import { contractTest } from './contract-check.mjs';

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emulator;
before(async () => {
  emulator = await startEmulator({ port: 0, quiet: true, validateContract: true });
});
after(() => emulator.close());

const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];

test('plan, website, coupon and saved-instrument ids named like Object.prototype members → 422 on the field', async () => {
  const sb = await newSandbox(emulator.url);
  for (const name of NAMES) {
    const plan = await sb.post('/storefront/preview-purchase', { websiteId: 'demo-website', items: [{ planId: name, quantity: 1 }] });
    assert.equal(plan.status, 422, `planId ${name}: ${plan.text}`);
    assert.equal(plan.body.invalidFields[0].field, 'items.0.planId');

    const ready = await sb.post('/storefront/ready-to-pay', { websiteId: 'demo-website', items: [{ planId: name, quantity: 1 }], riskMetadata: RISK });
    assert.equal(ready.status, 422, `ready-to-pay planId ${name}: ${ready.text}`);

    const website = await sb.post('/storefront/ready-to-pay', { websiteId: name, amount: 10, currency: 'USD', riskMetadata: RISK });
    assert.equal(website.status, 422, `websiteId ${name}: ${website.text}`);
    assert.equal(website.body.invalidFields[0].field, 'websiteId');

    const coupon = await sb.post('/storefront/preview-purchase', { websiteId: 'demo-website', items: [{ planId: 'plan-starter', quantity: 1 }], couponIds: [name] });
    assert.equal(coupon.status, 422, `couponId ${name}: ${coupon.text}`);
    assert.equal(coupon.body.invalidFields[0].field, 'couponIds.0');

    const token = await sb.post('/storefront/payment', { websiteId: 'demo-website', amount: 10, currency: 'USD', token: name });
    assert.equal(token.status, 422, `token ${name}: ${token.text}`);
  }
});

test('path ids named like Object.prototype members → 404; keys named like them → 401', async () => {
  const sb = await newSandbox(emulator.url);
  const jwt = await sb.jwt({ customerId: 'cus-alice' });
  for (const name of NAMES) {
    const id = encodeURIComponent(name);
    for (const path of [
      `/storefront/invoices/${id}`,
      `/storefront/transactions/${id}`,
      `/storefront/plans/${id}`,
      `/storefront/products/${id}`,
      `/storefront/websites/${id}`,
      `/storefront/orders/${id}`,
      `/storefront/payment-instruments/${id}`,
      `/storefront/deposit-requests/${id}`,
      `/storefront/deposit-strategies/${id}`,
      `/storefront/payout-requests/${id}`,
    ]) {
      const r = await sb.get(path, { auth: jwt });
      assert.equal(r.status, 404, `${path}: ${r.status} ${r.text}`);
    }
    const paid = await sb.post('/storefront/payment', { invoiceId: name, paymentInstrumentId: 'inst-alice-visa' }, { auth: jwt });
    assert.ok(paid.status === 404 || paid.status === 422, `payment invoiceId ${name}: ${paid.status} ${paid.text}`);
    const saved = await sb.post('/storefront/payment', { invoiceId: 'inv-unpaid', paymentInstrumentId: name }, { auth: jwt });
    assert.equal(saved.status, 422, `paymentInstrumentId ${name}: ${saved.status} ${saved.text}`);
    const key = await sb.post('/storefront/ready-to-pay', { websiteId: 'demo-website', amount: 10, currency: 'USD', riskMetadata: RISK }, { auth: `pk_${name}` });
    assert.equal(key.status, 401, `pk_${name}: ${key.text}`);
    const customer = await sb.call('POST', '/__merchant/customer-jwt', { auth: null, body: { customerId: name } });
    assert.ok(customer.status >= 400 && customer.status < 500, `customer-jwt ${name}: ${customer.status} ${customer.text}`);
  }
  // Nothing above changed what the seed's lookups see.
  const ok = await sb.post('/storefront/preview-purchase', { websiteId: 'demo-website', items: [{ planId: 'plan-starter', quantity: 1 }] });
  assert.ok(ok.status >= 200 && ok.status < 300, `${ok.status}`);
});

contractTest(() => emulator);
