import { expect, oneEvent, aTimeout } from '@open-wc/testing';
import { newSandbox, SEED, type LoggedRequest, type Sandbox } from '../helpers/emulator.js';
import { fillCard, field, payButton, shadow, text, until } from '../helpers/checkout.js';
import type { RebillyInstrumentsElement, ErrorDetail } from '../../src/index.js';

type Setup = Partial<Pick<RebillyInstrumentsElement, 'invoiceId' | 'transactionId' | 'deposit' | 'payout' | 'transactionType' | 'items' | 'money'>>;

/** An element with only `jwt` (+ the purchase data): organization and website come from the JWT's claims. */
function create(sandbox: Sandbox, jwt: string, setup: Setup): RebillyInstrumentsElement {
  const el = document.createElement('rebilly-instruments');
  el.cardFields = 'inline';
  el.apiUrl = sandbox.url;
  el.jwt = jwt;
  el.locale = 'en-US';
  Object.assign(el, setup);
  return el;
}

async function ready(sandbox: Sandbox, jwt: string, setup: Setup) {
  const el = create(sandbox, jwt, setup);
  const dataReady = oneEvent(el, 'data-ready');
  document.body.append(el);
  const { detail } = await dataReady;
  await el.updateComplete;
  return { el, detail };
}

async function failure(sandbox: Sandbox, jwt: string, setup: Setup) {
  const el = create(sandbox, jwt, setup);
  const error = oneEvent(el, 'error');
  document.body.append(el);
  const { detail } = await error;
  await el.updateComplete;
  return { el, detail: detail as ErrorDetail };
}

function api(log: LoggedRequest[]): LoggedRequest[] {
  return log.filter((r) => !r.preflight);
}

/** The number of sequential request rounds: a request that starts after another ended is a new round. */
function rounds(log: LoggedRequest[]): number {
  const requests = api(log).sort((a, b) => a.startedAt - b.startedAt);
  let count = 0;
  let roundEnd = -Infinity;
  for (const r of requests) {
    if (r.startedAt >= roundEnd) {
      count++;
      roundEnd = r.endedAt;
    } else {
      roundEnd = Math.max(roundEnd, r.endedAt);
    }
  }
  return count;
}

function radio(el: Element, name: RegExp): HTMLInputElement {
  for (const label of shadow(el).querySelectorAll('label')) {
    if (name.test(label.textContent ?? '')) {
      const input = label.querySelector('input');
      if (input) return input;
    }
  }
  throw new Error(`No choice labelled ${name}`);
}

function choose(el: Element, name: RegExp) {
  const input = radio(el, name);
  input.click();
}

describe('invoice mode (invoice-id + jwt)', () => {
  it('loads the invoice and the customer, then ready-to-pay: two round trips; pays with the default saved card', async () => {
    const sandbox = await newSandbox({ latencyMs: 50 });
    const jwt = await sandbox.customerJwt({ customerId: SEED.customers.alice });
    const { el, detail } = await ready(sandbox, jwt, { invoiceId: 'inv-unpaid' });
    expect(detail.mode).to.equal('invoice');
    expect(detail.summary!.total).to.equal(120);
    expect(detail.summary!.lineItems.map((l: { description: string }) => l.description)).to.deep.equal(['Consulting hour', 'Setup fee']);
    const log = await sandbox.log();
    expect(api(log).map((r) => r.operationId).sort()).to.deep.equal(
      ['StorefrontGetAccount', 'StorefrontGetInvoice', 'StorefrontGetPaymentInstrumentCollection', 'StorefrontPostReadyToPay'].sort(),
    );
    expect(rounds(log)).to.equal(2);
    // Saved instruments: the default one is preselected; no card fields then.
    expect(radio(el, /Visa ending in 4242/).checked).to.equal(true);
    expect(text(el)).to.contain('MasterCard ending in 4444').and.not.contain('ending in 0000');
    expect(shadow(el).getElementById('field-number')).to.equal(null);
    expect(payButton(el).textContent).to.contain('$120.00');
    await expect(el).to.be.accessible();
    await sandbox.clearLog();
    const instrument = oneEvent(el, 'instrument-ready');
    const completed = oneEvent(el, 'purchase-completed');
    payButton(el).click();
    expect((await instrument).detail.paymentInstrumentId).to.equal('inst-alice-visa');
    const { detail: done } = await completed;
    expect(done.mode).to.equal('invoice');
    expect(done.transaction.result).to.equal('approved');
    expect(done.invoice?.id).to.equal('inv-unpaid');
    expect(done.invoice?.status).to.equal('paid');
    const payment = api(await sandbox.log()).find((r) => r.operationId === 'StorefrontPostPayment')!;
    expect(payment.body).to.deep.include({ invoiceId: 'inv-unpaid', paymentInstrumentId: 'inst-alice-visa' });
    el.remove();
  });

  it('pays the amount due of a partly paid invoice with a new card', async () => {
    const sandbox = await newSandbox();
    const jwt = await sandbox.customerJwt({ customerId: SEED.customers.alice });
    const { el, detail } = await ready(sandbox, jwt, { invoiceId: 'inv-partial' });
    expect(detail.summary!.amountDue).to.equal(50);
    expect(text(el)).to.contain('Amount due');
    choose(el, /New card/);
    await el.updateComplete;
    expect(field(el, /name on card/i).value).to.equal('Alice Doe'); // prefilled from the account
    await fillCard(el, { name: 'Alice Doe' });
    const completed = oneEvent(el, 'purchase-completed');
    payButton(el).click();
    const { detail: done } = await completed;
    expect(done.transaction.amount).to.equal(50);
    expect(done.token).to.be.a('string');
    el.remove();
  });

  for (const [invoiceId, status, words] of [
    ['inv-paid', 'paid', /already paid/],
    ['inv-voided', 'voided', /canceled/],
    ['inv-abandoned', 'abandoned', /abandoned/],
  ] as const) {
    it(`a ${status} invoice → not-payable with a clear message as a neutral notice, and no form`, async () => {
      const sandbox = await newSandbox();
      const jwt = await sandbox.customerJwt({ customerId: SEED.customers.alice });
      const { el, detail } = await failure(sandbox, jwt, { invoiceId });
      expect(detail.code).to.equal('not-payable');
      expect(detail.message).to.match(words);
      // Nothing went wrong for the customer: a neutral notice, not a red error.
      expect(shadow(el).querySelector('[part~="notice"]')?.textContent).to.match(words);
      expect(shadow(el).querySelector('[part~="error"]')).to.equal(null);
      expect(shadow(el).querySelector('form')).to.equal(null);
      expect(el.state).to.equal('failed');
      await expect(el).to.be.accessible();
      el.remove();
    });
  }

  it('a JWT without the StorefrontGetInvoice permission → forbidden (403)', async () => {
    const sandbox = await newSandbox();
    const jwt = await sandbox.customerJwt({
      customerId: SEED.customers.alice,
      permissions: ['StorefrontGetAccount', 'StorefrontGetPaymentInstrumentCollection', 'StorefrontPostReadyToPay'],
    });
    const { el, detail } = await failure(sandbox, jwt, { invoiceId: 'inv-unpaid' });
    expect(detail.code).to.equal('forbidden');
    expect(detail.status).to.equal(403);
    el.remove();
  });

  it('an invoice id from the JWT claims fills the option the page did not set', async () => {
    const sandbox = await newSandbox();
    const jwt = await sandbox.customerJwt({ customerId: SEED.customers.alice, invoiceId: 'inv-unpaid' });
    const { el, detail } = await ready(sandbox, jwt, {});
    expect(detail.summary!.total).to.equal(120);
    el.remove();
  });
});

describe('JWT checks before any request', () => {
  it('a value that is not a JWT → unauthorized, nothing sent', async () => {
    const sandbox = await newSandbox();
    const { el, detail } = await failure(sandbox, 'not-a-jwt', { invoiceId: 'inv-unpaid' });
    expect(detail.code).to.equal('unauthorized');
    expect(detail.message).not.to.contain('not-a-jwt');
    await aTimeout(50);
    expect(await sandbox.log()).to.have.length(0);
    el.remove();
  });

  it('an expired JWT (by its exp) → unauthorized, nothing sent', async () => {
    const sandbox = await newSandbox();
    const jwt = await sandbox.customerJwt({ customerId: SEED.customers.alice });
    const [header, payload, signature] = jwt.split('.');
    const claims = JSON.parse(atob(payload!.replace(/-/g, '+').replace(/_/g, '/')));
    claims.exp = Math.floor(Date.now() / 1000) - 60;
    const expired = [header, btoa(JSON.stringify(claims)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'), signature].join('.');
    const { el, detail } = await failure(sandbox, expired, { invoiceId: 'inv-unpaid' });
    expect(detail.code).to.equal('unauthorized');
    await aTimeout(50);
    expect(await sandbox.log()).to.have.length(0);
    el.remove();
  });
});

describe('transaction mode (transaction-id + jwt)', () => {
  it('loads the transaction, then its invoice and ready-to-pay: two round trips; pays toward it', async () => {
    const sandbox = await newSandbox({ latencyMs: 50 });
    const jwt = await sandbox.customerJwt({ customerId: SEED.customers.alice });
    const { el, detail } = await ready(sandbox, jwt, { transactionId: 'txn-pending' });
    expect(detail.mode).to.equal('transaction');
    expect(detail.summary!.lineItems).to.have.length(2);
    expect(rounds(await sandbox.log())).to.equal(2);
    choose(el, /New card/);
    await el.updateComplete;
    await fillCard(el);
    const completed = oneEvent(el, 'purchase-completed');
    payButton(el).click();
    const { detail: done } = await completed;
    expect(done.transaction.id).to.equal('txn-pending');
    expect(done.transaction.result).to.equal('approved');
    el.remove();
  });

  it('a completed transaction → not-payable', async () => {
    const sandbox = await newSandbox();
    const jwt = await sandbox.customerJwt({ customerId: SEED.customers.alice });
    const { el, detail } = await failure(sandbox, jwt, { transactionId: 'txn-completed' });
    expect(detail.code).to.equal('not-payable');
    expect(shadow(el).querySelector('form')).to.equal(null);
    el.remove();
  });

  it('a setup transaction follows the setup flow → setup-completed', async () => {
    const sandbox = await newSandbox();
    const jwt = await sandbox.customerJwt({ customerId: SEED.customers.alice });
    const { el } = await ready(sandbox, jwt, { transactionId: 'txn-setup' });
    expect(payButton(el).textContent).to.match(/save card/i);
    await fillCard(el);
    const completed = oneEvent(el, 'setup-completed');
    payButton(el).click();
    const { detail } = await completed;
    expect(detail.transaction.id).to.equal('txn-setup');
    expect(detail.transaction.result).to.equal('approved');
    el.remove();
  });
});

describe('jwt alone: the customer wallet', () => {
  it('with transaction-type="setup": creates and sets up an instrument → setup-completed', async () => {
    const sandbox = await newSandbox();
    const jwt = await sandbox.customerJwt({ customerId: SEED.customers.bob });
    const { el, detail } = await ready(sandbox, jwt, { transactionType: 'setup' });
    expect(detail.mode).to.equal('jwt');
    expect(payButton(el).textContent).to.match(/save card/i);
    await fillCard(el);
    const completed = oneEvent(el, 'setup-completed');
    payButton(el).click();
    const { detail: done } = await completed;
    expect(done.instrument['id']).to.be.a('string');
    expect(done.transaction.type).to.equal('setup');
    const ops = api(await sandbox.log()).map((r) => r.operationId);
    expect(ops.slice(-3)).to.deep.equal(['PostToken', 'StorefrontPostPaymentInstrument', 'StorefrontPostPaymentInstrumentSetup']);
    await expect(el).to.be.accessible();
    el.remove();
  });
});

describe('deposit mode', () => {
  it('a deposit request: preset amounts and a custom amount within bounds, then POST /storefront/deposit', async () => {
    const sandbox = await newSandbox();
    const jwt = await sandbox.customerJwt({ customerId: SEED.customers.alice, depositRequestId: 'depreq-1' });
    const { el, detail } = await ready(sandbox, jwt, { deposit: { depositRequestId: 'depreq-1' } });
    expect(detail.mode).to.equal('deposit');
    for (const amount of ['$25.00', '$50.00', '$100.00', '$250.00']) expect(text(el)).to.contain(amount);
    expect(radio(el, /\$50\.00/).checked).to.equal(true); // the request's default
    expect(payButton(el).textContent).to.contain('$50.00');
    await expect(el).to.be.accessible();
    // Custom amounts are checked against minimum, maximum and multiple before anything is sent.
    const amount = shadow(el).querySelector<HTMLInputElement>('#field-amount')!;
    for (const [value, message] of [
      ['7', /at least \$10\.00/],
      ['1200', /at most \$1,000\.00/],
      ['12', /multiple of \$5\.00/],
    ] as const) {
      amount.value = value;
      amount.dispatchEvent(new InputEvent('input'));
      amount.dispatchEvent(new FocusEvent('blur'));
      await el.updateComplete;
      expect(text(el)).to.match(message);
    }
    amount.value = '35';
    amount.dispatchEvent(new InputEvent('input'));
    await el.updateComplete;
    expect(payButton(el).textContent).to.contain('$35.00');
    choose(el, /\$100\.00/);
    await el.updateComplete;
    expect(payButton(el).textContent).to.contain('$100.00');
    await sandbox.clearLog();
    const completed = oneEvent(el, 'purchase-completed');
    payButton(el).click();
    const { detail: done } = await completed;
    expect(done.mode).to.equal('deposit');
    expect(done.transaction.amount).to.equal(100);
    const deposit = api(await sandbox.log()).find((r) => r.operationId === 'StorefrontPostDeposit')!;
    expect(deposit.body).to.deep.include({ depositRequestId: 'depreq-1', amount: 100, paymentInstrumentId: 'inst-alice-visa' });
    el.remove();
  });

  it('a deposit by currency and amount, without a request', async () => {
    const sandbox = await newSandbox();
    const jwt = await sandbox.customerJwt({ customerId: SEED.customers.alice });
    const { el } = await ready(sandbox, jwt, { deposit: { currency: 'USD', amount: 20 } });
    expect(payButton(el).textContent).to.contain('$20.00');
    const completed = oneEvent(el, 'purchase-completed');
    payButton(el).click();
    const { detail } = await completed;
    expect(detail.mode).to.equal('deposit');
    expect(detail.transaction.amount).to.equal(20);
    el.remove();
  });
});

describe('payout mode', () => {
  it('loads the payout request, ready-to-payout, and assigns the chosen instrument → payout-completed', async () => {
    const sandbox = await newSandbox();
    const jwt = await sandbox.customerJwt({ customerId: SEED.customers.alice, payoutRequestId: 'payoutreq-pending' });
    const { el, detail } = await ready(sandbox, jwt, { payout: { payoutRequestId: 'payoutreq-pending' } });
    expect(detail.mode).to.equal('payout');
    expect(api(await sandbox.log()).map((r) => r.operationId)).to.include('StorefrontPostReadyToPayout');
    expect(payButton(el).textContent!.trim()).to.match(/^pay out \$75\.00$/i);
    choose(el, /MasterCard ending in 4444/);
    await el.updateComplete;
    const completed = oneEvent(el, 'payout-completed');
    payButton(el).click();
    const { detail: done } = await completed;
    expect(done.payoutRequest['paymentInstrumentId']).to.equal('inst-alice-mc');
    expect(done.payoutRequest['status']).to.not.equal('pending');
    await el.updateComplete;
    expect(text(el)).to.match(/payout requested/i);
    el.remove();
  });

  it('a payout request that is not pending → not-payable', async () => {
    const sandbox = await newSandbox();
    const jwt = await sandbox.customerJwt({ customerId: SEED.customers.alice });
    const { el, detail } = await failure(sandbox, jwt, { payout: { payoutRequestId: 'payoutreq-completed' } });
    expect(detail.code).to.equal('not-payable');
    el.remove();
  });
});

describe('switching modes at run time', () => {
  it('invoice → another invoice → payout: stale requests aborted, nothing of the old mode left', async () => {
    const sandbox = await newSandbox({ latencyMs: 80 });
    const jwt = await sandbox.customerJwt({ customerId: SEED.customers.alice });
    const { el } = await ready(sandbox, jwt, { invoiceId: 'inv-unpaid' });
    expect(text(el)).to.contain('Consulting hour');
    const events: string[] = [];
    el.addEventListener('data-ready', (e) => events.push(`data-ready:${e.detail.mode}:${e.detail.summary?.total}`));
    el.addEventListener('error', (e) => events.push(`error:${e.detail.code}`));
    el.invoiceId = 'inv-partial';
    await aTimeout(30);
    el.invoiceId = undefined;
    el.payout = { payoutRequestId: 'payoutreq-pending' };
    await until(() => events.length > 0 && el.state === 'ready', 5000, 'the payout to load');
    await aTimeout(300);
    expect(events).to.deep.equal(['data-ready:payout:75']);
    expect(text(el)).not.to.contain('Consulting hour').and.not.contain('$120.00');
    expect(payButton(el).textContent).to.match(/pay out/i);
    el.remove();
  });
});
