// Enforces the size budget of the single-file CDN bundle (run by .ci/run after `npm run build`).
// A size check, not a timing: it is deterministic for a given build.
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const BUDGET_GZIP = 25 * 1024;
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
  console.error(`Size budget exceeded by ${gzip - BUDGET_GZIP} B gzip.`);
  process.exit(1);
}
