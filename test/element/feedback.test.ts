/**
 * What the customer is told, and where (issue 15): a payment's problem right above the pay button, focused
 * and titled for what was attempted (a payment, a card being saved); the gateway's reason only when it gave
 * one; "Still processing…" for a slow payment; a result with its facts and the order collapsed; a live region
 * that does not repeat a stale "correct the fields" after a success; wallets that look locked while paying
 * is locked.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { newSandbox, SEED } from '../helpers/emulator.js';
import { fillCard, mount, payButton, shadow, text, until } from '../helpers/checkout.js';
import type { RebillyInstrumentsElement } from '../../src/index.js';

const MONEY = { amount: 25, currency: 'USD' };

const status = (el: RebillyInstrumentsElement) => shadow(el).querySelector('[part~="status"]')!.textContent ?? '';
const paymentError = (el: RebillyInstrumentsElement) => shadow(el).querySelector<HTMLElement>('#payment-error');

describe('a payment problem is where the customer looks', () => {
  it('a decline: right above the pay button, titled, focused, with the gateway\'s reason', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { money: MONEY });
    await fillCard(el, { number: SEED.cards.declined });
    const error = oneEvent(el, 'error');
    payButton(el).click();
    const { detail } = await error;
    await el.updateComplete;
    const block = paymentError(el)!;
    expect(block, 'the decline block').to.exist;
    expect(block.parentElement!.nextElementSibling === payButton(el), 'right above the pay button').to.equal(true);
    expect(shadow(el).activeElement === block, 'focused').to.equal(true);
    expect(block.querySelector('h3')?.textContent).to.equal('Payment declined');
    expect(block.getAttribute('aria-labelledby')).to.equal(block.querySelector('h3')!.id);
    expect(block.closest('[role="alert"]'), 'announced').to.exist;
    // The emulator's decline card: the gateway said why.
    expect(detail.message).to.contain('Insufficient funds');
    expect(block.textContent).to.contain('Insufficient funds');
    // A quiet trust line under the pay button; its lock is decoration.
    const secured = shadow(el).querySelector('[part~="secured"]')!;
    expect(secured.textContent!.trim()).to.equal('Secured by Rebilly');
    expect(secured.querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
    // Nothing is said twice at the top.
    expect(shadow(el).querySelectorAll('[part~="error"]')).to.have.length(1);
    await expect(el).to.be.accessible();
    el.remove();
  });

  it('a card being saved that is declined: "The card could not be saved", not "Payment declined"', async () => {
    const sandbox = await newSandbox();
    const el = document.createElement('rebilly-instruments');
    el.cardFields = 'inline';
    el.apiUrl = sandbox.url;
    el.transactionType = 'setup';
    el.jwt = await sandbox.customerJwt({ customerId: SEED.customers.bob });
    const ready = oneEvent(el, 'data-ready');
    document.body.append(el);
    await ready;
    await el.updateComplete;
    expect(payButton(el).textContent).to.match(/save card/i);
    await fillCard(el, { number: SEED.cards.declined });
    const error = oneEvent(el, 'error');
    payButton(el).click();
    const { detail } = await error;
    await el.updateComplete;
    expect(detail.code).to.equal('payment-declined');
    expect(detail.message).to.match(/^The card was declined/);
    expect(paymentError(el)!.querySelector('h3')?.textContent).to.equal('The card could not be saved');
    expect(text(el)).not.to.match(/payment declined/i);
    el.remove();
  });
});

describe('a slow payment, and the live region', () => {
  it('says "Still processing…" after a few seconds, then completes', async () => {
    const sandbox = await newSandbox({ slowGatewayMs: 6000 });
    const el = await mount(sandbox, { money: MONEY });
    await fillCard(el, { number: SEED.cards.slow });
    const completed = oneEvent(el, 'purchase-completed');
    payButton(el).click();
    await el.updateComplete;
    expect(payButton(el).textContent).to.match(/processing payment/i);
    await until(() => /still processing/i.test(payButton(el).textContent ?? ''), 6000, '"Still processing…"');
    expect(status(el)).to.match(/still processing/i);
    await completed;
    el.remove();
  });

  it('"Please correct the highlighted fields" is not left in the live region after a successful payment', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { money: MONEY });
    expect(el.requestSubmit()).to.equal(false);
    await el.updateComplete;
    expect(status(el)).to.match(/correct the highlighted fields/i);
    await fillCard(el);
    const completed = oneEvent(el, 'purchase-completed');
    payButton(el).click();
    await completed;
    await el.updateComplete;
    expect(status(el)).not.to.match(/correct/i);
    el.remove();
  });
});

describe('the result', () => {
  it('a check mark, the amount, the date, the way it was paid, a short reference and the order, collapsed', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { items: [{ planId: SEED.plans.starter, quantity: 2 }] });
    await fillCard(el);
    const completed = oneEvent(el, 'purchase-completed');
    payButton(el).click();
    const { detail } = await completed;
    await el.updateComplete;
    const result = shadow(el).querySelector<HTMLElement>('[part~="result"]')!;
    const fact = (part: string) => result.querySelector(`[part~="${part}"] dd`)?.textContent?.trim() ?? '';
    expect(result.querySelector('[part~="result-mark"]')?.getAttribute('aria-hidden')).to.equal('true');
    expect(result.querySelector('h2')?.textContent).to.equal('Payment approved');
    const amount = new Intl.NumberFormat('en', { style: 'currency', currency: detail.transaction.currency! }).format(detail.transaction.amount!);
    expect(fact('result-amount')).to.equal(amount);
    expect(fact('result-date')).to.match(/\d{4}/);
    expect(fact('result-method')).to.equal('Card');
    const reference = result.querySelector('[part~="result-reference"] [title]')!;
    expect(reference.getAttribute('title')).to.equal(detail.transaction.id);
    expect(detail.transaction.id.endsWith(reference.textContent!.replace('…', ''))).to.equal(true);
    expect(reference.textContent!.length).to.be.at.most(14);
    // What was paid for stays, collapsed: the summary's lines are inside a closed <details>.
    const details = result.querySelector<HTMLDetailsElement>('details[part~="result-summary"]')!;
    expect(details.open).to.equal(false);
    expect(details.querySelector('[part~="line-item"]')).to.exist;
    await expect(el).to.be.accessible();
    el.remove();
  });
});

describe('locked paying looks locked', () => {
  it('while the outcome is unknown, the express wallets are inert like the pay button', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { money: MONEY });
    await until(() => !!shadow(el).querySelector('[part~="wallets"]'), 10_000, 'the wallet buttons');
    expect(shadow(el).querySelector<HTMLElement>('[part~="wallets"]')!.inert).to.equal(false);
    await fillCard(el);
    await sandbox.fault({ kind: 'drop', after: true, path: 'StorefrontPostPayment' });
    const error = oneEvent(el, 'error');
    payButton(el).click();
    expect((await error).detail.outcomeUnknown).to.equal(true);
    await el.updateComplete;
    expect(payButton(el).disabled).to.equal(true);
    expect(shadow(el).querySelector<HTMLElement>('[part~="wallets"]')!.inert).to.equal(true);
    el.remove();
  });
});
