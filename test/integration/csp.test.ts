// Under a strict Content-Security-Policy (script-src 'self'; style-src 'self'; no 'unsafe-inline', no
// 'unsafe-eval'; FramePay's origin allowed in script-src, style-src and frame-src, as the README says), the
// element renders styled, pays with FramePay's card field, and causes no `securitypolicyviolation`.
// The page (test/integration/csp/page.html) is served with that policy as a header and loaded in an iframe.
import { expect } from '@open-wc/testing';
import type { RebillyInstrumentsElement } from '../../src/index.js';
import { newSandbox } from '../helpers/emulator.js';
import { fillHostedCard, pay, shadow, until } from '../helpers/checkout.js';

interface CspState {
  violations: { directive: string; blocked: string; sample: string }[];
  ready: boolean;
  errors: string[];
}
type PageWindow = Window & { __csp?: CspState; eval: (code: string) => unknown };

describe('strict Content-Security-Policy', () => {
  it('renders styled and pays with no CSP violation', async () => {
    const sandbox = await newSandbox();
    const url = `/test/integration/csp/page.html?api=${encodeURIComponent(sandbox.url)}`;
    const policy = (await fetch(url)).headers.get('content-security-policy') ?? '';
    expect(policy).to.contain("script-src 'self'").and.contain("style-src 'self'");
    expect(policy).not.to.contain('unsafe');
    const framepayOrigin = new URL(sandbox.url).origin;
    for (const directive of ['script-src', 'style-src', 'frame-src']) {
      expect(policy).to.match(new RegExp(`${directive} [^;]*${framepayOrigin.replace(/[.:/]/g, '\\$&')}`));
    }

    const frame = document.createElement('iframe');
    frame.src = url;
    frame.title = 'strict CSP page';
    document.body.append(frame);
    try {
      const win = frame.contentWindow as PageWindow;
      await until(() => !!win.__csp?.ready || !!win.__csp?.errors.length, 10_000, 'data-ready in the CSP page');
      const state = win.__csp!;
      expect(state.errors).to.deep.equal([]);

      const el = frame.contentDocument!.querySelector('rebilly-instruments') as RebillyInstrumentsElement;
      await el.updateComplete;
      const button = shadow(el).querySelector<HTMLElement>('[part~="pay-button"]')!;
      // The element's own styles applied (constructable stylesheets), themed by the page's stylesheet.
      const view = frame.contentWindow!;
      expect(view.getComputedStyle(button).backgroundColor).to.equal('rgb(10, 120, 60)');
      expect(shadow(el).adoptedStyleSheets.length).to.be.greaterThan(0);

      await fillHostedCard(el);
      await pay(el);
      await until(() => el.state === 'completed', 10_000, 'the payment under CSP');
      await el.updateComplete;
      expect(state.violations).to.deep.equal([]);

      // Control: the policy is really enforced in that page and violations are really recorded.
      expect(() => win.eval('1')).to.throw();
      await until(() => state.violations.length > 0, 2000, 'the control violation');
      expect(state.violations[0]!.directive).to.match(/^script-src/);
    } finally {
      frame.remove();
    }
  });
});
