import { html, nothing } from 'lit';
import type { CheckoutData, CompletedResult } from '../checkout/checkout-controller.js';
import type { ErrorDetail } from '../events.js';
import { formatMoney, type Translate } from '../i18n/localize.js';

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

/** What finished: the paid amount (the transaction's, else the data's), a saved card, a payout request. */
export function renderResult(result: CompletedResult, data: CheckoutData | undefined, t: Translate, locale: string) {
  switch (result.kind) {
    case 'purchase': {
      const txn = result.detail.transaction;
      const amount =
        typeof txn.amount === 'number' && txn.currency
          ? formatMoney(txn.amount, txn.currency, locale)
          : data
            ? formatMoney(data.amount, data.currency, locale)
            : '';
      return renderApproved(t, t('approvedTitle'), t('approvedBody', { amount }), txn.id);
    }
    case 'setup':
      return renderApproved(t, t('setupTitle'), t('setupBody'), result.detail.transaction.id);
    case 'instrument':
      return renderApproved(t, t('setupTitle'), t('setupBody'), undefined);
    case 'payout': {
      const request = result.detail.payoutRequest as { amount?: number; currency?: string; id?: string };
      const amount =
        typeof request.amount === 'number' && request.currency ? formatMoney(request.amount, request.currency, locale) : '';
      return renderApproved(t, t('payoutTitle'), t('payoutBody', { amount }), request.id);
    }
  }
}
