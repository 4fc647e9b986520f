// The migration facade (`rebilly-instruments-element/facade`): Rebilly's `RebillyInstruments.mount()`,
// `update()`, `destroy()`, `on()` and `purchase()`, driving one <rebilly-instruments> against the emulator.
import { expect, fixture, html, aTimeout } from '@open-wc/testing';
import {
  createRebillyInstruments,
  RebillyInstruments,
  RebillyInstrumentsError,
  type MountOptions,
  type RebillyInstrumentsFacade,
} from '../../src/facade.js';
import type { DataReadyDetail, InstrumentReadyDetail, PurchaseCompletedDetail } from '../../src/index.js';
import { newSandbox, SEED, type Sandbox } from '../helpers/emulator.js';
import { fillCard, shadow } from '../helpers/checkout.js';

const CART = [{ planId: SEED.plans.starter, quantity: 1 }];

function options(sandbox: Sandbox, extra: Partial<MountOptions> = {}): MountOptions {
  return {
    publishableKey: SEED.publishableKey,
    organizationId: SEED.organizationId,
    websiteId: SEED.websiteId,
    apiUrl: sandbox.url,
    cardFields: 'inline',
    locale: 'en-US',
    items: CART,
    ...extra,
  };
}

describe('facade: RebillyInstruments', () => {
  let facade: RebillyInstrumentsFacade;
  let container: HTMLDivElement;

  beforeEach(async () => {
    facade = createRebillyInstruments();
    container = await fixture<HTMLDivElement>(html`<div class="rebilly-instruments"></div>`);
  });

  afterEach(async () => {
    await facade.destroy();
  });

  it('the default export is a ready-made facade with Rebilly’s method names', () => {
    for (const method of ['mount', 'update', 'destroy', 'on', 'off', 'purchase'] as const) {
      expect(RebillyInstruments[method]).to.be.a('function');
    }
    expect(RebillyInstruments.element).to.equal(undefined);
  });

  it('mount() creates the element in Rebilly’s default container and resolves on data-ready', async () => {
    const sandbox = await newSandbox();
    const seen: DataReadyDetail[] = [];
    facade.on('data-ready', (detail) => seen.push(detail));
    const el = await facade.mount(options(sandbox));
    expect(el.localName).to.equal('rebilly-instruments');
    expect(el.parentElement).to.equal(container);
    expect(facade.element).to.equal(el);
    expect(el.state).to.equal('ready');
    expect(el.items).to.equal(CART);
    expect(seen).to.have.length(1);
    expect(seen[0]!.mode).to.equal('items');
  });

  it('mount() takes a selector or an element as container / mountElement', async () => {
    const sandbox = await newSandbox();
    const other = await fixture<HTMLElement>(html`<section id="pay-here"></section>`);
    const el = await facade.mount(options(sandbox, { container: '#pay-here' }));
    expect(el.parentElement).to.equal(other);
    const second = createRebillyInstruments();
    try {
      const el2 = await second.mount(options(sandbox, { mountElement: container }));
      expect(el2.parentElement).to.equal(container);
      expect(el2).not.to.equal(el);
    } finally {
      await second.destroy();
    }
  });

  it('mount() rejects with the first error (code and detail), and on("error") hears it too', async () => {
    const sandbox = await newSandbox();
    const errors: string[] = [];
    facade.on('error', (detail) => errors.push(detail.code));
    const failure = await facade.mount(options(sandbox, { items: [{ planId: SEED.plans.starter, quantity: 0 }] })).then(
      () => expect.fail('mount resolved'),
      (error: unknown) => error,
    );
    expect(failure).to.be.instanceOf(RebillyInstrumentsError);
    const error = failure as RebillyInstrumentsError;
    expect(error.code).to.equal('invalid-config');
    expect(error.detail.invalidFields!.map((f) => f.field)).to.include('items.0.quantity');
    expect(errors).to.deep.equal(['invalid-config']);
    // The element stays, showing the error.
    expect(facade.element!.state).to.equal('failed');
  });

  it('mount() and update() take every option at once: what the element would wait for rejects them', async () => {
    const sandbox = await newSandbox();
    const failure = await facade.mount(options(sandbox, { websiteId: undefined })).catch((e: unknown) => e);
    expect(failure).to.be.instanceOf(RebillyInstrumentsError);
    expect((failure as RebillyInstrumentsError).code).to.equal('invalid-config');
    expect((failure as RebillyInstrumentsError).message).to.contain('websiteId');
    expect(facade.element!.state).to.equal('idle');
    await facade.mount(options(sandbox));
    const unset = await facade.update({ items: undefined }).catch((e: unknown) => e);
    expect((unset as RebillyInstrumentsError).detail.invalidFields).to.deep.equal([{ field: 'purchaseData', message: 'is required' }]);
  });

  it('mount() rejects when the container does not exist', async () => {
    const sandbox = await newSandbox();
    const error = await facade.mount(options(sandbox, { container: '#nowhere' })).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(TypeError);
    expect(String(error)).to.contain('#nowhere');
    expect(facade.element).to.equal(undefined);
  });

  it('update() changes the same element, keeps every on() handler, and resolves on the new data-ready', async () => {
    const sandbox = await newSandbox();
    const totals: number[] = [];
    facade.on('data-ready', (detail) => totals.push(detail.summary!.subtotal));
    const el = await facade.mount(options(sandbox));
    const same = await facade.update({ items: [{ planId: SEED.plans.starter, quantity: 3 }] });
    expect(same).to.equal(el);
    expect(container.querySelectorAll('rebilly-instruments')).to.have.length(1);
    expect(totals).to.deep.equal([49, 147]);
    // A locale change makes no request and resolves once rendered.
    await sandbox.clearLog();
    await facade.update({ locale: 'fr-FR' });
    expect(el.locale).to.equal('fr-FR');
    expect(await sandbox.operations()).to.deep.equal([]);
  });

  it('update() rejects with the error its change causes', async () => {
    const sandbox = await newSandbox();
    await facade.mount(options(sandbox));
    const error = await facade.update({ money: { amount: -1, currency: 'USD' }, items: undefined }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RebillyInstrumentsError);
    expect((error as RebillyInstrumentsError).code).to.equal('invalid-config');
  });

  it('on() returns an unsubscribe function; off() removes handlers; unknown names throw', async () => {
    const sandbox = await newSandbox();
    const calls: string[] = [];
    const unsubscribe = facade.on('data-ready', () => calls.push('a'));
    const b = () => calls.push('b');
    facade.on('data-ready', b);
    unsubscribe();
    await facade.mount(options(sandbox));
    expect(calls).to.deep.equal(['b']);
    facade.off('data-ready', b);
    await facade.update({ items: [{ planId: SEED.plans.starter, quantity: 2 }] });
    expect(calls).to.deep.equal(['b']);
    expect(() => facade.on('summary-ready' as never, () => {})).to.throw(TypeError, /summary-ready/);
  });

  it('purchase() submits the payment like the pay button and resolves with purchase-completed', async () => {
    const sandbox = await newSandbox();
    const instruments: InstrumentReadyDetail[] = [];
    const completed: PurchaseCompletedDetail[] = [];
    facade.on('instrument-ready', (detail) => instruments.push(detail));
    facade.on('purchase-completed', (detail) => completed.push(detail));
    const el = await facade.mount(options(sandbox));
    await fillCard(el);
    const detail = (await facade.purchase()) as PurchaseCompletedDetail;
    expect(detail.transaction.result).to.equal('approved');
    expect(instruments).to.have.length(1);
    expect(instruments[0]!.token).to.equal(detail.token);
    expect(completed).to.deep.equal([detail]);
    expect(el.state).to.equal('completed');
    const ops = await sandbox.operations();
    expect(ops.filter((op) => op === 'POST StorefrontPostPurchase')).to.have.length(1);
  });

  it('purchase() with an incomplete form rejects, shows the field errors, and sends nothing', async () => {
    const sandbox = await newSandbox();
    const el = await facade.mount(options(sandbox));
    await sandbox.clearLog();
    const error = await facade.purchase().catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RebillyInstrumentsError);
    expect((error as RebillyInstrumentsError).code).to.equal('validation-failed');
    await el.updateComplete;
    expect(shadow(el).querySelectorAll('[part~="field-error"]').length).to.be.greaterThan(0);
    await aTimeout(50);
    expect(await sandbox.operations()).to.deep.equal([]);
  });

  it('a declined card rejects purchase() with payment-declined', async () => {
    const sandbox = await newSandbox();
    const el = await facade.mount(options(sandbox));
    await fillCard(el, { number: SEED.cards.declined });
    const error = await facade.purchase().catch((e: unknown) => e);
    expect(error).to.be.instanceOf(RebillyInstrumentsError);
    expect((error as RebillyInstrumentsError).code).to.equal('payment-declined');
    expect((error as RebillyInstrumentsError).detail.transaction?.result).to.equal('declined');
  });

  it('destroy() removes the element; a pending mount() rejects; mount() again works', async () => {
    const sandbox = await newSandbox({ latencyMs: 200 });
    const pending = facade.mount(options(sandbox));
    const el = facade.element!;
    expect(el.isConnected).to.equal(true);
    await facade.destroy();
    expect(el.isConnected).to.equal(false);
    expect(facade.element).to.equal(undefined);
    const error = await pending.catch((e: unknown) => e);
    expect(String(error)).to.match(/destroy/);
    const again = await facade.mount(options(sandbox));
    expect(again).not.to.equal(el);
    expect(again.isConnected).to.equal(true);
  });

  it('Rebilly’s theme object sets the element’s custom properties', async () => {
    const sandbox = await newSandbox();
    const el = await facade.mount(
      options(sandbox, { theme: { colorPrimary: 'rgb(10, 120, 60)', borderRadius: '12px', colorText: 'rgb(1, 2, 3)' } }),
    );
    expect(getComputedStyle(el).getPropertyValue('--rebilly-color-primary').trim()).to.equal('rgb(10, 120, 60)');
    expect(getComputedStyle(el).getPropertyValue('--rebilly-radius').trim()).to.equal('12px');
    const button = shadow(el).querySelector<HTMLElement>('[part~="pay-button"]')!;
    expect(getComputedStyle(button).backgroundColor).to.equal('rgb(10, 120, 60)');
    await facade.update({ theme: 'dark' });
    expect(el.getAttribute('theme')).to.equal('dark');
  });
});
