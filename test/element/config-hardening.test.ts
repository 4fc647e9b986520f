/**
 * Bad `messages` / `theme` values, JSON attributes that are present but wrong, and "Incomplete is not
 * invalid": what the page sees (events, `state`, `missing`, the placeholder), and never a throw, an
 * unhandled rejection or a render loop.
 */
import { expect, aTimeout, oneEvent } from '@open-wc/testing';
import { newSandbox, SEED, type Sandbox } from '../helpers/emulator.js';
import { payButton, shadow, text } from '../helpers/checkout.js';
import type { ErrorDetail, RebillyInstrumentsElement } from '../../src/index.js';
import '../../src/define.js';

const CART = [{ planId: SEED.plans.starter, quantity: 1 }];

/** Window errors and unhandled rejections while a test runs. */
function watchWindow() {
  const problems: string[] = [];
  const onError = (e: ErrorEvent) => problems.push(`error: ${e.message}`);
  const onRejection = (e: PromiseRejectionEvent) => {
    e.preventDefault();
    problems.push(`unhandledrejection: ${String(e.reason)}`);
  };
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    problems,
    stop() {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

interface Observed {
  el: RebillyInstrumentsElement;
  errors: ErrorDetail[];
  ready: number;
  problems: string[];
}

/** Mounts an element set up by `setup` and watches it for `ms`. */
async function observe(sandbox: Sandbox, setup: (el: RebillyInstrumentsElement) => void, ms = 400): Promise<Observed> {
  const watch = watchWindow();
  const el = document.createElement('rebilly-instruments');
  el.cardFields = 'inline'; // these tests are about the config, not FramePay
  el.apiUrl = sandbox.url;
  const errors: ErrorDetail[] = [];
  let ready = 0;
  el.addEventListener('error', (e) => errors.push(e.detail));
  el.addEventListener('data-ready', () => ready++);
  try {
    setup(el);
    document.body.append(el);
    await aTimeout(ms);
    await el.updateComplete;
  } finally {
    watch.stop();
  }
  return { el, errors, ready, problems: watch.problems };
}

function withCart(el: RebillyInstrumentsElement): void {
  el.publishableKey = SEED.publishableKey;
  el.organizationId = SEED.organizationId;
  el.websiteId = SEED.websiteId;
  el.items = CART;
}

describe('messages and theme: bad values never break rendering', () => {
  it('messages = null before connect means "no overrides": the pay form renders once, no loop', async () => {
    const sandbox = await newSandbox();
    const { el, errors, ready, problems } = await observe(sandbox, (el) => {
      withCart(el);
      (el as unknown as { messages: unknown }).messages = null;
    });
    expect(problems).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
    expect(ready).to.equal(1);
    expect(payButton(el).textContent).to.match(/^\s*Pay/);
    el.remove();
  });

  for (const [what, value] of [
    ['a null-prototype object', () => Object.create(null) as unknown],
    ['a Symbol', () => Symbol('dark') as unknown],
    ['an unknown name', () => 'blue' as unknown],
  ] as const) {
    it(`theme = ${what}: invalid-config naming theme, once; no loop, no rejection`, async () => {
      const sandbox = await newSandbox();
      const { el, errors, ready, problems } = await observe(sandbox, (el) => {
        withCart(el);
        (el as unknown as { theme: unknown }).theme = value();
      });
      expect(problems).to.deep.equal([]);
      expect(ready).to.equal(0);
      expect(errors.map((e) => e.code)).to.deep.equal(['invalid-config']);
      expect(errors[0]!.message).to.match(/theme/);
      expect(errors[0]!.invalidFields!.map((f) => f.field)).to.deep.equal(['theme']);
      expect(el.hasAttribute('theme')).to.equal(false);
      expect(text(el)).to.match(/theme/);
      el.remove();
    });
  }

  it('a non-string message is invalid-config naming it; fixing it recovers', async () => {
    const sandbox = await newSandbox();
    const { el, errors, ready, problems } = await observe(sandbox, (el) => {
      withCart(el);
      (el as unknown as { messages: unknown }).messages = { en: { payButton: 5 } };
    });
    expect(problems).to.deep.equal([]);
    expect(ready).to.equal(0);
    expect(errors.map((e) => e.code)).to.deep.equal(['invalid-config']);
    expect(errors[0]!.invalidFields).to.deep.equal([{ field: 'messages.en.payButton', message: 'must be a string' }]);
    expect(errors[0]!.message).to.contain('messages.en.payButton');
    const readyEvent = oneEvent(el, 'data-ready');
    el.messages = { en: { payButton: 'Buy for {amount}' } };
    await readyEvent;
    await el.updateComplete;
    expect(payButton(el).textContent).to.match(/^\s*Buy for/);
    el.remove();
  });

  for (const [what, value] of [
    ['a string', 'nope'],
    ['an array', [{ payButton: 'x' }]],
    ['a language that is not an object', { en: 'Pay' }],
    ['a Symbol', Symbol('m')],
  ] as const) {
    it(`messages = ${what}: invalid-config naming messages, no loop`, async () => {
      const sandbox = await newSandbox();
      const { el, errors, ready, problems } = await observe(sandbox, (el) => {
        withCart(el);
        (el as unknown as { messages: unknown }).messages = value;
      });
      expect(problems).to.deep.equal([]);
      expect(ready).to.equal(0);
      expect(errors.map((e) => e.code)).to.deep.equal(['invalid-config']);
      expect(errors[0]!.invalidFields![0]!.field).to.match(/^messages/);
      el.remove();
    });
  }

  it('a bad theme set after the checkout is ready: one prompt error; setting it back reloads', async () => {
    const sandbox = await newSandbox();
    const { el, ready } = await observe(sandbox, withCart);
    expect(ready).to.equal(1);
    const watch = watchWindow();
    const errors: ErrorDetail[] = [];
    el.addEventListener('error', (e) => errors.push(e.detail));
    (el as unknown as { theme: unknown }).theme = Symbol('x');
    await el.updateComplete;
    expect(errors.map((e) => e.code)).to.deep.equal(['invalid-config']);
    const again = oneEvent(el, 'data-ready');
    el.theme = 'dark';
    await again;
    await aTimeout(100);
    watch.stop();
    expect(watch.problems).to.deep.equal([]);
    expect(el.getAttribute('theme')).to.equal('dark');
    expect(errors).to.have.length(1);
    el.remove();
  });
});

describe('JSON attributes that are present but wrong', () => {
  it('an attribute holding a JSON string of JSON is decoded once: items must be an array', async () => {
    const sandbox = await newSandbox();
    const { el, errors, ready } = await observe(sandbox, (el) => {
      withCart(el);
      el.setAttribute('items', JSON.stringify(JSON.stringify(CART)));
    });
    expect(ready).to.equal(0);
    expect(errors.map((e) => e.code)).to.deep.equal(['invalid-config']);
    expect(errors[0]!.invalidFields).to.deep.equal([{ field: 'items', message: 'must be an array' }]);
    expect(await sandbox.log()).to.have.length(0);
    el.remove();
  });

  it('deposit="null" with a jwt is invalid-config, not the save-a-card mode', async () => {
    const sandbox = await newSandbox();
    const jwt = await sandbox.customerJwt({ customerId: SEED.customers.alice });
    const { el, errors, ready } = await observe(sandbox, (el) => {
      el.jwt = jwt;
      el.setAttribute('deposit', 'null');
    });
    expect(ready).to.equal(0);
    expect(errors.map((e) => e.code)).to.deep.equal(['invalid-config']);
    expect(errors[0]!.invalidFields).to.deep.equal([{ field: 'deposit', message: 'must be an object' }]);
    el.remove();
  });

  it('payout="" (empty) is not set, and a payout property set to null unsets it', async () => {
    const sandbox = await newSandbox();
    const jwt = await sandbox.customerJwt({ customerId: SEED.customers.alice });
    const { el, errors, ready } = await observe(sandbox, (el) => {
      el.jwt = jwt;
      el.setAttribute('payout', '');
    });
    expect(errors).to.deep.equal([]);
    expect(ready).to.equal(1);
    el.remove();
  });

  it('sub-cent money is invalid-config, never "Pay $0.00"', async () => {
    const sandbox = await newSandbox();
    const { el, errors, ready } = await observe(sandbox, (el) => {
      withCart(el);
      el.items = undefined;
      el.money = { amount: 0.004, currency: 'USD' };
    });
    expect(ready).to.equal(0);
    expect(errors[0]!.invalidFields).to.deep.equal([{ field: 'money.amount', message: 'must have at most 2 decimals for USD' }]);
    expect(text(el)).not.to.contain('$0.00');
    el.remove();
  });

  for (const key of ['SK_LIVE_abc123', '"sk_live_abc123"', 'Bearer sk_live_abc123', 'pk_x sk_live_abc123']) {
    it(`a secret key in disguise (${key}) is insecure-key and nothing is sent`, async () => {
      const sandbox = await newSandbox();
      const { el, errors } = await observe(sandbox, (el) => {
        withCart(el);
        el.publishableKey = key;
      });
      expect(errors.map((e) => e.code)).to.deep.equal(['insecure-key']);
      expect(await sandbox.log()).to.have.length(0);
      el.remove();
    });
  }

  for (const [option, value] of [
    ['organizationId', 'demo\norg'],
    ['websiteId', 'démo-website'],
    ['publishableKey', 'pk_sandbox_\u2028emulator'],
    ['publishableKey', 'pk_sandbox_emulator\nX'],
    ['websiteId', 'demo\u0000website'],
    ['publishableKey', 'pk_sandbox_émulator'],
    ['organizationId', 'x'.repeat(300)],
  ] as const) {
    it(`${option} that cannot be a URL or a header (${JSON.stringify(value).slice(0, 30)}) is invalid-config, not network`, async () => {
      const sandbox = await newSandbox();
      const { el, errors } = await observe(sandbox, (el) => {
        withCart(el);
        (el as unknown as Record<string, unknown>)[option] = value;
      });
      expect(errors.map((e) => e.code)).to.deep.equal(['invalid-config']);
      expect(errors[0]!.invalidFields!.map((f) => f.field)).to.deep.equal([option]);
      expect(await sandbox.log()).to.have.length(0);
      el.remove();
    });
  }
});

describe('incomplete is not invalid', () => {
  it('no purchase data yet: idle, no error event, no request, a neutral placeholder; then it loads', async () => {
    const sandbox = await newSandbox();
    const { el, errors, ready, problems } = await observe(sandbox, (el) => {
      el.publishableKey = SEED.publishableKey;
      el.organizationId = SEED.organizationId;
    });
    expect(problems).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
    expect(ready).to.equal(0);
    expect(el.state).to.equal('idle');
    expect(el.missing).to.deep.equal(['purchaseData']);
    expect(await sandbox.log()).to.have.length(0);
    const placeholder = shadow(el).querySelector('[part~="placeholder"]');
    expect(placeholder?.textContent).to.match(/waiting for checkout details/i);
    expect(shadow(el).querySelector('[part~="error"]')).to.equal(null);
    await expect(el).to.be.accessible();

    el.items = CART;
    await el.updateComplete;
    expect(el.missing).to.deep.equal(['websiteId']);
    expect(el.state).to.equal('idle');
    const loaded = oneEvent(el, 'data-ready');
    el.websiteId = SEED.websiteId;
    await loaded;
    expect(el.missing).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
    el.remove();
  });

  it('an invoice without its jwt yet waits; the jwt arriving later loads it', async () => {
    const sandbox = await newSandbox();
    const { el, errors, ready } = await observe(sandbox, (el) => {
      el.invoiceId = 'inv-unpaid';
      el.locale = 'es';
    });
    expect(errors).to.deep.equal([]);
    expect(ready).to.equal(0);
    expect(el.state).to.equal('idle');
    expect(el.missing).to.deep.equal(['jwt']);
    await el.updateComplete;
    expect(shadow(el).querySelector('[part~="placeholder"]')!.textContent).to.match(/esperando/i);
    const loaded = oneEvent(el, 'data-ready');
    el.jwt = await sandbox.customerJwt({ customerId: SEED.customers.alice, invoiceId: 'inv-unpaid' });
    await loaded;
    expect(el.state).to.equal('ready');
    expect(errors).to.deep.equal([]);
    el.remove();
  });

  it('a value that is present and wrong is reported at once, even while something else is missing', async () => {
    const sandbox = await newSandbox();
    const { el, errors } = await observe(sandbox, (el) => {
      el.invoiceId = 'inv-unpaid';
      el.items = [{ planId: 'a', quantity: 0 }];
    });
    expect(errors.map((e) => e.code)).to.deep.equal(['invalid-config']);
    expect(el.state).to.equal('failed');
    expect(el.missing).to.deep.equal([]);
    el.remove();
  });

  it('unsetting the purchase data of a ready checkout goes back to waiting, without an error', async () => {
    const sandbox = await newSandbox();
    const { el, ready } = await observe(sandbox, withCart);
    expect(ready).to.equal(1);
    const errors: ErrorDetail[] = [];
    el.addEventListener('error', (e) => errors.push(e.detail));
    el.items = undefined;
    await el.updateComplete;
    await aTimeout(100);
    expect(el.state).to.equal('idle');
    expect(el.missing).to.deep.equal(['purchaseData']);
    expect(errors).to.deep.equal([]);
    expect(shadow(el).querySelector('[part~="pay-button"]')).to.equal(null);
    el.remove();
  });

  it("the first config's error waits a task for the page's listeners, and is dropped once that config is replaced", async () => {
    const sandbox = await newSandbox();
    const el = document.createElement('rebilly-instruments');
    el.cardFields = 'inline'; // these tests are about the config, not FramePay
    el.apiUrl = sandbox.url;
    withCart(el);
    el.items = [{ planId: SEED.plans.starter, quantity: 0 }];
    const errors: ErrorDetail[] = [];
    el.addEventListener('error', (e) => errors.push(e.detail));
    document.body.append(el);
    await el.updateComplete;
    // Shown at once, dispatched later.
    expect(el.state).to.equal('failed');
    expect(shadow(el).querySelector('[part~="error"]')).to.exist;
    expect(errors).to.deep.equal([]);
    const ready = oneEvent(el, 'data-ready');
    el.items = CART;
    await ready;
    await aTimeout(50);
    expect(errors).to.deep.equal([]);
    // After that, config errors are prompt: dispatched during the update that found them.
    el.items = [{ planId: SEED.plans.starter, quantity: -1 }];
    await el.updateComplete;
    expect(errors.map((e) => e.code)).to.deep.equal(['invalid-config']);
    el.remove();
  });
});
