// demo/states.html: every state of demo/states.js in a frame of demo/state.html, in light, dark, right to
// left, at 375 px, and the card fields at 280, 320 and 480 px. The page's own `emulator` and `bundle`
// parameters are passed on to every frame.
import { STATES } from './states.js';

const own = new URLSearchParams(location.search);
const main = /** @type {HTMLElement} */ (document.getElementById('gallery'));

/**
 * @param {string} id
 * @param {string} title
 * @param {{name: string, title: string, width: number, params?: Record<string, string>}[]} frames
 */
function section(id, title, frames) {
  const el = document.createElement('section');
  el.id = id;
  el.setAttribute('aria-labelledby', `${id}-title`);
  const h2 = document.createElement('h2');
  h2.id = `${id}-title`;
  h2.textContent = title;
  const grid = document.createElement('div');
  grid.className = 'grid';
  for (const frame of frames) grid.append(figure(id, frame));
  el.append(h2, grid);
  main.append(el);
}

/**
 * @param {string} sectionId
 * @param {{name: string, title: string, width: number, params?: Record<string, string>}} frame
 */
function figure(sectionId, { name, title, width, params = {} }) {
  const query = new URLSearchParams({ state: name, ...params });
  for (const key of ['emulator', 'bundle']) {
    const value = own.get(key);
    if (value) query.set(key, value);
  }
  const src = `/demo/state.html?${query}`;
  const variant = Object.entries(params).map(([k, v]) => `${k}=${v}`).join(', ');
  const label = `${title}${variant ? ` (${variant})` : ''}, ${width} px`;
  const fig = document.createElement('figure');
  const h3 = document.createElement('h3');
  h3.id = `${sectionId}-${name}${Object.values(params).join('-')}-${width}`;
  const link = document.createElement('a');
  link.href = src;
  link.textContent = name;
  const code = document.createElement('code');
  code.append(link);
  h3.append(code, ` ${title}`);
  const iframe = document.createElement('iframe');
  iframe.src = src;
  iframe.title = label;
  iframe.width = String(width);
  iframe.height = '420';
  iframe.loading = 'lazy';
  iframe.dataset.state = name;
  if (params.theme === 'dark') iframe.className = 'dark';
  fig.setAttribute('aria-labelledby', h3.id);
  fig.append(h3, iframe);
  return fig;
}

// A frame says how tall its page is: show all of it.
window.addEventListener('message', (event) => {
  if (event.origin !== location.origin || event.data?.source !== 'rebilly-state') return;
  for (const iframe of document.querySelectorAll('iframe')) {
    if (iframe.contentWindow === event.source && Number.isFinite(event.data.height)) {
      iframe.height = String(Math.max(120, Math.min(4000, event.data.height)));
    }
  }
});

const all = (/** @type {Record<string, string>} */ params, width = 480) => STATES.map((s) => ({ ...s, width, params }));
section('light', 'Light', all({ theme: 'light' }));
section('dark', 'Dark', all({ theme: 'dark' }));
section('rtl', 'Right to left (locale ar)', all({ dir: 'rtl' }));
section('narrow', '375 px wide (a phone)', all({ theme: 'light' }, 375));
section(
  'widths',
  'Card fields (inline) at 280, 320 and 480 px',
  [280, 320, 480].flatMap((width) => [
    { name: 'ready-money', title: 'Ready: a plain amount', width, params: { cards: 'inline' } },
    { name: 'field-errors', title: 'Field errors', width, params: { cards: 'inline' } },
  ]),
);
