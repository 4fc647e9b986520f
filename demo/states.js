// @ts-check
// Drives one <rebilly-instruments> into a named visual state against the Storefront emulator, the way a page
// and a customer do: its own sandbox of the emulator (so states never interfere), customer JWTs from the
// emulator's merchant-backend stand-in, cards typed into the element's inline fields, the pay button clicked.
//
// Used by demo/state.html (one state per page, see demo/state-page.js), the gallery demo/states.html, the
// browser tests (test/element/states.test.ts call driveState in their own document) and
// scripts/screenshots.mjs. Plain browser JavaScript, no build step, nothing inline (the demo's strict CSP).
// The element must be defined first (the page imports the bundle, the tests the source).

/** Seeded ids of the emulator (emulator/README.md, "Seeded state"). */
export const SEED = {
  publishableKey: 'pk_sandbox_emulator',
  organizationId: 'demo-org',
  websiteId: 'demo-website',
  alice: 'cus-alice',
  bob: 'cus-bob',
  cards: { approved: '4111111111111111', declined: '4000000000000002', threeDSecure: '4000000000003220' },
};

/** Every state, in the gallery's order, with what it shows. */
export const STATES = [
  ['loading', 'Loading: the skeleton while the first requests are under way'],
  ['waiting-jwt', 'Waiting for the customer JWT (invoice-id set, no jwt yet): the neutral placeholder'],
  ['ready-items', 'Ready: a cart of plans (items)'],
  ['ready-money', 'Ready: a plain amount (money)'],
  ['ready-invoice', 'Ready: an invoice (invoice-id + jwt)'],
  ['ready-transaction', 'Ready: a pending transaction (transaction-id + jwt)'],
  ['ready-deposit', 'Ready: a deposit request'],
  ['ready-payout', 'Ready: a payout request'],
  ['ready-setup', 'Ready: save a card (transaction-type="setup")'],
  ['field-errors', 'Field errors: an empty form submitted'],
  ['declined', 'Declined card'],
  ['approval', '3-D Secure approval dialog'],
  ['approved-items', 'Approved: a cart of plans'],
  ['approved-money', 'Approved: a plain amount'],
  ['approved-invoice', 'Approved: an invoice'],
  ['approved-deposit', 'Approved: a deposit'],
  ['approved-payout', 'Payout requested'],
  ['approved-setup', 'Card saved (setup)'],
  ['not-payable', 'Not payable: an invoice already paid'],
  ['uncertain', 'Uncertain outcome: the payment answer was lost'],
  ['network-error', 'Network error while loading, with Retry'],
].map(([name, title]) => ({ name, title }));

export const STATE_NAMES = STATES.map((s) => s.name);

const ITEMS = [{ planId: 'plan-pro-monthly', quantity: 1 }];
const MONEY = { amount: 25, currency: 'USD' };

/**
 * @param {string} url
 * @param {unknown} [body]
 */
async function post(url, body) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body ?? {}),
  });
  if (!response.ok) throw new Error(`POST ${url} → ${response.status}`);
  const text = await response.text();
  return text ? JSON.parse(text) : undefined;
}

/**
 * A fresh sandbox of the emulator: `{id, url}` (url is the element's `api-url`).
 * @param {string} emulator the emulator's root URL
 * @param {{latencyMs?: number}} [options]
 * @returns {Promise<{id: string, url: string}>}
 */
export function newSandbox(emulator, options = {}) {
  return post(`${emulator.replace(/\/$/, '')}/__emulator/sandboxes`, options);
}

/**
 * A customer JWT, minted as a merchant backend does (the emulator's stand-in for it).
 * @param {string} sandboxUrl
 * @param {Record<string, string>} scope `{customerId, invoiceId?, transactionId?, depositRequestId?, payoutRequestId?}`
 * @returns {Promise<string>}
 */
export async function customerJwt(sandboxUrl, scope) {
  const { token } = await post(`${sandboxUrl}/__merchant/customer-jwt`, scope);
  return token;
}

/**
 * @param {string} sandboxUrl
 * @param {Record<string, unknown>} fault
 */
function fault(sandboxUrl, fault) {
  return post(`${sandboxUrl}/__emulator/faults`, fault);
}

/**
 * Waits until `check()` is true (polling), or fails after `timeout` ms.
 * @param {() => unknown} check
 */
export async function until(check, timeout = 15_000, what = 'condition') {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The first of the element's events `good` (resolves with it) or `bad` (rejects with its detail), whichever
 * comes first; both listeners are removed then.
 * @param {EventTarget} el
 * @param {string} good
 * @param {string} bad
 * @param {string} what
 * @returns {Promise<any>}
 */
function either(el, good, bad, what) {
  return new Promise((resolve, reject) => {
    const off = () => {
      el.removeEventListener(good, onGood);
      el.removeEventListener(bad, onBad);
    };
    /** @param {any} e */
    const onGood = (e) => {
      off();
      resolve(e);
    };
    /** @param {any} e */
    const onBad = (e) => {
      off();
      reject(new Error(`${what}: ${bad} ${e.detail?.code ?? ''} ${e.detail?.message ?? ''}`.trim()));
    };
    el.addEventListener(good, onGood);
    el.addEventListener(bad, onBad);
  });
}

/**
 * The element's next event of that name.
 * @param {EventTarget} el
 * @param {string} name
 * @returns {Promise<any>}
 */
function next(el, name) {
  return new Promise((resolve) => el.addEventListener(name, resolve, { once: true }));
}

/** @param {any} el */
const root = (el) => /** @type {ShadowRoot} */ (el.shadowRoot);

/**
 * The input whose <label> matches, in the element's shadow root.
 * @param {any} el
 * @param {RegExp} name
 * @returns {HTMLInputElement}
 */
export function field(el, name) {
  for (const label of root(el).querySelectorAll('label')) {
    if (name.test(label.textContent ?? '') && label.htmlFor) {
      const input = root(el).getElementById(label.htmlFor);
      if (input?.tagName === 'INPUT') return /** @type {HTMLInputElement} */ (input);
    }
  }
  throw new Error(`No field labelled ${name}`);
}

/**
 * Types into a field the way a browser does for a user: value, an input event, a blur.
 * @param {HTMLInputElement} input
 * @param {string} value
 */
function type(input, value) {
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new FocusEvent('blur'));
}

/**
 * Fills the inline card fields (and the email, when asked for).
 * @param {any} el
 * @param {string} number
 */
async function fillCard(el, number) {
  if (root(el).getElementById('field-email')) type(field(el, /email/i), 'ada@example.com');
  type(field(el, /name on card/i), 'Ada Lovelace');
  type(field(el, /card number/i), number);
  type(field(el, /expir/i), `12/${String((new Date().getFullYear() + 3) % 100).padStart(2, '0')}`);
  type(field(el, /security code|cvc/i), '123');
  await el.updateComplete;
}

/** @param {any} el */
function payButton(el) {
  const button = /** @type {HTMLButtonElement | null} */ (root(el).querySelector('[part~="pay-button"]'));
  if (!button) throw new Error('No pay button');
  return button;
}

/**
 * Chooses "New card" among saved instruments, when there is such a choice.
 * @param {any} el
 */
async function chooseNewCard(el) {
  const radios = /** @type {HTMLInputElement[]} */ ([...root(el).querySelectorAll('input[name="instrument"]')]);
  const newCard = radios.find((input) => /new card/i.test(input.closest('label')?.textContent ?? ''));
  if (newCard) {
    newCard.click();
    await el.updateComplete;
  }
}

/** Waits until FramePay's card field (the default card fields) is drawn in the element, when there is one. */
/** @param {any} el */
async function hostedCardDrawn(el) {
  const cardField = root(el).querySelector('[part~="card-field"]');
  if (!cardField || el.cardFields === 'inline') return;
  await until(
    () => cardField.getAttribute('aria-busy') === 'false' && !!el.querySelector(':scope > [slot="rebilly-card"] iframe'),
    15_000,
    "FramePay's card field",
  );
}

/**
 * @typedef {object} DriveOptions
 * @property {string} emulator the emulator's root URL
 * @property {'light' | 'dark'} [theme]
 * @property {string} [locale] e.g. `ar` (right to left)
 * @property {'framepay' | 'inline'} [cardFields] default: `framepay` for the ready states, `inline` where a card is typed
 * @property {number} [latencyMs] the `loading` sandbox's latency per request (default and most the emulator allows: 60 s; the element's
 *   reads time out after 20 s, so the skeleton stays that long)
 * @property {boolean} [scrollToPay] scroll the pay button into view before clicking it, as a customer does
 */

/**
 * Creates an element in `container`, drives it into the state `name`, and resolves with it once the state
 * is reached (rejects with what went wrong otherwise).
 * @param {string} name one of STATE_NAMES
 * @param {HTMLElement} container
 * @param {DriveOptions} options
 * @returns {Promise<{el: any, sandbox: {id: string, url: string}}>}
 */
export async function driveState(name, container, options) {
  if (!STATE_NAMES.includes(name)) throw new Error(`Unknown state "${name}" (one of: ${STATE_NAMES.join(', ')})`);
  const loading = name === 'loading';
  const sandbox = await newSandbox(options.emulator, loading ? { latencyMs: options.latencyMs ?? 60_000 } : {});
  /** @type {any} */
  const el = document.createElement('rebilly-instruments');
  el.apiUrl = sandbox.url;
  el.framepayUrl = `${sandbox.url}/framepay/framepay.js`;
  const typed = /^(field-errors|declined|approval|uncertain|approved-(items|money|setup))$/.test(name);
  el.cardFields = options.cardFields ?? (typed ? 'inline' : 'framepay');
  if (options.theme) el.theme = options.theme;
  if (options.locale) el.locale = options.locale;

  const publishable = () => {
    el.publishableKey = SEED.publishableKey;
    el.organizationId = SEED.organizationId;
    el.websiteId = SEED.websiteId;
  };
  /** @param {Record<string, string>} scope */
  const jwt = async (scope) => {
    el.jwt = await customerJwt(sandbox.url, scope);
  };
  const mode = name.replace(/^(ready|approved)-/, '');
  switch (name) {
    case 'waiting-jwt':
      el.invoiceId = 'inv-unpaid';
      break;
    case 'ready-items':
    case 'approved-items':
      publishable();
      el.items = ITEMS;
      break;
    case 'loading':
    case 'ready-money':
    case 'approved-money':
    case 'field-errors':
    case 'declined':
    case 'approval':
    case 'uncertain':
    case 'network-error':
      publishable();
      el.money = MONEY;
      break;
    case 'ready-invoice':
    case 'approved-invoice':
      el.invoiceId = 'inv-unpaid';
      await jwt({ customerId: SEED.alice, invoiceId: 'inv-unpaid' });
      break;
    case 'not-payable':
      el.invoiceId = 'inv-paid';
      await jwt({ customerId: SEED.alice, invoiceId: 'inv-paid' });
      break;
    case 'ready-transaction':
      el.transactionId = 'txn-pending';
      await jwt({ customerId: SEED.alice, transactionId: 'txn-pending' });
      break;
    case 'ready-deposit':
    case 'approved-deposit':
      el.deposit = { depositRequestId: 'depreq-1' };
      await jwt({ customerId: SEED.alice, depositRequestId: 'depreq-1' });
      break;
    case 'ready-payout':
    case 'approved-payout':
      el.payout = { payoutRequestId: 'payoutreq-pending' };
      await jwt({ customerId: SEED.alice, payoutRequestId: 'payoutreq-pending' });
      break;
    case 'ready-setup':
    case 'approved-setup':
      // Bob has no saved card: the form to save a new one.
      el.transactionType = 'setup';
      await jwt({ customerId: SEED.bob });
      break;
    default:
      throw new Error(`No driver for "${name}" (${mode})`);
  }
  if (name === 'network-error') {
    // Every attempt to load the payment methods fails (the client's retries included).
    await fault(sandbox.url, { kind: 'drop', count: 50, path: 'StorefrontPostReadyToPay' });
  }

  // What loading ends with: data (most states) or a failure (not-payable, network-error).
  const fails = name === 'not-payable' || name === 'network-error';
  const loaded = fails ? either(el, 'error', 'data-ready', name) : either(el, 'data-ready', 'error', name);
  loaded.catch(() => {}); // the loading and waiting states return before it settles
  container.append(el);

  if (loading) {
    await until(() => root(el)?.querySelector('[part~="skeleton"]'), 15_000, 'the skeleton');
    return { el, sandbox };
  }
  if (name === 'waiting-jwt') {
    await until(() => el.missing?.includes('jwt') && root(el)?.querySelector('[part~="placeholder"]'), 15_000, 'the placeholder');
    return { el, sandbox };
  }
  await loaded;
  if (fails) {
    await until(() => el.state === 'failed', 15_000, 'the failed state');
    await el.updateComplete;
    return { el, sandbox };
  }
  await el.updateComplete;
  if (name.startsWith('ready-')) {
    await hostedCardDrawn(el);
    return { el, sandbox };
  }

  if (name === 'field-errors') {
    if (el.requestSubmit() !== false) throw new Error('field-errors: the empty form was submitted');
    await el.updateComplete;
    await until(() => root(el).querySelector('[part~="field-error"]'), 5000, 'the field errors');
    return { el, sandbox };
  }

  // The rest pays: a new card typed in (publishable modes, setup), or the customer's saved card.
  const savedCard = /^approved-(invoice|deposit|payout)$/.test(name);
  if (!savedCard) {
    await chooseNewCard(el);
    const number = name === 'declined' ? SEED.cards.declined : name === 'approval' ? SEED.cards.threeDSecure : SEED.cards.approved;
    await fillCard(el, number);
  }
  if (name === 'uncertain') {
    // The payment is made, then its connection is cut: its answer is lost and a publishable key cannot read it back.
    await fault(sandbox.url, { kind: 'drop', after: true, path: 'StorefrontPostPayment' });
  }
  const button = payButton(el);
  if (options.scrollToPay) button.scrollIntoView({ block: 'end' });
  const outcome = next(el, 'error');
  button.click();
  await el.updateComplete;

  if (name === 'approval') {
    await until(() => /** @type {HTMLDialogElement | null} */ (root(el).querySelector('dialog[part~="approval"]'))?.open, 15_000, 'the approval dialog');
    return { el, sandbox };
  }
  if (name === 'declined') {
    const { detail } = await outcome;
    if (detail.code !== 'payment-declined') throw new Error(`declined: got ${detail.code}: ${detail.message}`);
    await until(() => el.state === 'ready', 15_000, 'the form again');
    await el.updateComplete;
    return { el, sandbox };
  }
  if (name === 'uncertain') {
    const { detail } = await outcome;
    if (!detail.outcomeUnknown) throw new Error(`uncertain: got ${detail.code}: ${detail.message}`);
    await el.updateComplete;
    return { el, sandbox };
  }
  // approved-*
  /** @type {any} */
  let error;
  outcome.then((e) => (error = e.detail));
  await until(() => el.state === 'completed' || error, 30_000, 'the completed state');
  if (error) throw new Error(`${name}: ${error.code}: ${error.message}`);
  await el.updateComplete;
  return { el, sandbox };
}
