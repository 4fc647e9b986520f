// Every HTML page the project serves under a strict CSP (demo/**, test/integration/csp/**) must work
// without 'unsafe-inline': no inline <script> body, no <style> element, no style="" attribute, no on*=""
// handler attribute, no javascript: URL. (Import maps are inline scripts too, so none of those either.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

/** The problems of one page, each as a short description with its line number. */
export function inlineProblems(source) {
  const problems = [];
  const withoutComments = source.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\n]/g, ' '));
  const lineOf = (index) => withoutComments.slice(0, index).split('\n').length;
  for (const m of withoutComments.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    if (m[2].trim()) problems.push(`line ${lineOf(m.index)}: inline <script> body`);
    if (!/\bsrc\s*=/.test(m[1]) && !m[2].trim()) problems.push(`line ${lineOf(m.index)}: <script> without src`);
  }
  for (const m of withoutComments.matchAll(/<style\b/gi)) problems.push(`line ${lineOf(m.index)}: <style> element`);
  for (const m of withoutComments.matchAll(/<[a-z][\w-]*\b[^>]*?\sstyle\s*=/gi)) {
    problems.push(`line ${lineOf(m.index)}: style="" attribute`);
  }
  for (const m of withoutComments.matchAll(/<[a-z][\w-]*\b[^>]*?\son[a-z-]+\s*=/gi)) {
    problems.push(`line ${lineOf(m.index)}: on*="" handler attribute`);
  }
  for (const m of withoutComments.matchAll(/\b(?:href|src|action)\s*=\s*["']?\s*javascript:/gi)) {
    problems.push(`line ${lineOf(m.index)}: javascript: URL`);
  }
  return problems;
}

test('the checker itself finds each kind of inline code', () => {
  const bad = [
    '<script>alert(1)</script>',
    '<style>p{}</style>',
    '<p style="color:red">x</p>',
    '<button onclick="go()">x</button>',
    '<a href="javascript:go()">x</a>',
    '<script type="importmap">{"imports":{}}</script>',
  ];
  for (const page of bad) assert.equal(inlineProblems(page).length > 0, true, page);
  assert.deepEqual(inlineProblems('<script type="module" src="/a.js"></script><!-- <script>x</script> --><p data-style="x">'), []);
  assert.deepEqual(inlineProblems(`<rebilly-instruments items='[{"planId":"p","quantity":1}]'></rebilly-instruments>`), []);
});

const pages = [...htmlFiles(join(root, 'demo')), ...htmlFiles(join(root, 'test/integration/csp'))];

test('there are pages to check', () => {
  assert.ok(pages.some((p) => p.endsWith('demo/index.html')));
  assert.ok(pages.some((p) => p.endsWith('demo/docs.html')));
});

for (const page of pages) {
  test(`${relative(root, page)} has no inline script or style`, () => {
    assert.deepEqual(inlineProblems(readFileSync(page, 'utf8')), []);
  });
}
