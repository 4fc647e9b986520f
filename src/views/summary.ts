import { html, nothing } from 'lit';
import type { OrderSummary, OrderSummaryLine } from '../events.js';
import { formatMoney, type Translate } from '../i18n/localize.js';

/** What an items order adds: a line's quantity stepper, and the total said as "Due today" when more recurs. */
export interface SummaryOrder {
  lineControl?: ((line: OrderSummaryLine) => unknown) | undefined;
  dueToday?: boolean | undefined;
  /** The section's heading and the total's label, when not an order's ("Payout", "Amount"). */
  title?: string | undefined;
  totalLabel?: string | undefined;
}

/** The order summary: line items, then subtotal, discounts (one row per coupon), tax, shipping and total. */
export function renderSummary(summary: OrderSummary, t: Translate, locale: string, order: SummaryOrder = {}) {
  const money = (amount: number) => formatMoney(amount, summary.currency, locale);
  const row = (label: string, amount: number, part: string, negative = false) =>
    html`<div class="amount-row" part=${part}>
      <dt>${label}</dt>
      <dd class="num">${negative ? '−' : ''}${money(amount)}</dd>
    </div>`;
  const hasBreakdown = summary.lineItems.length > 0;
  return html`<section part="summary" aria-labelledby="summary-title">
    <h2 id="summary-title">${order.title ?? t('orderSummary')}</h2>
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
                  ${order.lineControl?.(line) ?? nothing}
                </span>
              </span>
              <span class="num">${money(line.price)}</span>
            </li>`,
          )}
        </ul>`
      : nothing}
    <dl>
      ${hasBreakdown ? row(t('subtotal'), summary.subtotal, 'subtotal') : nothing}
      ${summary.discountLines?.length
        ? summary.discountLines.map((d) =>
            row(d.couponId ? t('couponDiscount', { code: d.couponId }) : (d.description ?? t('discounts')), d.amount, 'discounts', true),
          )
        : summary.discounts
          ? row(t('discounts'), summary.discounts, 'discounts', true)
          : nothing}
      ${summary.tax ? row(t('tax'), summary.tax, 'tax') : nothing}
      ${summary.shipping ? row(t('shipping'), summary.shipping, 'shipping') : nothing}
      <div class="amount-row total" part="total">
        <dt>${order.totalLabel ?? (order.dueToday ? t('dueToday') : hasBreakdown ? t('total') : t('amountDue'))}</dt>
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
