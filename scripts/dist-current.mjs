// Whether dist/ is newer than everything it is built from (src/, the build config, package.json):
// `npm start` and `npm run smoke` skip the build then.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** @param {string} path @returns {number} newest mtime under path (0 when absent) */
function newest(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let max = 0;
  for (const name of readdirSync(path)) max = Math.max(max, newest(join(path, name)));
  return max;
}

export function distIsCurrent() {
  const outputs = ['dist/cdn/rebilly-instruments.js', 'dist/index.js', 'custom-elements.json'].map((f) => join(root, f));
  if (!outputs.every((f) => existsSync(f))) return false;
  const built = Math.min(...outputs.map((f) => statSync(f).mtimeMs));
  const sources = Math.max(...['src', 'rollup.config.mjs', 'package.json', 'tsconfig.json', 'custom-elements-manifest.config.mjs'].map((f) => newest(join(root, f))));
  return sources < built;
}
