// Browser figures for `npm run bench`: round trips to data-ready per mode, update cost, memory and leaks,
// many instances. Headless Chromium (puppeteer-core) drives bench/page.html, served with dist/ by
// bench/server.mjs; the Storefront emulator runs in this process. Everything is on 127.0.0.1, every wait
// is bounded, and the browser, the server and the emulator are closed at the end.
import puppeteer from 'puppeteer-core';
import { startEmulator } from '../emulator/index.mjs';
import { CHROME_ARGS, findChrome } from '../scripts/find-chrome.mjs';
import { startStaticServer } from './server.mjs';

const PK = 'pk_sandbox_emulator';
const ORG = 'demo-org';
const WEBSITE = 'demo-website';
const CART = [
  { planId: 'plan-starter', quantity: 2 },
  { planId: 'plan-pro-monthly', quantity: 1 },
];
const USD_PLANS = ['plan-starter', 'plan-pro-monthly', 'plan-team-trial'];
/**
 * What the leak and many-element benches use: a website that offers cards only (no wallet frames, no other
 * way to pay's code) and a cart that needs no delivery address, typed into inline card fields: they measure
 * the element, not FramePay's frames or the order's inputs.
 */
const PLAIN = { cardFields: 'inline', websiteId: 'cards-only-website', items: [{ planId: 'plan-pro-monthly', quantity: 1 }] };
export const cartOf = (lines) =>
  Array.from({ length: lines }, (_, i) => ({ planId: USD_PLANS[i % USD_PLANS.length], quantity: 1 + (i % 3) }));

/**
 * The modes, their seeded data and the target (sequential API round trips to data-ready once preflights are
 * cached). JWT modes get a customer JWT from the emulator's merchant endpoint.
 */
export const MODES = [
  { mode: 'items', target: 1, config: { publishableKey: PK, items: CART } },
  { mode: 'money', target: 1, config: { publishableKey: PK, money: { amount: 25, currency: 'USD' } } },
  {
    mode: 'invoice-id',
    target: 2,
    jwt: { customerId: 'cus-alice', invoiceId: 'inv-unpaid' },
    config: { invoiceId: 'inv-unpaid' },
  },
  {
    mode: 'transaction-id',
    target: 2,
    jwt: { customerId: 'cus-alice', transactionId: 'txn-pending' },
    config: { transactionId: 'txn-pending' },
  },
  { mode: 'jwt', target: null, jwt: { customerId: 'cus-alice', invoiceId: 'inv-unpaid' }, config: {} },
  {
    mode: 'deposit',
    target: null,
    jwt: { customerId: 'cus-alice', depositRequestId: 'depreq-1' },
    config: { deposit: { depositRequestId: 'depreq-1' } },
  },
  {
    mode: 'payout',
    target: null,
    jwt: { customerId: 'cus-alice', payoutRequestId: 'payoutreq-pending' },
    config: { payout: { payoutRequestId: 'payoutreq-pending' } },
  },
];

async function call(url, init = {}) {
  const response = await fetch(url, { ...init, headers: { 'Content-Type': 'application/json' } });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${response.status}`);
  const text = await response.text();
  return text ? JSON.parse(text) : undefined;
}
const getLog = async (sb) => (await call(`${sb.url}/__emulator/log`)).requests;
const clearLog = (sb) => call(`${sb.url}/__emulator/log`, { method: 'DELETE' });
const mintJwt = async (sb, body) =>
  (await call(`${sb.url}/__merchant/customer-jwt`, { method: 'POST', body: JSON.stringify(body) })).token;

/**
 * The longest chain of requests where each one started only after the previous one was answered: the number
 * of sequential round trips, read from the emulator's start/end times (robust to a noisy machine: it does
 * not depend on how long anything took, only on what waited for what).
 */
export function criticalPath(entries) {
  const done = entries.filter((e) => e.endedAt != null).sort((a, b) => a.startedAt - b.startedAt || a.seq - b.seq);
  const best = new Map();
  for (const e of done) {
    let prev = null;
    for (const p of done) {
      if (p === e || p.endedAt > e.startedAt || !best.has(p)) continue;
      if (!prev || best.get(p).length > best.get(prev).length) prev = p;
    }
    const chain = prev ? [...best.get(prev), e] : [e];
    best.set(e, chain);
  }
  let longest = [];
  for (const chain of best.values()) if (chain.length > longest.length) longest = chain;
  return {
    length: longest.length,
    preflights: longest.filter((e) => e.preflight).length,
    api: longest.filter((e) => !e.preflight).length,
    path: longest.map((e) => (e.preflight ? `OPTIONS ${shortPath(e.path)}` : e.operationId ?? `${e.method} ${e.path}`)),
  };
}
// `/storefront/organizations/{org}/x`, `/organizations/{org}/storefront/x`, `/storefront/x`, `/organizations/{org}/tokens` → `x` / `tokens`.
const shortPath = (path) => path.replace(/^.*\/storefront\/(?:organizations\/[^/]+\/)?/, '').replace(/^\/organizations\/[^/]+\//, '');

/** Most requests the emulator was answering at one moment. */
function maxConcurrency(entries) {
  const events = entries
    .filter((e) => e.endedAt != null)
    .flatMap((e) => [
      [e.startedAt, 1],
      [e.endedAt, -1],
    ])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let max = 0;
  for (const [, d] of events) max = Math.max(max, (now += d));
  return max;
}

const countLog = (entries) => ({
  api: entries.filter((e) => !e.preflight).length,
  preflights: entries.filter((e) => e.preflight).length,
  operations: tally(entries.filter((e) => !e.preflight).map((e) => e.operationId ?? `${e.method} ${e.path}`)),
});
const tally = (xs) => xs.reduce((acc, x) => ((acc[x] = (acc[x] ?? 0) + 1), acc), {});

async function memory(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const counters = await cdp.send('Memory.getDOMCounters');
  const listeners = {};
  for (const target of ['window', 'document']) {
    const { result } = await cdp.send('Runtime.evaluate', { expression: target });
    const { listeners: found } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
    listeners[target] = found.length;
    await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
  }
  // Live element instances (queryObjects walks the heap after a GC): the direct leak check.
  const { result: proto } = await cdp.send('Runtime.evaluate', {
    expression: 'customElements.get("rebilly-instruments").prototype',
  });
  const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.objectId });
  const { result: count } = await cdp.send('Runtime.callFunctionOn', {
    objectId: objects.objectId,
    functionDeclaration: 'function () { return this.length; }',
    returnByValue: true,
  });
  await cdp.send('Runtime.releaseObject', { objectId: objects.objectId });
  await cdp.send('Runtime.releaseObject', { objectId: proto.objectId });
  return {
    liveElements: count.value,
    heapUsed: usedSize,
    nodes: counters.nodes,
    jsEventListeners: counters.jsEventListeners,
    documents: counters.documents,
    windowListeners: listeners.window,
    documentListeners: listeners.document,
  };
}
const diff = (a, b) => Object.fromEntries(Object.keys(b).map((k) => [k, b[k] - a[k]]));

export async function runBrowserBench({ latencyMs = 100, progress = () => {} } = {}) {
  const emulator = await startEmulator({ port: 0, quiet: true });
  const server = await startStaticServer();
  const browser = await puppeteer.launch({
    executablePath: findChrome(),
    args: CHROME_ARGS,
    headless: true,
    protocolTimeout: 180_000,
  });
  const pageErrors = [];
  const openPage = async () => {
    const page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error?.message ?? error)));
    await page.goto(`${server.url}/bench/page.html`, { waitUntil: 'load', timeout: 30_000 });
    await page.waitForFunction('window.bench?.ready === true', { timeout: 30_000 });
    return page;
  };
  // FramePay (the default card fields) from the emulator's stand-in, served with the sandbox's latency.
  const base = (sb) => ({ apiUrl: sb.url, framepayUrl: `${sb.url}/framepay/framepay.js`, organizationId: ORG, websiteId: WEBSITE });
  const results = { latencyMs, chrome: await browser.version() };
  const attempt = async (name, fn) => {
    progress(name);
    try {
      results[name] = await fn();
    } catch (error) {
      results[name] = { error: String(error?.stack ?? error) };
    }
  };

  try {
    // 0. Connect → FramePay's card field drawn, on a cold page (FramePay not loaded yet) and a cold sandbox:
    // FramePay's script and the field's frame must load beside the first API round, not after it.
    await attempt('cardField', async () => {
      const runs = [];
      for (let i = 0; i < 3; i++) {
        const page = await openPage();
        const sb = emulator.createSandbox({ latencyMs });
        await clearLog(sb);
        const r = await page.evaluate((c, t) => window.bench.connectCard('card', c, t), { ...base(sb), ...MODES[0].config }, Math.max(10000, latencyMs * 40));
        const entries = (await getLog(sb)).filter((e) => e.startedAt <= r.wall);
        const api = entries.filter((e) => e.operationId);
        const apiPath = criticalPath(api.concat(entries.filter((e) => e.preflight && !e.path.includes('/framepay/'))));
        runs.push({
          kind: r.kind,
          readyMs: r.readyMs,
          cardMs: r.cardMs,
          readyRounds: r.readyMs / latencyMs,
          cardRounds: r.cardMs == null ? null : r.cardMs / latencyMs,
          criticalPath: criticalPath(entries),
          apiCriticalPath: apiPath.length,
          framepayRequests: entries.filter((e) => e.path.includes('/framepay/')).length,
        });
        await page.close();
      }
      return { latencyMs, runs };
    });

    // 1. Round trips from connect to data-ready, per mode: cold (new sandbox, so new URLs and no cached
    // preflight) and warm (a second element on the same page and sandbox: preflights cached).
    await attempt('roundTrips', async () => {
      const page = await openPage();
      // Warm-up on a throwaway sandbox, so the first mode measured does not pay for the page's first
      // parse/JIT of the bundle (that is not a round trip).
      const spare = emulator.createSandbox({ latencyMs: 0 });
      await page.evaluate((c) => window.bench.connect('warm-up', c, 10000), { ...base(spare), ...MODES[1].config });
      await page.evaluate(() => window.bench.remove('warm-up'));
      const rows = [];
      for (const spec of MODES) {
        const sb = emulator.createSandbox({ latencyMs });
        const row = { mode: spec.mode, target: spec.target };
        try {
          const config = { ...base(sb), ...spec.config };
          if (spec.jwt) config.jwt = await mintJwt(sb, spec.jwt);
          const timeoutMs = Math.max(5000, latencyMs * 30);
          for (const run of ['cold', 'warm']) {
            await clearLog(sb);
            const r = await page.evaluate((id, c, t) => window.bench.connect(id, c, t), `${spec.mode}-${run}`, config, timeoutMs);
            await page.evaluate((id) => window.bench.remove(id), `${spec.mode}-${run}`);
            const entries = (await getLog(sb)).filter((e) => e.startedAt <= r.wall);
            if (r.kind !== 'ready') {
              row.available = false;
              row.reason = r.kind === 'error' ? `${r.code}: ${r.message}` : `no data-ready in ${timeoutMs} ms (state ${r.state})`;
              row.requests = countLog(entries);
              break;
            }
            row.available = true;
            const firstStart = Math.min(...entries.map((e) => e.startedAt));
            const lastEnd = Math.max(...entries.map((e) => e.endedAt ?? 0));
            row[run] = {
              ms: r.ms,
              // where the wall time went besides the requests (browser work, clocks to the ms)
              beforeFirstRequestMs: entries.length ? firstStart - r.wall0 : null,
              afterLastResponseMs: entries.length ? r.wall - lastEnd : null,
              rounds: r.ms / latencyMs,
              criticalPath: criticalPath(entries),
              requests: countLog(entries),
              renders: r.renders,
            };
          }
        } catch (error) {
          row.available = false;
          row.reason = String(error?.message ?? error);
        }
        rows.push(row);
      }
      await page.close();
      return rows;
    });

    // 2. Update cost: requests and renders caused by bursts of changes, by a locale change, by an equal value.
    await attempt('updates', async () => {
      const page = await openPage();
      const sb = emulator.createSandbox({ latencyMs: 20 });
      const config = { ...base(sb), publishableKey: PK, items: [{ planId: 'plan-starter', quantity: 1 }] };
      const first = await page.evaluate((c) => window.bench.connect('u', c, 10000), config);
      if (first.kind !== 'ready') throw new Error(`not ready: ${first.kind} ${first.code ?? ''}`);
      const rows = [];
      for (const kind of ['burst-sync', 'burst-tasks', 'burst-16ms', 'locale', 'same-items']) {
        await clearLog(sb);
        const r = await page.evaluate((k) => window.bench.change('u', k), kind);
        const entries = await getLog(sb);
        rows.push({ kind, ...r, preflights: entries.filter((e) => e.preflight).length, apiLogged: countLog(entries).api });
      }
      await page.close();
      return { latencyMs: 20, initialRenders: first.renders, rows };
    });

    // 3. Time per update with big carts. The emulator (like the contract: no uniqueness rule on items)
    // accepts the same plan on several lines, so a 200-line cart is 200 real lines from preview-purchase.
    await attempt('bigCart', async () => {
      const page = await openPage();
      const rows = [];
      for (const lines of [2, 20, 200]) {
        const sb = emulator.createSandbox({ latencyMs: 0 });
        const config = { ...base(sb), publishableKey: PK, items: cartOf(lines) };
        const first = await page.evaluate((id, c) => window.bench.connect(id, c, 15000), `cart-${lines}`, config);
        if (first.kind !== 'ready') {
          rows.push({ lines, error: `${first.kind} ${first.code ?? ''} ${first.message ?? ''}` });
          continue;
        }
        const r = await page.evaluate((id) => window.bench.updateTimes(id), `cart-${lines}`);
        await page.evaluate((id) => window.bench.remove(id), `cart-${lines}`);
        rows.push({ lines, firstReadyMs: first.ms, shownLines: first.lines, ...r });
      }
      await page.close();
      return rows;
    });

    // 4. Memory and leaks in one page: heap after GC, DOM nodes, listeners, before and after.
    await attempt('memory', async () => {
      const page = await openPage();
      const cdp = await page.createCDPSession();
      const sb = emulator.createSandbox({ latencyMs: 0 });
      const config = { ...base(sb), ...PLAIN, publishableKey: PK };
      const run = (fn, ...args) => page.evaluate(fn, ...args);
      await run((c) => window.bench.cycleNew(c, 10), config); // warm-up: JIT, shared client, caches
      await run((c) => window.bench.purchases(c, 2, { number: '4111111111111111', expiry: '12/30', cvv: '123' }), config);
      await run((c) => window.bench.cycleNew(c, 10, { waitReady: false }), config);
      // Control for the leak check: one element held on the page must count as one live element.
      await run((c) => window.bench.connect('held', c, 10000), config);
      const control = (await memory(cdp)).liveElements;
      await run(() => window.bench.remove('held'));
      const phases = [];
      // Each phase runs ROUNDS times in a row: a leak grows the heap by about the same amount every round;
      // warm-up (JIT, inline caches, lazily built tables) grows it in the first rounds only.
      const ROUNDS = 3;
      let before = await memory(cdp);
      const baseline = before;
      const phase = async (name, count, fn, ...args) => {
        const start = before;
        const rounds = [];
        for (let i = 0; i < ROUNDS; i++) {
          const outcome = await run(fn, ...args);
          const after = await memory(cdp);
          rounds.push({ outcome, after, growth: diff(before, after) });
          before = after;
        }
        const last = rounds.at(-1);
        phases.push({
          name,
          count,
          rounds: rounds.length,
          outcome: last.outcome,
          outcomes: rounds.map((r) => r.outcome),
          heapGrowthPerRound: rounds.map((r) => r.growth.heapUsed),
          heapPerCycleLastRound: last.growth.heapUsed / count,
          liveElementsAfter: last.after.liveElements,
          growth: diff(start, last.after),
          growthAllRounds: diff(baseline, last.after),
          after: last.after,
        });
      };
      const card = { number: '4111111111111111', expiry: '12/30', cvv: '123' };
      await phase('200 × new element, connect → data-ready → disconnect', 200, (c) => window.bench.cycleNew(c, 200), config);
      await phase('200 × new element, connect → disconnect at once (load aborted)', 200, (c) => window.bench.cycleNew(c, 200, { waitReady: false }), config);
      await phase('200 × one element moved out of and back into the page', 200, (c) => window.bench.cycleSame(c, 200), config);
      await phase('50 purchases (approved card), a new element each', 50, (c, k) => window.bench.purchases(c, 50, k), config, card);
      await cdp.detach();
      await page.close();
      return { baseline, control, phases };
    });

    // 5. Many instances on one page, sharing one client.
    await attempt('many', async () => {
      const page = await openPage();
      const rows = [];
      const n = 20;
      let sameCartSandbox;
      for (const variant of ['same cart', 'different carts', 'same cart, preflights cached']) {
        // The third variant re-uses the first one's sandbox: same URLs, so Chromium's preflight cache hits.
        const sb = variant.endsWith('cached') ? sameCartSandbox : emulator.createSandbox({ latencyMs });
        if (variant === 'same cart') sameCartSandbox = sb;
        const configs = Array.from({ length: n }, (_, i) => ({
          ...base(sb),
          ...PLAIN,
          publishableKey: PK,
          items: variant.startsWith('same cart') ? PLAIN.items : [{ planId: 'plan-pro-monthly', quantity: i + 1 }],
        }));
        await clearLog(sb);
        const r = await page.evaluate((cs, t) => window.bench.many(cs, t), configs, Math.max(10000, latencyMs * 60));
        const entries = (await getLog(sb)).filter((e) => e.startedAt <= r.wallEnd);
        const counts = countLog(entries);
        rows.push({
          variant,
          elements: n,
          ready: r.ready,
          others: r.others,
          apiRequests: counts.api,
          preflights: counts.preflights,
          apiPerElement: counts.api / n,
          operations: counts.operations,
          firstReadyRounds: r.firstMs / latencyMs,
          allReadyMs: r.lastMs,
          allReadyRounds: r.lastMs / latencyMs,
          criticalPath: criticalPath(entries),
          maxConcurrent: maxConcurrency(entries),
        });
      }
      await page.close();
      return rows;
    });
  } finally {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
    await emulator.close().catch(() => {});
  }
  results.pageErrors = [...new Set(pageErrors)].slice(0, 10);
  return results;
}
