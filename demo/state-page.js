// demo/state.html: one state of the element on a page of its own (the gallery frames these pages).
//   ?state=<name>        one of demo/states.js's STATES (default ready-money)
//   &theme=light|dark    the element's theme (and the page's colours)
//   &dir=rtl             right to left: the locale defaults to `ar`
//   &locale=<BCP 47>     the element's locale
//   &cards=inline        the element's own card fields instead of FramePay's
//   &emulator=<url>      the emulator (default: the one the demo server wrote into the page)
//   &bundle=<path>       the element's module (default the CDN bundle; the tests load /src/define.ts)
// <html data-state> is "driving", then "done" once the state is reached, or "error" (the message is shown).
import { driveState, STATES } from './states.js';

const params = new URLSearchParams(location.search);
const html = document.documentElement;
const name = params.get('state') ?? 'ready-money';
const theme = params.get('theme') === 'dark' ? 'dark' : params.get('theme') === 'light' ? 'light' : undefined;
const rtl = params.get('dir') === 'rtl';
const locale = params.get('locale') ?? (rtl ? 'ar' : undefined);
const cards = params.get('cards');
const metaUrl = document.querySelector('meta[name="rebilly-emulator"]')?.getAttribute('content') ?? '';
const emulator = params.get('emulator') ?? (metaUrl.startsWith('http') ? metaUrl : '');
const bundle = params.get('bundle') ?? '/dist/cdn/rebilly-instruments.js';

html.dataset.state = 'driving';
html.dataset.stateName = name;
if (theme) html.dataset.theme = theme;
if (rtl) html.dir = 'rtl';
if (window !== window.parent) html.classList.add('framed');

const title = STATES.find((s) => s.name === name)?.title ?? name;
const variant = [theme, rtl ? 'right to left' : '', locale && !rtl ? locale : ''].filter(Boolean).join(', ');
document.title = `${title}${variant ? ` (${variant})` : ''} · <rebilly-instruments> states`;
const heading = document.getElementById('state-title');
if (heading) heading.textContent = `${name}${variant ? ` (${variant})` : ''}: ${title}`;

/** Tells the gallery (the parent page) how tall this page is, so its frame shows all of it. */
function reportHeight() {
  if (window === window.parent) return;
  const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
  window.parent.postMessage({ source: 'rebilly-state', href: location.href, height }, location.origin);
}
new ResizeObserver(reportHeight).observe(document.documentElement);

try {
  if (!emulator) throw new Error('No emulator URL: open this page from `npm start`, or add ?emulator=<url>.');
  if (!bundle.startsWith('/') || bundle.startsWith('//')) throw new Error('bundle must be a path on this site');
  await import(bundle);
  await customElements.whenDefined('rebilly-instruments');
  const container = /** @type {HTMLElement} */ (document.getElementById('state-container'));
  await driveState(name, container, {
    emulator,
    ...(theme ? { theme } : {}),
    ...(locale ? { locale } : {}),
    ...(cards === 'inline' || cards === 'framepay' ? { cardFields: cards } : {}),
    scrollToPay: window === window.parent,
  });
  html.dataset.state = 'done';
} catch (error) {
  html.dataset.state = 'error';
  const message = document.getElementById('state-message');
  if (message) message.textContent = `Could not reach the state "${name}": ${error instanceof Error ? error.message : String(error)}`;
  console.error(error);
}
reportHeight();
