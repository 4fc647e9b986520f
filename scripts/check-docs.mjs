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
import { compareDocs } from './lib/compare-docs.mjs';

let api;
try {
  api = publicApi();
} catch (error) {
  console.error(`check-docs: ${error.message}`);
  process.exit(1);
}

const problems = [];
let page;
try {
  page = readDocsPage(readText('demo/docs.html'));
} catch (error) {
  problems.push(`demo/docs.html: ${error.message} (run \`npm run docs:page\`).`);
}
problems.push(...compareDocs(api, readReadme(readText('README.md')), page));

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
