import { html, nothing } from 'lit';

/** What the loading placeholder stands for: the form the checkout will most likely show. */
export interface SkeletonShape {
  /** Summary lines above the total (a cart's items). */
  lines: number;
  /** Express wallet buttons. */
  wallets: number;
  /** Rows of the method (or saved-instrument) choice. */
  choices: number;
  /** Labelled fields (email, name, the card field). */
  fields: number;
}

/** The form a mode usually shows: a cart's lines and order fields, a customer's saved instruments… */
export function skeletonShape(mode: string | undefined): SkeletonShape {
  const customer = mode !== undefined && mode !== 'items' && mode !== 'money';
  return customer
    ? { lines: mode === 'invoice' ? 1 : 0, wallets: 1, choices: 3, fields: 0 }
    : { lines: mode === 'items' ? 2 : 0, wallets: 1, choices: 3, fields: mode === 'items' ? 5 : 3 };
}

const repeat = (count: number, bone: () => unknown) => Array.from({ length: count }, bone);
const field = () => html`<div class="bone-field"><div class="bone label"></div><div class="bone"></div></div>`;

/**
 * Placeholder shapes while the checkout loads, laid out like the form that will replace them (summary,
 * wallets, choices, fields, pay button) so the page does not jump. The live region says "loading" in words.
 */
export function renderSkeleton(shape: SkeletonShape) {
  return html`<div part="skeleton" aria-hidden="true">
    <div class="bone summary">
      <div class="bone-bar short"></div>
      ${repeat(shape.lines, () => html`<div class="bone-bar"></div>`)}
      <div class="bone-bar total"></div>
    </div>
    ${shape.wallets ? html`${repeat(shape.wallets, () => html`<div class="bone"></div>`)}<div class="bone-or"></div>` : nothing}
    ${shape.choices > 1 ? html`<div class="bone-field"><div class="bone label"></div>${repeat(shape.choices, () => html`<div class="bone choice"></div>`)}</div>` : nothing}
    ${repeat(shape.fields, field)}
    <div class="bone pay"></div>
  </div>`;
}
