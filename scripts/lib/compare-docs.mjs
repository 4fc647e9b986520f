// The comparison behind scripts/check-docs.mjs, as a pure function so it can be tested on fixtures:
// given the public API (scripts/lib/public-api.mjs), what README.md documents (scripts/lib/readme.mjs) and
// what demo/docs.html documents (scripts/lib/docs-page-reader.mjs), returns one line per problem.

export function compareDocs(api, readme, page) {
  const problems = [...(readme?.problems ?? [])];
  const names = (list) => list.map((x) => x.name);

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

  // Templated part names (`field-{name}`) may be documented when a part's description mentions them.
  const templatedPart = (name) => name.includes('{') && api.parts.some((p) => p.description.includes(name));

  function checkPairs(where, documented) {
    for (const { name, property } of documented) {
      const attr = api.attributes.find((a) => a.name === name);
      if (attr && property && attr.property && attr.property !== property) {
        problems.push(`${where}: attribute \`${name}\` is paired with \`${property}\`; the element maps it to \`${attr.property}\`.`);
      }
    }
  }

  if (readme) {
    const where = 'README.md';
    compare('attribute', where, names(api.attributes), names(readme.attributes));
    compare('property', where, names(api.properties), names(readme.properties));
    checkPairs(where, readme.attributes);
    compare('event', where, names(api.events), readme.events);
    compare('CSS part', where, names(api.parts), readme.parts, { allowExtra: templatedPart });
    compare('CSS custom property', where, names(api.cssProperties), readme.cssProperties);
    compare('error code', 'README.md (error codes vs src/events.ts ERROR_CODES)', api.errorCodes, readme.errorCodes.map((r) => r.code));
  }

  compare(
    'event',
    'src/rebilly-instruments.ts @fires (vs RebillyInstrumentsEventMap in src/events.ts)',
    api.eventMapKeys,
    names(api.events),
  );

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
  return problems;
}
