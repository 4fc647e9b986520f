import { html, nothing, svg } from 'lit';
import type { Translate } from '../i18n/localize.js';

export interface PaymentFormModel {
  /** A payment is in flight: the button says so. */
  busy: boolean;
  /** Paying is not possible now (loading, or locked after an unknown outcome): the button is disabled. */
  disabled?: boolean;
  payLabel: string;
  /** The pay button's text while a payment is in flight. */
  busyLabel: string;
  /** The last payment's problem, right above the pay button where the customer looks. */
  feedback?: unknown;
  /** Choices rendered before the payment fields (saved instruments, deposit amounts). */
  leading?: unknown;
  /** The fields of the way to pay in use (cardholder and card entry); absent when a saved instrument pays. */
  fields?: unknown;
  /** Beside the pay button (what an order charges after today): describes the button. */
  trailing?: unknown;
}

/** A small closed padlock (decorative: the words beside it say it). */
const lock = svg`<path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" stroke-width="1.5" /><rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />`;

/**
 * The payment form: its choices, the fields of the way to pay, and the pay button. Submitting with Enter
 * works from any field.
 */
export function renderPaymentForm(model: PaymentFormModel, submit: () => unknown, t: Translate) {
  return html`<form
    part="card-form"
    aria-labelledby="card-form-title"
    novalidate
    @submit=${(e: Event) => {
      e.preventDefault();
      submit();
    }}
  >
    <h3 id="card-form-title" class="visually-hidden">${t('cardForm')}</h3>
    ${model.leading ?? nothing} ${model.fields ?? nothing}
    <div class="alerts" role="alert">${model.feedback ?? nothing}</div>
    <button
      type="submit"
      part="pay-button"
      ?disabled=${model.busy || model.disabled === true}
      aria-disabled=${model.busy || model.disabled ? 'true' : 'false'}
      aria-describedby=${model.trailing && model.trailing !== nothing ? 'recurring-note' : nothing}
    >
      ${model.busy ? model.busyLabel : model.payLabel}
    </button>
    ${model.trailing ?? nothing}
    <p part="secured" class="secured">
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">${lock}</svg>${t('securedBy')}
    </p>
  </form>`;
}
