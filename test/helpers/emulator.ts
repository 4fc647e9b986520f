/**
 * Test helper: an isolated sandbox of the Storefront emulator per test, over real HTTP.
 * The emulator is started by web-test-runner.config.mjs; its URL reaches the page as
 * `window.__REBILLY_EMULATOR__`.
 */
declare global {
  interface Window {
    __REBILLY_EMULATOR__?: string;
  }
}

export const ROOT_URL: string = window.__REBILLY_EMULATOR__ ?? 'http://127.0.0.1:4455';

/** Seeded identifiers (see emulator/README.md). */
export const SEED = {
  organizationId: 'demo-org',
  websiteId: 'demo-website',
  publishableKey: 'pk_sandbox_emulator',
  livePublishableKey: 'pk_live_emulator',
  plans: {
    starter: 'plan-starter',
    proMonthly: 'plan-pro-monthly',
    teamTrial: 'plan-team-trial',
    starterEur: 'plan-starter-eur',
  },
  coupon: 'WELCOME10',
  customers: { alice: 'cus-alice', bob: 'cus-bob' },
  cards: {
    approved: '4111111111111111',
    approvedMastercard: '5555555555554444',
    declined: '4000000000000002',
    threeDSecure: '4000000000003220',
    slow: '4000000000000077',
  },
} as const;

export interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  query: string;
  operationId: string | null;
  status: number;
  preflight: boolean;
  auth: 'publishable' | 'jwt' | 'secret' | 'none' | 'invalid';
  body: unknown;
  startedAt: number;
  endedAt: number;
}

export type FaultKind =
  | 'status-500'
  | 'status-502'
  | 'drop'
  | 'hang'
  | 'malformed-json'
  | 'rate-limit'
  | 'lose-response'
  | 'resend';

export interface Fault {
  kind: FaultKind;
  count?: number;
  /** Run the operation for real, then fail its answer (a payment made whose answer is a 5xx, lost or unreadable). */
  after?: boolean;
  method?: string;
  /** A path substring or an operationId the fault applies to; every request when absent. */
  path?: string;
  retryAfterSeconds?: number;
}

export interface SandboxOptions {
  latencyMs?: number;
  rateLimit?: { limit: number; windowMs: number } | null;
  slowGatewayMs?: number;
}

async function call<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...(init.headers ?? {}) },
  });
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url} → ${response.status}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export class Sandbox {
  constructor(
    readonly id: string,
    /** Base URL to give the element as `api-url`. */
    readonly url: string,
  ) {}

  async log(): Promise<LoggedRequest[]> {
    const { requests } = await call<{ requests: LoggedRequest[] }>(`${this.url}/__emulator/log`);
    return requests;
  }

  /** Logged API requests (no preflights), as `METHOD operationId` strings. */
  async operations(): Promise<string[]> {
    // FramePay's files and frames (the stand-in) are not API operations.
    return (await this.log())
      .filter((r) => !r.preflight && !r.path.includes('/framepay/'))
      .map((r) => `${r.method} ${r.operationId ?? r.path}`);
  }

  async clearLog(): Promise<void> {
    await call(`${this.url}/__emulator/log`, { method: 'DELETE' });
  }

  async fault(fault: Fault): Promise<void> {
    await call(`${this.url}/__emulator/faults`, { method: 'POST', body: JSON.stringify(fault) });
  }

  /** The ledger: approved sale transactions (payments) in this sandbox, the seeded ones included. */
  async approvedSales(): Promise<{ id: string; amount: number; currency: string }[]> {
    type Txn = { id: string; type: string; result: string; amount: number; currency: string };
    const { state } = await call<{ state: { transactions: Record<string, Txn> } }>(`${this.url}/__emulator/state`);
    return Object.values(state.transactions).filter((t) => t.type === 'sale' && t.result === 'approved');
  }

  async configure(options: SandboxOptions): Promise<void> {
    await call(`${this.url}/__emulator/config`, { method: 'POST', body: JSON.stringify(options) });
  }

  async reset(): Promise<void> {
    await call(`${this.url}/__emulator/reset`, { method: 'POST' });
  }

  /** Mints a customer JWT the way a merchant backend would (authentication token, then exchange). */
  async customerJwt(options: {
    customerId: string;
    websiteId?: string;
    invoiceId?: string;
    transactionId?: string;
    depositRequestId?: string;
    payoutRequestId?: string;
    permissions?: string[];
    expiresInSeconds?: number;
  }): Promise<string> {
    const { token } = await call<{ token: string }>(`${this.url}/__merchant/customer-jwt`, {
      method: 'POST',
      body: JSON.stringify(options),
    });
    return token;
  }
}

/** A fresh, isolated copy of the emulator's seeded state. */
export async function newSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const { id, url } = await call<{ id: string; url: string }>(`${ROOT_URL}/__emulator/sandboxes`, {
    method: 'POST',
    body: JSON.stringify(options),
  });
  return new Sandbox(id, url);
}
