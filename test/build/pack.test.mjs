// The package as people install it: `npm pack` (its `prepack` builds; here dist/ was just built, so the
// scripts are skipped), then `npm install <tarball>` into an empty folder, then every entry imported —
// in Node (`.`, `./define`, `./facade`; `./cdn` resolves to the one CDN file) and in Chromium (the CDN file
// by a script tag; `.`, `./define`, `./facade` bundled by esbuild from the installed copy, as a bundler user
// would). `.ci/run` runs this after `npm run build`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome } from '../../scripts/find-chrome.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const built = existsSync(join(root, 'dist/cdn/rebilly-instruments.js')) && existsSync(join(root, 'custom-elements.json'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
let dir = '';
let installed = '';

before(() => {
  if (!built) return;
  dir = mkdtempSync(join(tmpdir(), 'rebilly-pack-'));
  const out = execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: root, encoding: 'utf8' });
  const [{ filename }] = JSON.parse(out);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'pack-check', version: '1.0.0', private: true, type: 'module' }));
  execFileSync(npm, ['install', join(dir, filename), '--prefer-offline', '--no-audit', '--no-fund', '--no-package-lock'], { cwd: dir, encoding: 'utf8', stdio: 'pipe', timeout: 300_000 });
  installed = join(dir, 'node_modules', pkg.name);
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('package.json: prepack builds; unpkg/jsdelivr name the single CDN file', () => {
  assert.match(pkg.scripts.prepack, /npm run build/);
  assert.equal(pkg.unpkg, './dist/cdn/rebilly-instruments.js');
  assert.equal(pkg.jsdelivr, './dist/cdn/rebilly-instruments.js');
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  assert.ok(readme.includes(`https://cdn.jsdelivr.net/npm/${pkg.name}@${pkg.version}/dist/cdn/rebilly-instruments.js`), 'README CDN snippet names the published version');
});

test('the tarball holds dist/, the CDN folder and custom-elements.json, and no sources or tests', { skip: !built && 'no dist/ (npm run build runs this)' }, () => {
  for (const file of ['dist/index.js', 'dist/index.d.ts', 'dist/define.js', 'dist/facade.js', 'dist/cdn/rebilly-instruments.js', 'custom-elements.json', 'README.md', 'package.json']) {
    assert.ok(existsSync(join(installed, file)), file);
  }
  for (const file of ['src', 'test', 'emulator', 'node_modules']) assert.ok(!existsSync(join(installed, file)), file);
});

test('every entry imports in Node from the installed package', { skip: !built && 'no dist/ (npm run build runs this)' }, async () => {
  const script = `
    const index = await import('${pkg.name}');
    const define = await import('${pkg.name}/define');
    const facade = await import('${pkg.name}/facade');
    const cdn = import.meta.resolve('${pkg.name}/cdn');
    console.log(JSON.stringify({
      index: typeof index.RebillyInstrumentsElement,
      define: define.TAG_NAME,
      facade: typeof facade.RebillyInstruments.mount,
      cdn: cdn.endsWith('/dist/cdn/rebilly-instruments.js'),
    }));`;
  writeFileSync(join(dir, 'check.mjs'), script);
  const out = execFileSync(process.execPath, ['check.mjs'], { cwd: dir, encoding: 'utf8' });
  assert.deepEqual(JSON.parse(out.trim().split('\n').pop()), { index: 'function', define: 'rebilly-instruments', facade: 'function', cdn: true });
});

test('every entry works in Chromium from the installed package', { skip: !built && 'no dist/ (npm run build runs this)', timeout: 120_000 }, async () => {
  await build({
    absWorkingDir: dir,
    stdin: {
      contents: `import { RebillyInstrumentsElement } from '${pkg.name}';
        import { TAG_NAME } from '${pkg.name}/define';
        import { RebillyInstruments } from '${pkg.name}/facade';
        window.__bundled = { index: typeof RebillyInstrumentsElement, define: customElements.get(TAG_NAME) === RebillyInstrumentsElement, facade: typeof RebillyInstruments.mount };`,
      resolveDir: dir,
      loader: 'js',
    },
    bundle: true,
    format: 'esm',
    outfile: join(dir, 'bundle.js'),
    logLevel: 'silent',
  });
  const cdnFile = join(installed, 'dist/cdn/rebilly-instruments.js');
  const pages = {
    '/bundle.html': '<!doctype html><script type="module" src="/bundle.js"></script>',
    '/cdn.html': '<!doctype html><script type="module" src="/cdn/rebilly-instruments.js"></script>',
  };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (pages[path]) return res.writeHead(200, { 'Content-Type': 'text/html' }).end(pages[path]);
    const file = path === '/bundle.js' ? join(dir, 'bundle.js') : path.startsWith('/cdn/') ? join(installed, 'dist', path) : '';
    if (!file || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${/** @type {any} */ (server.address()).port}`;
  const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/bundle.html`);
    await page.waitForFunction(() => /** @type {any} */ (window).__bundled, { timeout: 20_000 });
    assert.deepEqual(await page.evaluate(() => /** @type {any} */ (window).__bundled), { index: 'function', define: true, facade: 'function' });
    await page.goto(`${origin}/cdn.html`);
    await page.waitForFunction(() => customElements.get('rebilly-instruments'), { timeout: 20_000 });
    assert.deepEqual(errors, []);
    assert.ok(pathToFileURL(cdnFile));
  } finally {
    await browser.close();
    server.close();
  }
});
