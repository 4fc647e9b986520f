import { html } from 'lit';

/** Placeholder shapes while the checkout loads (the live region announces the loading in words). */
export function renderSkeleton() {
  return html`<div part="skeleton" aria-hidden="true">
    <div class="bone tall"></div>
    <div class="bone"></div>
    <div class="bone"></div>
    <div class="bone"></div>
  </div>`;
}
