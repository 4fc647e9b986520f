// Size figures for `npm run bench`: min / gzip / brotli bytes of our bundles and of @rebilly/instruments,
// measured the same way, plus where our bytes go (lit, zod, element code by folder).
// Deterministic for a given build: no timings here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const require = createRequire(import.meta.url);

export const gzip = (buf) => gzipSync(buf, { level: 9 }).length;
export const brotli = (buf) => brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** min / gzip / brotli bytes of a file's contents. */
export function measure(buf) {
  const b = Buffer.isBuffer(buf) ? buf : Buffer.from(buf);
  return { min: b.length, gzip: gzip(b), brotli: brotli(b) };
}

/**
 * esbuild, the way an app's bundler would: the entry with every import resolved, minified, ES2022, code
 * splitting on (so what loads on demand, like extra languages, stays out of the entry). Returns the entry
 * chunk (what a page loads up front), its inputs, and the lazily loaded chunks.
 */
async function bundleEsm(entry) {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    conditions: ['production'],
    legalComments: 'none',
    write: false,
    metafile: true,
    logLevel: 'silent',
    outdir: join(root, 'bench/.out'),
  });
  const [entryPath, meta] = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint);
  const file = (path) => result.outputFiles.find((f) => f.path === resolve(root, path));
  const code = Buffer.from(file(entryPath).contents);
  // Chunks the entry imports statically load up front too; the rest load on demand.
  const upFront = new Set([entryPath]);
  const queue = [entryPath];
  while (queue.length) {
    for (const imp of result.metafile.outputs[queue.pop()].imports ?? []) {
      if (imp.kind === 'import-statement' && !upFront.has(imp.path)) upFront.add(imp.path), queue.push(imp.path);
    }
  }
  const staticChunks = [...upFront].filter((p) => p !== entryPath).map((p) => Buffer.from(file(p).contents));
  const lazy = Object.keys(result.metafile.outputs)
    .filter((p) => p.endsWith('.js') && !upFront.has(p))
    .map((p) => ({ file: relative(join(root, 'bench/.out'), resolve(root, p)), ...measure(Buffer.from(file(p).contents)) }));
  return { code: Buffer.concat([code, ...staticChunks]), inputs: meta?.inputs ?? {}, lazy };
}

/** Every .js file under a directory, recursively. */
function jsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? jsFiles(join(dir, d.name)) : d.name.endsWith('.js') ? [join(dir, d.name)] : [],
  );
}

/** Which part of the bundle a source file belongs to. */
export function groupOf(path) {
  const p = path.replace(/\\/g, '/');
  if (/node_modules\/(lit|lit-html|lit-element|@lit)\//.test(p)) return 'lit';
  if (/node_modules\/zod\//.test(p)) return 'zod';
  if (/node_modules\/tslib\//.test(p)) return 'tslib';
  if (/node_modules\//.test(p)) return 'other deps';
  const m = p.match(/(?:^|\/)(?:src|dist)\/(?:(api|checkout|config|i18n|methods|styles|views)\/)?/);
  if (m) return m[1] ? `element: ${m[1]}/` : 'element: element + events';
  return 'other';
}

/**
 * Splits a bundle into groups: `pieces` is a list of [group, text] in bundle order. Reports per group its
 * minified bytes, share, and gzip of that group's text alone (an approximation: gzip works across groups).
 */
function composition(pieces, total, { marginal = false } = {}) {
  const groups = new Map();
  for (const [group, text] of pieces) groups.set(group, (groups.get(group) ?? '') + text);
  const rows = [...groups].map(([group, text]) => {
    const bytes = Buffer.byteLength(text);
    const row = { group, min: bytes, share: bytes / total.min, gzipAlone: gzip(Buffer.from(text)) };
    // What the gzip total loses when this part's text is cut out of the bundle: the saving if it went.
    if (marginal) row.gzipSaved = total.gzip - gzip(Buffer.from(pieces.filter(([g]) => g !== group).map(([, t]) => t).join('')));
    return row;
  });
  return rows.sort((a, b) => b.min - a.min);
}

const VLQ = Object.fromEntries([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].map((c, i) => [c, i]));
function decodeVlq(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = VLQ[char];
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** Attributes every generated character of a minified file to a source through its source map. */
function piecesFromSourceMap(code, map) {
  const lines = code.split('\n');
  const pieces = [];
  let sourceIndex = 0;
  map.mappings.split(';').forEach((lineMappings, lineNo) => {
    const line = lines[lineNo] ?? '';
    let col = 0;
    const segs = [];
    for (const seg of lineMappings.split(',')) {
      if (!seg) continue;
      const v = decodeVlq(seg);
      col += v[0];
      if (v.length >= 4) sourceIndex += v[1];
      segs.push({ col, source: v.length >= 4 ? sourceIndex : -1 });
    }
    let prevEnd = 0;
    let prevSource = segs[0]?.source ?? -1;
    for (let i = 0; i < segs.length; i++) {
      const start = segs[i].col;
      if (start > prevEnd) pieces.push([prevSource, line.slice(prevEnd, start)]);
      const end = i + 1 < segs.length ? segs[i + 1].col : line.length;
      pieces.push([segs[i].source, line.slice(start, end)]);
      prevEnd = end;
      prevSource = segs[i].source;
    }
    if (!segs.length) pieces.push([-1, line]);
    if (lineNo < lines.length - 1) pieces.push([prevSource, '\n']);
  });
  const base = dirname(join(root, 'dist/cdn/x.js'));
  return pieces.map(([source, text]) => [
    source < 0 ? 'unmapped (glue)' : groupOf(relative(root, resolve(base, map.sourceRoot ?? '', map.sources[source]))),
    text,
  ]);
}

/** Where the bytes of the built single-file bundle go, through its source map (null without a map). */
export function cdnComposition() {
  const cdnFile = join(root, 'dist/cdn/rebilly-instruments.js');
  if (!existsSync(cdnFile + '.map')) return null;
  const cdn = readFileSync(cdnFile);
  const map = JSON.parse(readFileSync(cdnFile + '.map', 'utf8'));
  return composition(piecesFromSourceMap(cdn.toString('utf8'), map), measure(cdn), { marginal: true });
}

/** The on-demand chunks of the customer-JWT modes (their code and their views). */
export const CUSTOMER_CHUNK = /chunks\/customer-[^/]*\.js$/;

export async function measureSize() {
  const result = { ours: {}, rebilly: {}, composition: {}, notes: [] };

  // 1. The single-file CDN bundle, as built.
  const cdnFile = join(root, 'dist/cdn/rebilly-instruments.js');
  const cdn = readFileSync(cdnFile);
  result.ours.cdn = { file: 'dist/cdn/rebilly-instruments.js', ...measure(cdn) };
  // Files beside it that the entry loads only on demand: the customer-JWT modes (chunks/) and the Spanish
  // and French catalogues (i18n/).
  result.ours.cdnLazy = jsFiles(join(root, 'dist/cdn'))
    .filter((f) => f !== cdnFile)
    .map((f) => ({ file: relative(root, f), ...measure(readFileSync(f)) }));
  // What a JWT-mode page downloads: the entry and the customer-mode chunks (its code and its views; each
  // file compressed on its own).
  const customer = result.ours.cdnLazy.filter((f) => CUSTOMER_CHUNK.test(f.file));
  if (customer.length) {
    result.ours.cdnJwt = {
      file: `dist/cdn/rebilly-instruments.js + ${customer.map((f) => f.file.replace(/^dist\/cdn\//, '')).join(' + ')}`,
      ...Object.fromEntries(['min', 'gzip', 'brotli'].map((k) => [k, customer.reduce((sum, f) => sum + f[k], result.ours.cdn[k])])),
    };
  }
  const parts = cdnComposition();
  if (parts) result.composition.cdn = parts;

  // 2. The ESM entry `dist/define.js` with lit and zod resolved, bundled and minified by esbuild.
  const esm = await bundleEsm(join(root, 'dist/define.js'));
  result.ours.esm = { file: 'dist/define.js + lit + zod (esbuild --bundle --minify)', ...measure(esm.code) };
  result.ours.esmLazy = esm.lazy;
  const esmPieces = Object.entries(esm.inputs).map(([path, { bytesInOutput }]) => [groupOf(path), 'x'.repeat(bytesInOutput)]);
  result.composition.esm = composition(esmPieces, result.ours.esm).map(({ gzipAlone, ...row }) => row);

  // 3. @rebilly/instruments, measured the same way.
  let pkgJson;
  try {
    pkgJson = require.resolve('@rebilly/instruments/package.json');
  } catch {
    result.notes.push('@rebilly/instruments is not installed (npm ci installs it as a devDependency)');
  }
  if (pkgJson) {
    const dir = dirname(pkgJson);
    const pkg = JSON.parse(readFileSync(pkgJson, 'utf8'));
    result.rebilly.version = pkg.version;
    const browserFile = pkg.unpkg ?? pkg.jsdelivr ?? pkg.browser;
    if (browserFile) {
      const cdnTheirs = readFileSync(join(dir, browserFile));
      result.rebilly.cdn = { file: `@rebilly/instruments/${browserFile.replace(/^\.\//, '')} (its unpkg browser bundle)`, ...measure(cdnTheirs) };
    }
    const entry = pkg.module ?? pkg.main;
    const theirs = await bundleEsm(join(dir, entry));
    result.rebilly.esm = { file: `@rebilly/instruments/${entry} + deps (esbuild --bundle --minify)`, ...measure(theirs.code) };
    result.rebilly.esmLazy = theirs.lazy;
    // What it fetches at run time on top of its bundle (not counted above).
    const source = readFileSync(join(dir, entry), 'utf8');
    const runtime = [...new Set(source.match(/https:\/\/[a-z0-9.-]+\/[^"'`\s]*\.(?:js|css)\b/g) ?? [])];
    result.rebilly.loadsAtRunTime = runtime;
  }
  result.budget = readBudget();
  return result;
}

/** The CI ratchets in bench/size-budget.mjs, read from its source so the two never disagree. */
function readBudget() {
  const source = readFileSync(join(root, 'bench/size-budget.mjs'), 'utf8');
  const read = (name) => {
    const m = source.match(new RegExp(`const ${name} = Number\\(process\\.env\\.\\w+ \\?\\? ([\\d\\s*.]+)\\)`));
    // eslint-disable-next-line no-new-func
    return m ? Function(`return ${m[1]}`)() : undefined;
  };
  return { ciRatchetGzip: read('BUDGET_GZIP'), ciRatchetJwtGzip: read('JWT_BUDGET_GZIP'), targetGzip: 25 * 1024 };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await measureSize(), null, 2));
}
