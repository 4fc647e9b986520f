// The element's public API as custom-elements.json describes it, plus the error codes of src/events.ts.
// Shared by scripts/check-docs.mjs (docs must match it) and scripts/docs-page.mjs (writes demo/docs.html).
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const TAG = 'rebilly-instruments';

export function readText(relative) {
  return readFileSync(ROOT + relative, 'utf8');
}

/** Reads custom-elements.json (run `npm run analyze` first) and returns the element's declaration. */
export function readElement() {
  if (!existsSync(ROOT + 'custom-elements.json')) {
    throw new Error('custom-elements.json is missing: run `npm run analyze` first.');
  }
  const manifest = JSON.parse(readText('custom-elements.json'));
  for (const mod of manifest.modules ?? []) {
    for (const decl of mod.declarations ?? []) {
      if (decl.customElement && decl.tagName === TAG) return { manifest, module: mod, element: decl };
    }
  }
  throw new Error(`custom-elements.json has no <${TAG}> declaration (is the class JSDoc's @tag there?).`);
}

const isPublic = (member) =>
  !member.static && (member.privacy ?? 'public') === 'public' && !member.name.startsWith('_') && !member.name.startsWith('#');

/**
 * Everything a page can use: attributes (with their property), properties, events, CSS parts, CSS custom
 * properties, each with the manifest's description.
 */
export function publicApi() {
  const { element } = readElement();
  const attributes = (element.attributes ?? []).map((a) => ({
    name: a.name,
    property: a.fieldName ?? null,
    type: a.type?.text ?? '',
    description: a.description ?? '',
  }));
  const properties = (element.members ?? [])
    .filter((m) => m.kind === 'field' && isPublic(m))
    .map((m) => ({
      name: m.name,
      attribute: m.attribute ?? null,
      type: m.type?.text ?? '',
      readonly: !!m.readonly,
      reflects: !!m.reflects,
      description: m.description ?? '',
    }));
  const methods = (element.members ?? [])
    .filter((m) => m.kind === 'method' && isPublic(m))
    .map((m) => ({ name: m.name, description: m.description ?? '' }));
  const named = (list) => (list ?? []).map((x) => ({ name: x.name, description: x.description ?? '' }));
  return {
    tag: TAG,
    className: element.name,
    summary: element.description ?? element.summary ?? '',
    attributes,
    properties,
    methods,
    events: named(element.events),
    parts: named(element.cssParts),
    cssProperties: named(element.cssProperties),
    errorCodes: errorCodes(),
    eventMapKeys: eventMapKeys(),
  };
}

/** The `ERROR_CODES` array literal of src/events.ts. */
export function errorCodes() {
  const source = readText('src/events.ts');
  const block = /export const ERROR_CODES\s*=\s*\[([\s\S]*?)\]\s*as const/.exec(source);
  if (!block) throw new Error('src/events.ts: no `export const ERROR_CODES = [...] as const` found.');
  return [...block[1].matchAll(/'([^']+)'|"([^"]+)"/g)].map((m) => m[1] ?? m[2]);
}

/** The keys of `interface RebillyInstrumentsEventMap` in src/events.ts. */
export function eventMapKeys() {
  const source = readText('src/events.ts');
  const block = /export interface RebillyInstrumentsEventMap\s*\{([\s\S]*?)\n\}/.exec(source);
  if (!block) throw new Error('src/events.ts: no `export interface RebillyInstrumentsEventMap` found.');
  return [...block[1].matchAll(/^\s*(?:'([^']+)'|"([^"]+)"|([A-Za-z_$][\w$]*))\s*:/gm)].map((m) => m[1] ?? m[2] ?? m[3]);
}
