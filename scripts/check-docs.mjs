#!/usr/bin/env node
// `npm run check:docs` (part of `npm test`): the documentation cannot drift from the code.
//
// custom-elements.json (generated from the element's JSDoc and Lit properties by `npm run analyze`) is the
// source of truth. README.md and demo/docs.html must each document every public attribute, property,
// event, CSS part and CSS custom property it lists, and nothing it does not list. The README's error-code
// table must match `ERROR_CODES` in src/events.ts, and the `@fires` tags must match the keys of
// `RebillyInstrumentsEventMap`. Exits 1 with one line per problem.
//
// demo/docs.html is written by `npm run docs:page` (scripts/docs-page.mjs); rerun it after changing the API.
import { publicApi, readText } from './lib/public-api.mjs';
import { readReadme } from './lib/readme.mjs';
import { readDocsPage } from './lib/docs-page-reader.mjs';

const problems = [];
let api;
try {
  api = publicApi();
} catch (error) {
  console.error(`check-docs: ${error.message}`);
  process.exit(1);
}

/** Compares two name lists both ways. */
function compare(what, where, expected, documented, { allowExtra = () => false } = {}) {
  const want = new Set(expected);
  const have = new Set(documented);
  for (const name of want) if (!have.has(name)) problems.push(`${where}: ${what} \`${name}\` is not documented.`);
  for (const name of have) {
    if (!want.has(name) && !allowExtra(name)) {
      problems.push(`${where}: documents ${what} \`${name}\`, which custom-elements.json does not have.`);
    }
  }
}

const names = (list) => list.map((x) => x.name);
// Templated part names (`field-{name}`) may be documented when the base part's description mentions them.
const templatedPart = (name) =>
  name.includes('{') && api.parts.some((p) => p.description.includes(`\`${name}\``) || p.description.includes(name));

function checkPairs(where, documented) {
  for (const { name, property } of documented) {
    const attr = api.attributes.find((a) => a.name === name);
    if (attr && property && attr.property && attr.property !== property) {
      problems.push(`${where}: attribute \`${name}\` is paired with \`${property}\`; the element maps it to \`${attr.property}\`.`);
    }
  }
}

// README.md
const readme = readReadme(readText('README.md'));
problems.push(...readme.problems);
compare('attribute', 'README.md', names(api.attributes), names(readme.attributes));
compare('property', 'README.md', names(api.properties), names(readme.properties));
checkPairs('README.md', readme.attributes);
compare('event', 'README.md', names(api.events), readme.events);
compare('CSS part', 'README.md', names(api.parts), readme.parts, { allowExtra: templatedPart });
compare('CSS custom property', 'README.md', names(api.cssProperties), readme.cssProperties);
compare('error code', 'README.md (error codes vs src/events.ts ERROR_CODES)', api.errorCodes, readme.errorCodes.map((r) => r.code));

// The element's JSDoc against its typed event map.
compare('event', 'src/rebilly-instruments.ts @fires (vs RebillyInstrumentsEventMap in src/events.ts)', api.eventMapKeys, names(api.events));

// demo/docs.html
let page;
try {
  page = readDocsPage(readText('demo/docs.html'));
} catch (error) {
  problems.push(`demo/docs.html: ${error.message} (run \`npm run docs:page\`).`);
}
if (page) {
  const where = 'demo/docs.html (run `npm run docs:page`)';
  compare('attribute', where, names(api.attributes), names(page.attributes));
  compare('property', where, names(api.properties), names(page.properties));
  checkPairs(where, page.attributes);
  compare('event', where, names(api.events), page.events);
  compare('CSS part', where, names(api.parts), page.parts);
  compare('CSS custom property', where, names(api.cssProperties), page.cssProperties);
  compare('error code', where, api.errorCodes, page.errorCodes);
}

if (problems.length) {
  console.error(`check-docs: ${problems.length} problem(s):`);
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}
console.log(
  `check-docs: README.md and demo/docs.html match custom-elements.json ` +
    `(${api.attributes.length} attributes, ${api.properties.length} properties, ${api.events.length} events, ` +
    `${api.parts.length} CSS parts, ${api.cssProperties.length} CSS custom properties, ${api.errorCodes.length} error codes).`,
);
