// `npm start`: starts the Storefront emulator and a static server for demo/ and dist/, and prints the URL.
// Pages are plain HTML; `{{EMULATOR_URL}}` in them is replaced with the emulator's URL. Every page is served
// with a strict Content-Security-Policy (no 'unsafe-inline', no 'unsafe-eval'), the way a careful merchant
// page would be.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../emulator/index.mjs';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : (process.env[name.toUpperCase().replace(/-/g, '_')] ?? fallback);
};

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export async function startDemo({ port = 8080, emulatorPort = 4455, quiet = false } = {}) {
  const emulator = await startEmulator({ port: emulatorPort, quiet: true });
  const csp = [
    "default-src 'self'",
    // FramePay (the emulator serves its stand-in): script, stylesheet and frames, as a merchant allows Rebilly's.
    `script-src 'self' ${emulator.url}`,
    `style-src 'self' ${emulator.url}`,
    `connect-src 'self' ${emulator.url}`,
    // …and this site's own pages: the states gallery (demo/states.html) frames demo/state.html.
    `frame-src 'self' ${emulator.url}`,
    `img-src 'self' data: ${emulator.url}`,
    "base-uri 'none'",
    "object-src 'none'",
    "form-action 'self'",
  ].join('; ');

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      let path = decodeURIComponent(url.pathname);
      if (path === '/') path = '/demo/index.html';
      if (path.endsWith('/')) path += 'index.html';
      const file = normalize(join(root, path));
      const allowed = [join(root, 'demo'), join(root, 'dist'), join(root, 'node_modules')];
      if (!allowed.some((dir) => file.startsWith(dir + '/'))) {
        res.writeHead(404).end('Not found');
        return;
      }
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) {
        res.writeHead(404).end('Not found');
        return;
      }
      let body = await readFile(file);
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      if (type.startsWith('text/html')) {
        body = Buffer.from(body.toString('utf8').replaceAll('{{EMULATOR_URL}}', emulator.url));
      }
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Security-Policy': csp,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      res.end(body);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ok);
  }).catch(async (error) => {
    await emulator.close();
    throw error;
  });
  const address = server.address();
  const url = `http://127.0.0.1:${address.port}/`;
  if (!quiet) {
    console.log(`Emulator:  ${emulator.url}  (Storefront API stand-in; see emulator/README.md)`);
    console.log('Test cards: 4111 1111 1111 1111 approved · 4000 0000 0000 0002 declined · 4000 0000 0000 3220 3-D Secure');
    console.log('Press Ctrl+C to stop. Open the demo:');
    console.log('');
    console.log(url);
  }
  return {
    url,
    emulatorUrl: emulator.url,
    close: async () => {
      server.closeAllConnections?.();
      await new Promise((ok) => server.close(ok));
      await emulator.close();
    },
  };
}

/** `node demo/serve.mjs [--port N] [--emulator-port N]` (also PORT / EMULATOR_PORT). */
export async function main() {
  const port = Number(option('port', 8080));
  const emulatorPort = Number(option('emulator-port', 4455));
  const demo = await startDemo({ port, emulatorPort }).catch((error) => {
    if (error?.code !== 'EADDRINUSE') throw error;
    const which = error.port === emulatorPort ? `The emulator's port ${emulatorPort}` : `Port ${port}`;
    const how = error.port === emulatorPort ? '--emulator-port N (or EMULATOR_PORT=N)' : '--port N (or PORT=N)';
    console.error(`${which} is already in use (another \`npm start\`?). Stop it, or pick another port: npm start -- ${how}.`);
    process.exit(1);
  });
  const stop = () => demo.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
