// Importing the package on a server (Node: no `window`, no `document`; Lit's `node` export condition
// supplies its own minimal DOM shim) must not throw, and registering the tag twice must be harmless.
//
// - The source entry points, transpiled by esbuild (the same modules the rollup build emits; fast enough
//   for `npm test`).
// - The built package (dist/index.js, dist/define.js, dist/facade.js) when it exists: `npm run build`
//   runs this file right after rollup, so CI checks the real output.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));
// Inside the project, so that the external `lit` and `zod` imports resolve from its node_modules.
const out = `${root}node_modules/.cache/ssr-test/`;

assert.equal(typeof globalThis.window, 'undefined', 'this test must run without a window');
assert.equal(typeof globalThis.document, 'undefined', 'this test must run without a document');

function checks(load) {
  test('the main entry exports the class and types without registering anything', async () => {
    const before = globalThis.customElements?.get('rebilly-instruments');
    const index = await load('index');
    assert.equal(typeof index.RebillyInstrumentsElement, 'function');
    assert.ok(Array.isArray(index.ERROR_CODES) && index.ERROR_CODES.includes('payment-declined'));
    assert.equal(globalThis.customElements?.get('rebilly-instruments'), before);
  });

  test('the define entry registers the tag where a registry exists, and a second copy is harmless', async () => {
    const registry = globalThis.customElements;
    const before = registry?.get('rebilly-instruments');
    const define = await load('define');
    assert.equal(define.TAG_NAME, 'rebilly-instruments');
    // Lit's Node build provides a registry shim; the first copy to load (this one, or the source build in
    // an earlier suite) owns the tag.
    const owner = registry?.get('rebilly-instruments');
    if (registry) assert.equal(owner, before ?? define.RebillyInstrumentsElement);
    // A second copy of the module (another bundle, another version) finds the tag taken and leaves it.
    const again = await load('define', '?copy=2');
    assert.equal(again.TAG_NAME, 'rebilly-instruments');
    if (registry) assert.equal(registry.get('rebilly-instruments'), owner);
  });

  test('the facade imports without side effects and exposes Rebilly-shaped methods', async () => {
    const facade = await load('facade');
    for (const method of ['mount', 'update', 'destroy', 'on', 'off', 'purchase']) {
      assert.equal(typeof facade.RebillyInstruments[method], 'function', method);
    }
    assert.equal(facade.default, facade.RebillyInstruments);
    const off = facade.RebillyInstruments.on('purchase-completed', () => {});
    off();
    assert.throws(() => facade.RebillyInstruments.on('not-an-event', () => {}), TypeError);
  });
}

describe('source entry points in Node (esbuild)', () => {
  before(async () => {
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    await build({
      absWorkingDir: root,
      entryPoints: { index: 'src/index.ts', define: 'src/define.ts', facade: 'src/facade.ts' },
      outdir: out,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      tsconfig: 'tsconfig.json',
      external: ['lit', 'lit/*', '@lit/*', 'lit-html', 'lit-html/*', 'lit-element', 'lit-element/*', 'zod', 'zod/*'],
      logLevel: 'silent',
    });
  });
  checks((name, query = '') => import(pathToFileURL(`${out}${name}.js`).href + query));
});

const dist = `${root}dist/`;
const built = ['index', 'define', 'facade'].every((name) => existsSync(`${dist}${name}.js`));
describe('built package in Node (dist/)', { skip: built ? false : 'no dist/ yet (npm run build runs this file)' }, () => {
  checks((name, query = '') => import(pathToFileURL(`${dist}${name}.js`).href + query));
});
