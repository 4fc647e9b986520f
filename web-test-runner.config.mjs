// Runs every test in test/ in real headless Chromium, with the Storefront emulator started for the run.
// Tests learn the emulator's URL from `window.__REBILLY_EMULATOR__` (see test/helpers/emulator.ts) and make
// an isolated sandbox of it per test, so tests never see each other's state.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { findChrome, CHROME_ARGS } from './scripts/find-chrome.mjs';
import { startEmulator } from './emulator/index.mjs';
import { reactPlugin } from './scripts/wtr-react.mjs';

let executablePath;
try {
  executablePath = findChrome();
} catch (error) {
  console.error(`\n${error.message}\n`);
  process.exit(1);
}

// The emulator checks every request the element sends and every answer it gives against the Storefront
// contract (emulator/contract/); a run with any violation fails (see the exit hook below).
const emulator = await startEmulator({ port: 0, quiet: true, validateContract: true });

// test/integration/csp/ pages are served with a strict Content-Security-Policy (no inline script or style,
// no eval), as a careful merchant page would be, allowing only FramePay's origin (here the emulator's
// stand-in) as the README's CSP section says; test/integration/csp.test.ts loads them in an iframe.
const FRAMEPAY_ORIGIN = new URL(emulator.url).origin;
const STRICT_CSP = `script-src 'self' ${FRAMEPAY_ORIGIN}; style-src 'self' ${FRAMEPAY_ORIGIN}; frame-src ${FRAMEPAY_ORIGIN}; object-src 'none'; base-uri 'none'`;
const stop = () => emulator.close().catch(() => {});
process.once('exit', stop);
process.once('exit', () => {
  const violations = emulator.contractViolations();
  if (violations.length === 0) {
    console.log(`Storefront contract (${emulator.contractEngine}): every request and answer of the run kept it.`);
    return;
  }
  console.error(`\n${violations.length} request(s)/answer(s) broke the Storefront contract (emulator/contract/):`);
  const seen = new Set();
  for (const v of violations) {
    const line = `  ${v.kind} ${v.method} ${v.path}${v.status ? ` → ${v.status}` : ''} (${v.operationId}): ${v.errors.slice(0, 4).join('; ')}`;
    if (!seen.has(line)) console.error(line);
    seen.add(line);
  }
  process.exitCode = 1;
});

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  // One test page at a time: a background tab has throttled timers and no keyboard focus.
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  middleware: [
    function strictCsp(context, next) {
      if (context.path.startsWith('/test/integration/csp/')) context.set('Content-Security-Policy', STRICT_CSP);
      return next();
    },
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    // React ships CommonJS only: serve it to test/integration/react.test.ts as ES modules.
    reactPlugin(),
    {
      // Vue's ES module build reads `process.env.NODE_ENV`, which a bundler would replace.
      name: 'vue-node-env',
      transform(context) {
        if (/\/node_modules\/(vue|@vue\/[^/]+)\/dist\//.test(context.path) && typeof context.body === 'string') {
          return { body: context.body.replaceAll('process.env.NODE_ENV', '"production"') };
        }
      },
    },
    {
      name: 'rebilly-emulator',
      async serverStop() {
        await stop();
      },
    },
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath, headless: true, args: CHROME_ARGS },
    }),
  ],
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"></head>
  <body>
    <script>window.__REBILLY_EMULATOR__ = ${JSON.stringify(emulator.url)};</script>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
  testFramework: {
    config: { timeout: 20_000 },
  },
};
