/**
 * The zod/mini schemas of every mount option and of the seven purchase-data modes, carrying exactly the
 * rules of Rebilly's "Provide purchase data" documentation:
 *
 * - one of `items`, `money`, `invoiceId`, `transactionId`, `deposit`, `payout`, `jwt` is required;
 * - `invoiceId`, `transactionId`, `deposit`, `payout` need `jwt`;
 * - `deposit` needs `depositRequestId` or `currency`; `payout` needs `payoutRequestId`;
 * - every item needs a `planId` (non-empty string) and a positive integer `quantity` (`thumbnail` optional);
 * - `money` needs `amount` > 0 and an ISO 4217 `currency`.
 *
 * Shape rules live on each option's schema ({@link optionsSchema}); rules between options (which mode,
 * what needs a jwt) live in {@link purchaseDataRulesSchema}. `parseConfig()` runs both and adds the
 * credential/organization/website rules that depend on JWT claims.
 *
 * For bundle size, the schemas use a few zod/mini types (string, number, object, looseObject, array,
 * optional) and one kind of check, `z.check()`: every built-in check or type used (`z.trim`, `z.regex`,
 * `z.minLength`, `z.int`, `z.enum`, `z.pipe`, `z.refine`, …) adds its own code to the CDN bundle. The
 * helpers below ({@link rule}, {@link overwrite}, {@link minLength}, {@link oneOf}) do what those did, with
 * the same semantics: a failing rule adds its issue and lets the next rule run unless it says `abort`, and
 * rules are skipped after a type issue, except the length rules (see {@link hasLength}).
 */
import * as z from 'zod/mini';
import { configMessages as M } from './messages.js';

/**
 * What `parseConfig()` passes for a JSON option whose text was not JSON (an `InvalidJson` marker, see
 * json-attribute.ts): a value no option schema accepts (the marker is an object, which `z.object` would
 * take), reported by {@link err} as `is not valid JSON`.
 */
export const INVALID_JSON: unique symbol = Symbol('invalid JSON');

/**
 * Error param: "is required" when the value is missing, "is not valid JSON" for {@link INVALID_JSON},
 * `message` otherwise.
 */
function err(message: string) {
  return {
    error: (issue: { input?: unknown }) =>
      issue.input === undefined ? M.required : issue.input === INVALID_JSON ? M.invalidJson : message,
  };
}

interface RuleOptions {
  /** Skip the rules after this one when it fails (zod's `abort`). */
  abort?: boolean;
  /** Run even after a type issue when this says so (zod's `when`). */
  when?: (payload: z.core.ParsePayload) => boolean;
}

/** A check that adds `message` when `test` refuses the value (what `z.refine(test, message)` does). */
function rule<T>(test: (value: T) => boolean, message: string, options: RuleOptions = {}): z.core.$ZodCheck<T> {
  return z.check<T>(
    (payload) => {
      if (!test(payload.value)) {
        payload.issues.push({ code: 'custom', message, input: payload.value, continue: !options.abort });
      }
    },
    { when: options.when },
  );
}

/**
 * A check that replaces a string with `tx(string)`, so the parse outputs it (what `z.trim()` and
 * `z.toUpperCase()` do, by the same means: zod's `z.overwrite()` also assigns `payload.value`).
 */
function overwrite(tx: (value: string) => string): z.core.$ZodCheck<string> {
  return z.check<string>((payload) => {
    payload.value = tx(payload.value);
  });
}

const trim = overwrite((value) => value.trim());

/**
 * Like zod's `z.minLength`/`z.maxLength`, the length rules run on any value with a `length`, even after a
 * type issue (an array given where a string is expected gets the length issue too), so the issues reported
 * are the same as with those checks.
 */
function hasLength(payload: z.core.ParsePayload): boolean {
  const value = payload.value as { length?: unknown } | null | undefined;
  return value != null && value.length !== undefined;
}

/** At least `minimum` characters (of the trimmed string) or items. */
function minLength<T extends { length: number }>(minimum: number, message: string): z.core.$ZodCheck<T> {
  return rule<T>((value) => value.length >= minimum, message, { when: hasLength });
}

/** At most `maximum` characters (of the trimmed string) or items. */
function maxLength<T extends { length: number }>(maximum: number, message: string): z.core.$ZodCheck<T> {
  return rule<T>((value) => value.length <= maximum, message, { when: hasLength });
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function isHttpUrlRelativeToPage(value: string): boolean {
  try {
    const base = typeof document !== 'undefined' ? document.baseURI : undefined;
    const url = base ? new URL(value, base) : new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function isBcp47(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}

/**
 * One of `values`, exactly (what `z.enum(values)` does). The rule makes sure the output is one of them,
 * which the cast tells TypeScript.
 */
function oneOf<const T extends readonly string[]>(values: T) {
  const message = M.oneOf(values);
  const schema = z
    .string(err(message))
    .check(rule((value: string) => (values as readonly string[]).includes(value), message));
  return schema as z.ZodMiniType<T[number], unknown>;
}

/** A trimmed, non-empty string (ids, keys). */
export const nonEmptyString = z.string(err(M.mustBeNonEmptyString)).check(
  trim,
  minLength(1, M.mustBeNonEmptyString),
);

/** A Rebilly resource id: non-empty, at most 50 characters (the API's `maxLength`). */
export const resourceId = z.string(err(M.mustBeNonEmptyString)).check(
  trim,
  minLength(1, M.mustBeNonEmptyString),
  maxLength(50, M.tooLong(50)),
);

/**
 * An ISO 4217 currency code. Lowercase is accepted and upper-cased (`usd` → `USD`): the code is
 * case-insensitive for people, while the API wants upper case. Only the form (3 letters) is checked, not
 * membership in the ISO list, so currencies a gateway adds before the browser knows them still work.
 */
export const currencyCode = z.string(err(M.currency)).check(
  overwrite((value) => value.trim().toUpperCase()),
  rule((value: string) => /^[A-Z]{3}$/.test(value), M.currency),
);

/** A finite number greater than 0 (amounts are decimals in the currency's major unit). */
export const positiveAmount = z
  .number(err(M.positiveAmount))
  .check(rule((value: number) => value > 0, M.positiveAmount));

/** An absolute http(s) URL. */
export const httpUrl = z.string(err(M.httpUrl)).check(trim, rule(isHttpUrl, M.httpUrl));

export const itemSchema = z.object(
  {
    planId: resourceId,
    /** What `z.int()` checks (an integer, in the safe range; a fraction stops there), then 1 … 10⁹. */
    quantity: z.number(err(M.positiveInteger)).check(
      rule(Number.isInteger, M.positiveInteger, { abort: true }),
      rule(Number.isSafeInteger, M.positiveInteger),
      rule((value: number) => value > 0, M.positiveInteger),
      rule((value: number) => value <= 1_000_000_000, M.tooBig(1_000_000_000)),
    ),
    /** An image URL; relative URLs are resolved against the page. */
    thumbnail: z.optional(z.string(err(M.imageUrl)).check(trim, rule(isHttpUrlRelativeToPage, M.imageUrl))),
  },
  err(M.mustBeObject),
);

export const itemsSchema = z.array(itemSchema, err(M.mustBeArray)).check(minLength(1, M.mustBeNonEmptyArray));

export const moneySchema = z.object({ amount: positiveAmount, currency: currencyCode }, err(M.mustBeObject));

/**
 * Deposit: `{depositRequestId}` (a request the merchant created) or `{currency, amount?}` (the customer
 * picks the amount from the website's deposit strategy). Other members are kept as given.
 */
export const depositSchema = z
  .looseObject(
    {
      depositRequestId: z.optional(resourceId),
      currency: z.optional(currencyCode),
      amount: z.optional(positiveAmount),
    },
    err(M.mustBeObject),
  )
  .check(
    rule(
      (deposit: { depositRequestId?: string; currency?: string }) =>
        deposit.depositRequestId !== undefined || deposit.currency !== undefined,
      M.depositNeedsRequestOrCurrency,
    ),
  );

/** Payout: `{payoutRequestId}`; other members are kept as given. */
export const payoutSchema = z.looseObject({ payoutRequestId: resourceId }, err(M.mustBeObject));

export const API_MODES = ['sandbox', 'live'] as const;
export const TRANSACTION_TYPES = ['purchase', 'setup'] as const;

/** Every option of DESIGN.md §1, each optional here; cross-option rules are in `purchaseDataRulesSchema`. */
export const optionsSchema = z.object({
  publishableKey: z.optional(nonEmptyString),
  organizationId: z.optional(nonEmptyString),
  websiteId: z.optional(resourceId),
  apiMode: z.optional(oneOf(API_MODES)),
  /** An origin, optionally with a path prefix (kept); no query or fragment. */
  apiUrl: z.optional(
    z.string(err(M.httpUrlNoQuery)).check(
      trim,
      rule((value: string) => {
        if (!isHttpUrl(value)) return false;
        const url = new URL(value);
        return url.search === '' && url.hash === '' && !value.includes('?') && !value.includes('#');
      }, M.httpUrlNoQuery),
    ),
  ),
  /** A JSON option, like money, deposit and payout: `parseConfig()` passes {@link INVALID_JSON} for bad JSON. */
  items: z.optional(itemsSchema),
  money: z.optional(moneySchema),
  invoiceId: z.optional(resourceId),
  transactionId: z.optional(resourceId),
  deposit: z.optional(depositSchema),
  payout: z.optional(payoutSchema),
  jwt: z.optional(nonEmptyString),
  locale: z.optional(z.string(err(M.locale)).check(trim, rule(isBcp47, M.locale))),
  /** Absolute http(s); may carry Rebilly's `{id}` and `{result}` placeholders (kept verbatim). */
  redirectUrl: z.optional(httpUrl),
  transactionType: z.optional(oneOf(TRANSACTION_TYPES)),
});

export type ParsedOptions = z.infer<typeof optionsSchema>;

/** The purchase-data options that select a mode; at most one may be given. */
export const PURCHASE_DATA_KEYS = ['items', 'money', 'invoiceId', 'transactionId', 'deposit', 'payout'] as const;
export type PurchaseDataKey = (typeof PURCHASE_DATA_KEYS)[number];

const NEEDS_JWT: readonly PurchaseDataKey[] = ['invoiceId', 'transactionId', 'deposit', 'payout'];

/**
 * Rules between options, on which options are present (any value that is not `undefined`): exactly one
 * kind of purchase data (or a bare `jwt`), and the ones that need a `jwt` have it.
 */
export const purchaseDataRulesSchema = z.looseObject({}).check(
  z.check((payload) => {
    const options: Record<string, unknown> = payload.value;
    const report = (message: string, path: PropertyKey[]) => {
      payload.issues.push({ code: 'custom', message, path, input: options, continue: true });
    };
    const given = PURCHASE_DATA_KEYS.filter((key) => options[key] !== undefined);
    const hasJwt = options['jwt'] !== undefined;
    if (given.length === 0 && !hasJwt) report(M.purchaseDataRequired, []);
    if (given.length > 1) report(M.onlyOne(given), [given[1]!]);
    if (!hasJwt) {
      for (const key of given) {
        if (NEEDS_JWT.includes(key)) report(M.needsJwt(key), [key]);
      }
    }
  }),
);

interface IssueLike {
  code?: string;
  input?: unknown;
  expected?: string;
  origin?: string;
  minimum?: unknown;
  maximum?: unknown;
  values?: readonly unknown[];
  message?: string;
}

/**
 * Parse-level error map: the English message for an issue no schema gave a message for
 * (wrong type, unknown enum value, …).
 */
export function configErrorMap(issue: IssueLike): string {
  if (issue.input === undefined && issue.code === 'invalid_type') return M.required;
  switch (issue.code) {
    case 'invalid_type':
      switch (issue.expected) {
        case 'string':
          return M.mustBeString;
        case 'number':
        case 'int':
          return M.mustBeNumber;
        case 'array':
          return M.mustBeArray;
        case 'object':
          return M.mustBeObject;
        default:
          return M.invalid;
      }
    case 'invalid_value':
      return M.oneOf((issue.values ?? []).map(String));
    case 'too_big':
      return typeof issue.maximum === 'number' ? M.tooBig(issue.maximum) : M.invalid;
    default:
      return issue.message ?? M.invalid;
  }
}
