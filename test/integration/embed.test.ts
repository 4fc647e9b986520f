// The CMS / no-code embed: one tag whose purchase data is JSON in attributes, no page script at all; and
// registering the tag more than once (two imports, two copies of the package) is harmless.
import { expect, fixture, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import { RebillyInstrumentsElement } from '../../src/index.js';
import { newSandbox, SEED } from '../helpers/emulator.js';
import { payButton } from '../helpers/checkout.js';

describe('embed', () => {
  it('markup alone (JSON attributes) loads the checkout', async () => {
    const sandbox = await newSandbox();
    const wrapper = await fixture<HTMLDivElement>(`<div></div>`);
    const ready = new Promise<Event>((resolve) => wrapper.addEventListener('data-ready', resolve, { once: true }));
    // As a CMS would write it: attributes only, innerHTML, no property set from script.
    wrapper.innerHTML = `<rebilly-instruments api-url="${sandbox.url}" publishable-key="${SEED.publishableKey}"
      organization-id="${SEED.organizationId}" website-id="${SEED.websiteId}" locale="en-US"
      framepay-url="${sandbox.url}/framepay/framepay.js"
      items='[{"planId":"${SEED.plans.starter}","quantity":2}]'></rebilly-instruments>`;
    const el = wrapper.querySelector('rebilly-instruments')!;
    await ready; // data-ready bubbles to the page
    await el.updateComplete;
    expect(el.items).to.deep.equal([{ planId: SEED.plans.starter, quantity: 2 }]);
    expect(payButton(el).textContent!.trim()).to.match(/^pay/i);
  });

  it('importing the define module again, or a second copy of it, keeps the first registration', async () => {
    const first = customElements.get('rebilly-instruments');
    expect(first).to.equal(RebillyInstrumentsElement);
    // A query string makes the browser load and run a second instance of the module.
    const url = new URL('../../src/define.ts', import.meta.url).href;
    const copy = (await import(/* @vite-ignore */ `${url}?copy=2`)) as typeof import('../../src/define.js');
    expect(copy.TAG_NAME).to.equal('rebilly-instruments');
    expect(customElements.get('rebilly-instruments')).to.equal(first);

    // A foreign copy of the class (another bundle) that calls define guardedly does not throw either.
    class Other extends HTMLElement {}
    expect(() => {
      if (!customElements.get('rebilly-instruments')) customElements.define('rebilly-instruments', Other);
    }).not.to.throw();
    expect(customElements.get('rebilly-instruments')).to.equal(first);

    // Elements created after the second import are still the first class, and work.
    const sandbox = await newSandbox();
    const el = document.createElement('rebilly-instruments');
    expect(el).to.be.instanceOf(first!);
    Object.assign(el, {
      apiUrl: sandbox.url,
      framepayUrl: `${sandbox.url}/framepay/framepay.js`,
      publishableKey: SEED.publishableKey,
      organizationId: SEED.organizationId,
      websiteId: SEED.websiteId,
      money: { amount: 10, currency: 'USD' },
    });
    const ready = oneEvent(el, 'data-ready');
    document.body.append(el);
    await ready;
    el.remove();
  });
});
