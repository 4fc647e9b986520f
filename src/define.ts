/**
 * Registers `<rebilly-instruments>`. Importing it twice, or alongside another copy of the package, is
 * harmless: the tag is only defined when it is not defined yet. Safe to import where there is no DOM
 * (server rendering): it then does nothing.
 */
import { RebillyInstrumentsElement } from './rebilly-instruments.js';

export const TAG_NAME = 'rebilly-instruments';

if (typeof customElements !== 'undefined' && !customElements.get(TAG_NAME)) {
  customElements.define(TAG_NAME, RebillyInstrumentsElement);
}

export { RebillyInstrumentsElement };
export * from './index.js';

declare global {
  interface HTMLElementTagNameMap {
    'rebilly-instruments': RebillyInstrumentsElement;
  }
}
