// The order seeds: recurring plans (a trial, a setup fee), a product with two shipping rates, tax by country
// and postal code, coupons (percent, fixed, expired), in the preview's contract shapes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../index.mjs';
import { newSandbox } from '../lib/test-client.mjs';

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emulator;
before(async () => {
  emulator = await startEmulator({ port: 0, quiet: true });
});
after(() => emulator.close());

/** @param {any} sb @param {Record<string, unknown>} body */
const preview = (sb, body) => sb.post(sb.org('/storefront/preview-purchase'), { websiteId: 'demo-website', ...body });

test('recurringAmounts: null for a one-time order, the regular price for a recurring one', async () => {
  const sb = await newSandbox(emulator.url);
  const oneTime = await preview(sb, { items: [{ planId: 'plan-starter', quantity: 1 }] });
  assert.equal(oneTime.status, 200);
  assert.equal(oneTime.body.recurringAmounts, null);
  const monthly = await preview(sb, { items: [{ planId: 'plan-pro-monthly', quantity: 2 }] });
  assert.deepEqual(monthly.body.recurringAmounts, { amount: 43.98, subtotalAmount: 39.98, discountAmount: 0, shippingAmount: 0, taxAmount: 4 });
  assert.equal(monthly.body.initialAmounts.amount, 43.98);
});

test('a trial charges its price today and the plan price afterwards; a setup fee is a first-invoice line', async () => {
  const sb = await newSandbox(emulator.url);
  const trial = await preview(sb, { items: [{ planId: 'plan-team-trial', quantity: 1 }] });
  assert.equal(trial.body.initialAmounts.amount, 0);
  assert.equal(trial.body.recurringAmounts.amount, 218.9);
  const setup = await preview(sb, { items: [{ planId: 'plan-pro-setup', quantity: 1 }] });
  assert.deepEqual(
    setup.body.lineItems.map((/** @type {any} */ l) => [l.description, l.price]),
    [['Pro with onboarding', 19.99], ['Pro with onboarding setup fee', 10]],
  );
  assert.equal(setup.body.initialAmounts.amount, 32.99); // 29.99 + 3.00 tax
  assert.equal(setup.body.recurringAmounts.amount, 21.99); // 19.99 + 2.00 tax
  const plans = await sb.get('/storefront/plans?filter=id:plan-pro-setup', { auth: await sb.jwt({ customerId: 'cus-bob' }) });
  assert.deepEqual(plans.body[0].setup, { price: 10 });
});

test('coupons: percent, fixed, expired and unknown', async () => {
  const sb = await newSandbox(emulator.url);
  const items = [{ planId: 'plan-pro-monthly', quantity: 1 }];
  const percent = await preview(sb, { items, couponIds: ['WELCOME10'] });
  assert.deepEqual(percent.body.discounts, [{ couponId: 'WELCOME10', amount: 2, description: 'Welcome: 10% off' }]);
  const fixed = await preview(sb, { items, couponIds: ['FIVEOFF'] });
  assert.deepEqual(fixed.body.discounts, [{ couponId: 'FIVEOFF', amount: 5, description: '5 off your first payment' }]);
  assert.equal(fixed.body.total, 16.49); // 14.99 + 1.50 tax
  const expired = await preview(sb, { items, couponIds: ['WELCOME10', 'SUMMER20'] });
  assert.equal(expired.status, 422);
  assert.deepEqual(expired.body.invalidFields, [{ field: 'couponIds.1', message: 'Coupon "SUMMER20" has expired' }]);
  const unknown = await preview(sb, { items, couponIds: ['NOPE'] });
  assert.equal(unknown.body.invalidFields[0].field, 'couponIds.0');
});

test('tax by the billing address (country, then postal code), else the delivery address', async () => {
  const sb = await newSandbox(emulator.url);
  const items = [{ planId: 'plan-pro-monthly', quantity: 1 }];
  const tax = async (/** @type {any} */ extra) => (await preview(sb, { items, ...extra })).body;
  assert.equal((await tax({})).taxAmount, 2);
  assert.equal((await tax({ billingAddress: { country: 'US', postalCode: '78701' } })).taxAmount, 2);
  const oregon = await tax({ billingAddress: { country: 'US', postalCode: '97201' } });
  assert.equal(oregon.taxAmount, 0);
  assert.deepEqual(oregon.taxes, []);
  const germany = await tax({ billingAddress: { country: 'DE', postalCode: '10115' } });
  assert.deepEqual(germany.taxes, [{ amount: 3.8, description: 'VAT' }]);
  assert.equal(germany.recurringAmounts.taxAmount, 3.8);
  assert.equal((await tax({ deliveryAddress: { country: 'FR' } })).taxAmount, 4);
  assert.equal((await tax({ billingAddress: { country: 'JP' } })).taxAmount, 0);
});

test('a product with two shipping rates: the cheapest by default, the chosen one by shippingRateId', async () => {
  const sb = await newSandbox(emulator.url);
  const items = [{ planId: 'plan-device', quantity: 1 }];
  const cheapest = await preview(sb, { items });
  assert.deepEqual(
    cheapest.body.shippingRates.map((/** @type {any} */ r) => [r.id, r.name, r.price]),
    [['ship-standard', 'Standard shipping', 4], ['ship-express', 'Express shipping', 12]],
  );
  assert.equal(cheapest.body.shippingAmount, 4);
  const express = await preview(sb, { items, shippingRateId: 'ship-express' });
  assert.equal(express.body.shippingAmount, 12);
  assert.equal(express.body.total, 99 + 9.9 + 12);
  const wrong = await preview(sb, { items, shippingRateId: 'shipping-flat' });
  assert.equal(wrong.status, 422);
  assert.equal(wrong.body.invalidFields[0].field, 'shippingRateId');
  const token = await sb.token();
  const paid = await sb.post(sb.org('/storefront/purchase'), {
    websiteId: 'demo-website',
    items,
    shippingRateId: 'ship-express',
    deliveryAddress: { firstName: 'Ada', lastName: 'L', address: '1 Main St', city: 'Austin', country: 'US', postalCode: '78701' },
    paymentInstruction: { token },
  });
  assert.equal(paid.status, 201);
  assert.equal(paid.body.transaction.amount, 120.9);
  assert.equal(paid.body.invoice.shipping.amount, 12);
});
