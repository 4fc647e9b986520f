// Two builds:
//  1. dist/*.js + *.d.ts: ES modules for bundlers, one file per source module, lit and zod left as
//     dependencies (`import '…'` / `import '…/define'`).
//  2. dist/cdn/rebilly-instruments.js: one minified, self-contained file for plain pages and CDNs that
//     registers the tag: <script type="module" src=".../rebilly-instruments.js"></script>
import typescript from '@rollup/plugin-typescript';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const isDependency = (id) => /^(lit|@lit|lit-html|lit-element|zod)(\/|$)/.test(id);

export default [
  {
    input: { index: 'src/index.ts', define: 'src/define.ts'},
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
        include: ['src/**/*.ts'],
      }),
    ],
  },
  {
    input: 'src/define.ts',
    output: {
      file: 'dist/cdn/rebilly-instruments.js',
      format: 'es',
      sourcemap: true,
    },
    plugins: [
      nodeResolve({ browser: true }),
      typescript({
        tsconfig: './tsconfig.json',
        outDir: 'dist/cdn',
        declaration: false,
        declarationMap: false,
        include: ['src/**/*.ts'],
      }),
      terser({
        ecma: 2022,
        module: true,
        compress: { passes: 2 },
        format: { comments: false },
      }),
    ],
  },
];
