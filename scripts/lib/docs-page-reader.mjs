// Reads what demo/docs.html documents. The page marks every documented name on its table row:
// data-attribute / data-property, data-event, data-part, data-css-property, data-error-code.
const values = (html, name) => [...html.matchAll(new RegExp(`\\bdata-${name}="([^"]*)"`, 'g'))].map((m) => m[1]);

export function readDocsPage(html) {
  if (!/<table\b/.test(html)) throw new Error('no reference tables found');
  const attributes = [];
  const properties = [];
  for (const row of html.matchAll(/<tr\b([^>]*)>/g)) {
    const attribute = /\bdata-attribute="([^"]*)"/.exec(row[1])?.[1] ?? null;
    const property = /\bdata-property="([^"]*)"/.exec(row[1])?.[1] ?? null;
    if (attribute) attributes.push({ name: attribute, property });
    if (property) properties.push({ name: property, attribute });
  }
  return {
    attributes,
    properties,
    events: values(html, 'event'),
    parts: values(html, 'part'),
    cssProperties: values(html, 'css-property'),
    errorCodes: values(html, 'error-code'),
  };
}
