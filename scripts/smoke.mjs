#!/usr/bin/env node
// `npm run smoke`: the built element (dist/cdn/rebilly-instruments.js) in headless Chromium on a local page,
// against a Rebilly sandbox (or the emulator), with FramePay from Rebilly (or the emulator's stand-in).
//
//   npm run smoke -- --publishable-key pk_sandbox_… --organization-id ORG --website-id WEB --plan PLAN \
//     [--secret-key-env REBILLY_SECRET_KEY] [--api-url URL] [--framepay-url URL]
//     [--card-approved PAN] [--card-declined PAN] [--card-3ds PAN] [--no-build]
//   npm run smoke -- --emulator            (starts the emulator; what CI runs)
//
// Steps: ready-to-pay + preview of a plan; a card purchase (typed into FramePay's frame with the keyboard);
// a 3-D Secure card through its approval page; a declined card; with a secret key (read from the env var
// named, never an argument, never printed): an invoice made with the merchant API from Node, a customer JWT
// minted the documented way (authentication token → exchange), and the element paying that invoice.
// Prints one line per step (status, time) and exits non-zero when any step fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import { CHROME_ARGS, findChrome } from './find-chrome.mjs';
import { distIsCurrent } from './dist-current.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const flag = (/** @type {string} */ name) => argv.includes(`--${name}`);
const opt = (/** @type {string} */ name, /** @type {string | undefined} */ fallback = undefined) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[i + 1] : fallback;
};
for (const a of argv) {
  if (/^(sk|pk)_/i.test(a) && a.toLowerCase().startsWith('sk_')) {
    console.error('A secret key was given as an argument: pass the NAME of an environment variable with --secret-key-env.');
    process.exit(2);
  }
}

/** @type {{close: () => Promise<void>, url: string} | null} */
let emulator = null;
let config;
if (flag('emulator')) {
  const { startEmulator } = await import('../emulator/index.mjs');
  emulator = await startEmulator({ port: Number(opt('emulator-port', '0')), quiet: true });
  process.env.SMOKE_EMULATOR_SECRET_KEY ??= 'sk_sandbox_emulator';
  config = {
    publishableKey: 'pk_sandbox_emulator',
    organizationId: 'demo-org',
    websiteId: 'demo-website',
    plan: opt('plan', 'plan-starter'),
    apiUrl: emulator.url,
    framepayUrl: `${emulator.url}/framepay/framepay.js`,
    secretKeyEnv: opt('secret-key-env', 'SMOKE_EMULATOR_SECRET_KEY'),
  };
  console.log(`Emulator at ${emulator.url} (the same as: npm run smoke -- --api-url ${emulator.url} --framepay-url ${config.framepayUrl} --publishable-key pk_sandbox_emulator --organization-id demo-org --website-id demo-website --plan ${config.plan} --secret-key-env SMOKE_EMULATOR_SECRET_KEY)`);
} else {
  config = {
    publishableKey: opt('publishable-key'),
    organizationId: opt('organization-id'),
    websiteId: opt('website-id'),
    plan: opt('plan'),
    apiUrl: opt('api-url', 'https://api-sandbox.rebilly.com'),
    framepayUrl: opt('framepay-url', 'https://framepay.rebilly.com/framepay.js'),
    secretKeyEnv: opt('secret-key-env'),
  };
  const missing = ['publishable-key', 'organization-id', 'website-id', 'plan'].filter((n) => !opt(n));
  if (missing.length) {
    console.error(`Missing: ${missing.map((n) => `--${n}`).join(' ')}\nusage: npm run smoke -- --publishable-key pk_sandbox_… --organization-id ORG --website-id WEB --plan PLAN [--secret-key-env NAME]\n       npm run smoke -- --emulator`);
    process.exit(2);
  }
}
// Rebilly's sandbox approves 4111 1111 1111 1111; the decline and 3-D Secure cards default to the emulator's
// (see the README's smoke section for a sandbox's own test cards).
const cards = {
  approved: opt('card-approved', '4111111111111111'),
  declined: opt('card-declined', '4000000000000002'),
  threeDS: opt('card-3ds', '4000000000003220'),
};
const secretKey = config.secretKeyEnv ? process.env[config.secretKeyEnv] : undefined;
if (config.secretKeyEnv && !secretKey) {
  console.error(`--secret-key-env ${config.secretKeyEnv}: that environment variable is empty.`);
  process.exit(2);
}

// 1. Build unless dist/ is current.
if (!flag('no-build') && !distIsCurrent()) {
  console.log('Building (dist/ is older than src/)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const built = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
if (!existsSync(join(root, 'dist/cdn/rebilly-instruments.js'))) {
  console.error('dist/cdn/rebilly-instruments.js is missing: run npm run build.');
  process.exit(1);
}

// 2. A local page with the CDN file.
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>smoke</title>
<script type="module" src="/dist/cdn/rebilly-instruments.js"></script></head><body><main id="host"></main></body></html>`;
const server = createServer((req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (path === '/' || path === '/smoke.html') return res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE);
  if (path === '/favicon.ico') return res.writeHead(204).end();
  const file = join(root, path);
  if (!path.startsWith('/dist/cdn/') || path.includes('..') || !existsSync(file)) return res.writeHead(404).end();
  res.writeHead(200, { 'Content-Type': path.endsWith('.map') ? 'application/json' : 'text/javascript; charset=utf-8' }).end(readFileSync(file));
});
await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(undefined)));
const pageUrl = `http://127.0.0.1:${/** @type {any} */ (server.address()).port}/smoke.html`;
const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });

/** @type {{step: string, ok: boolean, ms: number, note: string}[]} */
const report = [];
/** @param {string} name @param {() => Promise<string>} run */
async function step(name, run) {
  const started = Date.now();
  try {
    const note = await run();
    report.push({ step: name, ok: true, ms: Date.now() - started, note });
  } catch (error) {
    report.push({ step: name, ok: false, ms: Date.now() - started, note: String(/** @type {any} */ (error)?.message ?? error).split('\n')[0].slice(0, 300) });
  }
  const last = report[report.length - 1];
  console.log(`${last.ok ? 'ok  ' : 'FAIL'} ${name.padEnd(34)} ${String(last.ms).padStart(6)} ms  ${last.note}`);
}

/**
 * Opens the page with one element configured by `attrs`; resolves when it is ready or failed.
 * @param {Record<string, string>} attrs
 */
async function openCheckout(attrs) {
  const page = await browser.newPage();
  await page.goto(pageUrl);
  await page.evaluate((a) => {
    const el = document.createElement('rebilly-instruments');
    /** @type {any} */ (window).__events = [];
    for (const type of ['data-ready', 'purchase-completed', 'error']) {
      el.addEventListener(type, (e) => /** @type {any} */ (window).__events.push({ type, detail: JSON.parse(JSON.stringify(/** @type {CustomEvent} */ (e).detail ?? null)) }));
    }
    for (const [k, v] of Object.entries(a)) el.setAttribute(k, v);
    document.getElementById('host')?.append(el);
  }, attrs);
  await page.waitForFunction(() => ['ready', 'failed'].includes(/** @type {any} */ (document.querySelector('rebilly-instruments'))?.state), { timeout: 30_000 });
  const state = await page.evaluate(() => /** @type {any} */ (document.querySelector('rebilly-instruments')).state);
  if (state !== 'ready') throw new Error(`the element is ${state}: ${JSON.stringify(await events(page))}`);
  return page;
}
/** @param {import('puppeteer-core').Page} page */
const events = (page) => page.evaluate(() => /** @type {any[]} */ (/** @type {any} */ (window).__events));

/**
 * A shippable order asks for a delivery address before it can be paid: fills one when the element shows the
 * fields, then waits until the order is priced again. @param {import('puppeteer-core').Page} page
 */
async function fillDelivery(page) {
  const asked = await page.evaluate(() => {
    const root = /** @type {ShadowRoot} */ (document.querySelector('rebilly-instruments')?.shadowRoot);
    const street = /** @type {HTMLInputElement | null} */ (root.getElementById('field-delivery-address'));
    if (!street || street.value) return false;
    const set = (/** @type {string} */ id, /** @type {string} */ value, event = 'input') => {
      const input = /** @type {HTMLInputElement} */ (root.getElementById(id));
      input.value = value;
      input.dispatchEvent(new Event(event, { bubbles: true, composed: true }));
    };
    set('field-delivery-address', '1 Main Street');
    set('field-delivery-city', 'Austin');
    set('field-delivery-postalCode', '78701');
    set('field-delivery-country', 'US', 'change');
    return true;
  });
  if (!asked) return;
  await new Promise((r) => setTimeout(r, 600)); // the order's debounce, then a new preview
  await page.waitForFunction(() => /** @type {any} */ (document.querySelector('rebilly-instruments')).state === 'ready', { timeout: 30_000 });
}

/** Types a card into FramePay's card frame with the keyboard, as a customer does. @param {import('puppeteer-core').Page} page @param {string} pan */
async function typeCard(page, pan) {
  await fillDelivery(page);
  await page.waitForFunction(() => !!document.querySelector('rebilly-instruments > [slot="rebilly-card"] iframe'), { timeout: 30_000 });
  const name = await page.evaluateHandle(() => {
    const root = /** @type {ShadowRoot} */ (document.querySelector('rebilly-instruments')?.shadowRoot);
    const email = root.getElementById('field-email');
    if (email) {
      /** @type {HTMLInputElement} */ (email).value = 'smoke@example.com';
      email.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    const label = [...root.querySelectorAll('label')].find((l) => /name on card/i.test(l.textContent ?? ''));
    return /** @type {HTMLInputElement} */ (label?.control ?? root.querySelector('input[autocomplete="cc-name"]'));
  });
  if (!(await name.evaluate((n) => n instanceof HTMLElement))) throw new Error('no "Name on card" field in the form');
  await /** @type {any} */ (name).focus();
  await page.keyboard.type('Smoke Test');
  const deadline = Date.now() + 10_000;
  for (;;) {
    await /** @type {any} */ (name).focus();
    await page.keyboard.press('Tab');
    await new Promise((r) => setTimeout(r, 100));
    const inFrame = await page.evaluate(() => document.activeElement?.tagName === 'IFRAME');
    if (inFrame) break;
    if (Date.now() > deadline) throw new Error('could not Tab into the FramePay card frame');
  }
  const year = String((new Date().getFullYear() + 2) % 100).padStart(2, '0');
  await page.keyboard.type(pan, { delay: 10 });
  await page.keyboard.press('Tab');
  await page.keyboard.type(`12${year}`, { delay: 10 });
  await page.keyboard.press('Tab');
  await page.keyboard.type('123', { delay: 10 });
  await page.waitForFunction(() => document.querySelector('rebilly-instruments > [slot="rebilly-card"]')?.classList.contains('rebilly-framepay-valid'), { timeout: 15_000 });
}

/** Submits and waits for `purchase-completed` or `error`. @param {import('puppeteer-core').Page} page @param {() => Promise<void>} [during] */
async function pay(page, during) {
  const submitted = await page.evaluate(() => /** @type {any} */ (document.querySelector('rebilly-instruments')).requestSubmit());
  if (!submitted) throw new Error('requestSubmit() refused: the form is not valid');
  if (during) await during();
  await page.waitForFunction(() => /** @type {any[]} */ (/** @type {any} */ (window).__events).some((e) => e.type === 'purchase-completed' || e.type === 'error'), { timeout: 90_000 });
  return (await events(page)).find((e) => e.type === 'purchase-completed' || e.type === 'error');
}

const base = {
  'publishable-key': /** @type {string} */ (config.publishableKey),
  'organization-id': /** @type {string} */ (config.organizationId),
  'website-id': /** @type {string} */ (config.websiteId),
  'api-url': config.apiUrl,
  'framepay-url': config.framepayUrl,
  items: JSON.stringify([{ planId: config.plan, quantity: 1 }]),
};
/** @type {string | undefined} */
let customerId;

try {
  await step('ready-to-pay + preview', async () => {
    const page = await openCheckout(base);
    const ready = (await events(page)).find((e) => e.type === 'data-ready');
    await page.close();
    const methods = (ready?.detail?.paymentMethods ?? []).map((/** @type {any} */ m) => m.method ?? m);
    if (!methods.length) throw new Error('no payment methods');
    const summary = ready?.detail?.summary ?? {};
    return `${methods.length} method(s) [${methods.slice(0, 4).join(', ')}]; total ${summary.total ?? summary.amount ?? '?'} ${summary.currency ?? ''}`.trim();
  });

  await step(`card purchase (${cards.approved.slice(-4)})`, async () => {
    const page = await openCheckout(base);
    await typeCard(page, cards.approved);
    const outcome = await pay(page);
    await page.close();
    if (outcome.type !== 'purchase-completed') throw new Error(`${outcome.detail.code}: ${outcome.detail.message}`);
    customerId = outcome.detail.transaction?.customerId;
    return `transaction ${outcome.detail.transaction.id} ${outcome.detail.transaction.result}`;
  });

  await step(`3-D Secure card (${cards.threeDS.slice(-4)})`, async () => {
    const page = await openCheckout(base);
    await typeCard(page, cards.threeDS);
    const outcome = await pay(page, async () => {
      // The approval page opens in the element's dialog: press its approve button.
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        for (const frame of page.frames()) {
          if (frame === page.mainFrame()) continue;
          const pressed = await frame
            .evaluate(() => {
              const button = [...document.querySelectorAll('button, input[type="submit"]')].find((b) => /approve|authenticate|complete|submit|continue/i.test(b.textContent || /** @type {HTMLInputElement} */ (b).value || ''));
              if (!button) return false;
              /** @type {HTMLElement} */ (button).click();
              return true;
            })
            .catch(() => false);
          if (pressed) return;
        }
        const done = await page.evaluate(() => /** @type {any[]} */ (/** @type {any} */ (window).__events).some((e) => e.type === 'purchase-completed' || e.type === 'error'));
        if (done) return;
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error('no approval page appeared');
    });
    await page.close();
    if (outcome.type !== 'purchase-completed') throw new Error(`${outcome.detail.code}: ${outcome.detail.message}`);
    return `approved after the approval page: ${outcome.detail.transaction.id}`;
  });

  await step(`declined card (${cards.declined.slice(-4)})`, async () => {
    const page = await openCheckout(base);
    await typeCard(page, cards.declined);
    const outcome = await pay(page);
    const state = await page.evaluate(() => /** @type {any} */ (document.querySelector('rebilly-instruments')).state);
    await page.close();
    if (outcome.type !== 'error' || outcome.detail.code !== 'payment-declined') throw new Error(`expected payment-declined, got ${outcome.type} ${outcome.detail?.code ?? ''}`);
    return `payment-declined ("${outcome.detail.message}"), form ${state}`;
  });

  if (secretKey) {
    await step('invoice paid with a customer JWT', async () => {
      if (!customerId) throw new Error('no customer from the card purchase');
      const api = `${config.apiUrl.replace(/\/+$/, '')}/organizations/${encodeURIComponent(/** @type {string} */ (config.organizationId))}`;
      const merchant = async (/** @type {string} */ path, /** @type {unknown} */ body) => {
        const response = await fetch(`${api}${path}`, { method: 'POST', headers: { 'REB-APIKEY': secretKey, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
        const json = await response.json().catch(() => null);
        if (!response.ok) throw new Error(`POST ${path.replace(/\/[^/]{16,}/g, '/…')}: ${response.status} ${json?.detail ?? ''}`);
        return json;
      };
      const invoice = await merchant('/invoices', { customerId, websiteId: config.websiteId, currency: 'USD', items: [{ type: 'debit', description: 'Smoke test', unitPrice: 5, quantity: 1 }] });
      await merchant(`/invoices/${invoice.id}/issue`, {});
      const auth = await merchant('/authentication-tokens', { mode: 'passwordless', customerId });
      const session = await merchant(`/authentication-tokens/${auth.token}/exchange`, {
        acl: [{ scope: { organizationId: [config.organizationId], invoiceId: [invoice.id] }, permissions: ['PostToken', 'StorefrontGetAccount', 'StorefrontPostPayment', 'StorefrontGetTransaction', 'StorefrontGetPaymentInstrumentCollection', 'StorefrontPostPaymentInstrument', 'StorefrontGetInvoice', 'StorefrontPostReadyToPay', 'StorefrontGetWebsite'] }],
        customClaims: { websiteId: config.websiteId, invoiceId: invoice.id },
        expiredTime: new Date(Date.now() + 15 * 60_000).toISOString(),
      });
      const page = await openCheckout({ 'api-url': config.apiUrl, 'framepay-url': config.framepayUrl, 'organization-id': /** @type {string} */ (config.organizationId), 'website-id': /** @type {string} */ (config.websiteId), 'invoice-id': invoice.id, jwt: session.token });
      // The customer's card saved by the purchase above may be offered first: choose a new card.
      await page.evaluate(() => {
        const root = /** @type {ShadowRoot} */ (document.querySelector('rebilly-instruments')?.shadowRoot);
        const fresh = [...root.querySelectorAll('input[type="radio"]')].find((r) => /new card|another card|new/i.test((/** @type {HTMLInputElement} */ (r).labels?.[0]?.textContent) ?? ''));
        if (fresh) /** @type {HTMLInputElement} */ (fresh).click();
      });
      await typeCard(page, cards.approved);
      const outcome = await pay(page);
      await page.close();
      if (outcome.type !== 'purchase-completed') throw new Error(`${outcome.detail.code}: ${outcome.detail.message}`);
      return `invoice ${invoice.id} ${outcome.detail.invoice?.status ?? ''} (transaction ${outcome.detail.transaction.id})`.trim();
    });
  } else {
    console.log('skip customer-JWT invoice step (no --secret-key-env)');
  }
} finally {
  await browser.close();
  server.close();
  await emulator?.close();
}

const failed = report.filter((r) => !r.ok).length;
console.log(`${report.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
