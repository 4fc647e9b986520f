// Records every CSP violation from the very start, then loads and mounts the element (dynamic import, so
// that the listener exists before any of the element's code runs). The parent test reads `window.__csp`.
const state = { violations: [], ready: false, errors: [] };
window.__csp = state;
document.addEventListener('securitypolicyviolation', (event) => {
  state.violations.push({ directive: event.violatedDirective, blocked: event.blockedURI, sample: event.sample });
});

const api = new URLSearchParams(location.search).get('api');
await import('/src/define.ts');
const el = document.createElement('rebilly-instruments');
el.apiUrl = api;
// FramePay (the default card fields) from the emulator's stand-in: the policy allows its origin.
el.framepayUrl = `${api}/framepay/framepay.js`;
el.setAttribute('publishable-key', 'pk_sandbox_emulator');
el.setAttribute('organization-id', 'demo-org');
el.setAttribute('website-id', 'demo-website');
el.setAttribute('locale', 'en-US');
el.setAttribute('items', '[{"planId":"plan-starter","quantity":1}]');
el.addEventListener('data-ready', () => (state.ready = true));
el.addEventListener('error', (event) => state.errors.push(event.detail.code));
document.getElementById('host').append(el);
