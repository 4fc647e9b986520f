// `npm run screenshots [-- --out dir] [--only name,name] [--variants light,dark,narrow,rtl] [--no-build]`
// A picture of every state of demo/states.js (demo/state.html, one state per page): starts the demo server
// (demo/serve.mjs, the built CDN bundle, the emulator) on free ports, opens each state in headless Chromium
// (puppeteer-core; CHROME_PATH or the usual paths, as the tests) in light and dark at 480 px and in light at
// 375 px, waits until the page says the state is reached (<html data-state="done">), and writes one PNG per
// state and variant to the out dir (default /tmp/rebilly-states). A tool for looking, not a test: it exits
// non-zero only when a state could not be reached. It builds first unless dist/ is newer than src/.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { findChrome, CHROME_ARGS } from './find-chrome.mjs';
import { distIsCurrent } from './dist-current.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const out = resolve(option('out', '/tmp/rebilly-states'));
const only = option('only', '')?.split(',').filter(Boolean) ?? [];

/** Variant name → width and the page's query parameters. */
const VARIANTS = {
  light: { width: 480, params: { theme: 'light' } },
  dark: { width: 480, params: { theme: 'dark' } },
  narrow: { width: 375, params: { theme: 'light' } },
  rtl: { width: 480, params: { theme: 'light', dir: 'rtl' } },
};
const variants = option('variants', 'light,dark,narrow').split(',').filter(Boolean);
for (const v of variants) {
  if (!(v in VARIANTS)) {
    console.error(`Unknown variant "${v}" (one of: ${Object.keys(VARIANTS).join(', ')})`);
    process.exit(2);
  }
}

if (!args.includes('--no-build') && !distIsCurrent()) {
  console.log('Building dist/ (the demo pages load the CDN bundle)…');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const built = spawnSync(npm, ['run', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

// Imported after the build: demo/states.js is plain browser JavaScript with no DOM use at load.
const { STATE_NAMES } = await import('../demo/states.js');
const { startDemo } = await import('../demo/serve.mjs');
const names = only.length ? STATE_NAMES.filter((n) => only.includes(n)) : STATE_NAMES;
if (only.length && names.length !== only.length) {
  console.error(`Unknown state in --only (states: ${STATE_NAMES.join(', ')})`);
  process.exit(2);
}

mkdirSync(out, { recursive: true });
const demo = await startDemo({ port: 0, emulatorPort: 0, quiet: true });
const browser = await puppeteer.launch({ executablePath: findChrome(), headless: true, args: CHROME_ARGS });

/** @type {{file: string, ok: boolean, note: string}[]} */
const results = [];
const jobs = names.flatMap((name) => variants.map((variant) => ({ name, variant })));

/** @param {{name: string, variant: string}} job */
async function shoot({ name, variant }) {
  const { width, params } = VARIANTS[/** @type {keyof typeof VARIANTS} */ (variant)];
  const page = await browser.newPage();
  const file = join(out, `${name}-${variant}.png`);
  try {
    await page.setViewport({ width, height: 800 });
    const query = new URLSearchParams({ state: name, ...params });
    await page.goto(`${demo.url}demo/state.html?${query}`, { waitUntil: 'load' });
    await page.waitForFunction(() => ['done', 'error'].includes(document.documentElement.dataset.state ?? ''), { timeout: 60_000 });
    const state = await page.evaluate(() => document.documentElement.dataset.state);
    const note = state === 'done' ? '' : await page.evaluate(() => document.getElementById('state-message')?.textContent ?? '');
    // Frames (FramePay's fields, the approval page) drawn, fonts loaded, one more frame painted.
    for (const frame of page.frames()) {
      await frame.waitForFunction(() => document.readyState === 'complete', { timeout: 15_000 }).catch(() => {});
    }
    await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
    await page.screenshot({ path: file, fullPage: true });
    results.push({ file, ok: state === 'done', note });
    console.log(`${state === 'done' ? 'ok   ' : 'ERROR'} ${file}${note ? `  ${note}` : ''}`);
  } catch (error) {
    results.push({ file, ok: false, note: String(error?.message ?? error).split('\n')[0] });
    console.log(`ERROR ${file}  ${String(error?.message ?? error).split('\n')[0]}`);
  } finally {
    await page.close();
  }
}

try {
  // Two pages at a time: quicker, and gentle on a small machine.
  const queue = [...jobs];
  await Promise.all(
    [0, 1].map(async () => {
      for (let job = queue.shift(); job; job = queue.shift()) await shoot(job);
    }),
  );
} finally {
  await browser.close();
  await demo.close();
}
const failed = results.filter((r) => !r.ok);
console.log(`\n${results.length - failed.length} of ${results.length} screenshots in ${out}`);
if (failed.length) process.exitCode = 1;
