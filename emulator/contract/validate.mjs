// Checks requests and answers against the trimmed Storefront contract (storefront.json, written by
// scripts/generate-contract.mjs), like stripe-mock checks against Stripe's OpenAPI document.
//
// Engine: ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) when it is installed (`npm install -D ajv`);
// otherwise the built-in validator below, which implements every assertion keyword the trimmed contract
// uses (type, enum, const, properties, required, additionalProperties, items, allOf/oneOf/anyOf/not,
// minimum/maximum, minLength/maxLength, pattern, minItems/maxItems, minProperties, $ref) and throws on an
// assertion keyword it does not know, so it never passes a schema it cannot read. `format` is an annotation
// in 2020-12 (not asserted, as ajv without ajv-formats). OpenAPI's readOnly/writeOnly are honoured: a
// required readOnly member is not required in a request, a required writeOnly member not in an answer.
import { readFileSync } from 'node:fs';

const CONTRACT_URL = new URL('./storefront.json', import.meta.url);

/**
 * Answers the emulator sends on purpose with a status the document does not list for that operation
 * (emulator/README.md, "Checked against the contract"): injected faults (5xx) have no body to check; a 4xx
 * the document leaves out (a 404 for an unknown invoice, a 409, a 422 on a GET) must still be a problem
 * document (`BaseProblem`).
 * @param {number} status
 */
const undocumentedStatusIsDeliberate = (status) => status >= 500 || (status >= 400 && status < 500);

/**
 * Operations whose answer is a list of the documented schema (the document describes one method object;
 * the live API, Rebilly's own client and the element read a list): each item is checked.
 */
const ANSWERS_A_LIST_OF_THE_DOCUMENTED_SCHEMA = new Set(['StorefrontPostReadyToPay', 'StorefrontPostReadyToPayout']);

/** @typedef {{sandbox: string, kind: 'request' | 'response', operationId: string, status?: number, method: string, path: string, errors: string[]}} Violation */

/** @returns {any} */
export function loadContract() {
  return JSON.parse(readFileSync(CONTRACT_URL, 'utf8'));
}

/**
 * @param {{engine?: 'auto' | 'builtin' | 'ajv', contract?: any}} [options]
 */
export async function createContractValidator({ engine = 'auto', contract = loadContract() } = {}) {
  /** @type {Map<string, {method: string, path: string, operation: any}>} */
  const operations = new Map();
  for (const [path, item] of Object.entries(/** @type {Record<string, any>} */ (contract.paths))) {
    for (const [method, operation] of Object.entries(item)) {
      if (operation && typeof operation === 'object' && operation.operationId) operations.set(operation.operationId, { method: method.toUpperCase(), path, operation });
    }
  }
  const views = { request: directional(contract, 'readOnly'), response: directional(contract, 'writeOnly') };

  /** @type {(direction: 'request' | 'response', schema: any) => (value: unknown) => string[]} */
  let compile = (direction, schema) => {
    const doc = views[direction];
    return (value) => builtinValidate(doc, schema, value);
  };
  let engineName = 'builtin';
  if (engine !== 'builtin') {
    const ajv = await loadAjv();
    if (ajv) {
      engineName = 'ajv';
      /** @type {Record<string, any>} */
      const instances = {};
      for (const direction of /** @type {const} */ (['request', 'response'])) {
        const instance = new ajv({ strict: false, allErrors: true, validateFormats: false });
        instance.addSchema({ $id: `urn:contract:${direction}`, components: views[direction].components });
        instances[direction] = instance;
      }
      compile = (direction, schema) => {
        const check = instances[direction].compile({ ...rebase(schema, `urn:contract:${direction}`) });
        return (value) => (check(value) ? [] : (check.errors ?? []).map((/** @type {any} */ e) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`));
      };
    } else if (engine === 'ajv') throw new Error('ajv is not installed (npm install -D ajv)');
  }

  /** @type {Map<string, (value: unknown) => string[]>} */
  const cache = new Map();
  /** @param {string} key @param {'request' | 'response'} direction @param {any} schema */
  const compiled = (key, direction, schema) => {
    let check = cache.get(key);
    if (!check) cache.set(key, (check = compile(direction, schema)));
    return check;
  };

  // Operations the emulator serves that the Storefront document does not hold (the merchant's secret-key
  // `POST /authentication-tokens` behind `/__merchant/customer-jwt`): not checked.
  const outside = new Set(contract.info?.['x-not-in-source'] ?? []);

  return {
    engine: engineName,
    operationIds: [...operations.keys()],
    /** Errors of a request body (empty when valid or when the operation has no body in the contract). */
    request(/** @type {string} */ operationId, /** @type {unknown} */ body) {
      const entry = operations.get(operationId);
      if (!entry) return outside.has(operationId) ? [] : [`${operationId} is not in the contract`];
      const content = resolveRef(contract, entry.operation.requestBody)?.content?.['application/json'];
      if (!content?.schema) return [];
      if (body === undefined) return entry.operation.requestBody?.required ? ['the request has no body'] : [];
      return compiled(`req ${operationId}`, 'request', content.schema)(body);
    },
    /** Errors of an answer; a status the operation does not document is an error unless it is deliberate. */
    response(/** @type {string} */ operationId, /** @type {number} */ status, /** @type {unknown} */ body) {
      const entry = operations.get(operationId);
      if (!entry) return outside.has(operationId) ? [] : [`${operationId} is not in the contract`];
      const responses = entry.operation.responses ?? {};
      const response = resolveRef(contract, responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default);
      if (!response) {
        if (!undocumentedStatusIsDeliberate(status)) return [`status ${status} is not documented for ${operationId}`];
        if (status >= 500 || !contract.components?.schemas?.BaseProblem) return [];
        return compiled('problem', 'response', { $ref: '#/components/schemas/BaseProblem' })(body);
      }
      const schema = response.content?.['application/json']?.schema;
      if (!schema) return [];
      const check = compiled(`res ${operationId} ${status}`, 'response', schema);
      if (status < 300 && ANSWERS_A_LIST_OF_THE_DOCUMENTED_SCHEMA.has(operationId)) {
        if (!Array.isArray(body)) return ['/ must be a list of methods'];
        return body.flatMap((item, k) => check(item).map((e) => `/${k}${e.startsWith('/') ? e.slice(e === '/' || e.startsWith('/ ') ? 1 : 0) : ` ${e}`}`));
      }
      return check(body);
    },
  };
}

async function loadAjv() {
  try {
    const mod = /** @type {any} */ (await import(/* @vite-ignore */ 'ajv/dist/2020.js'));
    return mod.default ?? mod.Ajv2020 ?? null;
  } catch {
    return null;
  }
}

/** @param {any} doc @param {any} node */
function resolveRef(doc, node) {
  let current = node;
  for (let k = 0; current && typeof current === 'object' && typeof current.$ref === 'string' && k < 20; k++) current = pointer(doc, current.$ref);
  return current;
}

/** @param {any} doc @param {string} ref */
function pointer(doc, ref) {
  if (!ref.startsWith('#/')) throw new Error(`unsupported $ref ${ref}`);
  let node = doc;
  for (const raw of ref.slice(2).split('/')) {
    node = node?.[raw.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  if (node === undefined) throw new Error(`dangling $ref ${ref}`);
  return node;
}

/** `#/components/…` → `urn:contract:x#/components/…` (for ajv). @param {any} node @param {string} id @returns {any} */
function rebase(node, id) {
  if (Array.isArray(node)) return node.map((n) => rebase(n, id));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${id}${v}` : rebase(v, id)]));
}

/**
 * A copy of the contract where `required` leaves out the members marked `flag` (readOnly for requests,
 * writeOnly for answers), as OpenAPI says.
 * @param {any} contract @param {'readOnly' | 'writeOnly'} flag
 */
function directional(contract, flag) {
  const copy = structuredClone(contract);
  const NON_EXCLUSIVE_ONE_OF = new Set(['PaymentInstruction'].map((name) => copy.components?.schemas?.[name]).filter(Boolean));
  /** @param {any} node */
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    // OpenAPI's discriminator picks the one schema of a `oneOf` by a member's value, so a value may match
    // several of them as plain JSON Schema (a card method is also a generic one): read it as `anyOf`.
    // The same for `oneOf`s whose branches overlap in the document itself (`{token}` is both a
    // PaymentInstructionToken and a PaymentInstructionMethods, as Rebilly's own library sends it).
    if (NON_EXCLUSIVE_ONE_OF.has(node) || (node.discriminator && Array.isArray(node.oneOf))) {
      node.anyOf = node.oneOf;
      delete node.oneOf;
    }
    if (Array.isArray(node.required) && node.properties && typeof node.properties === 'object') {
      node.required = node.required.filter((/** @type {string} */ name) => !resolveRef(copy, node.properties[name])?.[flag] && !node.properties[name]?.[flag]);
    }
    Object.values(node).forEach(visit);
  };
  visit(copy);
  return copy;
}

const ANNOTATIONS = new Set([
  'title', 'description', 'example', 'examples', 'default', 'readOnly', 'writeOnly', 'deprecated', 'format',
  'discriminator', 'xml', 'externalDocs', '$comment', 'contentMediaType', 'contentEncoding',
]);
const ASSERTIONS = new Set([
  '$ref', 'type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items', 'allOf', 'anyOf', 'oneOf', 'not',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'minLength', 'maxLength', 'pattern',
  'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
]);

/** @param {unknown} value @returns {string} */
function typeOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** @param {unknown} a @param {unknown} b */
const equal = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The built-in JSON Schema (2020-12 subset) validator. @param {any} doc @param {any} schema @param {unknown} value
 * @param {string} [at] @returns {string[]}
 */
export function builtinValidate(doc, schema, value, at = '') {
  if (schema === true || schema === undefined) return [];
  if (schema === false) return [`${at || '/'} is not allowed`];
  /** @type {string[]} */
  const errors = [];
  const here = at || '/';
  for (const key of Object.keys(schema)) {
    if (!ASSERTIONS.has(key) && !ANNOTATIONS.has(key) && !key.startsWith('x-')) throw new Error(`the built-in validator does not know the keyword "${key}" (install ajv)`);
  }
  if (schema.$ref) errors.push(...builtinValidate(doc, pointer(doc, schema.$ref), value, at));
  const actual = typeOf(value);
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const ok = types.some((/** @type {string} */ t) => t === actual || (t === 'number' && actual === 'integer'));
    if (!ok) return [...errors, `${here} must be ${types.join(' or ')} (is ${actual})`];
  }
  if (schema.enum && !schema.enum.some((/** @type {unknown} */ e) => equal(e, value))) errors.push(`${here} must be one of ${JSON.stringify(schema.enum)} (is ${JSON.stringify(value)})`);
  if ('const' in schema && !equal(schema.const, value)) errors.push(`${here} must be ${JSON.stringify(schema.const)}`);
  if (actual === 'number' || actual === 'integer') {
    const n = /** @type {number} */ (value);
    if (schema.minimum !== undefined && n < schema.minimum) errors.push(`${here} must be ≥ ${schema.minimum}`);
    if (schema.maximum !== undefined && n > schema.maximum) errors.push(`${here} must be ≤ ${schema.maximum}`);
    if (schema.exclusiveMinimum !== undefined && n <= schema.exclusiveMinimum) errors.push(`${here} must be > ${schema.exclusiveMinimum}`);
    if (schema.exclusiveMaximum !== undefined && n >= schema.exclusiveMaximum) errors.push(`${here} must be < ${schema.exclusiveMaximum}`);
    if (schema.multipleOf !== undefined && Math.abs(n / schema.multipleOf - Math.round(n / schema.multipleOf)) > 1e-9) errors.push(`${here} must be a multiple of ${schema.multipleOf}`);
  }
  if (actual === 'string') {
    const s = /** @type {string} */ (value);
    const length = [...s].length;
    if (schema.minLength !== undefined && length < schema.minLength) errors.push(`${here} must have ≥ ${schema.minLength} characters`);
    if (schema.maxLength !== undefined && length > schema.maxLength) errors.push(`${here} must have ≤ ${schema.maxLength} characters`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(s)) errors.push(`${here} must match ${schema.pattern}`);
  }
  if (actual === 'array') {
    const items = /** @type {unknown[]} */ (value);
    if (schema.minItems !== undefined && items.length < schema.minItems) errors.push(`${here} must have ≥ ${schema.minItems} items`);
    if (schema.maxItems !== undefined && items.length > schema.maxItems) errors.push(`${here} must have ≤ ${schema.maxItems} items`);
    if (schema.uniqueItems && new Set(items.map((v) => JSON.stringify(v))).size !== items.length) errors.push(`${here} must have unique items`);
    if (schema.items !== undefined) items.forEach((item, k) => errors.push(...builtinValidate(doc, schema.items, item, `${at}/${k}`)));
  }
  if (actual === 'object') {
    const object = /** @type {Record<string, unknown>} */ (value);
    const keys = Object.keys(object);
    if (schema.minProperties !== undefined && keys.length < schema.minProperties) errors.push(`${here} must have ≥ ${schema.minProperties} members`);
    if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) errors.push(`${here} must have ≤ ${schema.maxProperties} members`);
    for (const name of schema.required ?? []) if (!(name in object)) errors.push(`${here} must have member "${name}"`);
    const properties = schema.properties ?? {};
    for (const key of keys) {
      if (key in properties) errors.push(...builtinValidate(doc, properties[key], object[key], `${at}/${key}`));
      else if (schema.additionalProperties !== undefined) errors.push(...builtinValidate(doc, schema.additionalProperties, object[key], `${at}/${key}`));
    }
  }
  for (const sub of schema.allOf ?? []) errors.push(...builtinValidate(doc, sub, value, at));
  if (schema.anyOf) {
    const results = schema.anyOf.map((/** @type {any} */ sub) => builtinValidate(doc, sub, value, at));
    if (!results.some((/** @type {string[]} */ r) => r.length === 0)) {
      const closest = results.reduce((/** @type {string[]} */ a, /** @type {string[]} */ b) => (b.length < a.length ? b : a));
      errors.push(`${here} must match one of anyOf; closest: ${closest.slice(0, 3).join('; ')}`);
    }
  }
  if (schema.oneOf) {
    const results = schema.oneOf.map((/** @type {any} */ sub) => builtinValidate(doc, sub, value, at));
    const matches = results.filter((/** @type {string[]} */ r) => r.length === 0).length;
    if (matches !== 1) {
      const closest = results.reduce((/** @type {string[]} */ a, /** @type {string[]} */ b) => (b.length < a.length ? b : a));
      const matched = results.flatMap((/** @type {string[]} */ r, /** @type {number} */ k) => (r.length === 0 ? [schema.oneOf[k].$ref ?? `#${k}`] : []));
      errors.push(`${here} must match exactly one of oneOf (matches ${matches}${matches ? `: ${matched.join(', ')}` : ''})${matches === 0 ? `; closest: ${closest.slice(0, 3).join('; ')}` : ''}`);
    }
  }
  if (schema.not && builtinValidate(doc, schema.not, value, at).length === 0) errors.push(`${here} must not match a "not" schema`);
  return errors;
}
