/**
 * Every way to pay the emulator's website offers (card, Google Pay, Apple Pay, PayPal billing agreement,
 * ACH, Alipay, Skrill, iDEAL, Klarna), end to end against the emulator and its FramePay stand-in: real
 * cross-origin frames, real wallet sheets, real popups. FramePay is one per page: the tests share one
 * sandbox (its stand-in posts tokens to the sandbox it was loaded from).
 */
import { expect, oneEvent, aTimeout } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { newSandbox, type Sandbox } from '../helpers/emulator.js';
import { emulatedElement, payButton, shadow, text, type, until } from '../helpers/checkout.js';
import type { PaymentMethodInfo, RebillyInstrumentsElement } from '../../src/index.js';
import '../../src/define.js';

let sandbox: Sandbox;
before(async () => {
  sandbox = await newSandbox();
});

function checkout(amount: number): RebillyInstrumentsElement {
  return emulatedElement(sandbox, { locale: 'en-US', money: { amount, currency: 'USD' } });
}

async function ready(el: RebillyInstrumentsElement) {
  const loaded = oneEvent(el, 'data-ready');
  document.body.append(el);
  const { detail } = await loaded;
  await until(() => shadow(el).querySelector('[part~="wallets"]')?.getAttribute('aria-busy') === 'false', 10_000, 'the wallet buttons');
  return detail;
}

function outcomes(el: RebillyInstrumentsElement) {
  const seen: string[] = [];
  el.addEventListener('purchase-completed', () => seen.push('purchase-completed'));
  el.addEventListener('error', (e) => seen.push(e.detail.code));
  return seen;
}

/** Clicks the middle of an element (a frame), as a pointer does: real input, with user activation. */
async function click(target: Element) {
  target.scrollIntoView({ block: 'center' });
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  const r = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)] });
}

/**
 * Clicks the pay button with the pointer until the payment starts (a busy machine may drop a click; a
 * second one while paying sends nothing: one attempt at a time).
 */
async function payByPointer(el: RebillyInstrumentsElement) {
  for (let i = 0; i < 5 && el.state === 'ready'; i++) {
    await click(payButton(el));
    await until(() => el.state !== 'ready', 2000, 'the payment started').catch(() => {});
  }
}

/** Focuses a FramePay frame's document, then Tab moves into its (only) input. */
async function focusFrame(frame: HTMLIFrameElement) {
  await until(async () => {
    frame.focus();
    await new Promise((r) => setTimeout(r, 50));
    if (document.activeElement !== frame) return false;
    await sendKeys({ press: 'Tab' });
    await new Promise((r) => setTimeout(r, 50));
    return document.activeElement === frame;
  }, 10_000, 'focus in the frame');
}

const sheet = () => document.querySelector('dialog.rebilly-framepay-sheet');

/** Clicks a wallet button until its sheet opens (a frame drawn a moment ago may not take the first click). */
async function openSheet(frame: Element) {
  for (let i = 0; i < 15 && !sheet(); i++) {
    await click(frame);
    await until(() => !!sheet(), 1500, 'the wallet sheet').catch(() => {});
  }
  if (!sheet()) throw new Error('the wallet sheet did not open');
}

/**
 * Approves (Enter: Approve has the focus once the sheet's frame is drawn) or cancels (the dialog's Escape)
 * the open sheet. Keys go to the sheet's frame only once it is drawn (it then sizes itself): a key sent to a
 * frame still loading can stall the browser's input for seconds.
 */
async function answerSheet(key: 'Enter' | 'Escape') {
  const frame = sheet()!.querySelector('iframe')!;
  await until(() => frame.getAttribute('height') !== '360', 5000, 'the sheet drawn').catch(() => {});
  if (key === 'Escape') {
    sheet()!.dispatchEvent(new Event('cancel', { cancelable: true }));
  } else {
    // One press, then time to close (the sheet says "Approved" for a moment first, so the key's release still
    // reaches its frame); again only when it did not take.
    for (let i = 0; i < 5 && sheet(); i++) {
      await sendKeys({ press: key });
      await until(() => !sheet(), 3000, 'the sheet closed').catch(() => {});
    }
  }
  await until(() => !sheet(), 5000, 'the sheet closed');
}

function walletFrame(el: RebillyInstrumentsElement, wallet: 'googlePay' | 'applePay' | 'paypal') {
  return el.querySelector<HTMLIFrameElement>(`:scope > [slot="rebilly-wallet-${wallet}"] iframe`);
}

function choose(el: RebillyInstrumentsElement, name: RegExp) {
  const radio = [...shadow(el).querySelectorAll<HTMLInputElement>('input[name="method"]')].find((r) => name.test(r.closest('label')?.textContent ?? ''));
  if (!radio) throw new Error(`no method ${name}`);
  radio.click();
  return el.updateComplete;
}

async function fillHolder(el: RebillyInstrumentsElement) {
  type(shadow(el).querySelector<HTMLInputElement>('#field-email')!, 'ada@example.com');
  type(shadow(el).querySelector<HTMLInputElement>('#field-name')!, 'Ada Lovelace');
  await el.updateComplete;
}

describe('every way to pay', function () {
  // Real wallet sheets and popups on a machine that may be busy: more than the default 20 s per test.
  this.timeout(60_000);

  it('offers each collectable method once, wallets as buttons, and lists everything in data-ready', async () => {
    const el = checkout(10);
    const detail = await ready(el);
    const listed = detail.paymentMethods.map((m: PaymentMethodInfo) => [m.method, (m['feature'] as { name?: string } | null)?.name ?? null, m.offered]);
    expect(listed).to.deep.equal([
      ['payment-card', null, true],
      ['payment-card', 'Google Pay', true],
      ['payment-card', 'Apple Pay', false], // no ApplePaySession in this browser
      ['paypal', 'PayPal billing agreement', true],
      ['ach', null, true],
      ['Alipay', null, true],
      ['Skrill', null, true],
      ['iDEAL', null, true],
      ['Klarna', null, false], // its token cannot be filled here: left out, never shown broken
    ]);
    const radios = [...shadow(el).querySelectorAll('input[name="method"]')].map((r) => r.closest('label')!.textContent!.trim());
    expect(radios).to.have.length(5);
    expect(radios.filter((name) => /card/i.test(name))).to.have.length(1); // no second "card" for a wallet
    expect(radios.map((name) => name.replace(/ \(.*/, ''))).to.deep.equal(['Card', 'Bank account', 'Alipay', 'Skrill', 'iDEAL']);
    expect(walletFrame(el, 'googlePay')).to.not.equal(null);
    expect(walletFrame(el, 'paypal')).to.not.equal(null);
    expect(walletFrame(el, 'applePay')).to.equal(null);
    expect(text(el)).not.to.match(/klarna/i);
    await expect(el).to.be.accessible();
    el.remove();
  });

  for (const [wallet, method] of [
    ['googlePay', 'digital-wallet'],
    ['paypal', 'paypal'],
  ] as const) {
    it(`${wallet}: the wallet sheet approves → token-ready → one payment → purchase-completed`, async () => {
      const el = checkout(21);
      await ready(el);
      const seen = outcomes(el);
      const instrument = oneEvent(el, 'instrument-ready');
      const completed = oneEvent(el, 'purchase-completed');
      await openSheet(walletFrame(el, wallet)!);
      await answerSheet('Enter'); // Approve has the focus in the sheet
      expect((await instrument).detail.method).to.equal(method);
      const { detail } = await completed;
      expect(detail.transaction.result).to.equal('approved');
      expect(detail.transaction.amount).to.equal(21);
      await aTimeout(300);
      expect(seen).to.deep.equal(['purchase-completed']);
      el.remove();
    });
  }

  it('a cancelled wallet sheet is not an error, and the form stays usable', async () => {
    const el = checkout(22);
    await ready(el);
    const seen = outcomes(el);
    await openSheet(walletFrame(el, 'googlePay')!);
    await answerSheet('Escape');
    await aTimeout(300);
    expect(seen).to.deep.equal([]);
    expect(el.state).to.equal('ready');
    expect(payButton(el).disabled).to.equal(false);
    el.remove();
  });

  it('two elements share one FramePay: the element whose wallet button was used pays, with its own amount', async () => {
    const a = checkout(31);
    const b = checkout(32);
    await ready(a);
    await ready(b);
    const seenA = outcomes(a);
    const completed = oneEvent(b, 'purchase-completed');
    await sandbox.clearLog();
    await openSheet(walletFrame(b, 'googlePay')!);
    await answerSheet('Enter');
    expect((await completed).detail.transaction.amount).to.equal(32);
    const token = (await sandbox.log()).find((r) => r.operationId === 'PostToken' && !r.preflight)!;
    expect((token.body as { paymentInstrument: { amount: number } }).paymentInstrument.amount, 'the amount in the sheet').to.equal(32);
    await aTimeout(300);
    expect(seenA).to.deep.equal([]);
    a.remove();
    b.remove();
  });

  it('bank account (ACH): FramePay bank fields and the account holder → one payment', async () => {
    const el = checkout(23);
    await ready(el);
    await choose(el, /bank account/i);
    await until(() => [...shadow(el).querySelectorAll('[part~="card-field"]')].every((g) => g.getAttribute('aria-busy') === 'false'), 10_000, 'the bank fields');
    await fillHolder(el);
    expect(text(el)).to.match(/account holder name/i);
    // Account type (checking preselected) stays; the routing and account numbers are typed in their frames.
    const container = (type: string) => el.querySelector<HTMLElement>(`:scope > [slot="rebilly-bank-${type}"]`)!;
    for (const [type, value] of [['routingNumber', '011000015'], ['accountNumber', '000123456789']] as const) {
      await focusFrame(container(type).querySelector('iframe')!);
      await sendKeys({ type: value });
      await until(() => container(type).classList.contains('rebilly-framepay-valid'), 10_000, `a complete ${type}`);
    }
    const completed = oneEvent(el, 'purchase-completed');
    payButton(el).click();
    const { detail } = await completed;
    expect(detail.transaction.result).to.equal('approved');
    const token = (await sandbox.log()).filter((r) => r.operationId === 'PostToken' && !r.preflight).at(-1)!;
    expect((token.body as { method: string }).method).to.equal('ach');
    el.remove();
  });

  it('offsite (Skrill, whose page refuses frames): a popup with its approval page, a "continue there" dialog, one purchase', async () => {
    const el = checkout(24);
    await ready(el);
    await choose(el, /skrill/i);
    await fillHolder(el);
    expect(text(el)).to.match(/approve the payment on the Skrill page/i);
    const seen = outcomes(el);
    await sandbox.clearLog();
    const completed = oneEvent(el, 'purchase-completed');
    await payByPointer(el); // a real click: the popup needs the customer's gesture
    await until(() => el.state === 'approving', 20_000, 'approving');
    await el.updateComplete;
    const dialog = shadow(el).querySelector('dialog[part~="approval"]')!;
    expect(dialog.textContent).to.match(/continue in the window that opened/i);
    expect(dialog.querySelector('iframe')).to.equal(null);
    await expect(el).to.be.accessible();
    const payment = (await sandbox.log()).find((r) => r.operationId === 'StorefrontPostPayment' && !r.preflight)!;
    const token = (await sandbox.log()).find((r) => r.operationId === 'PostToken' && !r.preflight)!;
    expect(token.body).to.deep.include({ method: 'Skrill' });
    expect((token.body as { billingAddress: { firstName: string } }).billingAddress.firstName).to.equal('Ada');
    const transactionId = (await (await fetch(`${sandbox.url}/__emulator/state`)).json()).state.transactions;
    const waiting = Object.values(transactionId as Record<string, { id: string; status: string; amount: number }>).find(
      (t) => t.status === 'waiting-approval' && t.amount === 24,
    )!;
    expect(payment).to.not.equal(undefined);
    await fetch(`${sandbox.url}/approval/${waiting.id}`, { method: 'POST', body: new URLSearchParams({ result: 'approved' }), redirect: 'manual' });
    const { detail } = await completed;
    expect(detail.transaction.result).to.equal('approved');
    await aTimeout(300);
    expect(seen).to.deep.equal(['purchase-completed']);
    el.remove();
  });

  it('offsite: closing the approval ("Cancel the payment") is approval-abandoned, and the form is usable', async () => {
    const el = checkout(25);
    await ready(el);
    await choose(el, /alipay/i);
    await fillHolder(el);
    await payByPointer(el);
    await until(() => el.state === 'approving', 20_000, 'approving');
    await el.updateComplete;
    const error = oneEvent(el, 'error');
    shadow(el).querySelector<HTMLButtonElement>('[part~="approval-close"]')!.click();
    expect((await error).detail.code).to.equal('approval-abandoned');
    await el.updateComplete;
    expect(el.state).to.equal('ready');
    el.remove();
  });
});
