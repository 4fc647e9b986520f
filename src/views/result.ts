import { html, nothing } from 'lit';
import type { ErrorDetail } from '../events.js';
import type { Translate } from '../i18n/localize.js';

/**
 * The success view (approved, card saved, payout requested). It takes focus (tabindex=-1) so keyboard and
 * screen-reader users land on it.
 */
export function renderApproved(t: Translate, title: string, body: string, reference: string | undefined) {
  return html`<section part="result" tabindex="-1" aria-labelledby="result-title" data-result="approved">
    <h2 id="result-title">${title}</h2>
    <p>${body}</p>
    ${reference ? html`<p class="muted">${t('transactionRef', { id: reference })}</p>` : nothing}
  </section>`;
}

/**
 * An error block: the human message and, for invalid configuration or field errors, the list of issues.
 * `retry` adds a button that tries the failed step again.
 */
export function renderError(
  t: Translate,
  error: ErrorDetail,
  options: { title?: string; retry?: () => void; retryLabel?: string } = {},
) {
  const issues = error.code === 'invalid-config' ? (error.invalidFields ?? []) : [];
  return html`<div part="error" data-code=${error.code}>
    ${options.title ? html`<strong>${options.title}</strong> ` : nothing}<span>${error.message}</span>
    ${issues.length
      ? html`<ul>
          ${issues.map((issue) => html`<li><code>${issue.field}</code>: ${issue.message}</li>`)}
        </ul>`
      : nothing}
    ${options.retry
      ? html`<div><button type="button" part="retry-button" @click=${options.retry}>${options.retryLabel ?? t('retryLoad')}</button></div>`
      : nothing}
  </div>`;
}
