import { css } from 'lit';

/** The dark palette: under `prefers-color-scheme: dark` (unless `theme="light"`) and with `theme="dark"`. */
const dark = css`
  --_bg: var(--rebilly-color-background, #14171f);
  --_fg: var(--rebilly-color-text, #eef1f6);
  --_muted: var(--rebilly-color-text-muted, #b4bccb);
  --_border: var(--rebilly-color-border, #7c879b);
  --_primary: var(--rebilly-color-primary, #8ab4ff);
  --_on-primary: var(--rebilly-color-on-primary, #0b1020);
  --_danger: var(--rebilly-color-danger, #ffb4ab);
  --_success: var(--rebilly-color-success, #8fd9a8);
  --_on-success: #0b1020;
  --_surface: var(--rebilly-color-surface, #1f2430);
  --_focus: var(--rebilly-color-focus, #8ab4ff);
  color-scheme: dark;
`;

/**
 * The element's styles. Appearance is themed with `--rebilly-*` custom properties (each with a default)
 * and any piece can be restyled through `::part()`. Logical properties keep right-to-left layouts right.
 * Colours meet WCAG 2.2 AA contrast in light and dark.
 */
export const styles = css`
  :host {
    --_bg: var(--rebilly-color-background, #ffffff);
    --_fg: var(--rebilly-color-text, #1a1f36);
    --_muted: var(--rebilly-color-text-muted, #4f566b);
    --_border: var(--rebilly-color-border, #8a94a6);
    --_primary: var(--rebilly-color-primary, #0044d4);
    --_on-primary: var(--rebilly-color-on-primary, #ffffff);
    --_danger: var(--rebilly-color-danger, #b3261e);
    --_success: var(--rebilly-color-success, #1b6e3a);
    --_on-success: #ffffff;
    --_surface: var(--rebilly-color-surface, #f5f7fa);
    --_radius: var(--rebilly-radius, 6px);
    --_space: var(--rebilly-spacing, 12px);
    --_font: var(--rebilly-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_font-size: var(--rebilly-font-size, 16px);
    --_focus: var(--rebilly-color-focus, #0044d4);

    display: block;
    box-sizing: border-box;
    max-inline-size: var(--rebilly-max-width, 480px);
    color: var(--_fg);
    background: var(--_bg);
    font-family: var(--_font);
    font-size: var(--_font-size);
    line-height: 1.4;
    color-scheme: light;
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${dark}
    }
  }
  :host([theme='dark']) {
    ${dark}
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .root {
    display: grid;
    gap: var(--_space);
    padding: var(--_space);
  }
  h2,
  h3 {
    margin: 0;
    font-size: 1.05em;
    font-weight: 600;
  }
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
  }

  /* Summary */
  [part~='summary'] {
    display: grid;
    gap: calc(var(--_space) / 2);
    padding: var(--_space);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .lines {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  .line,
  .amount-row {
    display: flex;
    justify-content: space-between;
    gap: var(--_space);
  }
  .line-desc {
    display: flex;
    gap: calc(var(--_space) / 2);
    align-items: center;
  }
  .thumb {
    inline-size: 40px;
    block-size: 40px;
    object-fit: cover;
    border-radius: calc(var(--_radius) / 2);
  }
  .muted {
    color: var(--_muted);
  }
  dl {
    margin: 0;
    display: grid;
    gap: 4px;
  }
  dt,
  dd {
    margin: 0;
  }
  .total {
    font-weight: 700;
    border-block-start: 1px solid var(--_border);
    padding-block-start: 6px;
  }
  .num {
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }

  /* Methods, and the choices inside the form (saved instruments, deposit amounts) */
  /* Ways to pay and saved instruments: full-width aligned rows; deposit presets: an even grid. */
  [part~='methods'],
  .choices {
    border: 0;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--_space) / 2);
  }
  [part~='deposit-amounts'] {
    grid-template-columns: repeat(auto-fill, minmax(6.5rem, 1fr));
  }
  [part~='methods'] legend,
  .choices legend {
    padding: 0;
    margin-block-end: 6px;
    font-weight: 600;
  }
  .method input {
    inline-size: 1.1em;
    block-size: 1.1em;
    margin: 0;
    accent-color: var(--_primary);
  }
  .method {
    display: flex;
    align-items: center;
    gap: 6px;
    padding: 8px 12px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .method:has(input:checked) {
    border-color: var(--_primary);
    outline: 1px solid var(--_primary);
  }

  .choices .field {
    grid-column: 1 / -1;
  }

  /* Card form */
  form {
    display: grid;
    gap: var(--_space);
  }
  .row {
    display: grid;
    grid-template-columns: 1fr 1fr;
    gap: var(--_space);
  }
  .field {
    display: grid;
    gap: 4px;
    min-inline-size: 0;
  }
  label,
  .label {
    font-size: 0.9em;
    font-weight: 500;
  }
  /* FramePay's card field: its frame (slotted from the light DOM) sits in a box like the other inputs. */
  .hosted-card {
    display: grid;
    min-block-size: 44px;
    padding: 4px 10px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    align-content: center;
  }
  .hosted-card:focus-within {
    outline: 3px solid var(--_focus);
  }
  .hosted-card.invalid {
    border-color: var(--_danger);
    border-width: 2px;
  }
  ::slotted([slot='rebilly-card']),
  ::slotted([slot^='rebilly-bank-']) {
    display: block;
    inline-size: 100%;
  }
  /* Express wallets: full-width buttons (FramePay's frames), then a quiet "or". */
  .wallets {
    display: grid;
    gap: calc(var(--_space) * 0.75);
  }
  /* A quiet trust line under the pay button */
  .secured {
    display: flex;
    justify-content: center;
    align-items: center;
    gap: 6px;
    margin: calc(var(--_space) / -3) 0 0;
    color: var(--_muted);
    font-size: 0.8em;
  }
  .wallets[inert] {
    opacity: 0.5;
  }
  .or {
    display: flex;
    align-items: center;
    gap: var(--_space);
    margin: 0;
    color: var(--_muted);
    font-size: 0.875em;
  }
  .or::before,
  .or::after {
    content: '';
    flex: 1;
    border-block-start: 1px solid var(--_border);
  }
  input:not([type='radio']),
  select {
    font: inherit;
    color: inherit;
    background: var(--_bg);
    inline-size: 100%;
    min-block-size: 44px;
    padding: 8px 10px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  input[aria-invalid='true'],
  select[aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  .field-error {
    color: var(--_danger);
    font-size: 0.875em;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.875em;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  input:focus-visible {
    outline-offset: 0;
  }

  /* Buttons */
  button {
    font: inherit;
    cursor: pointer;
    min-block-size: 44px;
    padding: 10px 16px;
    border-radius: var(--_radius);
    border: 1px solid var(--_primary);
    background: transparent;
    color: var(--_primary);
  }
  [part~='pay-button'] {
    inline-size: 100%;
    font-weight: 600;
    background: var(--_primary);
    color: var(--_on-primary);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.7;
  }

  /* Messages */
  [part~='error'] {
    padding: var(--_space);
    border-radius: var(--_radius);
    border: 2px solid var(--_danger);
    color: var(--_fg);
  }
  [part~='error'] .error-title {
    margin: 0 0 4px;
    font-size: 1em;
    color: var(--_danger);
  }
  /* Focused by the element (tabindex=-1, not in the tab order) so the customer lands on it: its border shows it. */
  [part~='error']:focus {
    outline: none;
  }
  .alerts:empty {
    display: none;
  }
  [part~='error'] ul {
    margin: 6px 0 0;
    padding-inline-start: 1.2em;
  }
  [part~='result'] {
    display: grid;
    gap: calc(var(--_space) * 0.75);
    padding: var(--_space);
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
  }
  .result-head {
    display: flex;
    align-items: center;
    gap: 10px;
  }
  .result-mark {
    flex: none;
    inline-size: 32px;
    block-size: 32px;
    color: var(--_success);
    stroke: var(--_on-success);
  }
  [part~='result'] h2 {
    font-size: 1.2em;
  }
  [part~='result'] p {
    margin: 0;
  }
  .facts {
    grid-template-columns: max-content 1fr;
    column-gap: var(--_space);
    padding-block-start: calc(var(--_space) * 0.75);
    border-block-start: 1px solid var(--_border);
  }
  .facts div {
    display: contents;
  }
  .facts dt {
    color: var(--_muted);
  }
  .facts dd {
    overflow-wrap: anywhere;
  }
  [part~='result-summary'] summary {
    cursor: pointer;
    color: var(--_primary);
    min-block-size: 24px;
  }
  [part~='result-summary'][open] summary {
    margin-block-end: calc(var(--_space) / 2);
  }
  [part~='result']:focus {
    outline: none;
  }
  /* Nothing to pay (an invoice already paid): neutral, not an error */
  [part~='notice'] {
    margin: 0;
    padding: var(--_space);
    border-radius: var(--_radius);
    background: var(--_surface);
  }

  /* Approval (3-D Secure / offsite) */
  [part~='approval'] {
    inline-size: min(560px, 96vw);
    block-size: min(720px, 92vh);
    padding: 0;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    color: var(--_fg);
    /* Opaque even when the element's background is transparent (it sits on the page): the page's canvas
       colour for the scheme in use, under the element's background. */
    background: linear-gradient(var(--_bg), var(--_bg)), Canvas;
  }
  [part~='approval'][open] {
    display: flex;
    flex-direction: column;
  }
  [part~='approval']::backdrop {
    background: rgb(0 0 0 / 0.5);
  }
  .approval-head {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: var(--_space);
    padding: var(--_space);
    border-block-end: 1px solid var(--_border);
  }
  [part~='approval-frame'] {
    flex: 1;
    inline-size: 100%;
    border: 0;
    background: #fff;
  }

  /* Waiting for options that are still missing: neutral, not an error */
  [part~='placeholder'] {
    color: var(--_muted);
    text-align: center;
  }

  /* Loading skeleton: the form's shape (heights as the real rows: 44px inputs, 38px choices) */
  [part~='skeleton'] {
    display: grid;
    gap: var(--_space);
    align-content: start;
  }
  .bone {
    block-size: 44px;
    border-radius: var(--_radius);
    background: var(--_surface);
    border: 1px solid color-mix(in srgb, var(--_border) 35%, transparent);
  }
  .bone.summary {
    display: grid;
    gap: 10px;
    block-size: auto;
    padding: var(--_space);
  }
  .bone-bar {
    block-size: 14px;
    border-radius: 4px;
    background: color-mix(in srgb, var(--_muted) 22%, transparent);
  }
  .bone-bar.short {
    inline-size: 40%;
    block-size: 18px;
  }
  .bone-bar.total {
    margin-block-start: 6px;
  }
  .bone-or {
    block-size: 20px;
  }
  .bone-field {
    display: grid;
    gap: 6px;
  }
  .bone.label {
    inline-size: 30%;
    block-size: 16px;
    border: 0;
    background: color-mix(in srgb, var(--_muted) 22%, transparent);
  }
  .bone.choice {
    block-size: 38px;
  }
  .bone.pay {
    background: color-mix(in srgb, var(--_primary) 30%, transparent);
    border: 0;
  }
  @media (prefers-reduced-motion: no-preference) {
    .bone {
      animation: pulse 1.2s ease-in-out infinite alternate;
    }
  }
  @keyframes pulse {
    to {
      opacity: 0.5;
    }
  }
  @media (max-width: 360px) {
    .row {
      grid-template-columns: 1fr;
    }
  }

  /*
   * Card brands and aligned fields (issue 15): the brand marks (part brand-mark) on their own light card,
   * a method's marks at its row's inline-end (part brands), the detected brand inside the card number's
   * box, and side-by-side fields whose labels share one row, so a wrapping label never pushes its input
   * out of line with its neighbour's.
   */
  .brand-mark {
    display: block;
    flex: none;
    inline-size: 32px;
    block-size: 20px;
  }
  .brands {
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    gap: 4px;
    margin-inline-start: auto;
  }
  .method-name {
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  .method-single {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px var(--_space);
  }
  .input-end {
    position: relative;
    display: grid;
  }
  .input-end > input {
    padding-inline-end: 52px;
  }
  /* Card digits read left to right in a right-to-left page too (bidi would reverse their groups). */
  #field-number,
  #field-expiry,
  #field-cvv {
    unicode-bidi: plaintext;
  }
  .input-end > .brand-mark {
    position: absolute;
    inset-inline-end: 10px;
    inset-block-start: calc(50% - 10px);
    pointer-events: none;
  }
  @supports (grid-template-rows: subgrid) and selector(:has(a)) {
    .row > .field {
      grid-row: span 2;
      grid-template-rows: subgrid;
    }
    .row > .field:is(:has(> .hint), :has(> .field-error)) {
      grid-row: span 3;
    }
    .row > .field:has(> .hint):has(> .field-error) {
      grid-row: span 4;
    }
  }
`;
