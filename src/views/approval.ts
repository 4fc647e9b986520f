import { html, nothing } from 'lit';
import type { Translate } from '../i18n/localize.js';

/**
 * The approval in a modal `<dialog>` (opened with `showModal()` by the element: focus trapped, the page
 * inert): the 3-D Secure page in a frame, or, for an offsite provider's page opened in a window, a note to
 * continue there with a button that shows the window. Escape and the close button abandon it; each load of
 * the frame is a good moment to read the transaction again.
 */
export function renderApprovalDialog(
  approval: { url: string; window?: Window } | undefined,
  t: Translate,
  handlers: { close(): void; navigated(): void },
  /** The method's name, for an approval in a window. */
  method = '',
) {
  if (!approval) return nothing;
  const popup = approval.window;
  return html`<dialog
    part="approval"
    aria-labelledby="approval-title"
    @cancel=${(e: Event) => {
      e.preventDefault();
      handlers.close();
    }}
  >
    <div class="approval-head">
      <h2 id="approval-title">${popup ? t('windowTitle') : t('approvalTitle')}</h2>
      <button type="button" part="approval-close" @click=${handlers.close}>
        ${popup ? t('windowCancel') : t('approvalClose')}
      </button>
    </div>
    ${popup
      ? html`<p>${t('windowBody', { method })}</p>
          <button type="button" class="primary" @click=${() => popup.focus()}>${t('windowShow')}</button>`
      : html`<iframe
          part="approval-frame"
          title=${t('approvalFrame')}
          src=${approval.url}
          sandbox="allow-forms allow-scripts allow-same-origin allow-popups"
          referrerpolicy="no-referrer"
          @load=${handlers.navigated}
        ></iframe>`}
  </dialog>`;
}
