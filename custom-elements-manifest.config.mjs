// `npm run analyze`: writes custom-elements.json (the Custom Elements Manifest) from the element's JSDoc
// (`@fires`, `@csspart`, `@cssprop`) and its Lit `@property` declarations.
//
// The manifest is generated, not committed: `npm test` and `npm run build` both regenerate it, and
// scripts/check-docs.mjs checks README.md and demo/docs.html against it. package.json names it
// (`"customElements"`) and ships it (`"files"`).
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.d.ts'],
  outdir: '.',
  litelement: true,
  // package.json names the manifest itself; the analyzer must not rewrite package.json.
  packagejson: false,
  plugins: [tidyManifest()],
};

/**
 * Corrects what the analyzer cannot know from a static read:
 * - `emit(name, detail)` dispatches `new CustomEvent(name, …)`: the analyzer records an event called
 *   `name`. Events are declared with `@fires`; an undocumented event named after a method parameter is
 *   such an artefact and is dropped.
 * - `customElements.define(TAG_NAME, …)`: the definition is recorded under the constant's name and a
 *   `.js` module path; it is given the tag itself and the source module.
 * - Internal modules (api/, config/, checkout/ …) are analysed but not published: the manifest keeps the
 *   package's entry modules and every module that declares a custom element.
 */
const PUBLIC_MODULES = new Set(['src/index.ts', 'src/define.ts', 'src/facade.ts', 'src/events.ts', 'src/rebilly-instruments.ts']);

function tidyManifest() {
  return {
    name: 'rebilly-tidy-manifest',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules = customElementsManifest.modules.filter(
        (mod) => PUBLIC_MODULES.has(mod.path) || (mod.declarations ?? []).some((decl) => decl.customElement),
      );
      const constants = new Map();
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (decl.kind === 'variable' && typeof decl.default === 'string') {
            const literal = /^'([^']*)'$|^"([^"]*)"$/.exec(decl.default.trim());
            if (literal) constants.set(decl.name, literal[1] ?? literal[2]);
          }
        }
      }
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (!decl.customElement || !decl.events) continue;
          const parameters = new Set(
            (decl.members ?? []).flatMap((m) => (m.kind === 'method' ? (m.parameters ?? []).map((p) => p.name) : [])),
          );
          decl.events = decl.events.filter((event) => event.description || !parameters.has(event.name));
        }
        for (const exp of mod.exports ?? []) {
          if (exp.kind !== 'custom-element-definition') continue;
          if (constants.has(exp.name)) exp.name = constants.get(exp.name);
          if (exp.declaration?.module) {
            exp.declaration.module = exp.declaration.module.replace(/^\//, '').replace(/\.js$/, '.ts');
          }
        }
      }
    },
  };
}
