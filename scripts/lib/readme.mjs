// Reads what README.md documents about the element, from the sections the check relies on:
//   "## Attributes and properties"  a table: | `attribute` or — | `property` (notes) | …
//   "## Events"                      a table: | `event` | …
//   "### Error codes"                a table: | `code` | meaning |
//   "## Styling" (or "## Theming")   every `--rebilly-*` token is a CSS custom property; the paragraph (or
//                                    table) introduced by "Parts" lists CSS parts, and `::part(name)` in
//                                    examples names one too.
// Headings are matched loosely (case-insensitive, any level from ## on) so the prose may change freely.

/**
 * The lines of the section whose heading matches, up to the next heading of the same or a higher level
 * (with `{ own: true }`: up to the next heading of any level, leaving subsections out).
 */
export function section(markdown, heading, { own = false } = {}) {
  const lines = markdown.split('\n');
  let start = -1;
  let level = 0;
  let inFence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^```/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const h = /^(#{2,6})\s+(.*)$/.exec(line);
    if (!h) continue;
    if (start < 0) {
      if (heading.test(h[2])) {
        start = i + 1;
        level = h[1].length;
      }
    } else if (own || h[1].length <= level) {
      return lines.slice(start, i);
    }
  }
  return start < 0 ? null : lines.slice(start);
}

/** Splits a markdown table row on pipes that are not escaped (`a \| b` stays one cell). */
export function cells(row) {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/** The body rows (cells) of every table in `lines`, header and separator rows left out. */
export function tableRows(lines) {
  const rows = [];
  let header = true;
  for (const line of lines) {
    if (!line.trim().startsWith('|')) {
      header = true;
      continue;
    }
    if (/^\s*\|?\s*:?-{2,}/.test(line)) {
      header = false;
      continue;
    }
    if (header) continue;
    rows.push(cells(line));
  }
  return rows;
}

const backticked = (text) => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]);

export function readReadme(markdown) {
  const problems = [];
  const need = (name, heading, options) => {
    const lines = section(markdown, heading, options);
    if (!lines) problems.push(`README.md: no section "${name}" (a heading matching ${heading}).`);
    return lines ?? [];
  };

  const attributeRows = tableRows(need('Attributes and properties', /^attributes\b/i, { own: true }));
  const attributes = [];
  const properties = [];
  for (const row of attributeRows) {
    const attribute = backticked(row[0] ?? '')[0] ?? null;
    const property = backticked(row[1] ?? '')[0] ?? null;
    if (attribute) attributes.push({ name: attribute, property });
    if (property) properties.push({ name: property, attribute });
  }

  const events = tableRows(need('Events', /^events\b/i, { own: true }))
    .map((row) => backticked(row[0] ?? '')[0])
    .filter(Boolean);

  const errorRows = tableRows(need('Error codes', /^error codes\b/i, { own: true }));
  const errorCodes = errorRows.map((row) => ({ code: backticked(row[0] ?? '')[0], meaning: row[1] ?? '' })).filter((r) => r.code);

  const styling = need('Styling', /^(styling|theming)\b/i);
  const stylingText = styling.join('\n');
  const cssProperties = [...new Set([...stylingText.matchAll(/--rebilly-[a-z0-9-]+/g)].map((m) => m[0]))];

  const parts = new Set();
  for (const m of stylingText.matchAll(/::part\(\s*([a-z0-9-]+)\s*\)/g)) parts.add(m[1]);
  // The paragraph that starts with "Parts" …
  let inParts = false;
  for (const line of styling) {
    if (/^Parts\b/.test(line.trim())) inParts = true;
    else if (!line.trim()) inParts = false;
    if (inParts) for (const token of backticked(line)) if (/^[a-z][a-z0-9{}-]*$/.test(token)) parts.add(token);
  }
  // … or a table whose first column header is "part".
  let partTable = false;
  for (const line of styling) {
    if (!line.trim().startsWith('|')) {
      partTable = false;
      continue;
    }
    const row = cells(line);
    if (/^part\b/i.test(row[0] ?? '')) partTable = true;
    else if (partTable && !/^:?-{2,}/.test(row[0] ?? '')) {
      const token = backticked(row[0] ?? '')[0];
      if (token) parts.add(token.replace(/^::part\((.*)\)$/, '$1'));
    }
  }

  return { problems, attributes, properties, events, errorCodes, cssProperties, parts: [...parts] };
}
