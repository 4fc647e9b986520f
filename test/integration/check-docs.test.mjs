// The docs-drift check (scripts/check-docs.mjs) must fail on each kind of drift and pass on the real docs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compareDocs } from '../../scripts/lib/compare-docs.mjs';
import { readReadme, section, cells } from '../../scripts/lib/readme.mjs';
import { readDocsPage } from '../../scripts/lib/docs-page-reader.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));

const API = {
  attributes: [
    { name: 'publishable-key', property: 'publishableKey' },
    { name: 'items', property: 'items' },
  ],
  properties: [{ name: 'publishableKey' }, { name: 'items' }, { name: 'state' }],
  events: [{ name: 'data-ready' }, { name: 'error' }],
  eventMapKeys: ['data-ready', 'error'],
  parts: [{ name: 'pay-button', description: 'The button.' }, { name: 'field', description: 'A field; also `field-{name}`.' }],
  cssProperties: [{ name: '--rebilly-color-primary' }],
  errorCodes: ['network', 'timeout'],
};

const README = `# x
## Attributes and properties
| attribute | property | meaning |
|---|---|---|
| \`publishable-key\` | \`publishableKey\` | key |
| \`items\` | \`items\` | \`a\` \\| \`b\` |
| — | \`state\` (read-only) | where |

## Events
| event | when |
|---|---|
| \`data-ready\` | ready |
| \`error\` | failed |

### Error codes
| code | meaning |
|---|---|
| \`network\` | offline |
| \`timeout\` | slow |

## Styling
Custom properties: \`--rebilly-color-primary\`.

Parts for \`::part()\`: \`pay-button\`, \`field\` (and \`field-{name}\`).

\`\`\`css
rebilly-instruments::part(pay-button) { color: red; }
\`\`\`

## Other
| \`not-an-attribute\` | x |
`;

const PAGE = `<table>
<tr data-attribute="publishable-key" data-property="publishableKey"></tr>
<tr data-attribute="items" data-property="items"></tr><tr data-property="state"></tr>
<tr data-event="data-ready"></tr><tr data-event="error"></tr>
<tr data-part="pay-button"></tr><tr data-part="field"></tr>
<tr data-css-property="--rebilly-color-primary"></tr>
<tr data-error-code="network"></tr><tr data-error-code="timeout"></tr></table>`;

const check = (readme = README, page = PAGE, api = API) => compareDocs(api, readReadme(readme), readDocsPage(page));

test('helpers: sections stop at the right heading; table cells keep escaped pipes', () => {
  assert.equal(section(README, /^events\b/i, { own: true }).join('\n').includes('network'), false);
  assert.equal(section(README, /^events\b/i).join('\n').includes('network'), true);
  assert.deepEqual(cells('| `a` \\| `b` | c |'), ['`a` \\| `b`', 'c']);
});

test('matching docs pass', () => {
  assert.deepEqual(check(), []);
});

test('each kind of drift in README.md is reported', () => {
  const cases = [
    [README.replace('| `items` | `items` | `a` \\| `b` |\n', ''), /attribute `items` is not documented/],
    [README.replace('| — | `state` (read-only) | where |', '| — | `status` | where |'), /documents property `status`/],
    [README.replace('| `publishable-key` | `publishableKey`', '| `publishable-key` | `key`'), /paired with `key`/],
    [README.replace('| `error` | failed |', '| `error` | failed |\n| `paid` | new |'), /documents event `paid`/],
    [README.replace('`pay-button`, ', '').replace('::part(pay-button)', '::part(field)'), /CSS part `pay-button` is not documented/],
    [README.replace('::part(pay-button)', '::part(pay-buton)'), /documents CSS part `pay-buton`/],
    [README.replace('Custom properties: `--rebilly-color-primary`.', 'Custom properties: `--rebilly-colour`.'), /--rebilly-color-primary` is not documented/],
    [README.replace('| `timeout` | slow |', ''), /error code `timeout` is not documented/],
    [README.replace('## Events', '## Happenings'), /no section "Events"/],
  ];
  for (const [readme, expected] of cases) {
    const problems = check(readme);
    assert.ok(problems.some((p) => expected.test(p)), `${expected}: ${problems.join(' | ') || 'no problem found'}`);
  }
  // Removing a part from the list while an example still names it is still a documented part: fine.
  assert.deepEqual(check(README.replace('`pay-button`, ', '')), []);
  // A templated part name is allowed when the manifest describes it; an unknown one is not.
  assert.ok(check(README.replace('`field-{name}`', '`label-{name}`')).some((p) => p.includes('label-{name}')));
});

test('drift between @fires and the typed event map, and in demo/docs.html, is reported', () => {
  assert.ok(check(README, PAGE, { ...API, eventMapKeys: ['data-ready', 'error', 'paid'] }).some((p) => p.includes('@fires')));
  assert.ok(check(README, PAGE.replace('<tr data-part="field"></tr>', '')).some((p) => p.startsWith('demo/docs.html') && p.includes('`field`')));
  assert.ok(check(README, PAGE.replace('timeout', 'time-out')).some((p) => p.includes('time-out')));
});

test('the real README.md and demo/docs.html match the manifest (npm run check:docs)', { skip: !existsSync(`${root}custom-elements.json`) && 'run npm run analyze first' }, () => {
  const out = execFileSync(process.execPath, ['scripts/check-docs.mjs'], { cwd: root, encoding: 'utf8' });
  assert.match(out, /match custom-elements\.json/);
});
