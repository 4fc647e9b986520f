import { expect, oneEvent, aTimeout } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { newSandbox, SEED, type Sandbox } from '../helpers/emulator.js';
import { fillCard, mount, pay, payButton, shadow, text, until } from '../helpers/checkout.js';
import type { ErrorDetail } from '../../src/index.js';
import { setStorefrontClientDefaults } from '../../src/api/index.js';

const CART = [{ planId: SEED.plans.starter, quantity: 1 }];

/** Mounts without waiting for data-ready and resolves with the first error event. */
async function firstError(sandbox: Sandbox, setup: (el: HTMLElementTagNameMap['rebilly-instruments']) => void) {
  const el = document.createElement('rebilly-instruments');
  el.cardFields = 'inline';
  el.apiUrl = sandbox.url;
  setup(el);
  const errors: ErrorDetail[] = [];
  el.addEventListener('error', (e) => errors.push(e.detail));
  const error = oneEvent(el, 'error');
  document.body.append(el);
  const { detail } = await error;
  await el.updateComplete;
  return { el, detail: detail as ErrorDetail, errors };
}

describe('configuration errors', () => {
  it('invalid items: invalid-config with paths, a visible message, and no request', async () => {
    const sandbox = await newSandbox();
    const { el, detail } = await firstError(sandbox, (el) => {
      el.publishableKey = SEED.publishableKey;
      el.organizationId = SEED.organizationId;
      el.websiteId = SEED.websiteId;
      el.setAttribute('items', '[{"planId":"plan-starter","quantity":0}]');
    });
    expect(detail.code).to.equal('invalid-config');
    expect(detail.retryable).to.equal(false);
    expect(detail.invalidFields!.map((f) => f.field)).to.include('items.0.quantity');
    expect(el.state).to.equal('failed');
    expect(shadow(el).querySelector('[part~="error"]')!.textContent).to.contain('items.0.quantity');
    await expect(el).to.be.accessible();
    await aTimeout(50);
    expect(await sandbox.log()).to.have.length(0);
    el.remove();
  });

  it('missing purchase data is not an error: idle, no event, no request, a placeholder, and `missing` says what', async () => {
    const sandbox = await newSandbox();
    const el = document.createElement('rebilly-instruments');
    el.apiUrl = sandbox.url;
    el.publishableKey = SEED.publishableKey;
    el.organizationId = SEED.organizationId;
    const errors: ErrorDetail[] = [];
    el.addEventListener('error', (e) => errors.push(e.detail));
    document.body.append(el);
    await el.updateComplete;
    await aTimeout(100);
    expect(errors).to.deep.equal([]);
    expect(el.state).to.equal('idle');
    expect(el.missing).to.deep.equal(['purchaseData']);
    expect(shadow(el).querySelector('[part~="placeholder"]')).to.exist;
    expect(shadow(el).querySelector('[part~="error"]')).to.equal(null);
    expect(await sandbox.log()).to.have.length(0);
    el.remove();
  });

  it('invalid JSON in an attribute: invalid-config, never a throw', async () => {
    const sandbox = await newSandbox();
    const { el, detail } = await firstError(sandbox, (el) => {
      el.publishableKey = SEED.publishableKey;
      el.organizationId = SEED.organizationId;
      el.websiteId = SEED.websiteId;
      el.setAttribute('money', '{amount: 10');
    });
    expect(detail.code).to.equal('invalid-config');
    expect(detail.invalidFields!.some((f) => f.field === 'money')).to.equal(true);
    el.remove();
  });

  it('a secret key: insecure-key and nothing is sent anywhere', async () => {
    const sandbox = await newSandbox();
    const { el, detail } = await firstError(sandbox, (el) => {
      el.publishableKey = 'sk_sandbox_emulator';
      el.organizationId = SEED.organizationId;
      el.websiteId = SEED.websiteId;
      el.items = CART;
    });
    expect(detail.code).to.equal('insecure-key');
    expect(detail.message).not.to.contain('sk_sandbox_emulator');
    expect(text(el)).not.to.contain('sk_sandbox_emulator');
    await aTimeout(50);
    expect(await sandbox.log()).to.have.length(0);
    el.remove();
  });

  it('a key/mode mismatch: invalid-config', async () => {
    const sandbox = await newSandbox();
    const { el, detail } = await firstError(sandbox, (el) => {
      el.publishableKey = SEED.publishableKey;
      el.apiMode = 'live';
      el.organizationId = SEED.organizationId;
      el.websiteId = SEED.websiteId;
      el.items = CART;
    });
    expect(detail.code).to.equal('invalid-config');
    el.remove();
  });

  it('recovers when the page fixes the configuration', async () => {
    const sandbox = await newSandbox();
    const { el } = await firstError(sandbox, (el) => {
      el.publishableKey = SEED.publishableKey;
      el.organizationId = SEED.organizationId;
      el.websiteId = SEED.websiteId;
      el.items = [{ planId: SEED.plans.starter, quantity: -1 }];
    });
    const ready = oneEvent(el, 'data-ready');
    el.items = CART;
    await ready;
    await el.updateComplete;
    expect(el.state).to.equal('ready');
    expect(shadow(el).querySelector('[part~="error"]')).to.equal(null);
    el.remove();
  });
});

describe('API errors reach the page as error events', () => {
  const base = (el: HTMLElementTagNameMap['rebilly-instruments']) => {
    el.publishableKey = SEED.publishableKey;
    el.organizationId = SEED.organizationId;
    el.websiteId = SEED.websiteId;
    el.items = CART;
  };

  it('unknown publishable key → unauthorized', async () => {
    const sandbox = await newSandbox();
    const { el, detail } = await firstError(sandbox, (el) => {
      base(el);
      el.publishableKey = 'pk_sandbox_unknown';
    });
    expect(detail.code).to.equal('unauthorized');
    expect(detail.status).to.equal(401);
    expect(el.state).to.equal('failed');
    el.remove();
  });

  it('unknown plan → not-found or validation-failed with the problem details', async () => {
    const sandbox = await newSandbox();
    const { el, detail } = await firstError(sandbox, (el) => {
      base(el);
      el.items = [{ planId: 'plan-does-not-exist', quantity: 1 }];
    });
    expect(['not-found', 'validation-failed']).to.include(detail.code);
    expect(detail.problem).to.be.an('object');
    el.remove();
  });

  it('a server error while loading → server, with a retry that works', async () => {
    const sandbox = await newSandbox();
    // preview-purchase has no side effects, so the client retries it: fail more often than it retries.
    await sandbox.fault({ kind: 'status-500', count: 10, path: 'StorefrontPostPreviewPurchase' });
    const { el, detail } = await firstError(sandbox, base);
    expect(detail.code).to.equal('server');
    expect(detail.retryable).to.equal(true);
    await expect(el).to.be.accessible();
    await sandbox.reset(); // the API recovers
    const ready = oneEvent(el, 'data-ready');
    shadow(el).querySelector<HTMLButtonElement>('[part~="retry-button"]')!.click();
    await ready;
    expect(el.state).to.equal('ready');
    el.remove();
  });

  it('a dropped connection while loading → network', async () => {
    const sandbox = await newSandbox();
    await sandbox.fault({ kind: 'drop', count: 10, path: 'StorefrontPostPreviewPurchase' });
    const { el, detail } = await firstError(sandbox, base);
    expect(detail.code).to.equal('network');
    el.remove();
  });

  it('malformed JSON → server', async () => {
    const sandbox = await newSandbox();
    await sandbox.fault({ kind: 'malformed-json', count: 10, path: 'StorefrontPostReadyToPay' });
    const { el, detail } = await firstError(sandbox, base);
    expect(detail.code).to.equal('server');
    el.remove();
  });

  it('a payment that times out says it may have gone through, and is not retried', async () => {
    setStorefrontClientDefaults({ writeTimeoutMs: 1500 });
    try {
      const sandbox = await newSandbox();
      const el = await mount(sandbox, { money: { amount: 10, currency: 'USD' } });
      await fillCard(el);
      await sandbox.fault({ kind: 'hang', count: 1, path: 'StorefrontPostPayment' });
      const error = oneEvent(el, 'error');
      await pay(el);
      const { detail } = await error;
      expect(detail.code).to.equal('timeout');
      expect(detail.retryable).to.equal(false);
      expect(detail.message).to.match(/may have gone through/i);
      await el.updateComplete;
      expect(text(el)).to.match(/may have gone through/i);
      const payments = (await sandbox.operations()).filter((op) => op.endsWith('StorefrontPostPayment'));
      expect(payments).to.have.length(1);
      el.remove();
    } finally {
      setStorefrontClientDefaults();
    }
  });

  it('a dropped payment connection never charges twice and ends in exactly one terminal event', async () => {
    // Chrome transparently re-sends a request whose reused keep-alive socket closed without an answer;
    // the single-use payment token is what makes that safe: at most one payment can succeed.
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { money: { amount: 10, currency: 'USD' } });
    await fillCard(el);
    await sandbox.fault({ kind: 'drop', count: 1, path: 'StorefrontPostPayment' });
    const terminal: string[] = [];
    el.addEventListener('purchase-completed', () => terminal.push('purchase-completed'));
    el.addEventListener('error', (e) => terminal.push(e.detail.code));
    await pay(el);
    await until(() => terminal.length > 0, 10_000, 'a terminal event');
    await aTimeout(300);
    expect(terminal).to.have.length(1);
    const charged = (await sandbox.log()).filter(
      (r) => r.operationId === 'StorefrontPostPayment' && !r.preflight && r.status >= 200 && r.status < 300,
    );
    expect(charged.length).to.be.at.most(1);
    if (terminal[0] === 'purchase-completed') expect(charged).to.have.length(1);
    else expect(terminal[0]).to.equal('network');
    el.remove();
  });
});

describe('lifecycle', () => {
  it('removing the element aborts its requests: no event afterwards', async () => {
    const sandbox = await newSandbox({ latencyMs: 200 });
    const el = document.createElement('rebilly-instruments');
    el.cardFields = 'inline';
    el.apiUrl = sandbox.url;
    el.publishableKey = SEED.publishableKey;
    el.organizationId = SEED.organizationId;
    el.websiteId = SEED.websiteId;
    el.items = CART;
    const events: string[] = [];
    el.addEventListener('data-ready', () => events.push('data-ready'));
    el.addEventListener('error', () => events.push('error'));
    document.body.append(el);
    await aTimeout(50);
    expect(el.state).to.equal('loading');
    el.remove();
    await aTimeout(500);
    expect(events).to.deep.equal([]);
  });

  it('is accessible while loading', async () => {
    const sandbox = await newSandbox({ latencyMs: 300 });
    const el = await mount(sandbox, { items: CART }, { waitForReady: false });
    expect(el.state).to.equal('loading');
    expect(el.getAttribute('aria-busy')).to.equal('true');
    expect(shadow(el).querySelector('[role="status"]')!.textContent).to.match(/loading/i);
    await expect(el).to.be.accessible();
    el.remove();
  });
});

describe('keyboard only', () => {
  it('tabs through the form and pays with Enter', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { money: { amount: 15, currency: 'USD' }, locale: 'en-US' });
    const before = document.createElement('button');
    before.textContent = 'before';
    el.before(before);
    before.focus();
    const expiry = `12${String((new Date().getFullYear() + 2) % 100).padStart(2, '0')}`;
    // Tab order: the express wallets (Google Pay, PayPal: FramePay's frames), the method choice (a radio
    // group, card chosen), then email, name, number, expiry, cvc, pay.
    await until(() => shadow(el).querySelector('[part~="wallets"]')?.getAttribute('aria-busy') === 'false', 10_000, 'the wallet buttons');
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement?.getAttribute('name')).to.equal('method');
    const typed = ['ada@example.com', 'Ada Lovelace', SEED.cards.approved, expiry, '123'];
    for (const value of typed) {
      await sendKeys({ press: 'Tab' });
      await sendKeys({ type: value });
    }
    const completed = oneEvent(el, 'purchase-completed');
    await sendKeys({ press: 'Enter' });
    const { detail } = await completed;
    expect(detail.transaction.amount).to.equal(15);
    await until(() => shadow(el).activeElement?.getAttribute('part') === 'result', 2000, 'focus on the result');
    before.remove();
    el.remove();
  });

  it('pay button name holds the amount', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { money: { amount: 15, currency: 'USD' }, locale: 'en-US' });
    expect(payButton(el).textContent!.trim()).to.equal('Pay $15.00');
    el.remove();
  });
});
