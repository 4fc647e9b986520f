import type { Config } from '../config/index.js';
import type { Mode, Transaction } from '../events.js';

/** Transaction results that end a payment attempt. */
const FINAL_RESULTS = new Set(['approved', 'declined', 'canceled', 'abandoned']);

export function isFinal(transaction: Transaction): boolean {
  return FINAL_RESULTS.has(String(transaction.result)) || transaction.status === 'declined';
}

/** A transaction that waits for the customer on an approval page (3-D Secure, offsite methods). */
export function needsApproval(transaction: Transaction): boolean {
  return typeof transaction.approvalUrl === 'string' && transaction.approvalUrl !== '' && !isFinal(transaction);
}

/**
 * Only `https:` approval pages are opened, or pages on the configured API's own origin (the local emulator
 * serves its approval page over http). Anything else (`javascript:`, `data:`, another scheme or host over
 * http) is refused.
 */
export function isSafeApprovalUrl(url: string, apiUrl: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'https:') return true;
  if (parsed.protocol !== 'http:') return false;
  try {
    return parsed.origin === new URL(apiUrl).origin;
  } catch {
    return false;
  }
}

/**
 * What a full-page redirect leaves behind so the element on the return page can settle the attempt. It is
 * tied to one purchase (`key`, see {@link purchaseKey}) and claimed exactly once.
 */
export interface PendingApproval {
  v: 2;
  /** The purchase it belongs to ({@link purchaseKey}): only an element with the same purchase claims it. */
  key: string;
  transactionId: string;
  /**
   * Reads the transaction after a publishable-key purchase: the purchase answer's session token (the key
   * cannot read transactions). Absent in the customer-JWT modes: the return page's own, current JWT reads
   * it, so no customer JWT is ever stored. No card data, ever.
   */
  credential?: string;
  mode: Mode;
  /** What the transaction read back must show to count as this purchase's. */
  expect: { amount?: number; currency?: string; invoiceId?: string };
  orderId?: string;
  token?: string;
  /** A setup transaction (settles as `setup-completed`). */
  setup?: boolean;
  createdAt: number;
}

const STORAGE_KEY = 'rebilly-instruments:pending-approvals';
/** An approval left for longer than this is not resumed. */
const MAX_AGE_MS = 60 * 60 * 1000;
/** Clock skew tolerated for an entry's `createdAt` (a later one was not written by this page's clock). */
const MAX_SKEW_MS = 5 * 60 * 1000;

/**
 * Names a purchase: connection, mode and purchase data, never the credential's value (a refreshed JWT is the
 * same purchase) nor presentation options. Ties a full-page approval to its purchase, and keeps a finished
 * checkout finished until the purchase changes. Hashed, so the cart is not copied into storage.
 */
export function purchaseKey(config: Config): string {
  const text = JSON.stringify({
    ...config,
    credential: config.credential.kind,
    credentialExpiresAt: undefined,
    locale: undefined,
    redirectUrl: undefined,
  });
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0).toString(36) + (h2 >>> 0).toString(36);
}

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined; // storage disabled (privacy mode, sandboxed iframe)
  }
}

type Entries = Record<string, PendingApproval>;

function readEntries(): Entries {
  try {
    const parsed = JSON.parse(storage()?.getItem(STORAGE_KEY) ?? '{}') as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Entries) : {};
  } catch {
    return {};
  }
}

function writeEntries(entries: Entries): boolean {
  const store = storage();
  if (!store) return false;
  try {
    if (Object.keys(entries).length) store.setItem(STORAGE_KEY, JSON.stringify(entries));
    else store.removeItem(STORAGE_KEY);
    return true;
  } catch {
    return false;
  }
}

function isUsable(entry: unknown, now: number): entry is PendingApproval {
  const e = entry as Partial<PendingApproval> | null;
  return (
    !!e &&
    e.v === 2 &&
    typeof e.key === 'string' &&
    typeof e.transactionId === 'string' &&
    e.transactionId !== '' &&
    (e.credential === undefined || typeof e.credential === 'string') &&
    typeof e.expect === 'object' &&
    e.expect !== null &&
    typeof e.createdAt === 'number' &&
    now - e.createdAt <= MAX_AGE_MS &&
    e.createdAt - now <= MAX_SKEW_MS
  );
}

export function savePendingApproval(pending: PendingApproval): boolean {
  return writeEntries({ ...readEntries(), [pending.key]: pending });
}

/**
 * Takes the pending approval of this purchase, if any, and removes it in the same task, so two elements
 * on the page can never both settle it. Entries that are stale, from the future or malformed are dropped
 * on the way. Put it back with {@link savePendingApproval} when it could not be settled yet.
 */
export function claimPendingApproval(key: string, now = Date.now()): PendingApproval | undefined {
  const entries = readEntries();
  const kept: Entries = {};
  let claimed: PendingApproval | undefined;
  for (const [name, entry] of Object.entries(entries)) {
    if (!isUsable(entry, now) || entry.key !== name) continue;
    if (name === key) claimed = entry;
    else kept[name] = entry;
  }
  if (claimed || Object.keys(kept).length !== Object.keys(entries).length) writeEntries(kept);
  return claimed;
}
