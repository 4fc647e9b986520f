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
 */
import * as z from 'zod/mini';
import { isInvalidJson } from './json-attribute.js';
import { configMessages as M } from './messages.js';

/** Error param: "is required" when the value is missing, `message` otherwise. */
function err(message: string) {
  return { error: (issue: { input?: unknown }) => (issue.input === undefined ? M.required : message) };
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

/** A trimmed, non-empty string (ids, keys). */
export const nonEmptyString = z.string(err(M.mustBeNonEmptyString)).check(
  z.trim(),
  z.minLength(1, M.mustBeNonEmptyString),
);

/** A Rebilly resource id: non-empty, at most 50 characters (the API's `maxLength`). */
export const resourceId = z.string(err(M.mustBeNonEmptyString)).check(
  z.trim(),
  z.minLength(1, M.mustBeNonEmptyString),
  z.maxLength(50, M.tooLong(50)),
);

/**
 * An ISO 4217 currency code. Lowercase is accepted and upper-cased (`usd` → `USD`): the code is
 * case-insensitive for people, while the API wants upper case. Only the form (3 letters) is checked, not
 * membership in the ISO list, so currencies a gateway adds before the browser knows them still work.
 */
export const currencyCode = z.string(err(M.currency)).check(
  z.trim(),
  z.toUpperCase(),
  z.regex(/^[A-Z]{3}$/, M.currency),
);

/** A finite number greater than 0 (amounts are decimals in the currency's major unit). */
export const positiveAmount = z.number(err(M.positiveAmount)).check(z.positive(M.positiveAmount));

/** An absolute http(s) URL. */
export const httpUrl = z.string(err(M.httpUrl)).check(z.trim(), z.refine(isHttpUrl, M.httpUrl));

/** Wraps a JSON-valued option: an attribute whose text was not JSON is reported as `is not valid JSON`. */
function jsonOption<T extends z.ZodMiniType>(schema: T) {
  return z.pipe(z.unknown().check(z.refine((value) => !isInvalidJson(value), M.invalidJson)), schema);
}

export const itemSchema = z.object(
  {
    planId: resourceId,
    quantity: z.int(err(M.positiveInteger)).check(
      z.positive(M.positiveInteger),
      z.maximum(1_000_000_000, M.tooBig(1_000_000_000)),
    ),
    /** An image URL; relative URLs are resolved against the page. */
    thumbnail: z.optional(
      z.string(err(M.imageUrl)).check(z.trim(), z.refine(isHttpUrlRelativeToPage, M.imageUrl)),
    ),
  },
  err(M.mustBeObject),
);

export const itemsSchema = z.array(itemSchema, err(M.mustBeArray)).check(z.minLength(1, M.mustBeNonEmptyArray));

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
    z.superRefine((deposit, ctx) => {
      if (deposit.depositRequestId === undefined && deposit.currency === undefined) {
        ctx.addIssue({ code: 'custom', message: M.depositNeedsRequestOrCurrency, input: deposit });
      }
    }),
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
  apiMode: z.optional(z.enum(API_MODES, err(M.oneOf(API_MODES)))),
  /** An origin, optionally with a path prefix (kept); no query or fragment. */
  apiUrl: z.optional(
    z.string(err(M.httpUrlNoQuery)).check(
      z.trim(),
      z.refine((value) => {
        if (!isHttpUrl(value)) return false;
        const url = new URL(value);
        return url.search === '' && url.hash === '' && !value.includes('?') && !value.includes('#');
      }, M.httpUrlNoQuery),
    ),
  ),
  items: z.optional(jsonOption(itemsSchema)),
  money: z.optional(jsonOption(moneySchema)),
  invoiceId: z.optional(resourceId),
  transactionId: z.optional(resourceId),
  deposit: z.optional(jsonOption(depositSchema)),
  payout: z.optional(jsonOption(payoutSchema)),
  jwt: z.optional(nonEmptyString),
  locale: z.optional(z.string(err(M.locale)).check(z.trim(), z.refine(isBcp47, M.locale))),
  /** Absolute http(s); may carry Rebilly's `{id}` and `{result}` placeholders (kept verbatim). */
  redirectUrl: z.optional(httpUrl),
  transactionType: z.optional(z.enum(TRANSACTION_TYPES, err(M.oneOf(TRANSACTION_TYPES)))),
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
  z.superRefine((options: Record<string, unknown>, ctx) => {
    const given = PURCHASE_DATA_KEYS.filter((key) => options[key] !== undefined);
    const hasJwt = options['jwt'] !== undefined;
    if (given.length === 0 && !hasJwt) {
      ctx.addIssue({ code: 'custom', message: M.purchaseDataRequired, path: [], input: options });
    }
    if (given.length > 1) {
      ctx.addIssue({ code: 'custom', message: M.onlyOne(given), path: [given[1]!], input: options });
    }
    if (!hasJwt) {
      for (const key of given) {
        if (NEEDS_JWT.includes(key)) {
          ctx.addIssue({ code: 'custom', message: M.needsJwt(key), path: [key], input: options });
        }
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
