import { expect, oneEvent, aTimeout } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { newSandbox, SEED, type Sandbox } from '../helpers/emulator.js';
import { chooseNewCard, fillCard, mount, mountCustomer, pay, payButton, shadow, until } from '../helpers/checkout.js';
import type { RebillyInstrumentsElement } from '../../src/index.js';
import { setStorefrontClientDefaults } from '../../src/api/index.js';
import { parseConfig } from '../../src/config/index.js';
import { purchaseKey } from '../../src/checkout/approval.js';

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
    const { detail } = await error;
    expect(detail.code).to.equal('payment-declined');
    // The bank refused the authentication without a reason: none is made up.
    expect(detail.message).to.equal('Your payment was declined. You can try again or use another card.');
    await el.updateComplete;
    expect(dialog(el)).to.equal(null);
    expect(el.state).to.equal('ready');
    expect(payButton(el).disabled).to.equal(false);
    // Focus lands on the decline, right above the pay button (ids, not elements: a failed comparison of
    // elements makes the runner serialize them, which can hang the page).
    expect(shadow(el).activeElement?.id).to.equal('payment-error');
    expect(shadow(el).activeElement?.parentElement?.nextElementSibling === payButton(el), 'right above the pay button').to.equal(true);
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
      if (!/\/storefront\/(organizations\/[^/]+\/)?payment$/.test(String(typeof input === 'string' ? input : (input as Request).url))) return response;
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

const PENDING_KEY = 'rebilly-instruments:pending-approvals';

interface FixtureMessage {
  name: string;
  index: number;
  detail: { code?: string; url?: string; outcomeUnknown?: boolean; transaction?: { id?: string; result?: string } };
}

/** The full-page fixture in an iframe: its elements' events arrive as messages. */
function openFixture(query: Record<string, string>) {
  const messages: FixtureMessage[] = [];
  const onMessage = (e: MessageEvent) => {
    if (e.data?.source === 'full-page-fixture') messages.push(e.data);
  };
  window.addEventListener('message', onMessage);
  const frame = document.createElement('iframe');
  const url = (q: Record<string, string>) => `/test/fixtures/full-page.html?${new URLSearchParams(q)}`;
  frame.src = url(query);
  document.body.append(frame);
  return {
    frame,
    messages,
    url,
    outcomes: () => messages.filter((m) => m.name === 'purchase-completed' || m.name === 'error'),
    element: (index = 0) => frame.contentDocument!.querySelectorAll('rebilly-instruments')[index]! as RebillyInstrumentsElement,
    /** Loads the page again (a return to it), clearing what was recorded. */
    reload(q: Record<string, string>) {
      messages.length = 0;
      frame.src = url(q);
    },
    close() {
      window.removeEventListener('message', onMessage);
      frame.remove();
      sessionStorage.removeItem(PENDING_KEY);
    },
  };
}

function pendingEntries(): { transactionId: string; credential?: string; key: string }[] {
  return Object.values(JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? '{}'));
}

/** Pays with the 3-D Secure test card in the fixture's first element (a new card in the JWT modes). */
async function payThreeDSecure(el: RebillyInstrumentsElement): Promise<void> {
  await chooseNewCard(el);
  await fillCard(el, { number: SEED.cards.threeDSecure });
  await pay(el);
  await until(() => pendingEntries().length > 0, 5000, 'the pending attempt');
}

async function leftForApproval(frame: HTMLIFrameElement) {
  await until(() => {
    try {
      return frame.contentWindow!.location.href === 'x';
    } catch {
      return true; // cross-origin: the frame is on the approval page now
    }
  }, 5000, 'the navigation to the approval page');
}

describe('full-page redirect and resume', () => {
  it('navigates to the approval page, and the element on the return page settles the payment once', async () => {
    const sandbox = await newSandbox();
    const page = openFixture({ api: sandbox.url });
    try {
      await until(() => page.messages.some((m) => m.name === 'data-ready'), 10_000, 'data-ready in the fixture');
      await payThreeDSecure(page.element());
      // The element saved the attempt (no card data, no key) and navigated the page to the approval URL.
      const raw = sessionStorage.getItem(PENDING_KEY)!;
      expect(raw).not.to.contain(SEED.cards.threeDSecure);
      expect(raw).not.to.contain('cvv');
      expect(raw).not.to.contain(SEED.publishableKey);
      expect(localStorage.getItem(PENDING_KEY)).to.equal(null);
      const [pending] = pendingEntries();
      await leftForApproval(page.frame);
      expect(page.outcomes()).to.deep.equal([]);
      await answerApproval(`${sandbox.url}/approval/${pending!.transactionId}`, 'approved');
      // The approval page redirects back to the merchant page (redirectUrl = the page that paid).
      const payment = purchases(await sandbox.log())[0]!;
      expect((payment.body as { redirectUrl: string }).redirectUrl).to.equal(new URL(page.url({ api: sandbox.url }), location.href).href);
      page.reload({ api: sandbox.url });
      await until(() => page.outcomes().length > 0, 10_000, 'the outcome');
      await aTimeout(300);
      expect(page.outcomes().map((m) => m.name)).to.deep.equal(['purchase-completed']);
      expect(page.outcomes()[0]!.detail.transaction!.result).to.equal('approved');
      expect(sessionStorage.getItem(PENDING_KEY)).to.equal(null);
      expect(purchases(await sandbox.log())).to.have.length(1);
    } finally {
      page.close();
    }
  });

  it('two elements with the same purchase on the return page: exactly one completes', async () => {
    const sandbox = await newSandbox();
    const page = openFixture({ api: sandbox.url, count: '2' });
    try {
      await until(() => page.messages.filter((m) => m.name === 'data-ready').length === 2, 10_000, 'both ready');
      await payThreeDSecure(page.element(0));
      const [pending] = pendingEntries();
      await leftForApproval(page.frame);
      await answerApproval(`${sandbox.url}/approval/${pending!.transactionId}`, 'approved');
      page.reload({ api: sandbox.url, count: '2' });
      await until(() => page.outcomes().length > 0, 10_000, 'the outcome');
      await until(() => page.messages.filter((m) => m.name === 'data-ready').length >= 1, 10_000, 'the other element ready');
      await aTimeout(500);
      expect(page.outcomes().map((m) => m.name)).to.deep.equal(['purchase-completed']);
      expect(pendingEntries()).to.deep.equal([]);
    } finally {
      page.close();
    }
  });

  it('another cart on the return page does not complete with this approval, and a forged entry is refused', async () => {
    const sandbox = await newSandbox();
    const page = openFixture({ api: sandbox.url, amount: '42' });
    try {
      await until(() => page.messages.some((m) => m.name === 'data-ready'), 10_000, 'ready');
      await payThreeDSecure(page.element());
      const [pending] = pendingEntries();
      await leftForApproval(page.frame);
      await answerApproval(`${sandbox.url}/approval/${pending!.transactionId}`, 'approved');
      // The customer opens another cart (amount 43) on the same site: nothing completes there.
      page.reload({ api: sandbox.url, amount: '43' });
      await until(() => page.messages.some((m) => m.name === 'data-ready'), 10_000, 'the other cart ready');
      await aTimeout(300);
      expect(page.outcomes()).to.deep.equal([]);
      // A forged entry under the other cart's key, naming the approved transaction of the first cart.
      const forged = { ...JSON.parse(sessionStorage.getItem(PENDING_KEY)!) } as Record<string, Record<string, unknown>>;
      const entry = Object.values(forged)[0]!;
      const result = parseConfig({
        apiUrl: sandbox.url, publishableKey: SEED.publishableKey, organizationId: SEED.organizationId,
        websiteId: SEED.websiteId, money: { amount: 43, currency: 'USD' },
      });
      if (!result.ok) throw new Error('config');
      const key = purchaseKey(result.config);
      sessionStorage.setItem(PENDING_KEY, JSON.stringify({ [key]: { ...entry, key } }));
      page.reload({ api: sandbox.url, amount: '43' });
      await until(() => page.messages.some((m) => m.name === 'data-ready'), 10_000, 'ready again');
      await aTimeout(300);
      expect(page.outcomes()).to.deep.equal([]);
      expect(pendingEntries()).to.deep.equal([]);
    } finally {
      page.close();
    }
  });

  it('stale, future-dated and unreadable entries are cleared; an unreadable one says the outcome is unknown', async () => {
    const sandbox = await newSandbox();
    const result = parseConfig({
      apiUrl: sandbox.url, publishableKey: SEED.publishableKey, organizationId: SEED.organizationId,
      websiteId: SEED.websiteId, money: { amount: 42, currency: 'USD' },
    });
    if (!result.ok) throw new Error('config');
    const key = purchaseKey(result.config);
    const entry = { v: 2, key, transactionId: 'txn-completed', mode: 'money', expect: {}, createdAt: Date.now() };
    sessionStorage.setItem(PENDING_KEY, JSON.stringify({ future: { ...entry, key: 'future', createdAt: Date.now() + 86_400_000 }, [key]: { ...entry, credential: 'garbage' } }));
    const page = openFixture({ api: sandbox.url });
    try {
      await until(() => page.outcomes().length > 0, 10_000, 'the outcome');
      const [error] = page.outcomes();
      expect(error!.name).to.equal('error');
      expect(error!.detail.outcomeUnknown).to.equal(true);
      expect(sessionStorage.getItem(PENDING_KEY)).to.equal(null);
      // A reload no longer fails the same way.
      page.reload({ api: sandbox.url });
      await until(() => page.messages.some((m) => m.name === 'data-ready'), 10_000, 'ready after the reload');
      await aTimeout(200);
      expect(page.outcomes()).to.deep.equal([]);
    } finally {
      page.close();
    }
  });

  it('a customer JWT that expired during the approval: the return page reads with its fresh JWT and completes', async () => {
    const sandbox = await newSandbox();
    const shortJwt = await sandbox.customerJwt({ customerId: SEED.customers.alice, expiresInSeconds: 3 });
    const page = openFixture({ api: sandbox.url, jwt: shortJwt, invoice: 'inv-unpaid' });
    try {
      await until(() => page.messages.some((m) => m.name === 'data-ready'), 10_000, 'ready');
      await payThreeDSecure(page.element());
      const raw = sessionStorage.getItem(PENDING_KEY)!;
      expect(raw, 'no customer JWT in storage').not.to.contain(shortJwt);
      const [pending] = pendingEntries();
      await leftForApproval(page.frame);
      await answerApproval(`${sandbox.url}/approval/${pending!.transactionId}`, 'approved');
      await aTimeout(3200); // the JWT the payment was made with has expired
      const fresh = await sandbox.customerJwt({ customerId: SEED.customers.alice });
      page.reload({ api: sandbox.url, jwt: fresh, invoice: 'inv-unpaid' });
      await until(() => page.outcomes().length > 0, 10_000, 'the outcome');
      await aTimeout(300);
      expect(page.outcomes().map((m) => m.name)).to.deep.equal(['purchase-completed']);
    } finally {
      page.close();
    }
  });

  it('back from the approval page through the back/forward cache: the element settles instead of staying stuck', async () => {
    const sandbox = await newSandbox();
    const page = openFixture({ api: sandbox.url, hold: '1' });
    try {
      await until(() => page.messages.some((m) => m.name === 'data-ready'), 10_000, 'ready');
      const el = page.element();
      await payThreeDSecure(el);
      await until(() => page.messages.some((m) => m.name === 'navigate'), 5000, 'the navigation (held)');
      expect(el.state).to.equal('approving');
      // The customer comes back without approving: the page is shown again from the cache.
      page.frame.contentWindow!.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      await until(() => page.outcomes().length > 0, 10_000, 'the outcome');
      expect(page.outcomes().map((m) => m.detail.code)).to.deep.equal(['approval-abandoned']);
      await el.updateComplete;
      expect(el.state).to.equal('ready');
      expect(payButton(el).disabled).to.equal(false);
      expect(pendingEntries()).to.deep.equal([]);
    } finally {
      page.close();
    }
  });

  it('back through the back/forward cache after approving: completed, once', async () => {
    const sandbox = await newSandbox();
    const page = openFixture({ api: sandbox.url, hold: '1' });
    try {
      await until(() => page.messages.some((m) => m.name === 'data-ready'), 10_000, 'ready');
      const el = page.element();
      await payThreeDSecure(el);
      const [pending] = pendingEntries();
      await answerApproval(`${sandbox.url}/approval/${pending!.transactionId}`, 'approved');
      page.frame.contentWindow!.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      page.frame.contentWindow!.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      await until(() => page.outcomes().length > 0, 10_000, 'the outcome');
      await aTimeout(300);
      expect(page.outcomes().map((m) => m.name)).to.deep.equal(['purchase-completed']);
      expect(el.state).to.equal('completed');
    } finally {
      page.close();
    }
  });
});

describe('offsite approval when the popup is blocked', () => {
  it('falls back to the full page, and the return settles it once', async () => {
    const sandbox = await newSandbox();
    const page = openFixture({ api: sandbox.url, hold: '1', block: '1' });
    try {
      await until(() => page.messages.some((m) => m.name === 'data-ready'), 10_000, 'ready');
      const el = page.element();
      await el.updateComplete;
      const skrill = [...shadow(el).querySelectorAll<HTMLInputElement>('input[name="method"]')].find((r) => /skrill/i.test(r.closest('label')?.textContent ?? ''))!;
      skrill.click();
      await el.updateComplete;
      for (const [id, value] of [['field-email', 'ada@example.com'], ['field-name', 'Ada Lovelace']]) {
        const input = shadow(el).getElementById(id) as HTMLInputElement;
        input.value = value;
        input.dispatchEvent(new InputEvent('input'));
      }
      await el.updateComplete;
      payButton(el).click();
      await until(() => page.messages.some((m) => m.name === 'navigate'), 5000, 'the navigation to the approval page (held)');
      const [pending] = pendingEntries();
      const navigation = page.messages.find((m) => m.name === 'navigate')!;
      expect(navigation.detail.url).to.equal(`${sandbox.url}/approval/${pending!.transactionId}`);
      await answerApproval(`${sandbox.url}/approval/${pending!.transactionId}`, 'approved');
      page.frame.contentWindow!.dispatchEvent(new PageTransitionEvent('pageshow', { persisted: true }));
      await until(() => page.outcomes().length > 0, 10_000, 'the outcome');
      await aTimeout(300);
      expect(page.outcomes().map((m) => m.name)).to.deep.equal(['purchase-completed']);
      expect(purchases(await sandbox.log())).to.have.length(1);
    } finally {
      page.close();
    }
  });
});

describe('modal approval: credentials and lifecycle', () => {
  async function jwtThreeDSecure(sandbox: Sandbox, jwt: string) {
    const el = document.createElement('rebilly-instruments');
    el.cardFields = 'inline';
    el.apiUrl = sandbox.url;
    el.jwt = jwt;
    el.invoiceId = 'inv-unpaid';
    const ready = oneEvent(el, 'data-ready');
    document.body.append(el);
    await ready;
    await el.updateComplete;
    const events = terminalEvents(el);
    expect(await chooseNewCard(el)).to.equal(true);
    await fillCard(el, { number: SEED.cards.threeDSecure });
    await pay(el);
    await until(() => !!dialog(el)?.open, 5000, 'the approval dialog');
    return { el, events, url: dialog(el)!.querySelector('iframe')!.src };
  }

  it('the JWT expires during the approval: a fresh JWT set by the page reads the approval, completed once', async () => {
    const sandbox = await newSandbox();
    const { el, events, url } = await jwtThreeDSecure(sandbox, await sandbox.customerJwt({ customerId: SEED.customers.alice, expiresInSeconds: 3 }));
    await aTimeout(3200);
    await answerApproval(url, 'approved');
    await aTimeout(1500); // reads with the expired JWT are refused meanwhile
    expect(el.state).to.equal('approving');
    const completed = oneEvent(el, 'purchase-completed');
    el.jwt = await sandbox.customerJwt({ customerId: SEED.customers.alice });
    await completed;
    await aTimeout(300);
    expect(events).to.deep.equal(['purchase-completed']);
    el.remove();
  });

  it('closed while no credential can read the approval: outcome unknown and Pay locked, never "abandoned"', async () => {
    const sandbox = await newSandbox();
    const { el, events, url } = await jwtThreeDSecure(sandbox, await sandbox.customerJwt({ customerId: SEED.customers.alice, expiresInSeconds: 3 }));
    await aTimeout(3200);
    await answerApproval(url, 'approved');
    const error = oneEvent(el, 'error');
    shadow(el).querySelector<HTMLButtonElement>('[part~="approval-close"]')!.click();
    const { detail } = await error;
    expect(detail.code).not.to.equal('approval-abandoned');
    expect(detail.outcomeUnknown).to.equal(true);
    await el.updateComplete;
    expect(payButton(el).disabled).to.equal(true);
    expect(events).to.have.length(1);
    el.remove();
  });

  it('removed during the approval: no reads while detached; re-inserted, the dialog is modal again and settles', async () => {
    const sandbox = await newSandbox();
    const { el, events, url } = await startThreeDSecure(sandbox);
    const parent = el.parentElement!;
    el.remove();
    await aTimeout(200);
    await sandbox.clearLog();
    await aTimeout(2500);
    const reads = (await sandbox.log()).filter((r) => r.operationId === 'StorefrontGetTransaction' && !r.preflight);
    expect(reads, 'reads while detached').to.have.length(0);
    parent.append(el);
    await el.updateComplete;
    expect(dialog(el)!.matches(':modal'), 'modal again').to.equal(true);
    const completed = oneEvent(el, 'purchase-completed');
    await answerApproval(url, 'approved');
    await completed;
    await aTimeout(300);
    expect(events).to.deep.equal(['purchase-completed']);
    el.remove();
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
    const el = await mountCustomer(sandbox, setup);
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
