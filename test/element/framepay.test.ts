/**
 * FramePay hosted card fields (the default `card-fields`), against the emulator's FramePay stand-in: real
 * cross-origin iframes, real postMessage. FramePay is one per page, so every test of this file shares one
 * page's FramePay and one sandbox (its stand-in posts tokens to the sandbox it was loaded from).
 */
import { expect, oneEvent, aTimeout } from '@open-wc/testing';
import { newSandbox, SEED, type Sandbox } from '../helpers/emulator.js';
import { emulatedElement, fillHostedCard, hostedCardContainer, hostedCardReady, payButton, shadow, text } from '../helpers/checkout.js';
import type { RebillyInstrumentsElement } from '../../src/index.js';
import '../../src/define.js';

let sandbox: Sandbox;
const PAN = SEED.cards.approved;

before(async () => {
  sandbox = await newSandbox();
});

function checkout(options: Partial<RebillyInstrumentsElement> = {}): RebillyInstrumentsElement {
  return emulatedElement(sandbox, { locale: 'en-US', money: { amount: 25, currency: 'USD' }, ...options });
}

async function ready(el: RebillyInstrumentsElement, parent: HTMLElement = document.body) {
  const loaded = oneEvent(el, 'data-ready');
  parent.append(el);
  await loaded;
  await hostedCardReady(el);
  return el;
}

/** Every input of the document and of every open shadow root, as a customer's page script could read them. */
function everyInputValue(): string[] {
  const values: string[] = [];
  const walk = (root: Document | ShadowRoot) => {
    for (const input of root.querySelectorAll('input, textarea, select')) values.push((input as HTMLInputElement).value);
    for (const node of root.querySelectorAll('*')) if (node.shadowRoot) walk(node.shadowRoot);
  };
  walk(document);
  return values;
}

describe('FramePay card fields', () => {
  it('mounts the card field in a light-DOM node slotted into the element, from FramePay\'s origin', async () => {
    const el = await ready(checkout());
    const container = hostedCardContainer(el)!;
    expect(container.parentElement).to.equal(el);
    const frame = container.querySelector('iframe')!;
    expect(new URL(frame.src).origin).to.equal(new URL(sandbox.url).origin);
    expect(new URL(frame.src).origin).not.to.equal(location.origin);
    // The stylesheet went to the document's head, once; the card field is named for assistive technology.
    expect(document.head.querySelectorAll('link[data-rebilly-framepay]')).to.have.length(1);
    const group = shadow(el).querySelector('[part~="card-field"]')!;
    expect(group.getAttribute('role')).to.equal('group');
    expect(shadow(el).getElementById(group.getAttribute('aria-labelledby')!)!.textContent).to.match(/card/i);
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('pays with a card typed into FramePay\'s frame; no script of the page ever sees the card', async () => {
    const el = await ready(checkout());
    const details: unknown[] = [];
    for (const name of ['instrument-ready', 'purchase-completed', 'error', 'data-ready'] as const) {
      el.addEventListener(name, (e) => details.push(e.detail));
    }
    await sandbox.clearLog();
    await fillHostedCard(el);
    expect(everyInputValue().join('|')).not.to.contain(PAN.slice(-8));
    const completed = oneEvent(el, 'purchase-completed');
    payButton(el).click();
    const { detail } = await completed;
    expect(detail.transaction.result).to.equal('approved');
    await aTimeout(200);
    // Nowhere in the page: inputs, event details, storage.
    expect(everyInputValue().join('|')).not.to.contain(PAN.slice(-8));
    expect(JSON.stringify(details)).not.to.contain(PAN.slice(-8));
    expect(JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage })).not.to.contain(PAN.slice(-8));
    // The token request came from FramePay's frame (the emulator's origin), not from this page.
    const log = await sandbox.log();
    const tokens = log.filter((r) => r.operationId === 'PostToken' && !r.preflight);
    expect(tokens).to.have.length(1);
    expect((tokens[0] as { origin?: string }).origin).to.equal(new URL(sandbox.url).origin);
    const fromPage = log.filter((r) => (r as { origin?: string }).origin === location.origin);
    expect(fromPage.map((r) => r.operationId)).to.include('StorefrontPostPayment');
    expect(JSON.stringify(fromPage.map((r) => r.body))).not.to.contain(PAN.slice(-8));
    const instrumentReady = details.find((d) => (d as { token?: string }).token) as { method: string; token: string };
    expect(instrumentReady.method).to.equal('payment-card');
    el.remove();
  });

  it('an incomplete card: the field says so, focus goes to it, and nothing is sent', async () => {
    const el = await ready(checkout());
    await sandbox.clearLog();
    const name = shadow(el).querySelector<HTMLInputElement>('#field-name')!;
    name.value = 'Ada Lovelace';
    name.dispatchEvent(new InputEvent('input'));
    expect(el.requestSubmit()).to.equal(false);
    await el.updateComplete;
    expect(text(el)).to.match(/enter your complete card details/i);
    const group = shadow(el).querySelector('[part~="card-field"]')!;
    expect(group.getAttribute('aria-describedby')).to.equal('field-card-error');
    await aTimeout(300);
    expect((await sandbox.log()).filter((r) => !r.preflight && r.method === 'POST')).to.deep.equal([]);
    el.remove();
  });

  it('two elements on one page share one FramePay (one script load) and each pays with its own card', async () => {
    await sandbox.clearLog();
    const first = await ready(checkout({ money: { amount: 11, currency: 'USD' } }));
    const second = await ready(checkout({ money: { amount: 12, currency: 'USD' } }));
    expect((window as unknown as { Framepay: { initialized: boolean } }).Framepay.initialized).to.equal(true);
    expect(document.querySelectorAll('script[src*="/framepay/framepay.js"]')).to.have.length(1);
    for (const [el, amount] of [[second, 12], [first, 11]] as const) {
      await fillHostedCard(el);
      const completed = oneEvent(el, 'purchase-completed');
      payButton(el).click();
      expect((await completed).detail.transaction.amount).to.equal(amount);
    }
    first.remove();
    second.remove();
  });

  it('a second element with another publishable key: invalid-config, because FramePay is one per page', async () => {
    const first = await ready(checkout());
    const other = checkout({ publishableKey: 'pk_sandbox_other' });
    const error = oneEvent(other, 'error');
    document.body.append(other);
    const { detail } = await error;
    expect(detail.code).to.equal('invalid-config');
    expect(detail.message).to.match(/one per page/i);
    first.remove();
    other.remove();
  });

  it('theme: FramePay gets a style derived from the element\'s colours (light and dark differ)', async () => {
    const light = await ready(checkout({ theme: 'light' }));
    const dark = await ready(checkout({ theme: 'dark' }));
    const styleOf = (el: Element) => getComputedStyle(el).getPropertyValue('--_fg').trim();
    expect(styleOf(light)).not.to.equal(styleOf(dark));
    light.remove();
    dark.remove();
  });

  it('exactly once with FramePay: a re-send answered "token already used" locks the form; Pay again charges nothing', async () => {
    const el = await ready(checkout({ money: { amount: 31, currency: 'USD' } }));
    await fillHostedCard(el);
    await sandbox.fault({ kind: 'resend', path: 'StorefrontPostPayment' });
    const error = oneEvent(el, 'error');
    payButton(el).click();
    const { detail } = await error;
    expect(detail.outcomeUnknown).to.equal(true);
    expect(detail.message).to.match(/may have gone through/i);
    await el.updateComplete;
    expect(payButton(el).disabled).to.equal(true);
    payButton(el).click();
    expect(el.requestSubmit()).to.equal(false);
    await aTimeout(300);
    expect((await sandbox.approvedSales()).filter((t) => t.amount === 31)).to.have.length(1);
    el.remove();
  });
});
