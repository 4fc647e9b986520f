// Vue 3 renders <rebilly-instruments> through the documented example (demo/frameworks/vue-checkout.js):
// `items` reaches the element as a property, and `data-ready` and `error` arrive through Vue's event
// bindings (`onDataReady` / `@data-ready`, `onError` / `@error`).
import { expect } from '@open-wc/testing';
import { createApp, h, nextTick, reactive, type App } from 'vue';
import '../../src/define.js';
import type { DataReadyDetail, ErrorDetail } from '../../src/index.js';
import { Checkout } from '../../demo/frameworks/vue-checkout.js';
import { newSandbox, SEED } from '../helpers/emulator.js';

const CART = [{ planId: SEED.plans.starter, quantity: 2 }];

describe('Vue 3', () => {
  let host: HTMLDivElement;
  let app: App | undefined;

  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
  });

  afterEach(() => {
    app?.unmount();
    app = undefined;
    host.remove();
  });

  it('sets items as a property and delivers data-ready through @data-ready', async () => {
    const sandbox = await newSandbox();
    const state = reactive({ items: CART as { planId: string; quantity: number }[] });
    const readies: DataReadyDetail[] = [];
    let wake: () => void = () => {};
    app = createApp({
      render: () =>
        h(Checkout, {
          publishableKey: SEED.publishableKey,
          organizationId: SEED.organizationId,
          websiteId: SEED.websiteId,
          apiUrl: sandbox.url,
          framepayUrl: `${sandbox.url}/framepay/framepay.js`,
          locale: 'en-US',
          items: state.items,
          onReady: (detail: DataReadyDetail) => {
            readies.push(detail);
            wake();
          },
          onError: (detail: ErrorDetail) => expect.fail(`unexpected error: ${detail.code}`),
        }),
    });
    app.mount(host);
    const el = host.querySelector('rebilly-instruments')!;
    expect(el.items).to.deep.equal(CART);
    expect(Array.isArray(el.items)).to.equal(true);
    expect(el.hasAttribute('items')).to.equal(false);
    const next = (count: number) =>
      new Promise<void>((resolve) => {
        wake = () => readies.length >= count && resolve();
        wake();
      });
    await next(1);
    expect(readies[0]!.mode).to.equal('items');
    expect(readies[0]!.summary!.subtotal).to.equal(98);

    // Reactive state change → the same element is updated.
    state.items = [{ planId: SEED.plans.starter, quantity: 3 }];
    await nextTick();
    expect(host.querySelector('rebilly-instruments')).to.equal(el);
    await next(2);
    expect(readies[1]!.summary!.subtotal).to.equal(147);
  });

  it('delivers error events through @error', async () => {
    const sandbox = await newSandbox();
    const error = new Promise<ErrorDetail>((resolve) => {
      app = createApp({
        render: () =>
          h(Checkout, {
            publishableKey: SEED.publishableKey,
            organizationId: SEED.organizationId,
            websiteId: SEED.websiteId,
            apiUrl: sandbox.url,
            framepayUrl: `${sandbox.url}/framepay/framepay.js`,
            items: [{ planId: SEED.plans.starter, quantity: 0 }],
            onReady: () => expect.fail('data-ready for invalid items'),
            onError: resolve,
          }),
      });
      app.mount(host);
    });
    const detail = await error;
    expect(detail.code).to.equal('invalid-config');
    expect(detail.invalidFields?.map((f) => f.field)).to.include('items.0.quantity');
  });
});
