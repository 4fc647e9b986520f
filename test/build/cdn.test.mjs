// The built CDN files (dist/cdn/) in a real page: `npm run build` runs this right after rollup, because the
// split into an entry and on-demand chunks exists only in that build (the browser suite runs the sources).
// The demo pages load dist/cdn/rebilly-instruments.js under the demo's strict CSP, against the emulator.
//
// - items (publishable key): ready without fetching the customer-mode chunk;
// - invoice and deposit (customer JWT): ready, the customer chunks (code, views) fetched once from dist/cdn/chunks/;
// - no CSP violation, no page error, no failed request on any of them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { startDemo } from '../../demo/serve.mjs';
import { CHROME_ARGS, findChrome } from '../../scripts/find-chrome.mjs';

const built = existsSync(new URL('../../dist/cdn/rebilly-instruments.js', import.meta.url));
let demo;
let browser;

before(async () => {
  if (!built) return;
  demo = await startDemo({ port: 0, emulatorPort: 0, quiet: true });
  browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

/** Opens a demo page and waits until its element is ready (or failed); reports what the page fetched. */
async function open(path) {
  const page = await browser.newPage();
  const problems = [];
  const scripts = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/dist/cdn/')) scripts.push(url.pathname.slice('/dist/cdn/'.length));
  });
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(new URL(path, demo.url).href);
  await page.waitForFunction(
    () => ['ready', 'failed'].includes(document.querySelector('rebilly-instruments')?.state ?? ''),
    { timeout: 15000 },
  );
  const state = await page.evaluate(() => document.querySelector('rebilly-instruments').state);
  const text = await page.evaluate(() => document.querySelector('rebilly-instruments').shadowRoot.textContent);
  // What went wrong in the page until now: closing it aborts loads still under way (a FramePay frame), which
  // are not the page's problems.
  const seen = [...problems];
  await page.close();
  return { state, text, scripts, problems: seen };
}

test('a checkout on a cards-only website is ready from the entry file alone', { skip: !built && 'dist/cdn not built' }, async () => {
  const { state, scripts, problems } = await open('/demo/cards-only.html');
  assert.equal(state, 'ready');
  assert.deepEqual(problems, []);
  assert.ok(scripts.includes('rebilly-instruments.js'));
  assert.deepEqual(scripts.filter((s) => s.startsWith('chunks/')), [], 'no chunk: no customer modes, no other way to pay, no order inputs (a money checkout)');
});

test('an items checkout offering every way to pay fetches their code and its order inputs once, and no customer-mode chunk', { skip: !built && 'dist/cdn not built' }, async () => {
  const { state, scripts, problems } = await open('/demo/index.html');
  assert.equal(state, 'ready');
  assert.deepEqual(problems, []);
  // The order's inputs (quantities, coupons, addresses) are their own chunk, fetched beside the first requests.
  const chunks = scripts.filter((s) => s.startsWith('chunks/')).sort();
  assert.equal(chunks.length, 2, `${chunks}`);
  assert.ok(chunks.some((c) => /^chunks\/more-methods-[\w-]+\.js$/.test(c)), `${chunks}`);
  assert.ok(chunks.some((c) => /^chunks\/order-form-[\w-]+\.js$/.test(c)), `${chunks}`);
});

for (const [mode, path, expected] of [
  ['invoice', '/demo/invoice.html', /\$120\.00/],
  ['deposit', '/demo/deposit.html', /Deposit amount/],
]) {
  test(`a ${mode} checkout loads the customer-mode chunk and is ready`, { skip: !built && 'dist/cdn not built' }, async () => {
    const { state, text, scripts, problems } = await open(path);
    assert.equal(state, 'ready', text);
    assert.deepEqual(problems, []);
    // The customer modes' code and their views, each fetched once (and the other ways to pay: the website
    // offers them all).
    const chunks = scripts.filter((s) => s.startsWith('chunks/') && !s.startsWith('chunks/more-methods-'));
    assert.equal(chunks.length, 2, `two chunks fetched: ${chunks}`);
    assert.equal(chunks.filter((c) => /^chunks\/customer-views-[\w-]+\.js$/.test(c)).length, 1, `${chunks}`);
    assert.ok(chunks.every((c) => /^chunks\/customer-[\w-]+\.js$/.test(c)), `${chunks}`);
    assert.match(text, expected);
  });
}
