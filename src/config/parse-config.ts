/**
 * `parseConfig()`: raw options (attributes or properties, anything) → a typed {@link Config} or the list of
 * what is wrong. Never throws, never puts a key or a JWT in a message.
 */
import type { ErrorCode, InvalidField, Mode } from '../events.js';
import { isInvalidJson, parseJsonAttribute } from './json-attribute.js';
import { readJwt } from './jwt.js';
import { presentationIssues } from './presentation.js';
import { configMessages as M } from './messages.js';
import {
  configErrorMap,
  INVALID_JSON,
  optionsSchema,
  NEEDS_JWT,
  PURCHASE_DATA_KEYS,
  type ParsedOptions,
  type PurchaseDataKey,
} from './schemas.js';

/** Every option of README's attribute table, as the page gave it (attribute text, property value, anything). */
export interface RawOptions {
  publishableKey?: unknown;
  organizationId?: unknown;
  websiteId?: unknown;
  apiMode?: unknown;
  apiUrl?: unknown;
  items?: unknown;
  /** Coupon codes to pre-apply (items mode). */
  coupons?: unknown;
  money?: unknown;
  invoiceId?: unknown;
  transactionId?: unknown;
  deposit?: unknown;
  payout?: unknown;
  jwt?: unknown;
  locale?: unknown;
  redirectUrl?: unknown;
  transactionType?: unknown;
  /** Presentation options, checked too (see presentation.ts); not part of the resulting {@link Config}. */
  messages?: unknown;
  theme?: unknown;
}

export const OPTION_KEYS = [
  'publishableKey',
  'organizationId',
  'websiteId',
  'apiMode',
  'apiUrl',
  'items',
  'coupons',
  'money',
  'invoiceId',
  'transactionId',
  'deposit',
  'payout',
  'jwt',
  'locale',
  'redirectUrl',
  'transactionType',
] as const satisfies readonly (keyof RawOptions)[];

/** Options whose attribute form is JSON text. */
export const JSON_OPTION_KEYS = ['items', 'coupons', 'money', 'deposit', 'payout'] as const satisfies readonly (keyof RawOptions)[];

export type ApiMode = 'sandbox' | 'live';
export type TransactionType = 'purchase' | 'setup';

export interface PublishableCredential {
  kind: 'publishable';
  value: string;
}
export interface JwtCredential {
  kind: 'jwt';
  value: string;
}
/** What goes into `Authorization: Bearer …`. */
export type Credential = PublishableCredential | JwtCredential;

export interface Item {
  planId: string;
  /** The quantity to buy (an editable quantity's `default`). */
  quantity: number;
  /** The customer may change the quantity within these bounds (an editable quantity was given). */
  range?: QuantityRange;
  /** Absolute or page-relative http(s) URL, as given. */
  thumbnail?: string;
}

/** Bounds of an editable quantity: integers, `minimum ≤ maximum`. */
export interface QuantityRange {
  minimum: number;
  maximum: number;
  multipleOf: number;
}

export interface Money {
  amount: number;
  /** Upper-case ISO 4217 code. */
  currency: string;
}

export interface DepositData {
  depositRequestId?: string;
  /** Upper-case ISO 4217 code. */
  currency?: string;
  amount?: number;
  /** Any other member the page passed, kept as given. */
  [member: string]: unknown;
}

export interface PayoutData {
  payoutRequestId: string;
  [member: string]: unknown;
}

export interface BaseConfig {
  mode: Mode;
  /** The JWT when one was given (it wins over a publishable key), else the publishable key. */
  credential: Credential;
  /** From the attribute, else the JWT's `merchant` claim. */
  organizationId?: string;
  /** From the attribute, else the JWT's `websiteId` claim. */
  websiteId?: string;
  apiMode: ApiMode;
  /** Origin plus optional path prefix, no trailing slash. */
  apiUrl: string;
  /** Canonical BCP 47 tag, when the page gave one (the element falls back to `lang`/`navigator.language`). */
  locale?: string;
  /** Absolute http(s) URL, verbatim (may hold `{id}` / `{result}` placeholders). */
  redirectUrl?: string;
  transactionType: TransactionType;
  /** From the JWT (`customerId`, else `sub`). */
  customerId?: string;
  /** The JWT's `exp`, in ms since the epoch. */
  credentialExpiresAt?: number;
}

export interface ItemsConfig extends BaseConfig {
  mode: 'items';
  items: Item[];
  /** Coupon codes to apply from the start (the `coupons` option). */
  coupons?: string[];
}
export interface MoneyConfig extends BaseConfig {
  mode: 'money';
  money: Money;
}
export interface InvoiceConfig extends BaseConfig {
  mode: 'invoice';
  credential: JwtCredential;
  invoiceId: string;
}
export interface TransactionConfig extends BaseConfig {
  mode: 'transaction';
  credential: JwtCredential;
  transactionId: string;
}
export interface DepositConfig extends BaseConfig {
  mode: 'deposit';
  credential: JwtCredential;
  deposit: DepositData;
}
export interface PayoutConfig extends BaseConfig {
  mode: 'payout';
  credential: JwtCredential;
  payout: PayoutData;
}
/** Bare `jwt`: what to pay comes from the JWT's claims (`invoiceId` or `transactionId`), when present. */
export interface JwtOnlyConfig extends BaseConfig {
  mode: 'jwt';
  credential: JwtCredential;
  invoiceId?: string;
  transactionId?: string;
}

export type Config =
  | ItemsConfig
  | MoneyConfig
  | InvoiceConfig
  | TransactionConfig
  | DepositConfig
  | PayoutConfig
  | JwtOnlyConfig;

export type ConfigErrorCode = Extract<ErrorCode, 'invalid-config' | 'insecure-key' | 'unauthorized'>;

/**
 * An option (or group of options) the config still waits for: `purchaseData` is one of `items`, `money`,
 * `invoiceId`, `transactionId`, `deposit`, `payout` or `jwt`; `publishableKey` is a publishable key or a
 * `jwt`; `organizationId` and `websiteId` may also come from the JWT's claims.
 */
export type MissingOption = 'purchaseData' | 'jwt' | 'publishableKey' | 'organizationId' | 'websiteId';

export type ConfigResult =
  | { ok: true; config: Config }
  | { ok: false; code: ConfigErrorCode; message: string; issues: InvalidField[] }
  /** Nothing given is wrong, but something required is still missing: wait for it (no error). */
  | { ok: false; code: 'incomplete'; missing: MissingOption[] };

export const DEFAULT_API_URLS: Readonly<Record<ApiMode, string>> = {
  sandbox: 'https://api-sandbox.rebilly.com',
  live: 'https://api.rebilly.com',
};

const MODE_OF: Readonly<Record<PurchaseDataKey, Mode>> = {
  items: 'items',
  money: 'money',
  invoiceId: 'invoice',
  transactionId: 'transaction',
  deposit: 'deposit',
  payout: 'payout',
};

/**
 * `items.0.quantity` + `must be…` → `items[0].quantity: must be…`; an issue with no field is its message.
 */
export function formatIssues(issues: readonly InvalidField[]): string[] {
  return issues.map(({ field, message }) => {
    if (!field) return message;
    const path = field
      .split('.')
      .map((segment, index) => (/^\d+$/.test(segment) ? `[${segment}]` : index === 0 ? segment : `.${segment}`))
      .join('');
    return `${path}: ${message}`;
  });
}

/**
 * `null`/`undefined` (an absent attribute, a property the page unset) and blank strings mean "not set"; JSON
 * options given as text are parsed, once (attribute and property alike), so both go through the same
 * schemas. JSON text that *is* `null` (`deposit="null"`) is a value, and a wrong one: it stays `null`, which
 * the schemas refuse (`must be an object`), rather than silently meaning "not set" and changing the mode.
 * A JSON option whose text was not JSON (an `InvalidJson` marker, parsed here or passed as a property)
 * becomes {@link INVALID_JSON}, which the schemas report as `is not valid JSON`.
 */
function normalize(raw: RawOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of OPTION_KEYS) {
    let value = raw[key];
    if (value === null) value = undefined;
    if (typeof value === 'string' && value.trim() === '') value = undefined;
    if ((JSON_OPTION_KEYS as readonly string[]).includes(key)) {
      if (typeof value === 'string') value = parseJsonAttribute(value);
      if (isInvalidJson(value)) value = INVALID_JSON;
    }
    out[key] = value;
  }
  return out;
}

/**
 * A secret key (`sk_…`, any case) starting a word anywhere in a credential: `SK_LIVE_…`, `"sk_live_…"`,
 * `Bearer sk_live_…`, `pk_x sk_live_…`. In a publishable key, `-` and `.` start a word too; in a JWT they are
 * part of its alphabet (base64url and the segment dots), so they do not.
 */
const SECRET_IN_KEY = /(?:^|[^A-Za-z0-9_])sk_/i;
const SECRET_IN_JWT = /(?:^|[^A-Za-z0-9_.-])sk_/i;

function toInvalidFields(issues: readonly { path: readonly PropertyKey[]; message: string }[]): InvalidField[] {
  return issues.map((issue) => ({
    field: issue.path.map((segment) => String(segment)).join('.'),
    message: issue.message,
  }));
}

function fail(code: ConfigErrorCode, message: string, issues: InvalidField[]): ConfigResult {
  return { ok: false, code, message, issues };
}

function invalid(issues: InvalidField[]): ConfigResult {
  return fail('invalid-config', M.invalidConfigSummary(formatIssues(issues).join('; ')), issues);
}

/** Mode implied by a publishable key's prefix, if it has a known one. */
export function keyApiMode(publishableKey: string): ApiMode | undefined {
  if (publishableKey.startsWith('pk_sandbox_')) return 'sandbox';
  if (publishableKey.startsWith('pk_live_')) return 'live';
  return undefined;
}

/**
 * Validates and resolves the options. Precedence: a secret key (`insecure-key`) first, then a JWT that is
 * not a JWT or has expired (`unauthorized`), then every value that is present and wrong (`invalid-config`,
 * all issues at once), and only then what is merely missing (`incomplete`, with the {@link MissingOption}s:
 * not an error, the element waits). `now` (ms) is only for tests.
 */
export function parseConfig(raw: RawOptions, now: number = Date.now()): ConfigResult {
  try {
    return parseConfigUnsafe(raw ?? {}, now);
  } catch {
    // Defensive: the schemas never throw, but a getter on a weird input object could.
    return fail('invalid-config', M.invalidConfigSummary(M.invalid), [{ field: '', message: M.invalid }]);
  }
}

function parseConfigUnsafe(raw: RawOptions, now: number): ConfigResult {
  const input = normalize(raw);

  const rawKey = input['publishableKey'];
  const rawJwt = input['jwt'];
  for (const [field, value, pattern] of [
    ['publishableKey', rawKey, SECRET_IN_KEY],
    ['jwt', rawJwt, SECRET_IN_JWT],
  ] as const) {
    if (typeof value === 'string' && pattern.test(value)) {
      return fail('insecure-key', M.insecureKeySummary, [{ field, message: M.secretKey }]);
    }
  }

  let claims: ReturnType<typeof readJwt> | undefined;
  if (typeof rawJwt === 'string') {
    claims = readJwt(rawJwt, now);
    if (!claims.ok) {
      return claims.reason === 'expired'
        ? fail('unauthorized', M.jwtExpiredSummary, [{ field: 'jwt', message: M.jwtExpired }])
        : fail('unauthorized', M.jwtMalformedSummary, [{ field: 'jwt', message: M.jwtMalformed }]);
    }
  }

  const issues: InvalidField[] = [];
  const parsed = optionsSchema.safeParse(input, { error: configErrorMap });
  if (!parsed.success) issues.push(...toInvalidFields(parsed.error.issues));
  // Between present options: at most one kind of purchase data.
  const present = PURCHASE_DATA_KEYS.filter((key) => input[key] !== undefined);
  if (present.length > 1) issues.push({ field: present[1]!, message: M.onlyOne(present) });
  issues.push(...presentationIssues(raw.messages, raw.theme));
  if (!parsed.success || issues.length > 0) return invalid(issues);

  const options: ParsedOptions = parsed.data;
  const jwtClaims = claims?.ok ? claims.claims : {};

  // api mode: explicit, else from the key prefix, else live; a key/mode mismatch is a config error.
  const keyMode = options.publishableKey ? keyApiMode(options.publishableKey) : undefined;
  const apiMode: ApiMode = options.apiMode ?? keyMode ?? 'live';
  if (options.apiMode && keyMode && options.apiMode !== keyMode) {
    return invalid([{ field: 'apiMode', message: M.keyModeMismatch(keyMode, options.apiMode) }]);
  }

  // Mode: at most one kind of purchase data (the rules schema made sure), or a bare jwt.
  const given = PURCHASE_DATA_KEYS.find((key) => options[key] !== undefined);
  const organizationId = options.organizationId ?? jwtClaims.organizationId;
  const websiteId = options.websiteId ?? jwtClaims.websiteId;
  const credential: Credential | undefined = options.jwt
    ? { kind: 'jwt', value: options.jwt }
    : options.publishableKey
      ? { kind: 'publishable', value: options.publishableKey }
      : undefined;

  // Nothing present is wrong: what is still missing makes the config incomplete (the element waits).
  const missing: MissingOption[] = [];
  if (!given && !options.jwt) missing.push('purchaseData');
  if (given && NEEDS_JWT.includes(given) && !options.jwt) missing.push('jwt');
  if (given === 'items' || given === 'money') {
    if (!credential) missing.push('publishableKey');
    if (!organizationId) missing.push('organizationId');
    if (!websiteId) missing.push('websiteId');
  }
  if (missing.length > 0 || !credential) return { ok: false, code: 'incomplete', missing };
  const mode: Mode = given ? MODE_OF[given] : 'jwt';

  const base: BaseConfig = {
    mode,
    credential,
    apiMode,
    apiUrl: (options.apiUrl ?? DEFAULT_API_URLS[apiMode]).replace(/\/+$/, ''),
    transactionType: options.transactionType ?? 'purchase',
  };
  if (organizationId) base.organizationId = organizationId;
  if (websiteId) base.websiteId = websiteId;
  if (options.locale) base.locale = Intl.getCanonicalLocales(options.locale)[0]!;
  if (options.redirectUrl) base.redirectUrl = options.redirectUrl;
  if (jwtClaims.customerId) base.customerId = jwtClaims.customerId;
  if (credential.kind === 'jwt' && jwtClaims.expiresAt !== undefined) base.credentialExpiresAt = jwtClaims.expiresAt;

  // The mode's own data (the schemas' output is already a fresh copy), or a bare jwt's invoice/transaction.
  const config = { ...base } as Config;
  const data = config as unknown as Record<string, unknown>;
  if (given) data[given] = given === 'items' ? options.items!.map(copyItem) : options[given];
  if (given === 'items' && options.coupons?.length) data['coupons'] = [...new Set(options.coupons)];
  else {
    if (jwtClaims.invoiceId) data['invoiceId'] = jwtClaims.invoiceId;
    if (jwtClaims.transactionId) data['transactionId'] = jwtClaims.transactionId;
  }
  return { ok: true, config };
}

function copyItem(item: { planId: string; quantity: unknown; thumbnail?: string | undefined }): Item {
  const given = item.quantity as number | { default: number; minimum?: number; maximum?: number; multipleOf?: number };
  const copy: Item = { planId: item.planId, quantity: typeof given === 'number' ? given : given.default };
  if (typeof given === 'object') {
    copy.range = { minimum: given.minimum ?? 1, maximum: given.maximum ?? 1_000_000_000, multipleOf: given.multipleOf ?? 1 };
  }
  if (item.thumbnail !== undefined) copy.thumbnail = item.thumbnail;
  return copy;
}
