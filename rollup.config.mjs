// Two builds:
//  1. dist/*.js + *.d.ts: ES modules for bundlers, one file per source module, lit and zod left as
//     dependencies (`import '…'` / `import '…/define'`).
//  2. dist/cdn/rebilly-instruments.js: one minified, self-contained file for plain pages and CDNs that
//     registers the tag: <script type="module" src=".../rebilly-instruments.js"></script>. It holds all an
//     items/money checkout needs (3-D Secure included). Loaded on demand from beside it: the Spanish and French
//     catalogues (dist/cdn/i18n/) and the customer-JWT modes (dist/cdn/chunks/).
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

/**
 * Minifies the CSS inside `css\`…\`` templates of *.styles.ts files (terser leaves template text alone):
 * drops comments and collapses whitespace. Only whitespace that CSS ignores is removed.
 */
function minifyCssTemplates() {
  return {
    name: 'minify-css-templates',
    transform(code, id) {
      if (!id.endsWith('.styles.ts')) return null;
      const out = code.replace(/css\s*`([\s\S]*?)`/g, (_, body) =>
        'css`' +
        body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/:\s+/g, ':')
          .replace(/;}/g, '}')
          .trim() +
        '`',
      );
      return { code: out, map: null };
    },
  };
}

const isDependency = (id) => /^(lit|@lit|lit-html|lit-element|zod)(\/|$)/.test(id);

export default [
  {
    input: { index: 'src/index.ts', define: 'src/define.ts', facade: 'src/facade.ts' },
    external: isDependency,
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      preserveModules: true,
      preserveModulesRoot: 'src',
    },
    plugins: [
      typescript({
        tsconfig: './tsconfig.json',
        outDir: 'dist',
        declaration: true,
        declarationDir: 'dist',
      }),
    ],
  },
  {
    input: 'src/define.ts',
    // The on-demand chunks import what they share from the entry file itself (no third shared file).
    preserveEntrySignatures: 'allow-extension',
    output: {
      dir: 'dist/cdn',
      entryFileNames: 'rebilly-instruments.js',
      // Loaded on demand, from beside the entry file: languages other than English (i18n/), and the
      // customer-JWT modes (chunks/customer-*.js), which an items/money checkout never fetches.
      chunkFileNames: (chunk) => (chunk.moduleIds.some((id) => /[\\/]i18n[\\/]/.test(id)) ? 'i18n/[name]-[hash].js' : 'chunks/[name]-[hash].js'),
      format: 'es',
      sourcemap: true,
    },
    plugins: [
      nodeResolve({ browser: true, exportConditions: ['production'] }),
      typescript({
        tsconfig: './tsconfig.json',
        outDir: 'dist/cdn',
        declaration: false,
        declarationMap: false,
      }),
      minifyCssTemplates(),
      terser({
        ecma: 2022,
        module: true,
        compress: { passes: 2 },
        format: { comments: false },
      }),
    ],
  },
];
