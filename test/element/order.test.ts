// An honest order (items mode): due today and afterwards, coupons, the billing address that prices tax, the
// delivery address and shipping rate of a shippable order, editable quantities; every state axe-clean.
import { expect, oneEvent } from '@open-wc/testing';
import { newSandbox, SEED, type Sandbox } from '../helpers/emulator.js';
import { fillCard, mount, pay, payButton, shadow, text, type, until } from '../helpers/checkout.js';
import type { RebillyInstrumentsElement } from '../../src/index.js';

const PLANS = { proSetup: 'plan-pro-setup', device: 'plan-device' } as const;

/** The form control (input or select) whose <label> matches. */
function control(el: Element, name: RegExp): HTMLInputElement & HTMLSelectElement {
  const root = shadow(el);
  for (const label of root.querySelectorAll('label')) {
    if (name.test(label.textContent ?? '') && label.htmlFor) {
      const found = root.getElementById(label.htmlFor);
      if (found) return found as HTMLInputElement & HTMLSelectElement;
    }
  }
  throw new Error(`No control labelled ${name}`);
}

function button(el: Element, name: RegExp): HTMLButtonElement {
  const found = [...shadow(el).querySelectorAll('button')].find((b) => name.test(b.textContent ?? '') || name.test(b.getAttribute('aria-label') ?? ''));
  if (!found) throw new Error(`No button named ${name}`);
  return found;
}

function fieldset(el: Element, legend: RegExp): HTMLFieldSetElement {
  const found = [...shadow(el).querySelectorAll('fieldset')].find((f) => legend.test(f.querySelector('legend')?.textContent ?? ''));
  if (!found) throw new Error(`No fieldset ${legend}`);
  return found;
}

function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

async function previews(sandbox: Sandbox) {
  return (await sandbox.log()).filter((r) => !r.preflight && r.operationId === 'StorefrontPostPreviewPurchase');
}

/** Waits for the next `data-ready` after `act` (a re-priced order) and for the render. */
async function repriced(el: RebillyInstrumentsElement, act: () => void | Promise<void>) {
  const ready = oneEvent(el, 'data-ready');
  await act();
  const { detail } = await ready;
  await el.updateComplete;
  return detail;
}

const squash = (value: string | null | undefined) => value?.replace(/\s+/g, ' ').trim();
const total = (el: Element) => squash(shadow(el).querySelector('[part~="total"]')!.textContent);
const recurringNote = (el: Element) => shadow(el).querySelector('[part~="recurring"]')?.textContent?.replace(/\s+/g, ' ').trim();

describe('order: due today and afterwards', () => {
  it('a monthly plan: due today, and "then … per billing period" beside the pay button (publishable key)', async () => {
    const sandbox = await newSandbox();
    const ready = oneEvent(document, 'data-ready' as 'data-ready');
    const el = await mount(sandbox, { items: [{ planId: SEED.plans.proMonthly, quantity: 1 }], locale: 'en-US' });
    const { detail } = await ready;
    expect(detail.order!.dueToday).to.equal(21.99);
    expect(detail.order!.recurring).to.deep.equal({ amount: 21.99 });
    expect(total(el)).to.equal('Due today $21.99');
    expect(recurringNote(el)).to.equal('Then $21.99 per billing period');
    expect(payButton(el).getAttribute('aria-describedby')).to.equal('recurring-note');
    await expect(el).to.be.accessible();
  });

  it('a one-time order says nothing recurs', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { items: [{ planId: SEED.plans.starter, quantity: 1 }], locale: 'en-US' });
    expect(recurringNote(el)).to.equal(undefined);
    expect(total(el)).to.match(/^Total/);
  });

  it('with a customer JWT the plans are read: the interval, the trial and a setup fee', async () => {
    const sandbox = await newSandbox();
    const jwt = await sandbox.customerJwt({ customerId: SEED.customers.bob });
    const trial = await mount(sandbox, { items: [{ planId: SEED.plans.teamTrial, quantity: 1 }], jwt, locale: 'en-US' });
    expect(total(trial)).to.equal('Due today $0.00');
    expect(recurringNote(trial)).to.equal('Then $218.90 every year, after a trial of 14 days');
    const setup = await mount(sandbox, { items: [{ planId: PLANS.proSetup, quantity: 1 }], jwt, locale: 'en-US' });
    expect(total(setup)).to.equal('Due today $32.99');
    expect(recurringNote(setup)).to.equal('Then $21.99 every month Includes a one-time setup fee of $10.00.');
    await expect(setup).to.be.accessible();
  });

  it('es and fr', async () => {
    const sandbox = await newSandbox();
    const es = await mount(sandbox, { items: [{ planId: SEED.plans.proMonthly, quantity: 1 }], locale: 'es-ES' });
    await until(() => /A pagar hoy/.test(text(es)), 3000, 'Spanish');
    expect(recurringNote(es)).to.match(/^Después, 21,99\s€?US\$ por periodo de facturación$|^Después, .*21,99.* por periodo de facturación$/);
    expect(control(es, /código de cupón/i)).to.exist;
    expect(fieldset(es, /dirección de facturación/i)).to.exist;
    const jwt = await sandbox.customerJwt({ customerId: SEED.customers.bob });
    const fr = await mount(sandbox, { items: [{ planId: SEED.plans.proMonthly, quantity: 1 }], locale: 'fr-FR', jwt });
    await until(() => /À payer aujourd'hui/.test(text(fr)), 3000, 'French');
    expect(recurringNote(fr)).to.match(/^Puis .*21,99.* par mois$/);
    expect(control(fr, /code postal/i)).to.exist;
    expect(button(fr, /appliquer/i)).to.exist;
  });
});

describe('order: coupons', () => {
  const CART = [{ planId: SEED.plans.proMonthly, quantity: 1 }];

  it('a valid coupon re-prices the order and is named in the discounts; removing it prices again; the purchase carries it', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { items: CART, locale: 'en-US' });
    const errors: unknown[] = [];
    el.addEventListener('error', (e) => errors.push(e.detail));
    type(control(el, /coupon/i), 'FIVEOFF');
    const detail = await repriced(el, () => button(el, /^apply$/i).click());
    expect(detail.order!.couponIds).to.deep.equal(['FIVEOFF']);
    expect(detail.order!.dueToday).to.equal(16.49);
    expect(squash(shadow(el).querySelector('[part~="discounts"]')!.textContent)).to.equal('Coupon FIVEOFF −$5.00');
    expect(control(el, /coupon/i).value).to.equal('');
    await expect(el).to.be.accessible();

    const removed = await repriced(el, () => button(el, /remove coupon FIVEOFF/i).click());
    expect(removed.order!.couponIds).to.deep.equal([]);
    expect(!!shadow(el).querySelector('[part~="discounts"]')).to.equal(false);

    type(control(el, /coupon/i), 'WELCOME10');
    await repriced(el, () => button(el, /^apply$/i).click());
    await fillCard(el);
    const completed = oneEvent(el, 'purchase-completed');
    await pay(el);
    const { detail: done } = await completed;
    expect(done.order!.couponIds).to.deep.equal(['WELCOME10']);
    expect(done.transaction.amount).to.equal(19.79); // 19.99 − 2.00 + 1.80 tax
    const purchase = (await sandbox.log()).find((r) => !r.preflight && r.operationId === 'StorefrontPostPurchase');
    expect((purchase!.body as { couponIds: string[] }).couponIds).to.deep.equal(['WELCOME10']);
    expect(errors).to.deep.equal([]);
  });

  it('an expired and an unknown code: the API message beside the field, no error event, the order unchanged', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { items: CART, locale: 'en-US' });
    const errors: unknown[] = [];
    el.addEventListener('error', (e) => errors.push(e.detail));
    const input = control(el, /coupon/i);
    type(input, 'SUMMER20');
    const expired = await repriced(el, () => button(el, /^apply$/i).click());
    expect(expired.order!.couponIds).to.deep.equal([]);
    expect(expired.order!.dueToday).to.equal(21.99);
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(el).getElementById('field-coupon-error')!.textContent).to.equal('Coupon "SUMMER20" has expired');
    await expect(el).to.be.accessible();
    type(input, 'NOPE');
    await el.updateComplete;
    expect(!!shadow(el).getElementById('field-coupon-error')).to.equal(false);
    await repriced(el, () => button(el, /^apply$/i).click());
    expect(shadow(el).getElementById('field-coupon-error')!.textContent).to.equal('Coupon "NOPE" not found');
    expect(el.state).to.equal('ready');
    expect(errors).to.deep.equal([]);
  });

  it('the coupons option pre-applies codes', async () => {
    const sandbox = await newSandbox();
    const el = document.createElement('rebilly-instruments');
    el.setAttribute('coupons', '["WELCOME10"]');
    Object.assign(el, { apiUrl: sandbox.url, cardFields: 'inline', publishableKey: SEED.publishableKey, organizationId: SEED.organizationId, websiteId: SEED.websiteId, items: CART, locale: 'en-US' });
    const ready = oneEvent(el, 'data-ready');
    document.body.append(el);
    try {
      const { detail } = await ready;
      expect(detail.order!.couponIds).to.deep.equal(['WELCOME10']);
      expect((await previews(sandbox)).at(-1)!.body).to.deep.include({ couponIds: ['WELCOME10'] });
    } finally {
      el.remove();
    }
  });
});

describe('order: billing address and tax', () => {
  it('country and postal code re-price tax with exactly one preview per settled change', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { items: [{ planId: SEED.plans.proMonthly, quantity: 1 }], locale: 'en-US' });
    const errors: unknown[] = [];
    el.addEventListener('error', (e) => errors.push(e.detail));
    const billing = fieldset(el, /billing/i);
    expect(billing).to.exist;
    await sandbox.clearLog();
    const germany = await repriced(el, () => choose(control(el, /country/i), 'DE'));
    expect(germany.summary!.tax).to.equal(3.8);
    expect((await previews(sandbox)).length).to.equal(1);
    // Typing a postal code, character by character: one preview once it settles.
    await sandbox.clearLog();
    const postal = control(el, /postal|zip/i);
    const settled = oneEvent(el, 'data-ready');
    for (const value of ['1', '10', '101', '1011', '10115']) {
      postal.value = value;
      postal.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
      await new Promise((r) => setTimeout(r, 30));
    }
    const { detail } = await settled;
    expect(detail.order!.billingAddress).to.deep.equal({ country: 'DE', postalCode: '10115' });
    await new Promise((r) => setTimeout(r, 600));
    const logged = await previews(sandbox);
    expect(logged.length).to.equal(1);
    expect((logged[0]!.body as { billingAddress: unknown }).billingAddress).to.deep.equal({ country: 'DE', postalCode: '10115' });
    // Oregon: no sales tax.
    choose(control(el, /country/i), 'US');
    await repriced(el, () => type(postal, '97201'));
    expect(!!el.shadowRoot!.querySelector('[part~="tax"]')).to.equal(false);
    await expect(el).to.be.accessible();
    // Incomplete is not invalid: no error event on the way.
    expect(errors).to.deep.equal([]);
    // The address goes with the token and the purchase.
    await fillCard(el);
    const instrument = oneEvent(el, 'instrument-ready');
    await pay(el);
    const { detail: token } = await instrument;
    expect(token.billingAddress).to.deep.include({ country: 'US', postalCode: '97201', firstName: 'Ada', lastName: 'Lovelace' });
    await until(async () => (await sandbox.log()).some((r) => !r.preflight && r.operationId === 'StorefrontPostPurchase'), 5000, 'the purchase');
    const purchase = (await sandbox.log()).find((r) => !r.preflight && r.operationId === 'StorefrontPostPurchase')!;
    expect((purchase.body as { billingAddress: unknown }).billingAddress).to.deep.include({ country: 'US', postalCode: '97201' });
  });

  it('address-fields="full" asks for the street and city too', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { items: [{ planId: SEED.plans.proMonthly, quantity: 1 }], locale: 'en-US' }, { waitForReady: false });
    el.addressFields = 'full';
    await oneEvent(el, 'data-ready');
    await el.updateComplete;
    const billing = fieldset(el, /billing/i);
    expect([...billing.querySelectorAll('label')].map((l) => l.textContent!.trim())).to.deep.equal(['Address', 'City', 'Postal code', 'Country']);
    await expect(el).to.be.accessible();
  });
});

describe('order: shipping', () => {
  it('a shippable order cannot be paid without a delivery address; it pays with the chosen rate', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { items: [{ planId: PLANS.device, quantity: 1 }], locale: 'en-US' });
    const delivery = fieldset(el, /delivery|shipping address/i);
    expect(delivery).to.exist;
    const rates = fieldset(el, /shipping method/i);
    const radios = [...rates.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    expect(radios.map((r) => r.closest('label')!.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Standard shipping $4.00',
      'Express shipping $12.00',
    ]);
    expect(radios[0]!.checked).to.equal(true);
    await expect(el).to.be.accessible();

    // Express: re-priced.
    const express = await repriced(el, () => radios[1]!.click());
    expect(express.summary!.shipping).to.equal(12);
    expect(express.order!.shippingRateId).to.equal('ship-express');

    await fillCard(el, { delivery: false });
    await sandbox.clearLog();
    await pay(el);
    expect(el.state).to.equal('ready');
    const address = control(el, /^address$/i);
    expect(address.getAttribute('aria-invalid')).to.equal('true');
    await until(() => shadow(el).activeElement === address, 2000, 'focus on the first missing delivery field');
    expect((await sandbox.log()).filter((r) => !r.preflight)).to.deep.equal([]);
    await expect(el).to.be.accessible();

    type(address, '1 Main Street');
    type(control(el, /city/i), 'Austin');
    type(fieldset(el, /delivery/i).querySelector<HTMLInputElement>('input[name="delivery-postalCode"]')!, '78701');
    await repriced(el, () => choose(fieldset(el, /delivery/i).querySelector('select')!, 'US'));
    const completed = oneEvent(el, 'purchase-completed');
    await pay(el);
    const { detail } = await completed;
    expect(detail.order!.shippingRateId).to.equal('ship-express');
    expect(detail.order!.deliveryAddress).to.deep.equal({ address: '1 Main Street', city: 'Austin', postalCode: '78701', country: 'US' });
    const purchase = (await sandbox.log()).find((r) => !r.preflight && r.operationId === 'StorefrontPostPurchase')!;
    const body = purchase.body as { shippingRateId: string; deliveryAddress: unknown };
    expect(body.shippingRateId).to.equal('ship-express');
    expect(body.deliveryAddress).to.deep.equal({ address: '1 Main Street', city: 'Austin', postalCode: '78701', country: 'US' });
    expect(detail.transaction.amount).to.equal(120.9);
  });
});

describe('order: editable quantities', () => {
  it('a stepper named after the line, within its bounds; a change is one preview', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, {
      items: [{ planId: SEED.plans.proMonthly, quantity: { default: 2, minimum: 2, maximum: 10, multipleOf: 2 } }],
      locale: 'en-US',
    });
    const stepper = control(el, /quantity of pro/i);
    expect(stepper.type).to.equal('number');
    expect([stepper.min, stepper.max, stepper.step, stepper.value]).to.deep.equal(['2', '10', '2', '2']);
    await expect(el).to.be.accessible();
    await sandbox.clearLog();
    const more = await repriced(el, () => {
      stepper.value = '5';
      stepper.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(more.order!.items).to.deep.equal([{ planId: SEED.plans.proMonthly, quantity: 6 }]);
    expect(stepper.value).to.equal('6');
    const tooMany = await repriced(el, () => {
      stepper.value = '40';
      stepper.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(tooMany.order!.items[0]!.quantity).to.equal(10);
    const tooFew = await repriced(el, () => {
      stepper.value = '0';
      stepper.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(tooFew.order!.items[0]!.quantity).to.equal(2);
    const quantities = (await previews(sandbox)).map((r) => (r.body as { items: { quantity: number }[] }).items[0]!.quantity);
    expect(quantities).to.deep.equal([6, 10, 2]);
  });

  it('a range out of its own bounds is invalid-config', async () => {
    const sandbox = await newSandbox();
    const el = await mount(sandbox, { items: [{ planId: SEED.plans.proMonthly, quantity: { default: 11, maximum: 10 } }] }, { waitForReady: false });
    const { detail } = await oneEvent(el, 'error');
    expect(detail.code).to.equal('invalid-config');
    expect(detail.invalidFields).to.deep.equal([{ field: 'items.0.quantity.default', message: 'must be within minimum and maximum' }]);
  });
});
