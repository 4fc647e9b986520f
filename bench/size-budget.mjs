// Enforces the size budget of the single-file CDN bundle (run by .ci/run after `npm run build`).
// A size check, not a timing: it is deterministic for a given build.
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

// A ratchet against regressions, not the goal: issue 7's target is 25 KB gzip and the bundle is not there yet.
// History: 33 KB with items/money only; 37 KB since the JWT modes, 3-D Secure dialog, deposit and payout views
// (+6.7 KB gzip), after moving the es/fr catalogues to on-demand chunks (−2.6 KB). Lower it whenever you can.
// (lit ≈ 6.5 KB + zod/mini ≈ 8 KB + the element ≈ 18 KB, gzip), see the README's Size section.
const BUDGET_GZIP = Number(process.env.SIZE_BUDGET_GZIP ?? 37 * 1024);
const file = new URL('../dist/cdn/rebilly-instruments.js', import.meta.url);
const source = readFileSync(file);
const gzip = gzipSync(source, { level: 9 }).length;
const brotli = brotliCompressSync(source, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
}).length;
console.log(
  `dist/cdn/rebilly-instruments.js: ${source.length} B min, ${gzip} B gzip, ${brotli} B brotli (budget ${BUDGET_GZIP} B gzip)`,
);
if (gzip > BUDGET_GZIP) {
  console.error(`Size budget exceeded by ${gzip - BUDGET_GZIP} B gzip. Where the bytes go (gzip of each part alone):`);
  try {
    const { cdnComposition } = await import('./size.mjs');
    for (const part of cdnComposition() ?? []) {
      console.error(`  ${part.group.padEnd(28)} ${String(part.min).padStart(7)} B min  ${String(part.gzipAlone).padStart(6)} B gzip`);
    }
  } catch {
    // the composition is a hint only; the check itself stands
  }
  console.error('Full figures: npm run bench -- --only size');
  process.exit(1);
}
