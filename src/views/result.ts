import { html, nothing, svg } from 'lit';
import type { CheckoutData, CompletedResult } from '../checkout/checkout-controller.js';
import type { ErrorDetail } from '../events.js';
import { formatMoney, type Translate } from '../i18n/localize.js';

/** What a result view shows besides its title and sentence: the facts a receipt has, each when known. */
export interface ResultFacts {
  amount?: string | undefined;
  date?: string | undefined;
  /** The way it was paid ("Visa ending in 1111", "Alipay"), or the saved card / payout destination. */
  method?: string | undefined;
  methodLabel?: string | undefined;
  reference?: string | undefined;
  /** What was paid for: the order summary, collapsed. */
  summary?: unknown;
}

/** A check mark in a circle, drawn with the success colour (decorative: the heading says it). */
const checkMark = svg`<circle cx="12" cy="12" r="11" fill="currentColor" /><path d="M7 12.5l3.2 3.2L17 8.8" fill="none" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round" />`;

/** A long id kept recognisable and short: its last 10 characters (the whole id is the element's title). */
function shortReference(id: string): string {
  return id.length > 14 ? `…${id.slice(-10)}` : id;
}

/**
 * The success view (approved, card saved, payout requested): a check mark, the title, one sentence, then
 * the facts (amount, date, the way it was paid, a short reference) and what was paid for, collapsed. It
 * takes focus (tabindex=-1) so keyboard and screen-reader users land on it.
 */
export function renderApproved(t: Translate, title: string, body: string, facts: ResultFacts = {}) {
  const fact = (label: string, value: unknown, part: string) =>
    html`<div part=${part}><dt>${label}</dt><dd>${value}</dd></div>`;
  const reference = facts.reference;
  return html`<section part="result" tabindex="-1" aria-labelledby="result-title" data-result="approved">
    <div class="result-head">
      <svg part="result-mark" class="result-mark" viewBox="0 0 24 24" aria-hidden="true" focusable="false">${checkMark}</svg>
      <h2 id="result-title">${title}</h2>
    </div>
    <p>${body}</p>
    <dl class="facts" part="result-facts">
      ${facts.amount ? fact(t('resultAmount'), html`<span class="num">${facts.amount}</span>`, 'result-amount') : nothing}
      ${facts.date ? fact(t('resultDate'), facts.date, 'result-date') : nothing}
      ${facts.method ? fact(facts.methodLabel ?? t('resultMethod'), facts.method, 'result-method') : nothing}
      ${reference
        ? fact(t('resultReference'), html`<span class="reference" title=${reference}>${shortReference(reference)}</span>`, 'result-reference')
        : nothing}
    </dl>
    ${facts.summary
      ? html`<details part="result-summary">
          <summary>${t('resultDetails')}</summary>
          ${facts.summary}
        </details>`
      : nothing}
  </section>`;
}

/** A neutral note instead of the form (an invoice already paid): nothing went wrong, there is nothing to do. */
export function renderNotice(message: string) {
  return html`<p part="notice" role="status" class="notice">${message}</p>`;
}

/**
 * An error block: the human message and, for invalid configuration or field errors, the list of issues.
 * `retry` adds a button that tries the failed step again. A `title` is a heading (`headingId` names the
 * block by it).
 */
export function renderError(
  t: Translate,
  error: ErrorDetail,
  options: { title?: string; retry?: () => void; retryLabel?: string; id?: string } = {},
) {
  const issues = error.code === 'invalid-config' ? (error.invalidFields ?? []) : [];
  const titleId = options.id ? `${options.id}-title` : undefined;
  return html`<div
    part="error"
    data-code=${error.code}
    id=${options.id ?? nothing}
    tabindex=${options.id ? '-1' : nothing}
    aria-labelledby=${options.title && titleId ? titleId : nothing}
  >
    ${options.title ? html`<h3 class="error-title" id=${titleId ?? nothing}>${options.title}</h3>` : nothing}<span>${error.message}</span>
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

/** The date and time of a transaction (or now), as the customer's locale writes them. */
function when(time: unknown, locale: string): string {
  const date = typeof time === 'string' ? new Date(time) : new Date();
  const at = Number.isNaN(date.getTime()) ? new Date() : date;
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
  } catch {
    return at.toISOString();
  }
}

/**
 * What finished: the paid amount (the transaction's, else the data's), a saved card, a payout request.
 * `method` names the way it was paid (or the card saved, the payout's destination); `summary` is what was
 * paid for.
 */
export function renderResult(
  result: CompletedResult,
  data: CheckoutData | undefined,
  t: Translate,
  locale: string,
  extra: { method?: string | undefined; summary?: unknown } = {},
) {
  switch (result.kind) {
    case 'purchase': {
      const txn = result.detail.transaction;
      const amount =
        typeof txn.amount === 'number' && txn.currency
          ? formatMoney(txn.amount, txn.currency, locale)
          : data
            ? formatMoney(data.amount, data.currency, locale)
            : '';
      return renderApproved(t, t('approvedTitle'), t('approvedBody', { amount }), {
        amount,
        date: when(txn['processedTime'] ?? txn['createdTime'], locale),
        method: extra.method,
        reference: txn.id,
        summary: extra.summary,
      });
    }
    case 'setup':
      return renderApproved(t, t('setupTitle'), t('setupBody'), {
        date: when(result.detail.transaction['processedTime'], locale),
        method: extra.method,
        methodLabel: t('resultSavedWith'),
        reference: result.detail.transaction.id,
      });
    case 'instrument':
      return renderApproved(t, t('setupTitle'), t('setupBody'), { date: when(undefined, locale), method: extra.method, methodLabel: t('resultSavedWith') });
    case 'payout': {
      const request = result.detail.payoutRequest as { amount?: number; currency?: string; id?: string };
      const amount =
        typeof request.amount === 'number' && request.currency ? formatMoney(request.amount, request.currency, locale) : '';
      return renderApproved(t, t('payoutTitle'), t('payoutBody', { amount }), {
        amount,
        // Requested now (the request itself may have been created long before).
        date: when(undefined, locale),
        method: extra.method,
        methodLabel: t('resultSentTo'),
        reference: request.id,
      });
    }
  }
}
