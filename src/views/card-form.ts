import { html, nothing } from 'lit';
import type { CardField, CardInput, CardProblem } from '../checkout/card.js';
import type { Translate } from '../i18n/localize.js';

export interface CardFormModel {
  input: CardInput;
  /** Problems found locally, per field (shown once the field was left or the form submitted). */
  problems: Partial<Record<CardField, CardProblem>>;
  /** Messages the server gave for fields (422 `invalidFields`), already mapped onto form fields. */
  serverErrors: Partial<Record<CardField, string>>;
  shown: ReadonlySet<CardField>;
  brand: string | undefined;
  cvvLength: number;
  needsEmail: boolean;
  busy: boolean;
  payLabel: string;
  /** Show the card fields (false when a saved instrument pays). */
  showCard: boolean;
  /** Choices rendered inside the form, before the card fields (saved instruments, deposit amounts). */
  leading?: unknown;
  /**
   * The card number, expiry and CVC are FramePay's hosted fields (slotted in from the light DOM), not inputs
   * of this form: only the name (and email) stay the element's own.
   */
  hosted?: HostedCardModel;
}

export interface HostedCardModel {
  /** Slot name of the light-DOM node FramePay mounts in. */
  slot: string;
  loading: boolean;
  /** What to say under the card field (incomplete card, FramePay's message), when it should show. */
  error: string | undefined;
  /** Shown instead of the field when FramePay could not be loaded, with its retry button. */
  failed?: unknown;
}

export interface CardFormHandlers {
  /** The customer typed: returns the value the field shows (formatted, or unchanged input refused). */
  input(field: CardField, value: string): string;
  blur(field: CardField): void;
  submit(): unknown;
}

interface FieldSpec {
  field: CardField;
  label: string;
  autocomplete: string;
  inputmode?: 'numeric' | 'email' | 'text';
  type?: string;
  maxlength?: number;
  placeholder?: string;
}

/**
 * The card form. Every input has a visible label, `autocomplete` for the browser's saved cards, and its
 * error tied to it with `aria-describedby`/`aria-invalid`. Submitting with Enter works from any field.
 */
export function renderCardForm(model: CardFormModel, handlers: CardFormHandlers, t: Translate) {
  const message = (field: CardField): string | undefined => {
    if (model.serverErrors[field]) return model.serverErrors[field];
    const problem = model.problems[field];
    if (!problem || !model.shown.has(field)) return undefined;
    return t(problem, { length: model.cvvLength });
  };

  const renderField = (spec: FieldSpec, extraHint?: string) => {
    const id = `field-${spec.field}`;
    const error = message(spec.field);
    const describedBy = [error ? `${id}-error` : '', extraHint ? `${id}-hint` : ''].filter(Boolean).join(' ');
    return html`<div class="field" part="field field-${spec.field}">
      <label for=${id} part="label">${spec.label}</label>
      <input
        id=${id}
        name=${spec.field}
        part="input input-${spec.field}"
        type=${spec.type ?? 'text'}
        inputmode=${spec.inputmode ?? nothing}
        autocomplete=${spec.autocomplete}
        maxlength=${spec.maxlength ?? nothing}
        placeholder=${spec.placeholder ?? nothing}
        spellcheck="false"
        required
        aria-required="true"
        aria-invalid=${error ? 'true' : 'false'}
        aria-describedby=${describedBy || nothing}
        .value=${model.input[spec.field]}
        ?disabled=${model.busy}
        @input=${(e: Event) => {
          // The field shows the model's value even when the model did not change (a refused character), which
          // a plain \`.value\` binding would not re-apply.
          const field = e.target as HTMLInputElement;
          const shown = handlers.input(spec.field, field.value);
          if (field.value !== shown) field.value = shown;
        }}
        @blur=${() => handlers.blur(spec.field)}
      />
      ${extraHint ? html`<span id="${id}-hint" class="hint">${extraHint}</span>` : nothing}
      ${error ? html`<span id="${id}-error" class="field-error" part="field-error">${error}</span>` : nothing}
    </div>`;
  };

  return html`<form
    part="card-form"
    aria-labelledby="card-form-title"
    novalidate
    @submit=${(e: Event) => {
      e.preventDefault();
      handlers.submit();
    }}
  >
    <h3 id="card-form-title" class="visually-hidden">${t('cardForm')}</h3>
    ${model.leading ?? nothing} ${model.showCard ? renderCardFields() : nothing}
    <button type="submit" part="pay-button" ?disabled=${model.busy} aria-disabled=${model.busy ? 'true' : 'false'}>
      ${model.busy ? t('paying') : model.payLabel}
    </button>
  </form>`;

  function renderCardFields() {
    return html`${model.needsEmail
      ? renderField({ field: 'email', label: t('email'), autocomplete: 'email', inputmode: 'email', type: 'email' })
      : nothing}
    ${renderField({ field: 'name', label: t('cardholderName'), autocomplete: 'cc-name' })}
    ${model.hosted ? renderHostedCard(model.hosted) : renderInlineCard()}`;
  }

  function renderHostedCard(hosted: HostedCardModel) {
    // The frames carry their own labelled inputs; this group names them for the form and holds the error.
    return html`<div class="field" part="field field-card">
      <span id="field-card-label" class="label" part="label">${t('cardDetails')}</span>
      <div
        class="hosted-card"
        part="card-field"
        role="group"
        aria-labelledby="field-card-label"
        aria-describedby=${hosted.error ? 'field-card-error' : nothing}
        aria-busy=${hosted.loading ? 'true' : 'false'}
      >
        <slot name=${hosted.slot}></slot>
        ${hosted.loading ? html`<span class="hint">${t('cardLoading')}</span>` : nothing}
      </div>
      ${hosted.failed ?? nothing}
      ${hosted.error ? html`<span id="field-card-error" class="field-error" part="field-error">${hosted.error}</span>` : nothing}
    </div>`;
  }

  function renderInlineCard() {
    return html`${renderField(
      {
        field: 'number',
        label: t('cardNumber'),
        autocomplete: 'cc-number',
        inputmode: 'numeric',
        maxlength: 23,
        placeholder: '1234 1234 1234 1234',
      },
      model.brand ? t('detectedBrand', { brand: model.brand }) : undefined,
    )}
    <div class="row">
      ${renderField({
        field: 'expiry',
        label: t('expiry'),
        autocomplete: 'cc-exp',
        inputmode: 'numeric',
        maxlength: 7,
        placeholder: 'MM / YY',
      })}
      ${renderField({
        field: 'cvv',
        label: t('securityCode'),
        autocomplete: 'cc-csc',
        inputmode: 'numeric',
        maxlength: model.cvvLength,
      })}
    </div>`;
  }
}
