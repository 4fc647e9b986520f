// `npm run analyze`: writes custom-elements.json (the Custom Elements Manifest) from the element's JSDoc
// (`@fires`, `@csspart`, `@cssprop`) and its Lit `static properties` declarations.
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
 *   `name`. Events are declared with `@fires`; an inferred event without a `@fires` description is
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
          if (!decl.customElement) continue;
          // Internal reactive state (`static properties = { _card: { state: true } }`) has no attribute; the
          // analyzer reads a static-properties entry as an attribute whatever its options.
          const internal = (name) => name.startsWith('_');
          decl.attributes = decl.attributes?.filter((attribute) => !internal(attribute.fieldName ?? attribute.name));
          for (const member of decl.members ?? []) if (internal(member.name)) delete member.attribute;
          if (!decl.events) continue;
          // Documented events come from `@fires` and carry its description; an event the analyzer inferred
          // from `new CustomEvent(name, …)` in the (internal) `emit` helper has none. check-docs compares the
          // `@fires` list with the typed event map, so an undocumented real event still fails the build.
          decl.events = decl.events.filter((event) => event.description);
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
