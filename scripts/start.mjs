// `npm start`: builds only when dist/ is older than its sources, then serves the demo on the emulator.
import { spawnSync } from 'node:child_process';
import { distIsCurrent } from './dist-current.mjs';

if (distIsCurrent()) {
  console.log('dist/ is newer than src/: not rebuilding (delete dist/ or run `npm run build` to force it).');
} else {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const built = spawnSync(npm, ['run', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const { main } = await import('../demo/serve.mjs');
await main();
