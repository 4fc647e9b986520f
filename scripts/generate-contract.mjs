#!/usr/bin/env node
// Writes emulator/contract/storefront.json: a trimmed copy of Rebilly's Storefront OpenAPI document with only
// the operations the emulator serves (emulator/lib/api.mjs OPERATIONS) and every component they reach through
// `$ref` (kept as `#/components/…` pointers, so the copy is self-contained). The emulator's tests validate
// its answers and the element's requests against it (emulator/contract/validate.mjs).
//
//   node scripts/generate-contract.mjs <path to the Storefront openapi.yaml or .json> [--out file]
//
// The document is read from the path given and never at run or test time; commit the output.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { parseYaml } from './lib/mini-yaml.mjs';
import { OPERATIONS } from '../emulator/lib/api.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = outIndex >= 0 ? resolve(args[outIndex + 1]) : resolve(root, 'emulator/contract/storefront.json');
const source = args.find((a, k) => !a.startsWith('--') && args[k - 1] !== '--out');
if (!source) {
  console.error('usage: node scripts/generate-contract.mjs <storefront-openapi.yaml|json> [--out file]');
  process.exit(2);
}

const text = readFileSync(source, 'utf8');
const doc = /** @type {any} */ (source.endsWith('.json') ? JSON.parse(text) : parseYaml(text));
if (!doc || typeof doc.openapi !== 'string' || !doc.paths) throw new Error(`${source} is not an OpenAPI document`);

const wanted = new Set(OPERATIONS.map((o) => o.operationId));
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
/** @type {Record<string, any>} */
const paths = {};
for (const [path, item] of Object.entries(/** @type {Record<string, any>} */ (doc.paths))) {
  for (const method of METHODS) {
    const operation = item[method];
    if (!operation || !wanted.has(operation.operationId)) continue;
    wanted.delete(operation.operationId);
    const { 'x-codeSamples': _samples, ...kept } = operation;
    paths[path] ??= item.parameters ? { parameters: item.parameters } : {};
    paths[path][method] = kept;
  }
}

// Every component reachable from the kept operations.
/** @type {Record<string, Record<string, unknown>>} */
const components = {};
/** @param {unknown} node */
function collect(node) {
  if (Array.isArray(node)) return node.forEach(collect);
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      const m = /^#\/components\/([^/]+)\/(.+)$/.exec(value);
      if (!m) throw new Error(`unsupported $ref ${value} (only #/components/… pointers are kept)`);
      const [, kind, rawName] = m;
      const name = rawName.replace(/~1/g, '/').replace(/~0/g, '~');
      const target = doc.components?.[kind]?.[name];
      if (target === undefined) throw new Error(`dangling $ref ${value}`);
      components[kind] ??= {};
      if (!(name in components[kind])) {
        components[kind][name] = target;
        collect(target);
      }
    } else collect(value);
  }
}
collect(paths);
// The problem shape, for answers with a status an operation does not list (emulator/contract/validate.mjs).
if (doc.components?.schemas?.BaseProblem) collect({ $ref: '#/components/schemas/BaseProblem' });
// Security schemes named by the kept operations.
for (const item of Object.values(paths)) {
  for (const method of METHODS) {
    for (const requirement of item[method]?.security ?? []) {
      for (const scheme of Object.keys(requirement)) {
        components.securitySchemes ??= {};
        components.securitySchemes[scheme] = doc.components.securitySchemes[scheme];
      }
    }
  }
}
const sorted = Object.fromEntries(
  Object.keys(components)
    .sort()
    .map((kind) => [kind, Object.fromEntries(Object.keys(components[kind]).sort().map((name) => [name, components[kind][name]]))]),
);

const trimmed = {
  openapi: doc.openapi,
  info: {
    title: `${doc.info?.title ?? 'Storefront API'} (trimmed: the operations the emulator serves)`,
    version: doc.info?.version,
    license: doc.info?.license,
    'x-generated-by': 'scripts/generate-contract.mjs',
    'x-source-sha256': createHash('sha256').update(text).digest('hex'),
    'x-not-in-source': [...wanted].sort(),
  },
  servers: doc.servers,
  paths,
  components: sorted,
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(trimmed, null, 1)}\n`);
const count = Object.values(paths).reduce((n, item) => n + METHODS.filter((m) => item[m]).length, 0);
const schemas = Object.keys(sorted.schemas ?? {}).length;
console.log(`${out}: ${count} operations, ${schemas} schemas${wanted.size ? `; not in the document: ${[...wanted].join(', ')}` : ''}`);
