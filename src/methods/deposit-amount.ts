import type { DepositChoice } from '../checkout/data.js';
import type { Translate } from '../i18n/localize.js';

type CustomerViews = typeof import('../views/customer-views.js');

/**
 * The amount a deposit customer chooses (a preset or a custom amount within the strategy's bounds): not a
 * way to pay, but the same kind of piece, so the element only composes it.
 */
export class DepositAmount {
  amount: number | undefined;
  #text = '';
  #shown = false;

  constructor(private readonly requestUpdate: () => void) {}

  /** Once per loaded deposit: its default amount, unless the customer typed one. */
  prepare(choice: DepositChoice): void {
    if (this.#text === '') this.amount = choice.initial;
  }

  /** Shows the problem, if any; true when the amount can be paid. */
  validate(views: CustomerViews, choice: DepositChoice): boolean {
    this.#shown = true;
    this.requestUpdate();
    return !views.depositAmountProblem(this.amount, choice);
  }

  render(views: CustomerViews | undefined, choice: DepositChoice, t: Translate, locale: string) {
    if (!views) return undefined;
    const set = (change: () => void) => {
      change();
      this.requestUpdate();
    };
    return views.renderDepositAmount(
      choice,
      { amount: this.amount, customText: this.#text, showError: this.#shown },
      {
        preset: (value) =>
          set(() => {
            this.amount = value;
            this.#text = '';
          }),
        custom: (text) =>
          set(() => {
            this.#text = text;
            const value = Number(text.replace(',', '.'));
            this.amount = text.trim() && Number.isFinite(value) ? value : undefined;
          }),
        blur: () => set(() => (this.#shown = this.#text !== '')),
      },
      t,
      locale,
    );
  }
}
