// The offsite / 3-D Secure approval page: plain HTML forms, no scripts, frameable.

/** Headers for the approval pages: no scripts at all, framing allowed from anywhere. */
export const APPROVAL_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors *",
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
};

/** @param {string} s */
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** @param {string} title @param {string} body */
function page(title, body) {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:2rem;color:#1a1a1a;background:#f6f7f9}
main{max-width:26rem;margin:0 auto;background:#fff;border:1px solid #dde;border-radius:8px;padding:1.5rem}
h1{font-size:1.25rem;margin:0 0 1rem}
.amount{font-size:1.5rem;font-weight:600}
form{display:inline-block;margin:1rem .5rem 0 0}
button{font:inherit;padding:.5rem 1.25rem;border-radius:6px;border:1px solid #888;background:#fff;cursor:pointer}
button.approve{background:#0a6;border-color:#0a6;color:#fff}
</style>
</head>
<body><main>${body}</main></body>
</html>`;
}

/**
 * @param {Record<string, any>} txn
 * @param {string} action form action (this page's URL)
 * @param {string | null} [offsite] the offsite method paying (its provider's page), or null for 3-D Secure
 */
export function approvalPage(txn, action, offsite = null) {
  const amount = new Intl.NumberFormat('en-US', { style: 'currency', currency: txn.currency }).format(txn.amount);
  if (txn.status !== 'waiting-approval') {
    return page(
      'Payment already settled',
      `<h1>Payment already settled</h1><p>Transaction <code>${esc(txn.id)}</code> is ${esc(txn.status)} (${esc(txn.result)}).</p>
<form method="post" action="${esc(action)}"><input type="hidden" name="result" value="${esc(txn.result)}"><button type="submit">Continue</button></form>`,
    );
  }
  const title = offsite ? `Pay with ${offsite}` : '3-D Secure verification';
  return page(
    title,
    `<h1>${esc(title)} (emulator)</h1>
<p>Confirm the payment of</p>
<p class="amount">${esc(amount)}</p>
<p>Transaction <code>${esc(txn.id)}</code></p>
<form method="post" action="${esc(action)}"><input type="hidden" name="result" value="approved"><button type="submit" class="approve">Approve</button></form>
<form method="post" action="${esc(action)}"><input type="hidden" name="result" value="declined"><button type="submit">Decline</button></form>`,
  );
}

/** @param {Record<string, any>} txn */
export function closePage(txn) {
  return page(
    'You can close this window',
    `<h1>${txn.result === 'approved' ? 'Payment approved' : 'Payment not approved'}</h1><p>Transaction <code>${esc(txn.id)}</code>: ${esc(txn.result)}.</p><p>You can close this window.</p>`,
  );
}

/** @param {string} message */
export const notFoundPage = (message) => page('Not found', `<h1>Not found</h1><p>${esc(message)}</p>`);

/**
 * Fills `{id}` and `{result}` in a redirect URL.
 * @param {string} url @param {Record<string, any>} txn
 */
export function fillRedirect(url, txn) {
  return url.replaceAll('{id}', encodeURIComponent(txn.id)).replaceAll('{result}', encodeURIComponent(txn.result));
}
