import { html, nothing } from 'lit';
import type { DepositChoice } from '../checkout/data.js';
import { formatMoney, type Translate } from '../i18n/localize.js';

/** Why a deposit amount is not acceptable, or undefined when it is. */
export function depositAmountProblem(
  amount: number | undefined,
  choice: DepositChoice,
): 'requiredField' | 'amountTooLow' | 'amountTooHigh' | 'amountNotMultiple' | undefined {
  if (amount === undefined || !Number.isFinite(amount) || amount <= 0) return 'requiredField';
  if (choice.presets.includes(amount)) return undefined;
  const custom = choice.custom;
  if (!custom) return 'requiredField';
  if (amount < custom.minimum) return 'amountTooLow';
  if (amount > custom.maximum) return 'amountTooHigh';
  // Compare in cents so 0.1 + 0.2 style errors cannot reject a valid multiple.
  const cents = Math.round(amount * 100);
  const step = Math.round(custom.multipleOf * 100);
  if (step > 0 && cents % step !== 0) return 'amountNotMultiple';
  return undefined;
}

/** Preset amount buttons (a radio group) and a custom amount field within the strategy's bounds. */
export function renderDepositAmount(
  choice: DepositChoice,
  state: { amount: number | undefined; customText: string; showError: boolean },
  handlers: { preset(amount: number): void; custom(text: string): void; blur(): void },
  t: Translate,
  locale: string,
) {
  const money = (amount: number) => formatMoney(amount, choice.currency, locale);
  const problem = state.showError ? depositAmountProblem(state.amount, choice) : undefined;
  const custom = choice.custom;
  const bounded = custom && custom.maximum < Number.MAX_SAFE_INTEGER;
  return html`<fieldset part="deposit-amounts" class="choices">
    <legend>${t('depositAmount')}</legend>
    ${choice.presets.map(
      (amount) => html`<label class="method" part="deposit-preset">
        <input
          type="radio"
          name="deposit-amount"
          .checked=${state.customText === '' && state.amount === amount}
          @change=${() => handlers.preset(amount)}
        />
        <span>${money(amount)}</span>
      </label>`,
    )}
    ${custom
      ? html`<div class="field" part="field field-amount">
          <label for="field-amount" part="label">${choice.presets.length ? t('otherAmount') : t('amount')}</label>
          <input
            id="field-amount"
            part="input input-amount"
            inputmode="decimal"
            autocomplete="off"
            aria-invalid=${problem ? 'true' : 'false'}
            aria-describedby="field-amount-hint${problem ? ' field-amount-error' : ''}"
            .value=${state.customText}
            @input=${(e: Event) => handlers.custom((e.target as HTMLInputElement).value)}
            @blur=${handlers.blur}
          />
          <span id="field-amount-hint" class="hint"
            >${bounded
              ? t('amountBounds', { min: money(custom.minimum), max: money(custom.maximum), step: money(custom.multipleOf) })
              : ''}</span
          >
          ${problem
            ? html`<span id="field-amount-error" class="field-error" part="field-error"
                >${t(problem, {
                  min: money(custom.minimum),
                  max: money(custom.maximum),
                  step: money(custom.multipleOf),
                })}</span
              >`
            : nothing}
        </div>`
      : nothing}
  </fieldset>`;
}
