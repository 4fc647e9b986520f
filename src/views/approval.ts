import { html, nothing } from 'lit';
import type { Translate } from '../i18n/localize.js';

/**
 * The 3-D Secure / offsite approval page in a modal `<dialog>` (opened with `showModal()` by the element:
 * focus trapped, the page inert). Escape and the close button abandon it; each load of the frame is a
 * good moment to read the transaction again.
 */
export function renderApprovalDialog(
  approval: { url: string } | undefined,
  t: Translate,
  handlers: { close(): void; navigated(): void },
) {
  if (!approval) return nothing;
  return html`<dialog
    part="approval"
    aria-labelledby="approval-title"
    @cancel=${(e: Event) => {
      e.preventDefault();
      handlers.close();
    }}
  >
    <div class="approval-head">
      <h2 id="approval-title">${t('approvalTitle')}</h2>
      <button type="button" part="approval-close" @click=${handlers.close}>${t('approvalClose')}</button>
    </div>
    <iframe
      part="approval-frame"
      title=${t('approvalFrame')}
      src=${approval.url}
      sandbox="allow-forms allow-scripts allow-same-origin allow-popups"
      referrerpolicy="no-referrer"
      @load=${handlers.navigated}
    ></iframe>
  </dialog>`;
}
