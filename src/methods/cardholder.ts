import { html, nothing } from 'lit';
import type { BillingAddress, InvalidField } from '../events.js';
import type { Translate } from '../i18n/localize.js';
import { renderField } from '../views/field.js';

type Field = 'name' | 'email';

/**
 * The cardholder's name (and a guest's email): the element's own fields around any card entry, FramePay's
 * or inline. They become the token's billing address.
 */
export class Cardholder {
  name = '';
  email = '';
  needsEmail = false;
  #shown = new Set<Field>();
  #server: Partial<Record<Field, string>> = {};

  constructor(private readonly requestUpdate: () => void) {}

  /** Prefills the name once per loaded data (the customer's name in the JWT modes). */
  prefill(name: string | undefined): void {
    if (name && !this.name) this.name = name;
  }

  problems(): Partial<Record<Field, 'requiredField' | 'invalidName' | 'invalidEmail'>> {
    const problems: Partial<Record<Field, 'requiredField' | 'invalidName' | 'invalidEmail'>> = {};
    const name = this.name.trim();
    if (!name) problems.name = 'requiredField';
    else if (name.length < 2) problems.name = 'invalidName';
    if (this.needsEmail) {
      const email = this.email.trim();
      if (!email) problems.email = 'requiredField';
      else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problems.email = 'invalidEmail';
    }
    return problems;
  }

  /** Shows every problem; returns the first wrong field, in the form's order. */
  validate(): Field | undefined {
    this.#shown = new Set(['name', 'email']);
    this.requestUpdate();
    const problems = this.problems();
    return (['email', 'name'] as const).find((f) => problems[f]);
  }

  billingAddress(): BillingAddress {
    const email = this.email.trim();
    return { ...splitName(this.name), ...(email ? { emails: [{ label: 'main', value: email, primary: true }] } : {}) };
  }

  showServerErrors(fields: readonly InvalidField[]): void {
    this.#server = {};
    for (const { field, message } of fields) {
      const key: Field | undefined = /email/i.test(field) ? 'email' : /firstName|lastName|name/i.test(field) ? 'name' : undefined;
      if (key && !this.#server[key]) this.#server[key] = message;
    }
  }

  reset(): void {
    this.#server = {};
  }

  /** `nameLabel`: what the name is (the name on the card, the account holder's, a full name). */
  render(t: Translate, busy: boolean, nameLabel: 'cardholderName' | 'accountHolderName' | 'fullName' = 'cardholderName') {
    const problems = this.problems();
    const error = (f: Field) => this.#server[f] ?? (this.#shown.has(f) && problems[f] ? t(problems[f]) : undefined);
    const input = (f: Field) => (value: string) => {
      this[f] = value;
      this.#server[f] = undefined;
      this.requestUpdate();
    };
    const blur = (f: Field) => () => {
      if (this[f] && !this.#shown.has(f)) {
        this.#shown.add(f);
        this.requestUpdate();
      }
    };
    return html`${this.needsEmail
      ? renderField({ name: 'email', label: t('email'), value: this.email, error: error('email'), autocomplete: 'email', inputmode: 'email', type: 'email', disabled: busy, input: input('email'), blur: blur('email') })
      : nothing}
    ${renderField({ name: 'name', label: t(nameLabel), value: this.name, error: error('name'), autocomplete: 'cc-name', disabled: busy, input: input('name'), blur: blur('name') })}`;
  }
}

/** Splits "Ada Lovelace King" into Rebilly's firstName / lastName. */
export function splitName(name: string): { firstName: string; lastName: string } {
  const parts = name.trim().split(/\s+/);
  if (parts.length === 1) return { firstName: parts[0]!, lastName: parts[0]! };
  return { firstName: parts.slice(0, -1).join(' '), lastName: parts.at(-1)! };
}
