/**
 * An offsite method (Alipay, Skrill, iDEAL, a bank transfer…): a token of `{method, billingAddress}`
 * (`AlternativePaymentToken`), then the payment waits for the customer to approve it on the provider's
 * page. Providers usually refuse to be framed, so the approval opens in a window (`approval: 'window'`).
 */
import { html } from 'lit';
import type { Config } from '../../config/index.js';
import type { BillingAddress } from '../../events.js';
import { getStorefrontClient } from '../../api/client.js';
import { PostToken } from '../../api/operations.js';
import type { PaymentEntry, RenderContext } from '../method.js';

export class Offsite implements PaymentEntry {
  readonly approval = 'window' as const;

  constructor(
    readonly method: string,
    /** The method's name as people see it. */
    private readonly name: string,
  ) {}

  hostConnected(): void {}

  render({ t }: RenderContext) {
    return html`<p class="hint">${t('offsiteNote', { method: this.name })}</p>`;
  }

  /** Nothing of its own to check: the billing name (the form's) is all its token needs. */
  validate(): boolean {
    return true;
  }

  focus(): void {}

  async collect(billingAddress: BillingAddress, config: Config) {
    const token = await PostToken(getStorefrontClient(config), { method: this.method, billingAddress });
    return { token: token.id, billingAddress };
  }
}
