import { html, nothing } from 'lit';

export interface FieldSpec {
  /** Field name: the input's id is `field-{name}`, its parts `field-{name}` and `input-{name}`. */
  name: string;
  label: string;
  value: string;
  /** The message shown under the field (and tied to it), when there is one to show. */
  error?: string | undefined;
  /** A hint under the field (bounds, the detected brand). */
  hint?: string | undefined;
  /**
   * A decoration inside the input's box at its inline-end (the detected card brand's mark). The hint then
   * says in words what it shows, for assistive technology only (visually hidden, still describing the input).
   */
  end?: unknown;
  autocomplete?: string;
  inputmode?: 'numeric' | 'email' | 'text' | 'decimal';
  type?: string;
  maxlength?: number;
  placeholder?: string;
  disabled?: boolean;
  required?: boolean;
  /** The customer typed: returns the value the field shows (formatted, or a refused character undone). */
  input(value: string): string | void;
  blur?(): void;
}

/**
 * One labelled field, used by every form part (cardholder, inline card, deposit amount): a visible label,
 * `autocomplete`, the error and hint tied to the input with `aria-describedby`/`aria-invalid`.
 */
export function renderField(spec: FieldSpec) {
  const id = `field-${spec.name}`;
  const describedBy = [spec.error ? `${id}-error` : '', spec.hint ? `${id}-hint` : ''].filter(Boolean).join(' ');
  const input = html`<input
      id=${id}
      name=${spec.name}
      part="input input-${spec.name}"
      type=${spec.type ?? 'text'}
      inputmode=${spec.inputmode ?? nothing}
      autocomplete=${spec.autocomplete ?? 'off'}
      maxlength=${spec.maxlength ?? nothing}
      placeholder=${spec.placeholder ?? nothing}
      spellcheck="false"
      ?required=${spec.required !== false}
      aria-required=${spec.required !== false ? 'true' : 'false'}
      aria-invalid=${spec.error ? 'true' : 'false'}
      aria-describedby=${describedBy || nothing}
      .value=${spec.value}
      ?disabled=${spec.disabled === true}
      @input=${(e: Event) => {
        // The field shows the model's value even when the model did not change (a refused character),
        // which a plain \`.value\` binding would not re-apply.
        const field = e.target as HTMLInputElement;
        const shown = spec.input(field.value);
        if (typeof shown === 'string' && field.value !== shown) field.value = shown;
      }}
      @blur=${() => spec.blur?.()}
    />`;
  return html`<div class="field" part="field field-${spec.name}">
    <label for=${id} part="label">${spec.label}</label>
    ${spec.end === undefined ? input : html`<div class="input-end">${input}${spec.end}</div>`}
    ${spec.hint ? html`<span id="${id}-hint" class=${spec.end === undefined ? 'hint' : 'visually-hidden'}>${spec.hint}</span>` : nothing}
    ${spec.error ? html`<span id="${id}-error" class="field-error" part="field-error">${spec.error}</span>` : nothing}
  </div>`;
}
