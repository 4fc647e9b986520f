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

/** What a full-page redirect leaves behind so the element on the return page can settle the attempt. */
export interface PendingApproval {
  v: 1;
  transactionId: string;
  /** Reads the transaction: the purchase's session token or the customer JWT. No card data, ever. */
  credential: string;
  mode: Mode;
  apiUrl: string;
  organizationId?: string;
  orderId?: string;
  invoiceId?: string;
  token?: string;
  /** A setup transaction (settles as `setup-completed`). */
  setup?: boolean;
  createdAt: number;
}

const STORAGE_KEY = 'rebilly-instruments:pending-approval';
/** An approval left for longer than this is not resumed. */
const MAX_AGE_MS = 60 * 60 * 1000;

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined; // storage disabled (privacy mode, sandboxed iframe)
  }
}

export function savePendingApproval(pending: PendingApproval): boolean {
  try {
    storage()?.setItem(STORAGE_KEY, JSON.stringify(pending));
    return !!storage();
  } catch {
    return false;
  }
}

/** Reads the pending approval for this API and organization, if any (without removing it). */
export function peekPendingApproval(apiUrl: string, organizationId: string | undefined): PendingApproval | undefined {
  let pending: PendingApproval | undefined;
  try {
    const raw = storage()?.getItem(STORAGE_KEY);
    pending = raw ? (JSON.parse(raw) as PendingApproval) : undefined;
  } catch {
    pending = undefined;
  }
  if (!pending || pending.v !== 1 || typeof pending.transactionId !== 'string') return undefined;
  if (Date.now() - pending.createdAt > MAX_AGE_MS) {
    forgetPendingApproval();
    return undefined;
  }
  if (pending.apiUrl !== apiUrl || (pending.organizationId ?? '') !== (organizationId ?? '')) return undefined;
  return pending;
}

export function forgetPendingApproval(): void {
  try {
    storage()?.removeItem(STORAGE_KEY);
  } catch {
    // nothing to forget
  }
}
