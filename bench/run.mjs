// `npm run bench`: builds (unless --no-build), then measures size, round trips, update cost, memory and
// many instances; prints tables and writes bench/results.json. Figures are bytes, counts and ratios to the
// emulator's fixed latency; the few milliseconds shown are for information, never pass/fail.
//
//   npm run bench                      build, then everything (a minute or two)
//   node bench/run.mjs --no-build      use the current dist/
//   node bench/run.mjs --only size     just the sizes (no browser)
//   node bench/run.mjs --latency 200   another emulator latency for round trips and many instances
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureSize } from './size.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const flag = (name) => args.includes(`--${name}`);
const option = (name, fallback) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : fallback);
const only = option('only', 'all');
const latencyMs = Number(option('latency', 100));
const started = Date.now();
const say = (...xs) => console.error(`[bench ${((Date.now() - started) / 1000).toFixed(0)}s]`, ...xs);

if (!flag('no-build')) {
  say('npm run build');
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) {
    console.error('The build failed; nothing measured.');
    process.exit(1);
  }
}

const git = (...a) => {
  try {
    return execFileSync('git', a, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
};
const results = {
  command: `npm run bench${args.length ? ' -- ' + args.join(' ') : ''}`,
  date: new Date().toISOString(),
  commit: git('rev-parse', '--short', 'HEAD'),
  dirtySrc: git('status', '--porcelain', '--', 'src') ? true : false,
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
};

// ---------------------------------------------------------------------------------------------------------

function table(title, headers, rows, notes = []) {
  const cells = [headers, ...rows].map((r) => r.map((c) => (c === null || c === undefined ? '–' : String(c))));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i].length)));
  const numeric = headers.map((_, i) => rows.every((r) => typeof r[i] === 'number' || r[i] == null || /^[\d.,%×+-]+( ?[a-zA-Z×%]*)?$/.test(String(r[i]))));
  const line = (r) => '| ' + r.map((c, i) => (numeric[i] && r !== cells[0] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ') + ' |';
  return [
    `\n${title}`,
    line(cells[0]),
    '|' + widths.map((w, i) => (numeric[i] ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|',
    ...cells.slice(1).map(line),
    ...notes.map((n) => `  ${n}`),
  ].join('\n');
}

const kb = (b) => (b == null ? null : `${(b / 1024).toFixed(1)} KB`);
const fixed = (x, d = 2) => (x == null || Number.isNaN(x) ? null : Number(x).toFixed(d));
const pct = (x) => `${(x * 100).toFixed(1)}%`;

function report(r) {
  const out = [];
  const s = r.size;
  if (s) {
    const rows = [
      ['ours: single-file bundle (items, money)', s.ours.cdn],
      ['ours: + customer-mode chunk (JWT modes)', s.ours.cdnJwt],
      ['ours: ESM entry + lit + zod', s.ours.esm],
      [`@rebilly/instruments ${s.rebilly.version ?? ''}: browser bundle`, s.rebilly.cdn],
      [`@rebilly/instruments ${s.rebilly.version ?? ''}: ESM entry + deps`, s.rebilly.esm],
    ].filter(([, m]) => m);
    out.push(
      table(
        'Size (bytes)',
        ['what', 'file', 'min', 'gzip', 'brotli', 'gzip KB'],
        rows.map(([name, m]) => [name, m.file, m.min, m.gzip, m.brotli, kb(m.gzip)]),
        [
          ...[
            ['single-file bundle', s.ours.cdnLazy],
            ['ESM bundle', s.ours.esmLazy],
            ['@rebilly/instruments ESM', s.rebilly.esmLazy],
          ]
            .filter(([, lazy]) => lazy?.length)
            .map(
              ([name, lazy]) =>
                `${name}: up-front figures above; on demand: ${lazy.map((l) => `${l.file.replace(/^dist\/cdn\//, '')} ${l.gzip} B gzip`).join(', ')}`,
            ),
          `target ${kb(s.budget.targetGzip)} gzip; CI ratchets (bench/size-budget.mjs) ${kb(s.budget.ciRatchetGzip)} entry, ${kb(s.budget.ciRatchetJwtGzip)} with the JWT chunk; ` +
            `single-file bundle is ${fixed(s.ours.cdn.gzip / s.budget.targetGzip)}× the target`,
          s.rebilly.cdn
            ? `@rebilly/instruments is ${fixed(s.rebilly.cdn.gzip / s.ours.cdn.gzip, 1)}× ours (browser bundles, gzip), ` +
              `${fixed(s.rebilly.esm.gzip / s.ours.esm.gzip, 1)}× (ESM bundled), and loads ${s.rebilly.loadsAtRunTime?.length ?? 0} more files at run time (${(s.rebilly.loadsAtRunTime ?? []).map((u) => u.replace(/^https:\/\//, '')).join(', ')})`
            : s.notes.join('; '),
        ],
      ),
    );
    if (s.composition.cdn) {
      out.push(
        table(
          'Composition of dist/cdn/rebilly-instruments.js (through its source map)',
          ['part', 'min bytes', 'share', 'gzip alone', 'gzip saved if cut'],
          s.composition.cdn.map((c) => [c.group, c.min, pct(c.share), c.gzipAlone, c.gzipSaved]),
          [
            '"gzip alone" compresses the part by itself; "saved if cut" is the total minus the gzip of the bundle without',
            "that part's text. Neither is exactly additive (gzip shares a dictionary across parts).",
          ],
        ),
      );
    }
  }
  const b = r.browser;
  if (b) {
    const L = b.latencyMs;
    if (b.cardField?.error) out.push(`\nCard field: failed: ${b.cardField.error}`);
    else if (b.cardField) {
      out.push(
        table(
          `Connect → FramePay's card field drawn, cold page and sandbox (stand-in served with ${L} ms latency, as the API)`,
          ['run', 'data-ready: time/latency', 'card field: time/latency', 'API critical path', 'critical path (all requests)', 'FramePay requests'],
          b.cardField.runs.map((run, i) => [
            i + 1,
            fixed(run.readyRounds),
            run.cardRounds == null ? 'not drawn' : fixed(run.cardRounds),
            run.apiCriticalPath,
            `${run.criticalPath.length}: ${run.criticalPath.path.join(' → ')}`,
            run.framepayRequests,
          ]),
          ['Target (issue 12): the FramePay load overlaps the API round, i.e. critical path ≤ API round + 1.'],
        ),
      );
    }
    if (b.roundTrips?.error) out.push(`\nRound trips: failed: ${b.roundTrips.error}`);
    else if (b.roundTrips) {
      const cp = (c) => (c ? `${c.length} (${c.preflights} preflight${c.preflights === 1 ? '' : 's'})` : null);
      out.push(
        table(
          `Round trips from connect to data-ready (emulator latency ${L} ms per request and per preflight)`,
          ['mode', 'cold: time/latency', 'cold: critical path', 'warm: time/latency', 'warm: critical path', 'requests (API + preflight)', 'target', 'meets'],
          b.roundTrips.map((row) =>
            row.available
              ? [
                  row.mode,
                  fixed(row.cold.rounds),
                  cp(row.cold.criticalPath),
                  fixed(row.warm?.rounds),
                  cp(row.warm?.criticalPath),
                  `${row.cold.requests.api} + ${row.cold.requests.preflights}`,
                  row.target ?? '–',
                  row.target == null ? '–' : row.warm?.criticalPath.api <= row.target && row.cold.criticalPath.api <= row.target ? 'yes' : 'NO',
                ]
              : [row.mode, 'not available', row.reason?.slice(0, 60), null, null, null, row.target ?? '–', '–'],
          ),
          [
            'cold = first element on a new sandbox (no cached CORS preflight); warm = a second element (preflights cached).',
            'critical path = longest chain of requests in the emulator log where each began after the previous was answered.',
            'target = sequential API round trips (preflights not counted).',
            'cold critical paths:',
            ...b.roundTrips
              .filter((row) => row.available)
              .map((row) => `  ${row.mode}: ${row.cold.criticalPath.path.map((p) => p.replace(/^Storefront/, '')).join(' → ')}`),
          ],
        ),
      );
    }
    if (b.updates?.rows) {
      out.push(
        table(
          `Update cost on a ready element (items mode, latency ${b.updates.latencyMs} ms)`,
          ['change', 'API requests', 'preflights', 'renders', 'data-ready events', 'shows last value'],
          b.updates.rows.map((u) => [
            {
              'burst-sync': '20 × items quantity, one task',
              'burst-tasks': '20 × items quantity, one per task',
              'burst-16ms': '20 × items quantity, 16 ms apart',
              locale: 'locale en ↔ fr',
              'same-items': 'items = an equal new array',
            }[u.kind] ?? u.kind,
            u.requests,
            u.preflights,
            u.renders,
            u.dataReadyEvents,
            u.consistent == null ? '–' : u.consistent ? 'yes' : 'NO',
          ]),
        ),
      );
    } else if (b.updates?.error) out.push(`\nUpdate cost: failed: ${b.updates.error}`);
    if (Array.isArray(b.bigCart)) {
      out.push(
        table(
          'Time per update by cart size (latency 0; medians; milliseconds on this machine, for information)',
          ['lines', 'shown', 'DOM nodes', 'locale change ms', 're-render ms', 'quantity change → data-ready ms', 'requests/change'],
          b.bigCart.map((c) =>
            c.error
              ? [c.lines, c.error, null, null, null, null, null]
              : [c.lines, c.lines === c.shownLines ? c.lines : `${c.shownLines}?`, c.nodes, fixed(c.localeMs, 1), fixed(c.rerenderMs, 1), fixed(c.quantityChangeMs, 1), c.requestsPerQuantityChange],
          ),
          [
            'The API allows the same plan on several lines, so the 200-line cart cycles the 3 seeded USD plans.',
            'locale change / re-render: set → updateComplete → layout; quantity change includes the 80 ms coalescing delay.',
          ],
        ),
      );
      const small = b.bigCart.find((c) => c.lines === 2);
      const big = b.bigCart.find((c) => c.lines === 200);
      if (small?.localeMs && big?.localeMs) {
        out.push(`  200 lines vs 2 lines: locale update ${fixed(big.localeMs / small.localeMs, 1)}×, re-render ${fixed(big.rerenderMs / small.rerenderMs, 1)}×`);
      }
    } else if (b.bigCart?.error) out.push(`\nBig cart: failed: ${b.bigCart.error}`);
    if (b.memory?.phases) {
      const rounds = b.memory.phases[0]?.rounds ?? 0;
      out.push(
        table(
          `Memory and leaks in one page (after forced GC; each phase run ${rounds} times in a row)`,
          ['phase', 'outcome (last round)', 'heap growth per round', 'per cycle, last round', 'live elements after', 'DOM nodes Δ', 'JS listeners Δ', 'window/document listeners Δ'],
          b.memory.phases.map((m) => [
            m.name,
            m.outcome.completed !== undefined ? `${m.outcome.completed}/${m.count} completed` : m.outcome.ready !== undefined ? `${m.outcome.ready} ready` : m.outcome.state,
            m.heapGrowthPerRound.map((g) => `${g >= 0 ? '+' : ''}${(g / 1024).toFixed(1)}`).join(', ') + ' KB',
            `${fixed(m.heapPerCycleLastRound, 0)} B`,
            m.liveElementsAfter,
            m.growth.nodes,
            m.growth.jsEventListeners,
            `${m.growth.windowListeners} / ${m.growth.documentListeners}`,
          ]),
          [
            `heap after warm-up: ${kb(b.memory.baseline.heapUsed)}; at the end: ${kb(b.memory.phases.at(-1)?.after.heapUsed)}. ` +
              'A leak grows the heap by a similar amount every round; warm-up only in the first rounds.',
            `live elements = instances of the element class still on the heap (CDP Runtime.queryObjects); control: one element held → ${b.memory.control}.`,
          ],
        ),
      );
    } else if (b.memory?.error) out.push(`\nMemory: failed: ${b.memory.error}`);
    if (Array.isArray(b.many)) {
      out.push(
        table(
          `Many instances: 20 elements connected at once on one page (latency ${L} ms)`,
          ['variant', 'ready', 'API requests', 'per element', 'preflights', 'first ready (×latency)', 'all ready (×latency)', 'critical path', 'max in flight'],
          b.many.map((m) => [
            m.variant,
            m.ready,
            m.apiRequests,
            fixed(m.apiPerElement),
            m.preflights,
            fixed(m.firstReadyRounds),
            fixed(m.allReadyRounds),
            `${m.criticalPath.length} (${m.criticalPath.preflights} preflights)`,
            m.maxConcurrent,
          ]),
          ['The emulator speaks HTTP/1.1: Chromium opens at most 6 connections to it, so requests queue (max in flight).'],
        ),
      );
    } else if (b.many?.error) out.push(`\nMany instances: failed: ${b.many.error}`);
    if (b.pageErrors?.length) out.push(`\nErrors in the bench page: ${b.pageErrors.join(' | ')}`);
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------

if (only === 'all' || only === 'size') {
  say('size');
  results.size = await measureSize();
}
if (only === 'all' || only === 'browser') {
  const { runBrowserBench } = await import('./browser.mjs');
  results.browser = await runBrowserBench({ latencyMs, progress: (name) => say(name) });
}
results.seconds = Math.round((Date.now() - started) / 1000);

const file = resolve(root, 'bench/results.json');
if (only !== 'all' && existsSync(file)) {
  // A partial run keeps the other figures of the last full run.
  const previous = JSON.parse(readFileSync(file, 'utf8'));
  for (const key of ['size', 'browser']) if (!results[key] && previous[key]) results[key] = previous[key];
}
writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
console.log(report(results));
console.log(`\nWritten to bench/results.json (${results.seconds} s).`);
