// A web-test-runner plugin that serves React 19 (CommonJS only) to browser tests as ES modules.
//
// `import React from 'react'`, `import { createRoot } from 'react-dom/client'` … in a test resolve to
// /__react__/<specifier>.js: small ES modules re-exporting one esbuild bundle of react, react-dom and
// react-dom/client (production builds, `process.env.NODE_ENV` defined as a bundler would), so every
// import shares one copy of React. The bundle is built once per run, in memory (~50 ms).
import { build } from 'esbuild';

const SPECIFIERS = ['react', 'react-dom', 'react-dom/client'];
const PREFIX = '/__react__/';
const fileOf = (specifier) => `${PREFIX}${specifier.replace('/', '__')}.js`;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function reactPlugin({ rootDir = process.cwd() } = {}) {
  let bundle;
  const getBundle = () => {
    bundle ??= build({
      stdin: {
        contents: SPECIFIERS.map((s, i) => `import m${i} from '${s}';`).join('\n') +
          `\nexport { ${SPECIFIERS.map((_, i) => `m${i}`).join(', ')} };`,
        resolveDir: rootDir,
        loader: 'js',
      },
      bundle: true,
      format: 'esm',
      target: 'es2022',
      define: { 'process.env.NODE_ENV': '"production"' },
      write: false,
      logLevel: 'silent',
    }).then(async (result) => {
      const code = result.outputFiles[0].text;
      // The named exports of each specifier are the CommonJS module's own keys, read by evaluating the
      // production bundle in Node (it touches no DOM at import).
      const modules = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
      const names = SPECIFIERS.map((_, i) =>
        Object.keys(modules[`m${i}`]).filter((name) => IDENTIFIER.test(name) && name !== 'default'),
      );
      return { code, names };
    });
    return bundle;
  };

  return {
    name: 'react-esm',
    resolveImport({ source }) {
      if (SPECIFIERS.includes(source)) return fileOf(source);
    },
    async serve(context) {
      if (!context.path.startsWith(PREFIX)) return;
      const { code, names: allNames } = await getBundle();
      if (context.path === `${PREFIX}bundle.js`) return { body: code, type: 'js' };
      const index = SPECIFIERS.findIndex((s) => fileOf(s) === context.path);
      if (index < 0) return;
      const names = allNames[index];
      const body =
        `import { m${index} as m } from '${PREFIX}bundle.js';\n` +
        `export default m;\n` +
        names.map((name) => `export const ${name} = m.${name};`).join('\n');
      return { body, type: 'js' };
    },
  };
}
