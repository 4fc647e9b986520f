/**
 * The zod/mini schemas of every mount option and of the seven purchase-data modes, carrying exactly the
 * rules of Rebilly's "Provide purchase data" documentation:
 *
 * - one of `items`, `money`, `invoiceId`, `transactionId`, `deposit`, `payout`, `jwt` is required;
 * - `invoiceId`, `transactionId`, `deposit`, `payout` need `jwt`;
 * - `deposit` needs `depositRequestId` or `currency`; `payout` needs `payoutRequestId`;
 * - every item needs a `planId` (non-empty string) and a positive integer `quantity`, or an editable range
 *   `{default, minimum?, maximum?, multipleOf?}` (`thumbnail` optional);
 * - `money` needs `amount` > 0 and an ISO 4217 `currency`; an amount has at most the decimals of the
 *   currency's minor unit (2 for USD, 0 for JPY).
 *
 * Shape rules live on each option's schema ({@link optionsSchema}); the one rule between present options
 * (only one kind of purchase data) is checked by `parseConfig()`. What is merely *missing* (no
 * purchase data yet, no jwt yet, no credential, organization or website) is not a schema issue: the
 * element waits for it, and `parseConfig()` reports it as `incomplete` (see README "Incomplete is not
 * invalid").
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

/** The http(s) URL `value` is (resolved against `base` when given), or undefined. */
function httpUrlOf(value: string, base?: string): URL | undefined {
  try {
    const url = new URL(value, base);
    return /^https?:$/.test(url.protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

const isHttpUrl = (value: string) => !!httpUrlOf(value);

/** Relative URLs are resolved against the page. */
const isHttpUrlRelativeToPage = (value: string) =>
  !!httpUrlOf(value, typeof document !== 'undefined' ? document.baseURI : undefined);

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

/**
 * A trimmed, non-empty string of at most `max` characters, matching `pattern` when one is given (with the
 * {@link M.plainText} issue). One builder for ids, keys and the jwt.
 */
function text(max: number, pattern?: RegExp) {
  return z.string(err(M.mustBeNonEmptyString)).check(
    trim,
    minLength(1, M.mustBeNonEmptyString),
    maxLength(max, M.tooLong(max)),
    rule((value: string) => !pattern || pattern.test(value), M.plainText),
  );
}

/**
 * A Rebilly resource id: non-empty, at most 50 characters (the API's `maxLength`), printable ASCII without
 * spaces. Ids go into request URLs and bodies: a newline, a control character or a lone surrogate would
 * fail there (as a `network` error) instead of here.
 */
export const resourceId = text(50, /^[\x21-\x7E]*$/);

/**
 * A publishable key, at most 255 characters: an RFC 7235 `token68`, what `Authorization: Bearer …` can
 * carry (no spaces, quotes, control or non-ASCII characters).
 */
export const publishableKey = text(255, /^(?:[\w\-.~+/]+=*)?$/);

/**
 * A customer JWT, at most 8192 characters (what servers accept in one header). Its form (three base64url
 * segments) is checked by `readJwt()`, before the schemas, as `unauthorized`.
 */
export const jwtString = text(8192);

/**
 * An ISO 4217 currency code. Lowercase is accepted and upper-cased (`usd` → `USD`): the code is
 * case-insensitive for people, while the API wants upper case. The three letters are checked as ASCII
 * *before* upper-casing (`'uß'.toUpperCase()` is `USS`). Only the form is checked, not membership in the ISO
 * list, so currencies a gateway adds before the browser knows them still work.
 */
export const currencyCode = z.string(err(M.currency)).check(
  trim,
  rule((value: string) => /^[A-Za-z]{3}$/.test(value), M.currency),
  overwrite((value) => value.toUpperCase()),
);

/** A finite number greater than 0 (amounts are decimals in the currency's major unit). */
export const positiveAmount = z
  .number(err(M.positiveAmount))
  .check(rule((value: number) => value > 0, M.positiveAmount));

/** Decimals of a currency's minor unit (2 for USD, 0 for JPY, 3 for KWD), as `Intl.NumberFormat` has them. */
export function minorUnitDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/**
 * Decimals of a number as JavaScript writes it (its shortest exact form): `9.99` → 2, `0.004` → 3,
 * `1e-7` → 7, `0.1 + 0.2` → 17. Exact, unlike multiplying by 100 and comparing with a tolerance.
 */
export function decimalsOf(value: number): number {
  const [mantissa, exponent] = String(value).split('e');
  return Math.max(0, (mantissa!.split('.')[1] ?? '').length - Number(exponent ?? 0));
}

/**
 * An object check: its `amount` has no more decimals than the minor unit of its `currency` (skipped while
 * either has a problem of its own). Sub-cent amounts would be shown, and paid, as a rounded amount.
 */
const amountFitsCurrency = z.check<{ amount?: unknown; currency?: unknown }>((payload) => {
  const { amount, currency } = payload.value;
  if (typeof amount !== 'number' || !(amount > 0) || !Number.isFinite(amount)) return;
  if (typeof currency !== 'string' || !/^[A-Z]{3}$/.test(currency)) return;
  const digits = minorUnitDigits(currency);
  if (decimalsOf(amount) > digits) {
    payload.issues.push({
      code: 'custom',
      message: M.amountDecimals(digits, currency),
      path: ['amount'],
      input: amount,
      continue: true,
    });
  }
});
/** An absolute http(s) URL. */
export const httpUrl = z.string(err(M.httpUrl)).check(trim, rule(isHttpUrl, M.httpUrl));

/** What `z.int()` checks (an integer, in the safe range; a fraction stops there), then 1 … 10⁹. */
const isQuantity = (value: unknown): boolean =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0 && value <= 1_000_000_000;

/**
 * A quantity: a positive integer (at most 10⁹), or, as in Rebilly's own library, an editable range
 * `{default, minimum?, maximum?, multipleOf?}` of positive integers with `minimum ≤ default ≤ maximum`
 * (the customer picks within it). One check for both forms: a `z.union` would add its own code.
 */
const quantity = z.unknown().check(
  z.check<unknown>((payload) => {
    const value = payload.value;
    const issue = (message: string, path: PropertyKey[] = [], input: unknown = value) =>
      payload.issues.push({ code: 'custom', message, path, input, continue: true });
    if (typeof value === 'number') {
      // The same issues, in the same order, as the integer rules of the other number options.
      if (!Number.isInteger(value)) return void issue(M.positiveInteger);
      if (!Number.isSafeInteger(value)) issue(M.positiveInteger);
      if (!(value > 0)) issue(M.positiveInteger);
      if (value > 1_000_000_000) issue(M.tooBig(1_000_000_000));
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      issue(value === undefined ? M.required : M.positiveInteger);
      return;
    }
    const range = value as Record<string, unknown>;
    for (const key of ['default', 'minimum', 'maximum', 'multipleOf']) {
      if ((key === 'default' || range[key] !== undefined) && !isQuantity(range[key])) {
        issue(range[key] === undefined ? M.required : M.positiveInteger, [key], range[key]);
      }
    }
    if (payload.issues.length) return;
    const { default: initial, minimum = 1, maximum = 1_000_000_000, multipleOf = 1 } = range as Record<string, number>;
    if (!(minimum <= initial! && initial! <= maximum)) issue(M.quantityRange, ['default'], initial);
    else if (initial! % multipleOf !== 0) issue(M.quantityMultiple(multipleOf), ['default'], initial);
  }),
);

export const itemSchema = z.object(
  {
    planId: resourceId,
    quantity,
    /** An image URL; relative URLs are resolved against the page. */
    thumbnail: z.optional(z.string(err(M.imageUrl)).check(trim, rule(isHttpUrlRelativeToPage, M.imageUrl))),
  },
  err(M.mustBeObject),
);

export const itemsSchema = z.array(itemSchema, err(M.mustBeArray)).check(minLength(1, M.mustBeNonEmptyArray));

export const moneySchema = z
  .object({ amount: positiveAmount, currency: currencyCode }, err(M.mustBeObject))
  .check(amountFitsCurrency);

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
    amountFitsCurrency,
  );

/** Payout: `{payoutRequestId}`; other members are kept as given. */
export const payoutSchema = z.looseObject({ payoutRequestId: resourceId }, err(M.mustBeObject));

/** Coupon codes to apply at once (`["WELCOME10"]`): each a Rebilly coupon id. */
export const couponsSchema = z.array(resourceId, err(M.mustBeArray));

export const API_MODES = ['sandbox', 'live'] as const;
export const TRANSACTION_TYPES = ['purchase', 'setup'] as const;

/** Every option of README's attribute table, each optional here; rules between options are in `parseConfig()`. */
export const optionsSchema = z.object({
  publishableKey: z.optional(publishableKey),
  organizationId: z.optional(resourceId),
  websiteId: z.optional(resourceId),
  apiMode: z.optional(oneOf(API_MODES)),
  /** An origin, optionally with a path prefix (kept); no query or fragment. */
  apiUrl: z.optional(
    z.string(err(M.httpUrlNoQuery)).check(
      trim,
      rule((value: string) => {
        const url = httpUrlOf(value);
        return !!url && url.search === '' && url.hash === '' && !/[?#]/.test(value);
      }, M.httpUrlNoQuery),
    ),
  ),
  /** A JSON option, like money, deposit and payout: `parseConfig()` passes {@link INVALID_JSON} for bad JSON. */
  items: z.optional(itemsSchema),
  coupons: z.optional(couponsSchema),
  money: z.optional(moneySchema),
  invoiceId: z.optional(resourceId),
  transactionId: z.optional(resourceId),
  deposit: z.optional(depositSchema),
  payout: z.optional(payoutSchema),
  jwt: z.optional(jwtString),
  locale: z.optional(z.string(err(M.locale)).check(trim, rule(isBcp47, M.locale))),
  /** Absolute http(s); may carry Rebilly's `{id}` and `{result}` placeholders (kept verbatim). */
  redirectUrl: z.optional(httpUrl),
  transactionType: z.optional(oneOf(TRANSACTION_TYPES)),
});

export type ParsedOptions = z.infer<typeof optionsSchema>;

/** The purchase-data options that select a mode; at most one may be given. */
export const PURCHASE_DATA_KEYS = ['items', 'money', 'invoiceId', 'transactionId', 'deposit', 'payout'] as const;
export type PurchaseDataKey = (typeof PURCHASE_DATA_KEYS)[number];

/** Purchase data that needs a customer `jwt`: without one the config is incomplete (it waits for it). */
export const NEEDS_JWT: readonly PurchaseDataKey[] = ['invoiceId', 'transactionId', 'deposit', 'payout'];

/**
 * Parse-level error map, for an issue no schema gave a message for. Every option schema names its own
 * messages (see {@link err} and {@link rule}), so this is only a safety net.
 */
export function configErrorMap(issue: { input?: unknown }): string {
  return issue.input === undefined ? M.required : M.invalid;
}
