// The benchmark page: instruments fetch and the element's render() (without editing the element), loads the
// built single-file bundle, and exposes `window.bench` for bench/browser.mjs to drive through puppeteer.
// Everything here is bounded: every wait has a timeout.

/** Requests the page made (fetch only: preflights are invisible here; the emulator's log has them). */
const net = { started: 0, finished: 0, inflight: 0, lastActivity: performance.now() };
const realFetch = window.fetch;
window.fetch = function benchFetch(...args) {
  net.started++;
  net.inflight++;
  net.lastActivity = performance.now();
  const done = () => {
    net.inflight--;
    net.finished++;
    net.lastActivity = performance.now();
  };
  return realFetch.apply(this, args).then(
    (response) => {
      done();
      return response;
    },
    (error) => {
      done();
      throw error;
    },
  );
};

const bundle = new URLSearchParams(location.search).get('bundle') ?? '/dist/cdn/rebilly-instruments.js';
const mod = await import(bundle);
const Element = mod.RebillyInstrumentsElement ?? customElements.get('rebilly-instruments');

/** Renders per element and in total, counted by wrapping the prototype's render(). */
const renders = new WeakMap();
let totalRenders = 0;
const originalRender = Element.prototype.render;
Element.prototype.render = function countedRender() {
  totalRenders++;
  renders.set(this, (renders.get(this) ?? 0) + 1);
  return originalRender.call(this);
};

const stage = document.getElementById('stage');
const elements = new Map();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function make(config) {
  const el = document.createElement('rebilly-instruments');
  for (const [key, value] of Object.entries(config)) el[key] = value;
  return el;
}

/** The first `data-ready` or `error` of an element, or a timeout. */
function outcome(el, timeoutMs) {
  return new Promise((resolve) => {
    const finish = (result) => {
      clearTimeout(timer);
      el.removeEventListener('data-ready', onReady);
      el.removeEventListener('error', onError);
      resolve({ ...result, t: performance.now(), wall: Date.now() });
    };
    const onReady = (e) =>
      finish({ kind: 'ready', mode: e.detail.mode, lines: e.detail.summary?.lineItems?.length ?? null });
    const onError = (e) => finish({ kind: 'error', code: e.detail.code, message: e.detail.message });
    const timer = setTimeout(() => finish({ kind: 'timeout', state: el.state }), timeoutMs);
    el.addEventListener('data-ready', onReady);
    el.addEventListener('error', onError);
  });
}

/** Waits until no request is in flight for `quietMs` and the element is in a resting state. */
async function settle(el, { quietMs = 300, timeoutMs = 10000 } = {}) {
  const start = performance.now();
  for (;;) {
    const resting = !el || ['ready', 'failed', 'completed', 'idle'].includes(el.state);
    if (net.inflight === 0 && performance.now() - net.lastActivity >= quietMs && resting) return true;
    if (performance.now() - start > timeoutMs) return false;
    await sleep(10);
  }
}

function type(root, id, value) {
  const input = root.querySelector(`#field-${id}`);
  if (!input) return false;
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new FocusEvent('blur'));
  return true;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};

window.bench = {
  ready: true,
  net,
  renderCount: () => totalRenders,

  /** Connects one element and times connect → data-ready (or error / timeout). */
  async connect(id, config, timeoutMs) {
    const el = make(config);
    elements.set(id, el);
    const wait = outcome(el, timeoutMs);
    const t0 = performance.now();
    const wall0 = Date.now();
    stage.append(el);
    const result = await wait;
    await el.updateComplete;
    return { ...result, ms: result.t - t0, wall0, renders: renders.get(el) ?? 0 };
  },

  /**
   * Connects one element and times connect → data-ready and → FramePay's card field drawn (its frame
   * group no longer busy), or a timeout.
   */
  async connectCard(id, config, timeoutMs) {
    const el = make(config);
    elements.set(id, el);
    const wait = outcome(el, timeoutMs);
    const t0 = performance.now();
    const wall0 = Date.now();
    stage.append(el);
    const result = await wait;
    const deadline = t0 + timeoutMs;
    const drawn = () => el.shadowRoot?.querySelector('[part~="card-field"]')?.getAttribute('aria-busy') === 'false';
    while (!drawn() && performance.now() < deadline) await sleep(5);
    const t = performance.now();
    return { ...result, readyMs: result.t - t0, cardMs: drawn() ? t - t0 : null, wall0, wall: Date.now() };
  },

  remove(id) {
    elements.get(id)?.remove();
    elements.delete(id);
  },

  removeAll() {
    for (const el of elements.values()) el.remove();
    elements.clear();
    stage.replaceChildren();
  },

  /**
   * Applies a change to a connected element and waits until it settles. Kinds: `burst-sync` (20 quantity
   * changes in one task), `burst-tasks` (20, one per macrotask), `burst-16ms` (20, 16 ms apart: 300 ms of
   * changes, longer than any debounce), `locale`, `same-items` (a new but equal items array).
   */
  async change(id, kind) {
    const el = elements.get(id);
    const r0 = renders.get(el) ?? 0;
    const n0 = net.started;
    let readyEvents = 0;
    let last;
    const onReady = (e) => {
      readyEvents++;
      last = e.detail;
    };
    el.addEventListener('data-ready', onReady);
    const planId = el.items?.[0]?.planId ?? 'plan-starter';
    const q0 = el.items?.[0]?.quantity ?? 1;
    let expectedQuantity = q0;
    const setQuantity = (q) => {
      el.items = [{ planId, quantity: q }];
      expectedQuantity = q;
    };
    if (kind === 'burst-sync') for (let i = 1; i <= 20; i++) setQuantity(q0 + i);
    else if (kind === 'burst-tasks') for (let i = 1; i <= 20; i++) setQuantity(q0 + i), await sleep(0);
    else if (kind === 'burst-16ms') for (let i = 1; i <= 20; i++) setQuantity(q0 + i), await sleep(16);
    else if (kind === 'locale') el.locale = el.locale === 'fr' ? 'en' : 'fr';
    else if (kind === 'same-items') el.items = el.items.map((item) => ({ ...item }));
    net.lastActivity = performance.now();
    const settled = await settle(el);
    await el.updateComplete;
    el.removeEventListener('data-ready', onReady);
    const shown = last?.summary?.lineItems?.[0]?.quantity;
    return {
      requests: net.started - n0,
      renders: (renders.get(el) ?? 0) - r0,
      dataReadyEvents: readyEvents,
      settled,
      state: el.state,
      consistent: kind.startsWith('burst') ? shown === expectedQuantity : null,
    };
  },

  /** A cart of `lines` lines cycling through the seeded USD plans (repeated plans are separate lines). */
  cart(lines) {
    const plans = ['plan-starter', 'plan-pro-monthly', 'plan-team-trial'];
    return Array.from({ length: lines }, (_, i) => ({ planId: plans[i % plans.length], quantity: 1 + (i % 3) }));
  },

  /** Update costs on a connected element: render-only updates, and one quantity change end to end. */
  async updateTimes(id, { repeats = 15, e2eRepeats = 5 } = {}) {
    const el = elements.get(id);
    const flush = () => el.shadowRoot?.firstElementChild?.getBoundingClientRect();
    const time = async (fn) => {
      const t = performance.now();
      fn();
      await el.updateComplete;
      flush();
      return performance.now() - t;
    };
    const locale = [];
    const forced = [];
    for (let i = 0; i < repeats; i++) locale.push(await time(() => (el.locale = el.locale === 'fr' ? 'en' : 'fr')));
    for (let i = 0; i < repeats; i++) forced.push(await time(() => el.requestUpdate()));
    const e2e = [];
    let requests = 0;
    for (let i = 0; i < e2eRepeats; i++) {
      await settle(el);
      const n0 = net.started;
      const wait = outcome(el, 10000);
      const t = performance.now();
      el.items = el.items.map((item, j) => (j === 0 ? { ...item, quantity: item.quantity + 1 } : item));
      const r = await wait;
      await el.updateComplete;
      flush();
      if (r.kind !== 'ready') return { error: `${r.kind} ${r.code ?? ''} ${r.message ?? ''}` };
      e2e.push(performance.now() - t);
      requests += net.started - n0;
    }
    const lines = el.shadowRoot?.querySelectorAll('[part~="line-item"]').length ?? 0;
    return {
      lines,
      nodes: el.shadowRoot?.querySelectorAll('*').length ?? 0,
      localeMs: median(locale),
      rerenderMs: median(forced),
      quantityChangeMs: median(e2e),
      requestsPerQuantityChange: requests / e2eRepeats,
    };
  },

  /** `n` new elements: connect, (wait for data-ready,) disconnect. */
  async cycleNew(config, n, { waitReady = true } = {}) {
    let ready = 0;
    let other = 0;
    for (let i = 0; i < n; i++) {
      const el = make(config);
      const wait = waitReady ? outcome(el, 10000) : null;
      stage.append(el);
      if (wait) (await wait).kind === 'ready' ? ready++ : other++;
      else await sleep(0);
      el.remove();
    }
    await settle(null);
    return { ready, other };
  },

  /** One element, moved out of and back into the document `n` times. */
  async cycleSame(config, n) {
    const el = make(config);
    const wait = outcome(el, 10000);
    stage.append(el);
    const first = await wait;
    for (let i = 0; i < n; i++) {
      el.remove();
      await sleep(0);
      stage.append(el);
      await el.updateComplete;
    }
    await settle(el);
    const state = el.state;
    el.remove();
    return { first: first.kind, state };
  },

  /** `n` purchases, one new element each: fill the card form, pay, wait for purchase-completed. */
  async purchases(config, n, card) {
    let completed = 0;
    const failures = [];
    for (let i = 0; i < n; i++) {
      const el = make(config);
      const ready = outcome(el, 10000);
      stage.append(el);
      const r = await ready;
      if (r.kind !== 'ready') {
        failures.push(`${r.kind} ${r.code ?? ''}`);
        el.remove();
        continue;
      }
      await el.updateComplete;
      const root = el.shadowRoot;
      type(root, 'email', 'bench@example.com');
      type(root, 'name', 'Ada Lovelace');
      type(root, 'number', card.number);
      type(root, 'expiry', card.expiry);
      type(root, 'cvv', card.cvv);
      await el.updateComplete;
      const result = new Promise((resolve) => {
        const timer = setTimeout(() => resolve(`timeout (state ${el.state})`), 15000);
        el.addEventListener('purchase-completed', () => (clearTimeout(timer), resolve('ok')), { once: true });
        el.addEventListener('error', (e) => (clearTimeout(timer), resolve(e.detail.code)), { once: true });
      });
      root.querySelector('[part~="pay-button"]')?.click();
      const how = await result;
      if (how === 'ok') completed++;
      else failures.push(how);
      el.remove();
    }
    await settle(null);
    return { completed, failures: failures.slice(0, 5), failureCount: failures.length };
  },

  /** `configs.length` elements connected in one task; times to first and last data-ready. */
  async many(configs, timeoutMs) {
    const els = configs.map(make);
    const waits = els.map((el) => outcome(el, timeoutMs));
    const t0 = performance.now();
    const wall0 = Date.now();
    for (const el of els) stage.append(el);
    const results = await Promise.all(waits);
    const readyTimes = results.filter((r) => r.kind === 'ready').map((r) => r.t - t0);
    for (const el of els) el.remove();
    return {
      ready: readyTimes.length,
      others: results.filter((r) => r.kind !== 'ready').map((r) => `${r.kind} ${r.code ?? ''}`).slice(0, 3),
      firstMs: readyTimes.length ? Math.min(...readyTimes) : null,
      lastMs: readyTimes.length ? Math.max(...readyTimes) : null,
      wall0,
      wallEnd: Math.max(...results.map((r) => r.wall)),
      fetches: null,
    };
  },
};
