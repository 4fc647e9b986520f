import { expect, oneEvent, aTimeout } from '@open-wc/testing';
import { newSandbox, SEED } from '../helpers/emulator.js';
import { fillCard, field, mount, pay, payButton, shadow, text, until } from '../helpers/checkout.js';

const CART = [
  { planId: SEED.plans.starter, quantity: 2 },
  { planId: SEED.plans.proMonthly, quantity: 1 },
];

describe('items flow', () => {
  it('loads ready-to-pay and preview-purchase in parallel, then shows the summary and methods', async () => {
    // A fixed latency makes "in parallel" observable: sequential requests could not overlap.
    const sandbox = await newSandbox({ latencyMs: 100 });
    const el = document.createElement('rebilly-instruments');
    el.cardFields = 'inline';
    el.apiUrl = sandbox.url;
    el.publishableKey = SEED.publishableKey;
    el.organizationId = SEED.organizationId;
    el.websiteId = SEED.websiteId;
    el.items = CART;
    el.locale = 'en-US';
    const ready = oneEvent(el, 'data-ready');
    document.body.append(el);
    const { detail } = await ready;
    try {
      expect(detail.mode).to.equal('items');
      expect(detail.paymentMethods.map((m: { method: string }) => m.method)).to.include('payment-card');
      // 2 × 49.00 + 19.99 = 117.99; shipping 5.00; tax 10% of 117.99 = 11.80; total 134.79
      expect(detail.summary!.subtotal).to.equal(117.99);
      expect(detail.summary!.shipping).to.equal(5);
      expect(detail.summary!.tax).to.equal(11.8);
      expect(detail.summary!.total).to.equal(134.79);
      expect(detail.summary!.lineItems).to.have.length(2);
      await el.updateComplete;
      expect(text(el)).to.contain('$117.99').and.contain('$134.79');
      expect(payButton(el).textContent!.trim()).to.match(/^pay/i).and.contain('$134.79');
      expect(el.state).to.equal('ready');

      const log = (await sandbox.log()).filter((r) => !r.preflight);
      expect(log.map((r) => r.operationId).sort()).to.deep.equal(['StorefrontPostPreviewPurchase', 'StorefrontPostReadyToPay']);
      // In parallel: the second started before the first answered.
      const [a, b] = log;
      expect(Math.max(a!.startedAt, b!.startedAt)).to.be.at.most(Math.min(a!.endedAt, b!.endedAt));
    } finally {
      el.remove();
    }
  });

  it('completes a purchase with the approved card: token, then purchase, then purchase-completed', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { items: CART, locale: 'en-US' });
    await fillCard(el);
    const instrument = oneEvent(el, 'instrument-ready');
    const completed = oneEvent(el, 'purchase-completed');
    await pay(el);
    expect(el.state).to.equal('paying');
    expect(el.getAttribute('aria-busy')).to.equal('true');
    expect(payButton(el).disabled).to.equal(true);
    const { detail: ready } = await instrument;
    expect(ready.method).to.equal('payment-card');
    expect(ready.token).to.be.a('string');
    const { detail } = await completed;
    expect(detail.mode).to.equal('items');
    expect(detail.transaction.result).to.equal('approved');
    expect(detail.transaction.amount).to.equal(134.79);
    expect(detail.invoice?.id).to.be.a('string');
    expect(detail.orderId).to.be.a('string');
    expect(detail.token).to.equal(ready.token);
    await el.updateComplete;
    expect(el.state).to.equal('completed');
    expect(el.hasAttribute('aria-busy')).to.equal(false);
    const result = shadow(el).querySelector('[part~="result"]')!;
    expect(result.textContent).to.match(/approved/i).and.contain('$134.79');
    expect(shadow(el).activeElement === result, 'focus on the result').to.equal(true);
    await expect(el).to.be.accessible();
    const ops = await sandbox.operations();
    expect(ops.slice(0, 2).sort()).to.deep.equal(['POST StorefrontPostPreviewPurchase', 'POST StorefrontPostReadyToPay']);
    // The starter kit ships: its delivery address (typed by fillCard) priced the order once more.
    expect(ops.slice(2)).to.deep.equal(['POST StorefrontPostPreviewPurchase', 'POST PostToken', 'POST StorefrontPostPurchase']);
    el.remove();
  });

  it('shows a decline, keeps the form usable, and lets the customer pay with another card', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { items: CART });
    await fillCard(el, { number: SEED.cards.declined });
    const declined = oneEvent(el, 'error');
    await pay(el);
    const { detail } = await declined;
    expect(detail.code).to.equal('payment-declined');
    expect(detail.retryable).to.equal(true);
    expect(detail.transaction?.result).to.equal('declined');
    // The gateway's reason (the emulator's decline card: "Insufficient funds") reaches the event and the page.
    expect(detail.message).to.contain('Insufficient funds');
    await el.updateComplete;
    expect(el.state).to.equal('ready');
    expect(text(el)).to.match(/declined/i).and.contain('Insufficient funds');
    expect(payButton(el).disabled).to.equal(false);
    await expect(el).to.be.accessible();

    await fillCard(el, { number: SEED.cards.approved });
    const completed = oneEvent(el, 'purchase-completed');
    await pay(el);
    expect((await completed).detail.transaction.result).to.equal('approved');
    const purchases = (await sandbox.operations()).filter((op) => op.endsWith('StorefrontPostPurchase'));
    expect(purchases).to.have.length(2);
    el.remove();
  });

  it('re-fetches on a quantity change, and coalesces a burst of 10 changes', async () => {
    const sandbox = await newSandbox({ latencyMs: 30 });
    const el = await mount(sandbox, { items: CART, locale: 'en-US' });
    await sandbox.clearLog();
    let last = 0;
    for (let quantity = 1; quantity <= 10; quantity++) {
      el.items = [{ planId: SEED.plans.starter, quantity }, { planId: SEED.plans.proMonthly, quantity: 1 }];
      last = quantity;
      await aTimeout(5);
    }
    await until(() => el.state === 'ready' && text(el).includes('Qty 10'), 5000, 'the last quantity');
    const previews = (await sandbox.operations()).filter((op) => op.endsWith('StorefrontPostPreviewPurchase'));
    expect(previews.length).to.be.within(1, 2);
    // 10 × 49 + 19.99 = 509.99
    expect(last).to.equal(10);
    expect(text(el)).to.contain('$509.99');
    el.remove();
  });

  it('changes locale without any request and formats amounts in it', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { items: CART, locale: 'en-US' });
    await sandbox.clearLog();
    el.locale = 'fr-FR';
    await el.updateComplete;
    await aTimeout(150);
    expect(await sandbox.log()).to.have.length(0);
    const expected = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'USD' }).format(134.79);
    expect(text(el)).to.contain(expected.replace(/\s+/g, ' '));
    expect(payButton(el).textContent).to.match(/^\s*Payer/);
    el.remove();
  });
});

describe('money flow', () => {
  it('loads ready-to-pay with the amount, pays with POST /storefront/payment', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { money: { amount: 25, currency: 'USD' }, locale: 'en-US' });
    expect(payButton(el).textContent).to.contain('$25.00');
    await expect(el).to.be.accessible();
    await fillCard(el);
    const completed = oneEvent(el, 'purchase-completed');
    await pay(el);
    const { detail } = await completed;
    expect(detail.mode).to.equal('money');
    expect(detail.transaction.amount).to.equal(25);
    expect(detail.transaction.currency).to.equal('USD');
    const log = (await sandbox.log()).filter((r) => !r.preflight);
    expect(log.map((r) => r.operationId)).to.deep.equal([
      'StorefrontPostReadyToPay',
      'PostToken',
      'StorefrontPostPayment',
    ]);
    const body = log[2]!.body as Record<string, unknown>;
    expect(body).to.include({ websiteId: SEED.websiteId, amount: 25, currency: 'USD' });
    expect(body['token']).to.be.a('string');
    el.remove();
  });

  it('accepts money as a JSON attribute', async () => {
    const sandbox = await newSandbox();
    const el = document.createElement('rebilly-instruments');
    el.cardFields = 'inline';
    el.setAttribute('api-url', sandbox.url);
    el.setAttribute('publishable-key', SEED.publishableKey);
    el.setAttribute('organization-id', SEED.organizationId);
    el.setAttribute('website-id', SEED.websiteId);
    el.setAttribute('money', '{"amount": 12.5, "currency": "EUR"}');
    el.setAttribute('locale', 'de-DE');
    const ready = oneEvent(el, 'data-ready');
    document.body.append(el);
    await ready;
    await el.updateComplete;
    expect(payButton(el).textContent).to.contain(
      new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(12.5),
    );
    el.remove();
  });
});

describe('card form', () => {
  it('has the accessible names of the contract and autocomplete attributes', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { money: { amount: 10, currency: 'USD' } });
    expect(field(el, /card number/i).autocomplete).to.equal('cc-number');
    expect(field(el, /expir/i).autocomplete).to.equal('cc-exp');
    expect(field(el, /cvv|cvc|security code/i).autocomplete).to.equal('cc-csc');
    expect(field(el, /name on card|cardholder/i).autocomplete).to.equal('cc-name');
    el.remove();
  });

  it('validates inline (Luhn, expiry in the future, CVV length by brand) and focuses the first invalid field', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { money: { amount: 10, currency: 'USD' } });
    await fillCard(el, { number: '4111 1111 1111 1112', expiry: '01/20', cvv: '12' });
    await sandbox.clearLog();
    await pay(el);
    await el.updateComplete;
    await aTimeout(0);
    expect(field(el, /card number/i).getAttribute('aria-invalid')).to.equal('true');
    expect(field(el, /expir/i).getAttribute('aria-invalid')).to.equal('true');
    expect(field(el, /security code/i).getAttribute('aria-invalid')).to.equal('true');
    expect(text(el)).to.contain('valid card number').and.contain('expired').and.contain('3-digit');
    expect(shadow(el).activeElement === field(el, /card number/i), 'focus on the card number').to.equal(true);
    expect(await sandbox.log()).to.have.length(0);
    // Amex wants 4 digits.
    await fillCard(el, { number: '378282246310005', cvv: '123' });
    await pay(el);
    await el.updateComplete;
    expect(text(el)).to.contain('4-digit');
    expect(text(el)).to.contain('American Express');
    await expect(el).to.be.accessible();
    el.remove();
  });
});

describe('two elements on one page', () => {
  it('work independently over the shared client', async () => {
    const sandbox = await newSandbox();
    const [a, b] = await Promise.all([
      mount(sandbox, { items: CART }),
      mount(sandbox, { money: { amount: 7, currency: 'USD' } }),
    ]);
    await fillCard(a, { number: SEED.cards.declined });
    await fillCard(b);
    const aError = oneEvent(a, 'error');
    const bDone = oneEvent(b, 'purchase-completed');
    await Promise.all([pay(a), pay(b)]);
    expect((await aError).detail.code).to.equal('payment-declined');
    expect((await bDone).detail.transaction.amount).to.equal(7);
    await a.updateComplete;
    expect(a.state).to.equal('ready');
    expect(b.state).to.equal('completed');
    a.remove();
    b.remove();
  });
});
