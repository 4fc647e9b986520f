// The contract check itself: it catches an answer broken on purpose, a wrong request, and the `null`s the
// emulator used to send; and the committed contract covers every operation the emulator serves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, omitNonNullableNulls } from '../index.mjs';
import { OPERATIONS } from '../lib/api.mjs';
import { createContractValidator, loadContract } from '../contract/validate.mjs';
import { newSandbox, RISK } from '../lib/test-client.mjs';

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emulator;
before(async () => {
  emulator = await startEmulator({ port: 0, quiet: true, validateContract: true });
});
after(() => emulator.close());

test('the committed contract holds every operation the emulator serves (but the merchant secret-key one)', () => {
  const contract = loadContract();
  const inContract = new Set();
  for (const item of Object.values(/** @type {Record<string, any>} */ (contract.paths))) {
    for (const operation of Object.values(item)) if (operation?.operationId) inContract.add(operation.operationId);
  }
  const missing = OPERATIONS.map((o) => o.operationId).filter((id) => !inContract.has(id));
  assert.deepEqual(missing, contract.info['x-not-in-source']);
  assert.deepEqual(missing, ['PostAuthenticationToken', 'PostInvoice', 'PostInvoiceIssuance']);
});

test('an answer broken on purpose is recorded as a violation (and a good one is not)', async () => {
  const sb = await newSandbox(emulator.url);
  const jwt = await sb.jwt({ customerId: 'cus-alice' });
  assert.equal((await sb.get('/storefront/transactions/txn-pending', { auth: jwt })).status, 200);
  const mine = () => emulator.contractViolations().filter((v) => v.sandbox === sb.id);
  assert.deepEqual(mine(), []);

  const operation = /** @type {any} */ (OPERATIONS.find((o) => o.operationId === 'StorefrontGetTransaction'));
  const original = operation.handler;
  operation.handler = async (/** @type {any} */ ctx) => {
    const reply = await original(ctx);
    return { ...reply, body: { ...reply.body, status: 'nearly-done', amount: '10.00' } };
  };
  try {
    assert.equal((await sb.get('/storefront/transactions/txn-pending', { auth: jwt })).status, 200);
  } finally {
    operation.handler = original;
  }
  const [violation, ...rest] = mine();
  assert.equal(rest.length, 0);
  assert.equal(violation.kind, 'response');
  assert.equal(violation.operationId, 'StorefrontGetTransaction');
  assert.ok(violation.errors.some((e) => /^\/status must be (one of|equal to one of)/.test(e)), violation.errors.join('\n')); // builtin or ajv wording
  assert.ok(violation.errors.some((e) => e.startsWith('/amount must be number')), violation.errors.join('\n'));
  // Also over HTTP, per sandbox.
  const listed = await sb.get('/__emulator/contract-violations', { auth: null });
  assert.equal(listed.body.validating, true);
  assert.equal(listed.body.violations.length, 1);
});

test('a request that breaks the contract and that the emulator accepts is a request violation', async () => {
  const sb = await newSandbox(emulator.url);
  const mine = () => emulator.contractViolations().filter((v) => v.sandbox === sb.id && v.kind === 'request');
  // Refused by the emulator (422): a test of that refusal, not recorded.
  const refused = await sb.post('/storefront/organizations/demo-org/ready-to-pay', { websiteId: 'demo-website', amount: 'ten', currency: 'USD', riskMetadata: RISK });
  assert.equal(refused.status, 422);
  assert.deepEqual(mine(), []);
  // An emulator that let the same request through (its own check removed on purpose): recorded.
  const operation = /** @type {any} */ (OPERATIONS.find((o) => o.operationId === 'StorefrontPostReadyToPay'));
  const original = operation.handler;
  operation.handler = () => ({ status: 200, body: [{ method: 'payment-card', feature: null, brands: ['Visa'] }] });
  try {
    const ok = await sb.post('/storefront/organizations/demo-org/ready-to-pay', { websiteId: 'demo-website', amount: 'ten', currency: 'USD', riskMetadata: RISK });
    assert.equal(ok.status, 200, ok.text);
  } finally {
    operation.handler = original;
  }
  const [violation] = mine();
  assert.equal(violation?.operationId, 'StorefrontPostReadyToPay');
  assert.ok(violation.errors.some((e) => e.includes('amount')), violation.errors.join('\n'));
});

test('the nulls the emulator used to send break the contract; its answers leave them out', async () => {
  const validator = await createContractValidator();
  const sb = await newSandbox(emulator.url);
  const jwt = await sb.jwt({ customerId: 'cus-alice' });
  const txn = (await sb.get('/storefront/transactions/txn-pending', { auth: jwt })).body;
  const invoice = (await sb.get('/storefront/invoices/inv-unpaid', { auth: jwt })).body;
  assert.deepEqual(validator.response('StorefrontGetTransaction', 200, txn), []);
  assert.deepEqual(validator.response('StorefrontGetInvoice', 200, invoice), []);
  assert.equal('processedTime' in txn, false);
  const withNulls = { ...txn, parentTransactionId: null, processedTime: null, gateway: null };
  const errors = validator.response('StorefrontGetTransaction', 200, withNulls);
  assert.deepEqual(errors.map((e) => e.split(' ')[0]).sort(), ['/gateway', '/parentTransactionId', '/processedTime']);
  assert.ok(validator.response('StorefrontGetInvoice', 200, { ...invoice, paidTime: null }).length > 0);
  assert.deepEqual(omitNonNullableNulls(withNulls), txn);
  // Error answers are problem documents.
  assert.ok(validator.response('StorefrontGetTransaction', 404, { status: 'x' }).length > 0);
  assert.deepEqual(validator.response('StorefrontGetTransaction', 404, { type: 'about:blank', title: 'Not Found', status: 404, detail: 'x' }), []);
});
