// React 19 renders <rebilly-instruments> through the documented example (demo/frameworks/react-checkout.js):
// `items` reaches the element as a property (an array, not an attribute string), and `data-ready` and
// `error` arrive through React's own custom-element event props (`ondata-ready`, `onerror`).
import { expect } from '@open-wc/testing';
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import '../../src/define.js';
import type { DataReadyDetail, ErrorDetail } from '../../src/index.js';
import { Checkout } from '../../demo/frameworks/react-checkout.js';
import { newSandbox, SEED } from '../helpers/emulator.js';

const CART = [{ planId: SEED.plans.starter, quantity: 2 }];

describe('React 19', () => {
  let host: HTMLDivElement;
  let root: Root;

  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
    root = createRoot(host);
  });

  afterEach(() => {
    flushSync(() => root.unmount());
    host.remove();
  });

  function render(props: Record<string, unknown>) {
    flushSync(() => root.render(createElement(Checkout, props as never)));
  }

  it('sets items as a property and delivers data-ready through ondata-ready', async () => {
    const sandbox = await newSandbox();
    const base = {
      publishableKey: SEED.publishableKey,
      organizationId: SEED.organizationId,
      websiteId: SEED.websiteId,
      apiUrl: sandbox.url,
      framepayUrl: `${sandbox.url}/framepay/framepay.js`,
      locale: 'en-US',
    };
    let onReady!: (detail: DataReadyDetail) => void;
    let ready = new Promise<DataReadyDetail>((resolve) => (onReady = resolve));
    const onError = (detail: ErrorDetail) => expect.fail(`unexpected error: ${detail.code}`);
    render({ ...base, items: CART, onReady: (d: DataReadyDetail) => onReady(d), onError });
    const el = host.querySelector('rebilly-instruments')!;
    expect(el.items).to.equal(CART);
    expect(el.hasAttribute('items')).to.equal(false);
    const detail = await ready;
    expect(detail.mode).to.equal('items');
    expect(detail.summary!.lineItems).to.have.length(1);
    expect(detail.summary!.subtotal).to.equal(98);

    // A re-render with new props is an update of the same element, not a remount.
    ready = new Promise<DataReadyDetail>((resolve) => (onReady = resolve));
    const bigger = [{ planId: SEED.plans.starter, quantity: 3 }];
    render({ ...base, items: bigger, onReady: (d: DataReadyDetail) => onReady(d), onError });
    expect(host.querySelector('rebilly-instruments')).to.equal(el);
    expect(el.items).to.equal(bigger);
    expect((await ready).summary!.subtotal).to.equal(147);
  });

  it('delivers error events through onerror', async () => {
    const sandbox = await newSandbox();
    const error = new Promise<ErrorDetail>((resolve) => {
      render({
        publishableKey: SEED.publishableKey,
        organizationId: SEED.organizationId,
        websiteId: SEED.websiteId,
        apiUrl: sandbox.url,
        framepayUrl: `${sandbox.url}/framepay/framepay.js`,
        items: [{ planId: SEED.plans.starter, quantity: 0 }],
        onReady: () => expect.fail('data-ready for invalid items'),
        onError: resolve,
      });
    });
    const detail = await error;
    expect(detail.code).to.equal('invalid-config');
    expect(detail.invalidFields?.map((f) => f.field)).to.include('items.0.quantity');
  });
});
