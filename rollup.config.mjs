// Two builds:
//  1. dist/*.js + *.d.ts: ES modules for bundlers, one file per source module, lit and zod left as
//     dependencies (`import '…'` / `import '…/define'`).
//  2. dist/cdn/rebilly-instruments.js: one minified, self-contained file for plain pages and CDNs that
//     registers the tag: <script type="module" src=".../rebilly-instruments.js"></script>. The Spanish and
//     French catalogues are separate small files in dist/cdn/i18n/, fetched only when those languages are used.
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
    output: {
      dir: 'dist/cdn',
      entryFileNames: 'rebilly-instruments.js',
      // Languages other than English load on demand, from beside the entry file.
      chunkFileNames: 'i18n/[name]-[hash].js',
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
