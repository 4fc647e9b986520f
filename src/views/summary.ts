import { html, nothing } from 'lit';
import type { OrderSummary } from '../events.js';
import { formatMoney, type Translate } from '../i18n/localize.js';

/** The order summary: line items, then subtotal, discounts, tax, shipping and total. */
export function renderSummary(summary: OrderSummary, t: Translate, locale: string) {
  const money = (amount: number) => formatMoney(amount, summary.currency, locale);
  const row = (label: string, amount: number, part: string, negative = false) =>
    html`<div class="amount-row" part=${part}>
      <dt>${label}</dt>
      <dd class="num">${negative ? '−' : ''}${money(amount)}</dd>
    </div>`;
  const hasBreakdown = summary.lineItems.length > 0;
  return html`<section part="summary" aria-labelledby="summary-title">
    <h2 id="summary-title">${t('orderSummary')}</h2>
    ${hasBreakdown
      ? html`<ul class="lines" part="line-items">
          ${summary.lineItems.map(
            (line) => html`<li class="line" part="line-item">
              <span class="line-desc">
                ${line.thumbnail ? html`<img class="thumb" part="thumbnail" src=${line.thumbnail} alt="" />` : nothing}
                <span>
                  ${line.description}
                  ${line.quantity !== undefined && line.quantity !== 1
                    ? html`<span class="muted"> · ${t('quantity', { quantity: line.quantity })}</span>`
                    : nothing}
                </span>
              </span>
              <span class="num">${money(line.price)}</span>
            </li>`,
          )}
        </ul>`
      : nothing}
    <dl>
      ${hasBreakdown ? row(t('subtotal'), summary.subtotal, 'subtotal') : nothing}
      ${summary.discounts ? row(t('discounts'), summary.discounts, 'discounts', true) : nothing}
      ${summary.tax ? row(t('tax'), summary.tax, 'tax') : nothing}
      ${summary.shipping ? row(t('shipping'), summary.shipping, 'shipping') : nothing}
      <div class="amount-row total" part="total">
        <dt>${hasBreakdown ? t('total') : t('amountDue')}</dt>
        <dd class="num">${money(summary.total)}</dd>
      </div>
      ${summary.amountDue !== undefined && summary.amountDue !== summary.total
        ? html`<div class="amount-row total" part="amount-due">
            <dt>${t('amountDue')}</dt>
            <dd class="num">${money(summary.amountDue)}</dd>
          </div>`
        : nothing}
    </dl>
  </section>`;
}
