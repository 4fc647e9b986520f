/**
 * Loading FramePay (its own page: FramePay is loaded once per page): the load starts beside the first API
 * round, and a failed load is a retryable `network` error that leaves the rest of the element usable.
 */
import { expect, oneEvent, aTimeout } from '@open-wc/testing';
import { newSandbox, SEED } from '../helpers/emulator.js';
import { chooseNewCard, hostedCardReady, payButton, shadow, until } from '../helpers/checkout.js';
import '../../src/define.js';

describe('loading FramePay', () => {
  it('fails to load: saved cards still pay; choosing a new card says so (network, retryable); Retry loads it', async () => {
    const sandbox = await newSandbox({ latencyMs: 100 });
    await sandbox.fault({ kind: 'status-500', path: '/framepay/framepay.js' });
    const el = document.createElement('rebilly-instruments');
    Object.assign(el, {
      apiUrl: sandbox.url,
      framepayUrl: `${sandbox.url}/framepay/framepay.js`,
      jwt: await sandbox.customerJwt({ customerId: SEED.customers.alice }),
      invoiceId: 'inv-partial',
    });
    const errors: { code: string; retryable: boolean }[] = [];
    el.addEventListener('error', (e) => errors.push(e.detail));
    const ready = oneEvent(el, 'data-ready');
    document.body.append(el);
    await ready;
    await el.updateComplete;
    // The script was requested beside the first API round, not after it.
    const log = await sandbox.log();
    const script = log.find((r) => r.path.endsWith('/framepay/framepay.js'))!;
    const firstApi = log.filter((r) => !r.preflight && r.operationId).sort((a, b) => a.startedAt - b.startedAt)[0]!;
    expect(script.startedAt, 'FramePay requested before the first API answer').to.be.lessThan(firstApi.endedAt);

    // The customer's default saved card is preselected: nothing about FramePay is reported yet.
    expect(errors).to.deep.equal([]);
    expect(await chooseNewCard(el)).to.equal(true);
    await until(() => errors.length > 0, 5000, 'the load error');
    expect(errors.map((e) => [e.code, e.retryable])).to.deep.equal([['network', true]]);
    await el.updateComplete;
    expect(shadow(el).querySelector('[part~="card-field"]')!.parentElement!.textContent).to.match(/could not be loaded/i);

    // Retry: loads again (the fault was used up) and the field is drawn.
    shadow(el).querySelector<HTMLButtonElement>('[part~="card-field"] ~ div [part~="retry-button"]')!.click();
    await hostedCardReady(el);
    expect(errors).to.have.length(1);

    // A saved card still pays.
    const saved = shadow(el).querySelector<HTMLInputElement>('input[name="instrument"]')!;
    saved.click();
    await el.updateComplete;
    const completed = oneEvent(el, 'purchase-completed');
    payButton(el).click();
    await completed;
    await aTimeout(100);
    el.remove();
  });
});
