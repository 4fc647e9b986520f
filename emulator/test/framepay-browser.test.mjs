// The FramePay stand-in in real Chromium: a page on another origin (its own tiny server, strict CSP) loads
// framepay.js from an emulator sandbox, mounts a combined card field inside a shadow root, types a card into
// the cross-origin frame and makes a token; the POST /tokens must come from the frame (emulator origin).
// Skips when no Chromium is found.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import puppeteer from 'puppeteer-core';
import { startEmulator } from '../index.mjs';
import { CHROME_ARGS, findChrome } from '../../scripts/find-chrome.mjs';
import { contractTest } from './contract-check.mjs';

let chrome = null;
try {
  chrome = findChrome();
} catch {
  chrome = null;
}
const skip = chrome ? false : 'no Chromium found (set CHROME_PATH): FramePay browser checks skipped';

/** @type {Awaited<ReturnType<typeof startEmulator>>} */
let emulator;
/** @type {import('node:http').Server} */
let pageServer;
let pageOrigin = '';
/** @type {import('puppeteer-core').Browser} */
let browser;

const PAGE = (/** @type {string} */ sandboxUrl) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>FramePay stand-in test page</title>
<link rel="stylesheet" href="${sandboxUrl}/framepay/framepay.css">
<script src="${sandboxUrl}/framepay/framepay.js"></script>
<script src="/page.js"></script>
</head><body><div id="host"></div><div id="wallet"></div></body></html>`;

// The page script: the checkout form lives in a shadow root, like the element's.
const PAGE_JS = `
window.setup = function () {
  var host = document.getElementById('host');
  var root = host.attachShadow({ mode: 'open' });
  var form = document.createElement('form');
  form.innerHTML = '<input data-rebilly="firstName" value="Ada"><input data-rebilly="lastName" value="Lovelace">' +
    '<div class="card"></div><input type="hidden" data-rebilly="token">';
  root.appendChild(form);
  window.events = [];
  Framepay.on('ready', function () { window.events.push('global:ready'); });
  Framepay.on('token-ready', function (token) { window.walletToken = token; });
  Framepay.initialize({ publishableKey: 'pk_sandbox_emulator', organizationId: 'demo-org', style: { base: { color: '#111', fontSize: '15px' } },
    transactionData: { amount: 12.5, currency: 'USD', label: 'Demo Store' } });
  var card = Framepay.card.mount(form.querySelector('.card'));
  card.on('ready', function () { window.events.push('card:ready'); });
  card.on('change', function (e) { window.lastChange = e; });
  window.form = form;
  window.cardTarget = form.querySelector('.card');
};
window.tokenize = function (extra) {
  return Framepay.createToken(window.form, extra).then(function (t) { return { token: t, hidden: window.form.querySelector('[data-rebilly=token]').value }; },
    function (e) { return { error: e }; });
};
`;

before(async () => {
  if (skip) return;
  emulator = await startEmulator({ port: 0, quiet: true, validateContract: true });
  pageServer = createServer((req, res) => {
    const sandbox = new URL(req.url ?? '/', 'http://x').searchParams.get('sandbox') ?? '';
    const csp = `default-src 'self'; script-src 'self' ${emulator.url}; style-src 'self' ${emulator.url}; frame-src ${emulator.url}; connect-src 'self'`;
    if (req.url?.startsWith('/page.js')) {
      res.writeHead(200, { 'Content-Type': 'text/javascript' });
      return res.end(PAGE_JS);
    }
    res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Security-Policy': csp });
    res.end(PAGE(sandbox));
  });
  await new Promise((resolve) => pageServer.listen(0, '127.0.0.1', () => resolve(undefined)));
  pageOrigin = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (pageServer.address()).port}`;
  browser = await puppeteer.launch({ executablePath: chrome, headless: true, args: CHROME_ARGS });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (pageServer ? pageServer.close(() => resolve(undefined)) : resolve(undefined)));
  await emulator?.close();
});

/** Opens the test page against a new sandbox; collects page errors and CSP violations. */
async function open() {
  const sandbox = emulator.createSandbox();
  const page = await browser.newPage();
  const problems = /** @type {string[]} */ ([]);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(`${pageOrigin}/?sandbox=${encodeURIComponent(sandbox.url)}`);
  return { page, sandbox, problems };
}

/** @param {import('puppeteer-core').Page} page @param {string} type */
async function frameOf(page, type) {
  const handle = await page.waitForFunction(
    (t) => [...document.querySelectorAll('*')].flatMap((n) => (n.shadowRoot ? [...n.shadowRoot.querySelectorAll('iframe')] : [])).concat([...document.querySelectorAll('iframe')]).find((f) => f.src.includes(t)),
    { timeout: 10000 },
    type,
  );
  const frame = await /** @type {import('puppeteer-core').ElementHandle<HTMLIFrameElement>} */ (handle).contentFrame();
  assert.ok(frame, 'frame attached');
  return frame;
}

/** @param {string} url */
async function tokenPosts(url) {
  const log = await (await fetch(`${url}/__emulator/log`)).json();
  return log.requests.filter((/** @type {any} */ e) => e.operationId === 'PostToken' && !e.preflight);
}

test('card in a shadow root: typed in the cross-origin frame, token posted by the frame', { skip, timeout: 30000 }, async () => {
  const { page, sandbox, problems } = await open();
  await page.evaluate(() => /** @type {any} */ (window).setup());
  await page.waitForFunction(() => /** @type {any} */ (window).events.includes('card:ready') && /** @type {any} */ (window).events.includes('global:ready'), { timeout: 10000 });
  assert.ok(await page.evaluate(() => /** @type {any} */ (window).cardTarget.classList.contains('rebilly-framepay')));
  const frame = await frameOf(page, 'type=card');
  assert.equal(new URL(frame.url()).origin, emulator.url, 'the frame is served from the emulator origin');

  // Incomplete card: rejected with no request.
  await frame.type('input[name=cardnumber]', '4111111111');
  const incomplete = await page.evaluate(() => /** @type {any} */ (window).tokenize());
  assert.equal(incomplete.error.code, 'incompleteCardNumber');
  assert.equal(incomplete.error.type, 'error');
  assert.deepEqual(await tokenPosts(sandbox.url), [], 'no request for an incomplete card');

  assert.equal(await frame.$eval('input[name=cardnumber]', (i) => getComputedStyle(i).color), 'rgb(17, 17, 17)', 'style.base applied in the frame');
  await frame.type('input[name=cardnumber]', '111111');
  await frame.type('input[name=exp-date]', '12/30');
  await frame.type('input[name=cvc]', '123');
  await page.waitForFunction(() => /** @type {any} */ (window).lastChange?.completed === true, { timeout: 5000 });
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).lastChange.source), 'card');
  assert.ok(await page.evaluate(() => /** @type {any} */ (window).cardTarget.classList.contains('rebilly-framepay-valid')));

  const result = await page.evaluate(() => /** @type {any} */ (window).tokenize());
  assert.ok(result.token, JSON.stringify(result));
  assert.match(result.token.id, /^tok_/);
  assert.equal(result.token.method, 'payment-card');
  assert.deepEqual(result.token.paymentInstrument, { bin: '411111', last4: '1111', brand: 'Visa', expMonth: 12, expYear: 2030 });
  assert.equal(result.token.billingAddress.firstName, 'Ada');
  assert.equal(result.hidden, result.token.id, 'the data-rebilly="token" input is filled');

  const posts = await tokenPosts(sandbox.url);
  assert.equal(posts.length, 1);
  assert.equal(posts[0].origin, emulator.url, 'POST /tokens came from the frame (emulator origin)');
  assert.equal(posts[0].path, '/organizations/demo-org/tokens');
  assert.equal(posts[0].auth, 'publishable');
  assert.equal(posts[0].body.paymentInstrument.pan, '************1111');
  assert.deepEqual(problems, []);
  await page.close();
});

test('wallet: Google Pay button → sheet → Approve → token-ready with a digital-wallet token', { skip, timeout: 30000 }, async () => {
  const { page, sandbox, problems } = await open();
  await page.evaluate(() => {
    /** @type {any} */ (window).setup();
    /** @type {any} */ (window).Framepay.googlePay.mount(document.getElementById('wallet'));
  });
  const button = await frameOf(page, 'wallet=google-pay');
  await button.waitForSelector('button');
  assert.match(await button.$eval('button', (b) => b.textContent ?? ''), /google pay/i);
  await button.click('button');
  const sheet = await frameOf(page, 'wallet-sheet');
  await sheet.waitForSelector('button.approve');
  assert.match(await sheet.$eval('.amount', (p) => p.textContent ?? ''), /\$12\.50/);
  await sheet.click('button.approve');
  await page.waitForFunction(() => /** @type {any} */ (window).walletToken, { timeout: 10000 });
  const token = await page.evaluate(() => /** @type {any} */ (window).walletToken);
  assert.equal(token.method, 'digital-wallet');
  assert.equal(token.paymentInstrument.type, 'Google Pay');
  assert.equal(token.paymentInstrument.amount, 12.5);
  assert.equal(token.paymentInstrument.last4, '1111');
  assert.equal(await page.evaluate(() => document.querySelector('dialog')), null, 'the sheet is closed');
  const posts = await tokenPosts(sandbox.url);
  assert.equal(posts.length, 1);
  assert.equal(posts[0].origin, emulator.url);
  assert.deepEqual(problems, []);
  await page.close();
});

test('split card fields and bank fields by selector; names required; one POST per token', { skip, timeout: 30000 }, async () => {
  const { page, sandbox, problems } = await open();
  await page.evaluate(() => {
    document.body.insertAdjacentHTML('beforeend', '<form id="split"><div id="n"></div><div id="e"></div><div id="c"></div></form>' +
      '<form id="bank"><div id="t"></div><div id="a"></div><div id="r"></div></form>');
    const F = /** @type {any} */ (window).Framepay;
    F.initialize({ publishableKey: 'pk_sandbox_emulator' });
    F.card.mount('#n', 'cardNumber');
    F.card.mount('#e', 'cardExpiration');
    F.card.mount('#c', 'cardCvv');
    F.bban.mount('#t', 'accountType');
    F.bban.mount('#a', 'accountNumber');
    F.bban.mount('#r', 'routingNumber');
  });
  await (await frameOf(page, 'type=cardNumber')).type('input', '5555555555554444');
  await (await frameOf(page, 'type=cardExpiration')).type('input', '0631');
  await (await frameOf(page, 'type=cardCvv')).type('input', '321');
  await (await frameOf(page, 'type=accountNumber')).type('input', '000123456789');
  await (await frameOf(page, 'type=routingNumber')).type('input', '011000015');
  const make = (/** @type {string} */ id, /** @type {any} */ extra) =>
    page.evaluate((i, x) => /** @type {any} */ (window).Framepay.createToken(document.getElementById(i), x).catch((/** @type {any} */ e) => ({ error: e })), id, extra);
  await page.waitForFunction(() => document.querySelectorAll('.rebilly-framepay-valid').length === 6, { timeout: 5000 });

  const noName = await make('split', {});
  assert.equal(noName.error.code, 'missingBillingName');
  assert.deepEqual(noName.error.details.map((/** @type {any} */ d) => d.field), ['billingAddress.firstName', 'billingAddress.lastName']);
  assert.deepEqual(await tokenPosts(sandbox.url), []);

  const card = await make('split', { billingAddress: { firstName: 'Ada', lastName: 'Lovelace' } });
  assert.equal(card.method, 'payment-card', JSON.stringify(card));
  assert.equal(card.paymentInstrument.brand, 'MasterCard');
  assert.equal(card.paymentInstrument.expYear, 2031);

  const bank = await make('bank', { method: 'ach', billingAddress: { firstName: 'Ada', lastName: 'Lovelace' } });
  assert.equal(bank.method, 'ach', JSON.stringify(bank));
  assert.deepEqual(bank.paymentInstrument, { accountNumberType: 'BBAN', routingNumber: '011000015', accountType: 'checking', last4: '6789' });

  const posts = await tokenPosts(sandbox.url);
  assert.deepEqual(posts.map((/** @type {any} */ p) => [p.path, p.origin, p.status]), [
    ['/tokens', emulator.url, 201],
    ['/tokens', emulator.url, 201],
  ]);
  assert.deepEqual(problems, []);
  await page.close();
});

test('chosen behaviours: initialize twice throws, ready not replayed, Apple Pay needs ApplePaySession, Cancel gives no token, a 500 on framepay.js fails the script load', { skip, timeout: 30000 }, async () => {
  const { page, sandbox, problems } = await open();
  const early = await page.evaluate(async () => {
    const F = /** @type {any} */ (window).Framepay;
    const out = /** @type {string[]} */ ([]);
    try {
      F.card.mount(document.body);
    } catch (e) {
      out.push(`mount before init: ${/** @type {Error} */ (e).message}`);
    }
    F.initialize({ publishableKey: 'pk_sandbox_emulator', transactionData: { amount: 5, currency: 'USD' } });
    try {
      F.initialize({ publishableKey: 'pk_sandbox_emulator' });
    } catch (e) {
      out.push('second initialize throws');
    }
    try {
      F.update({ publishableKey: 'pk_live_emulator' });
    } catch (e) {
      out.push('publishableKey not updatable');
    }
    await new Promise((resolve) => F.on('ready', resolve));
    let late = false;
    F.on('ready', () => (late = true));
    const apple = await new Promise((resolve) => F.applePay.mount(document.getElementById('wallet')).on('error', resolve));
    await new Promise((resolve) => setTimeout(resolve, 50));
    out.push(`late ready listener called: ${late}`, `apple pay: ${/** @type {any} */ (apple).code}`);
    F.on('token-ready', () => out.push('token-ready!'));
    F.paypal.mount(document.getElementById('wallet'));
    /** @type {any} */ (window).out = out;
    return out;
  });
  assert.match(early[0], /initialize/);
  assert.deepEqual(early.slice(1), ['second initialize throws', 'publishableKey not updatable', 'late ready listener called: false', 'apple pay: apple-pay-not-supported']);

  // Google Pay → Cancel: no token, no request.
  await page.evaluate(() => /** @type {any} */ (window).Framepay.googlePay.mount(document.getElementById('host')));
  const button = await frameOf(page, 'wallet=google-pay');
  await button.waitForSelector('button');
  await button.click('button');
  const sheet = await frameOf(page, 'wallet-sheet');
  await sheet.waitForSelector('button.cancel');
  await sheet.click('button.cancel');
  await page.waitForFunction(() => !document.querySelector('dialog'), { timeout: 5000 });
  assert.deepEqual(await tokenPosts(sandbox.url), []);
  assert.ok(!(await page.evaluate(() => /** @type {any} */ (window).out.includes('token-ready!'))));

  // framepay.js answering 500: the <script> fails to load (what a loader sees).
  await fetch(`${sandbox.url}/__emulator/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ kind: 'status-500', path: '/framepay/framepay.js' }) });
  const loaded = await page.evaluate(
    (src) =>
      new Promise((resolve) => {
        const s = document.createElement('script');
        s.src = `${src}/framepay/framepay.js?again`;
        s.onload = () => resolve('load');
        s.onerror = () => resolve('error');
        document.head.appendChild(s);
      }),
    sandbox.url,
  );
  assert.equal(loaded, 'error');
  // (PayPal without a billing agreement in `methods` emitted an error on the page; nothing else went wrong.)
  assert.deepEqual(problems.filter((p) => !/500|Failed to load resource/.test(p)), []);
  await page.close();
});

contractTest(() => emulator);
