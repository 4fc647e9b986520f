// The layering of docs/ARCHITECTURE.md, checked cheaply on the sources: checkout/ never imports views/ or
// methods/ (the checkout renders nothing and knows no way to pay), api/ and config/ import neither the
// checkout nor the element, and no file cites a document that is not in the repository.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Module specifiers a TypeScript file imports (static, dynamic and re-exports). */
function imports(path) {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

const RULES = [
  { layer: 'src/checkout/', forbidden: /^\.\.\/(views|methods)\//, why: 'checkout/ never imports views/ or methods/' },
  { layer: 'src/api/', forbidden: /^\.\.\/(checkout|views|methods|rebilly-instruments)/, why: 'api/ is below the checkout' },
  { layer: 'src/config/', forbidden: /^\.\.\/(checkout|views|methods|api|rebilly-instruments)/, why: 'config/ is below everything' },
  { layer: 'src/views/', forbidden: /^\.\.\/(api|methods|rebilly-instruments)/, why: 'views/ only render' },
];

for (const rule of RULES) {
  test(rule.why, () => {
    const offenders = files(join(root, rule.layer))
      .filter((path) => /\.ts$/.test(path))
      .flatMap((path) => imports(path).filter((spec) => rule.forbidden.test(spec)).map((spec) => `${relative(root, path)} → ${spec}`));
    assert.deepEqual(offenders, []);
  });
}

test('no source cites a document outside the repository', () => {
  const offenders = ['src', 'emulator', 'test', 'bench', 'scripts', 'demo']
    .flatMap((dir) => files(join(root, dir)))
    .filter((path) => /\.(ts|mjs|js|html|md)$/.test(path) && !path.includes('node_modules'))
    .filter((path) => /DESIGN\.md|\.\.\/shared\//.test(readFileSync(path, 'utf8')))
    .map((path) => relative(root, path));
  assert.deepEqual(offenders, []);
});

test('the check sees a forbidden import (fixture)', () => {
  const fake = "import { renderSummary } from '../views/summary.js';";
  const spec = [...fake.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
  assert.ok(RULES[0].forbidden.test(spec[0]));
});
