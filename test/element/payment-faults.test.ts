/**
 * No double charge under any fault: a payment request that the emulator processed and whose answer then
 * failed (5xx, 502, dropped connection, unreadable 200, a browser's silent re-send answered "token already
 * used") must never invite a plain retry. The customer clicks Pay again; the ledger still shows one sale.
 */
import { expect, oneEvent, aTimeout } from '@open-wc/testing';
import { newSandbox, SEED, type Fault, type Sandbox } from '../helpers/emulator.js';
import { chooseNewCard, fillCard, mount, mountCustomer, pay, payButton, shadow, text, until } from '../helpers/checkout.js';
import type { RebillyInstrumentsElement } from '../../src/index.js';
import { setStorefrontClientDefaults } from '../../src/api/index.js';

type Setup = Partial<Record<'items' | 'money' | 'invoiceId' | 'transactionId' | 'deposit', unknown>>;

/** Faults that strike after the payment was made. */
const AFTER_CHARGE: [string, Omit<Fault, 'path'>][] = [
  ['a 500 after the charge', { kind: 'status-500', after: true }],
  ['a 502 after the charge', { kind: 'status-502', after: true }],
  ['an unreadable 200', { kind: 'malformed-json', after: true }],
  ['a dropped connection after the charge', { kind: 'drop', after: true }],
  ['a re-send answered "token already used"', { kind: 'resend' }],
];

async function publishable(sandbox: Sandbox, setup: Setup) {
  const el = await mount(sandbox, setup);
  await fillCard(el);
  return el;
}

const customer = (sandbox: Sandbox, setup: Setup) => mountCustomer(sandbox, setup as Partial<RebillyInstrumentsElement>);

/** A customer paying with a new card (a saved instrument has no single-use token to refuse a re-send). */
async function customerNewCard(sandbox: Sandbox, setup: Setup) {
  const el = await customer(sandbox, setup);
  await chooseNewCard(el);
  await fillCard(el);
  return el;
}

function errors(el: RebillyInstrumentsElement) {
  const seen: { code: string; message: string; outcomeUnknown?: boolean }[] = [];
  el.addEventListener('error', (e) => seen.push(e.detail));
  const completed: unknown[] = [];
  el.addEventListener('purchase-completed', (e) => completed.push(e.detail));
  return { seen, completed };
}

describe('a payment whose answer failed after the charge', () => {
  beforeEach(() => setStorefrontClientDefaults({ writeTimeoutMs: 2000 }));
  afterEach(() => setStorefrontClientDefaults());

  const cases: [string, Setup, string, 'publishable' | 'customer'][] = [
    ['items', { items: [{ planId: SEED.plans.starter, quantity: 1 }] }, 'StorefrontPostPurchase', 'publishable'],
    ['money', { money: { amount: 20, currency: 'USD' } }, 'StorefrontPostPayment', 'publishable'],
    ['deposit', { deposit: { currency: 'USD', amount: 25 } }, 'StorefrontPostPayment', 'customer'],
  ];
  for (const [mode, setup, operation, credential] of cases) {
    for (const [what, fault] of AFTER_CHARGE) {
      it(`${mode}: ${what} → "may have gone through", Pay locked; clicking Pay again charges nothing`, async () => {
        const sandbox = await newSandbox();
        const el = credential === 'publishable' ? await publishable(sandbox, setup) : await customerNewCard(sandbox, setup);
        const { seen, completed } = errors(el);
        const before = (await sandbox.approvedSales()).length;
        await sandbox.fault({ ...fault, path: operation });
        const error = oneEvent(el, 'error');
        payButton(el).click();
        const { detail } = await error;
        await el.updateComplete;
        expect(detail.outcomeUnknown, 'outcomeUnknown').to.equal(true);
        expect(detail.retryable).to.equal(false);
        expect(detail.code).not.to.equal('validation-failed');
        expect(detail.message).to.match(/may have gone through/i);
        expect(el.state).to.equal('failed');
        expect(payButton(el).disabled).to.equal(true);
        expect(text(el)).to.match(/may have gone through/i);
        // The customer clicks Pay again, and submits the form: nothing is sent.
        payButton(el).click();
        shadow(el).querySelector('form')!.requestSubmit();
        expect(el.requestSubmit()).to.equal(false);
        await aTimeout(300);
        expect((await sandbox.approvedSales()).length - before, 'approved sales').to.equal(1);
        expect(seen).to.have.length(1);
        expect(completed).to.have.length(0);
        el.remove();
      });
    }
  }

  it('the explicit "I have checked: pay again" unlocks the form, and only then a new payment goes out', async () => {
    const sandbox = await newSandbox();
    const el = await publishable(sandbox, { money: { amount: 20, currency: 'USD' } });
    await sandbox.fault({ kind: 'status-500', after: true, path: 'StorefrontPostPayment' });
    const error = oneEvent(el, 'error');
    await pay(el);
    await error;
    await el.updateComplete;
    const confirm = shadow(el).querySelector<HTMLButtonElement>('[part~="retry-button"]')!;
    expect(confirm.textContent).to.match(/checked.*pay again/i);
    await expect(el).to.be.accessible();
    confirm.click();
    await el.updateComplete;
    expect(el.state).to.equal('ready');
    expect(payButton(el).disabled).to.equal(false);
    await fillCard(el);
    const completed = oneEvent(el, 'purchase-completed');
    await pay(el);
    await completed;
    expect((await sandbox.approvedSales()).filter((t) => t.amount === 20)).to.have.length(2);
    el.remove();
  });

  it('the lock survives a reload of the data (a property change after the uncertain payment)', async () => {
    const sandbox = await newSandbox();
    const el = await publishable(sandbox, { money: { amount: 20, currency: 'USD' } });
    await sandbox.fault({ kind: 'status-502', after: true, path: 'StorefrontPostPayment' });
    const error = oneEvent(el, 'error');
    await pay(el);
    await error;
    const reloaded = oneEvent(el, 'data-ready');
    el.money = { amount: 21, currency: 'USD' };
    await reloaded;
    await el.updateComplete;
    expect(el.state).to.equal('failed');
    expect(payButton(el).disabled).to.equal(true);
    el.remove();
  });

  it('a refusal that proves nothing was charged (422 on the payment) still invites a plain retry', async () => {
    const sandbox = await newSandbox();
    const el = await publishable(sandbox, { money: { amount: 20, currency: 'USD' } });
    el.websiteId = 'no-such-website';
    // A website the emulator does not know: ready-to-pay still answers, the payment is refused with a 4xx.
    const errorOrReady = await Promise.race([oneEvent(el, 'data-ready').then(() => 'ready'), oneEvent(el, 'error').then(() => 'error')]);
    if (errorOrReady === 'error') return; // the emulator refuses earlier: nothing to check here
    await fillCard(el);
    const error = oneEvent(el, 'error');
    await pay(el);
    const { detail } = await error;
    expect(detail.outcomeUnknown).to.equal(undefined);
    await el.updateComplete;
    expect(el.state).to.equal('ready');
    el.remove();
  });

  it('a failure while tokenizing (before any payment went out) is a plain, retryable failure', async () => {
    const sandbox = await newSandbox();
    const el = await publishable(sandbox, { money: { amount: 20, currency: 'USD' } });
    await sandbox.fault({ kind: 'status-500', path: 'PostToken' });
    const error = oneEvent(el, 'error');
    await pay(el);
    const { detail } = await error;
    expect(detail.outcomeUnknown).to.equal(undefined);
    expect(detail.retryable).to.equal(true);
    await el.updateComplete;
    expect(el.state).to.equal('ready');
    expect(payButton(el).disabled).to.equal(false);
    await until(async () => (await sandbox.approvedSales()).every((t) => t.amount !== 20), 1000, 'no sale');
    el.remove();
  });
});

describe('a payment whose answer failed after the charge, read back with the customer JWT', () => {
  for (const [mode, setup] of [
    ['invoice', { invoiceId: 'inv-unpaid' }],
    ['transaction', { transactionId: 'txn-pending' }],
  ] as const) {
    for (const [what, fault] of AFTER_CHARGE) {
      it(`${mode}: ${what} → read back, completed once`, async () => {
        const sandbox = await newSandbox();
        const el = await customer(sandbox, setup);
        const { seen, completed } = errors(el);
        await sandbox.fault({ ...fault, path: 'StorefrontPostPayment' });
        const done = oneEvent(el, 'purchase-completed');
        payButton(el).click();
        await done;
        await aTimeout(200);
        expect(seen).to.deep.equal([]);
        expect(completed).to.have.length(1);
        expect(el.state).to.equal('completed');
        el.remove();
      });
    }
  }
});
