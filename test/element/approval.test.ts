import { expect, oneEvent, aTimeout } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { newSandbox, SEED, type Sandbox } from '../helpers/emulator.js';
import { fillCard, mount, pay, payButton, shadow, until } from '../helpers/checkout.js';
import type { RebillyInstrumentsElement } from '../../src/index.js';
import { setStorefrontClientDefaults } from '../../src/api/index.js';

/** Records every terminal event (purchase-completed, or the error code). */
function terminalEvents(el: RebillyInstrumentsElement): string[] {
  const events: string[] = [];
  el.addEventListener('purchase-completed', () => events.push('purchase-completed'));
  el.addEventListener('error', (e) => events.push(e.detail.code));
  return events;
}

function dialog(el: RebillyInstrumentsElement): HTMLDialogElement | null {
  return shadow(el).querySelector('dialog[part~="approval"]');
}

/** Settles a transaction through the emulator's approval page form, as its buttons do. */
async function answerApproval(url: string, result: 'approved' | 'declined'): Promise<void> {
  await fetch(url, { method: 'POST', body: new URLSearchParams({ result }), redirect: 'manual' });
}

async function startThreeDSecure(sandbox: Sandbox) {
  const el = await mount(sandbox, { money: { amount: 30, currency: 'USD' }, locale: 'en-US' });
  const events = terminalEvents(el);
  await fillCard(el, { number: SEED.cards.threeDSecure });
  await pay(el);
  await until(() => !!dialog(el)?.open, 5000, 'the approval dialog');
  const frame = dialog(el)!.querySelector('iframe')!;
  return { el, events, frame, url: frame.src };
}

function purchases(log: Awaited<ReturnType<Sandbox['log']>>, op = 'StorefrontPostPayment') {
  return log.filter((r) => r.operationId === op && !r.preflight);
}

describe('3-D Secure approval in a modal', () => {
  it('opens a labelled modal dialog with the approval page, and approves through its real form by keyboard', async () => {
    const sandbox = await newSandbox();
    const { el, events, frame, url } = await startThreeDSecure(sandbox);
    expect(el.state).to.equal('approving');
    expect(el.getAttribute('aria-busy')).to.equal('true');
    expect(url).to.equal(`${sandbox.url}/approval/${url.split('/').pop()}`);
    expect(dialog(el)!.getAttribute('aria-labelledby')).to.equal('approval-title');
    expect(frame.title).to.match(/approval/i);
    expect(frame.getAttribute('sandbox')).not.to.contain('allow-top-navigation');
    await expect(el).to.be.accessible();
    // Wait until the frame has loaded the approval page (the emulator logs the page request).
    await until(async () => (await sandbox.log()).some((r) => r.path.includes('/approval/')), 5000, 'the approval page');
    await aTimeout(200);
    // Focus is trapped in the modal: from the close button, Tab moves into the approval page, to Approve
    // (its first button), and Enter presses it.
    shadow(el).querySelector<HTMLButtonElement>('[part~="approval-close"]')!.focus();
    const completed = oneEvent(el, 'purchase-completed');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    const { detail } = await completed;
    expect(detail.transaction.result).to.equal('approved');
    await el.updateComplete;
    expect(dialog(el)).to.equal(null);
    expect(el.state).to.equal('completed');
    await aTimeout(1200);
    expect(events).to.deep.equal(['purchase-completed']);
    expect(purchases(await sandbox.log())).to.have.length(1);
    el.remove();
  });

  it('a decline on the approval page → payment-declined, and the form is usable again', async () => {
    const sandbox = await newSandbox();
    const { el, events, url } = await startThreeDSecure(sandbox);
    const error = oneEvent(el, 'error');
    await answerApproval(url, 'declined');
    expect((await error).detail.code).to.equal('payment-declined');
    await el.updateComplete;
    expect(dialog(el)).to.equal(null);
    expect(el.state).to.equal('ready');
    expect(payButton(el).disabled).to.equal(false);
    expect(shadow(el).activeElement).to.equal(payButton(el));
    expect(events).to.deep.equal(['payment-declined']);
    el.remove();
  });

  it('closing the approval → approval-abandoned, exactly once, and the customer can pay again', async () => {
    const sandbox = await newSandbox();
    const { el, events } = await startThreeDSecure(sandbox);
    const error = oneEvent(el, 'error');
    shadow(el).querySelector<HTMLButtonElement>('[part~="approval-close"]')!.click();
    const { detail } = await error;
    expect(detail.code).to.equal('approval-abandoned');
    expect(detail.transaction?.id).to.be.a('string');
    await el.updateComplete;
    expect(el.state).to.equal('ready');
    expect(dialog(el)).to.equal(null);
    await aTimeout(1200);
    expect(events).to.deep.equal(['approval-abandoned']);
    // Another attempt with a card that needs no approval.
    await fillCard(el, { number: SEED.cards.approved });
    const completed = oneEvent(el, 'purchase-completed');
    await pay(el);
    await completed;
    expect(purchases(await sandbox.log())).to.have.length(2);
    el.remove();
  });

  it('Escape closes the approval like the close button', async () => {
    const sandbox = await newSandbox();
    const { el } = await startThreeDSecure(sandbox);
    const error = oneEvent(el, 'error');
    shadow(el).querySelector<HTMLButtonElement>('[part~="approval-close"]')!.focus();
    await sendKeys({ press: 'Escape' });
    expect((await error).detail.code).to.equal('approval-abandoned');
    el.remove();
  });

  it('approved just before the customer closes: the final read counts it as approved', async () => {
    const sandbox = await newSandbox();
    const { el, events, url } = await startThreeDSecure(sandbox);
    await answerApproval(url, 'approved');
    const completed = oneEvent(el, 'purchase-completed');
    shadow(el).querySelector<HTMLButtonElement>('[part~="approval-close"]')!.click();
    expect((await completed).detail.transaction.result).to.equal('approved');
    await aTimeout(1200);
    expect(events).to.deep.equal(['purchase-completed']);
    el.remove();
  });

  it('refuses an approval URL that is not https (javascript:) and opens nothing', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { money: { amount: 30, currency: 'USD' } });
    const events = terminalEvents(el);
    await fillCard(el, { number: SEED.cards.threeDSecure });
    // The emulator only gives safe URLs: rewrite the payment answer, the one case it cannot produce.
    const realFetch = window.fetch;
    window.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      if (!String(typeof input === 'string' ? input : (input as Request).url).endsWith('/storefront/payment')) return response;
      const body = await response.json();
      body.approvalUrl = 'javascript:alert(document.domain)';
      return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
    };
    try {
      const error = oneEvent(el, 'error');
      await pay(el);
      const { detail } = await error;
      expect(detail.code).to.equal('server');
      expect(detail.message).to.match(/not safe/i);
      expect(detail.transaction?.approvalUrl).to.equal('javascript:alert(document.domain)');
      await el.updateComplete;
      expect(dialog(el)).to.equal(null);
      expect(events).to.deep.equal(['server']);
    } finally {
      window.fetch = realFetch;
    }
    el.remove();
  });
});

describe('full-page redirect and resume', () => {
  it('navigates to the approval page, and the element on the return page settles the payment once', async () => {
    const sandbox = await newSandbox();
    const messages: { name: string; detail: { code?: string; transaction?: { result?: string } } }[] = [];
    const onMessage = (e: MessageEvent) => {
      if (e.data?.source === 'full-page-fixture') messages.push(e.data);
    };
    window.addEventListener('message', onMessage);
    const fixture = `/test/fixtures/full-page.html?api=${encodeURIComponent(sandbox.url)}`;
    const frame = document.createElement('iframe');
    frame.src = fixture;
    document.body.append(frame);
    try {
      await until(() => messages.some((m) => m.name === 'data-ready'), 10_000, 'data-ready in the fixture');
      const el = frame.contentDocument!.querySelector('rebilly-instruments')!;
      await fillCard(el, { number: SEED.cards.threeDSecure });
      await pay(el);
      // The element saved the attempt (no card data) and navigated the page to the approval URL.
      let pendingRaw: string | null = null;
      await until(() => !!(pendingRaw = sessionStorage.getItem('rebilly-instruments:pending-approval')), 5000, 'the pending attempt');
      expect(pendingRaw).not.to.contain(SEED.cards.threeDSecure);
      expect(pendingRaw).not.to.contain('cvv');
      expect(localStorage.getItem('rebilly-instruments:pending-approval')).to.equal(null);
      const pending = JSON.parse(pendingRaw!);
      await until(() => {
        try {
          return frame.contentWindow!.location.href === 'x';
        } catch {
          return true; // cross-origin: the frame is on the approval page now
        }
      }, 5000, 'the navigation to the approval page');
      expect(messages.filter((m) => m.name !== 'data-ready')).to.deep.equal([]);
      await answerApproval(`${sandbox.url}/approval/${pending.transactionId}`, 'approved');
      // The approval page redirects back to the merchant page (redirectUrl = the page that paid).
      const payment = purchases(await sandbox.log())[0]!;
      expect((payment.body as { redirectUrl: string }).redirectUrl).to.equal(new URL(fixture, location.href).href);
      frame.src = fixture;
      await until(() => messages.some((m) => m.name === 'purchase-completed' || m.name === 'error'), 10_000, 'the outcome');
      await aTimeout(300);
      const outcomes = messages.filter((m) => m.name !== 'data-ready');
      expect(outcomes.map((m) => m.name)).to.deep.equal(['purchase-completed']);
      expect(outcomes[0]!.detail.transaction!.result).to.equal('approved');
      expect(sessionStorage.getItem('rebilly-instruments:pending-approval')).to.equal(null);
      expect(purchases(await sandbox.log())).to.have.length(1);
    } finally {
      window.removeEventListener('message', onMessage);
      frame.remove();
      sessionStorage.removeItem('rebilly-instruments:pending-approval');
    }
  });
});

describe('exactly once', () => {
  async function ready(sandbox: Sandbox) {
    const el = await mount(sandbox, { money: { amount: 20, currency: 'USD' } });
    await fillCard(el);
    return { el, events: terminalEvents(el) };
  }

  async function settle(el: RebillyInstrumentsElement, events: string[]) {
    await until(() => events.length > 0, 10_000, 'a terminal event');
    await aTimeout(300);
    await el.updateComplete;
  }

  it('a double click makes one token and one payment', async () => {
    const sandbox = await newSandbox({ latencyMs: 50 });
    const { el, events } = await ready(sandbox);
    payButton(el).click();
    payButton(el).click();
    await settle(el, events);
    const log = await sandbox.log();
    expect(purchases(log, 'PostToken')).to.have.length(1);
    expect(purchases(log)).to.have.length(1);
    expect(events).to.deep.equal(['purchase-completed']);
    el.remove();
  });

  it('Enter held down (repeated submits) makes one payment', async () => {
    const sandbox = await newSandbox({ latencyMs: 50 });
    const { el, events } = await ready(sandbox);
    shadow(el).querySelector<HTMLInputElement>('#field-cvv')!.focus();
    for (let i = 0; i < 5; i++) await sendKeys({ press: 'Enter' });
    await settle(el, events);
    expect(purchases(await sandbox.log())).to.have.length(1);
    expect(events).to.deep.equal(['purchase-completed']);
    el.remove();
  });

  it('a second pay while the first is in flight sends nothing', async () => {
    const sandbox = await newSandbox({ latencyMs: 300 });
    const { el, events } = await ready(sandbox);
    payButton(el).click();
    await aTimeout(150);
    expect(payButton(el).disabled).to.equal(true);
    shadow(el).querySelector('form')!.requestSubmit();
    await settle(el, events);
    expect(purchases(await sandbox.log())).to.have.length(1);
    expect(events).to.deep.equal(['purchase-completed']);
    el.remove();
  });

  it('a property change during payment does not alter it, and applies after it settles', async () => {
    const sandbox = await newSandbox({ latencyMs: 200 });
    const { el, events } = await ready(sandbox);
    payButton(el).click();
    await aTimeout(50);
    el.money = { amount: 99, currency: 'USD' };
    const reloaded = oneEvent(el, 'data-ready');
    await settle(el, events);
    const payment = purchases(await sandbox.log())[0]!;
    expect((payment.body as { amount: number }).amount).to.equal(20);
    expect(events).to.deep.equal(['purchase-completed']);
    expect((await reloaded).detail.summary!.total).to.equal(99);
    await el.updateComplete;
    expect(payButton(el).textContent).to.contain('99');
    el.remove();
  });

  it('moving the element in the DOM mid-payment leaves one payment and one terminal event', async () => {
    const sandbox = await newSandbox({ latencyMs: 200 });
    const { el, events } = await ready(sandbox);
    payButton(el).click();
    await aTimeout(100);
    const elsewhere = document.createElement('section');
    document.body.append(elsewhere);
    elsewhere.append(el); // disconnect + reconnect
    await settle(el, events);
    expect(purchases(await sandbox.log())).to.have.length(1);
    expect(events).to.deep.equal(['purchase-completed']);
    expect(el.state).to.equal('completed');
    elsewhere.remove();
  });
});

describe('reconciling a payment whose answer was lost', () => {
  beforeEach(() => setStorefrontClientDefaults({ writeTimeoutMs: 1500 }));
  afterEach(() => setStorefrontClientDefaults());

  async function jwtElement(sandbox: Sandbox, setup: Partial<RebillyInstrumentsElement>) {
    const el = document.createElement('rebilly-instruments');
    el.apiUrl = sandbox.url;
    el.jwt = await sandbox.customerJwt({ customerId: SEED.customers.alice });
    Object.assign(el, setup);
    const ready = oneEvent(el, 'data-ready');
    document.body.append(el);
    await ready;
    await el.updateComplete;
    return { el, events: terminalEvents(el) };
  }

  for (const [mode, setup] of [
    ['invoice', { invoiceId: 'inv-unpaid' }],
    ['transaction', { transactionId: 'txn-pending' }],
  ] as const) {
    it(`${mode} mode: reads the ${mode} back and completes once, without paying again`, async () => {
      const sandbox = await newSandbox();
      const { el, events } = await jwtElement(sandbox, setup);
      await sandbox.fault({ kind: 'lose-response', path: 'StorefrontPostPayment' });
      const completed = oneEvent(el, 'purchase-completed');
      payButton(el).click(); // the customer's default saved card
      const { detail } = await completed;
      expect(detail.transaction.result).to.equal('approved');
      await aTimeout(300);
      expect(events).to.deep.equal(['purchase-completed']);
      expect(purchases(await sandbox.log())).to.have.length(1);
      el.remove();
    });
  }

  it('publishable-key mode: cannot read the payment back, so it says it may have gone through', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { money: { amount: 20, currency: 'USD' } });
    const events = terminalEvents(el);
    await fillCard(el);
    await sandbox.fault({ kind: 'lose-response', path: 'StorefrontPostPayment' });
    const error = oneEvent(el, 'error');
    await pay(el);
    const { detail } = await error;
    expect(detail.code).to.equal('timeout');
    expect(detail.message).to.match(/may have gone through/i);
    expect(events).to.deep.equal(['timeout']);
    expect(purchases(await sandbox.log())).to.have.length(1);
    el.remove();
  });
});
