/**
 * Seeded random inputs for the config fuzzers: a tiny PRNG (mulberry32) and generators of options a page
 * could plausibly (or implausibly) pass: valid values, near misses, wrong types, odd Unicode, JSON text.
 * Same seed, same inputs: a failure names its seed and index, and reproduces.
 */

/** mulberry32: a 32-bit seeded PRNG, good enough for test inputs. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Fuzz {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(values: readonly T[]): T {
    return values[this.int(values.length)]!;
  }
  /** One of the generators, called. */
  oneOf<T>(generators: readonly (() => T)[]): T {
    return this.pick(generators)();
  }
}

/** Strings that break things: control characters, separators, lone surrogates, look-alikes, long runs. */
const ODD = [
  '',
  ' ',
  '\n',
  '\t',
  '\u0000',
  '\u0007',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\u2028',
  '\u200b',
  '\ufeff',
  '\ud800',
  '\udc00',
  '😀',
  'ß',
  'ı',
  'é',
  'ﬀ',
  '"',
  "'",
  '\\',
  '/',
  '?',
  '#',
  '%',
  '%00',
  '..',
  '{',
  '}',
  '[',
  ']',
  '<script>',
  '__proto__',
  'constructor',
  'toString',
  'null',
  'undefined',
  'NaN',
];

const WORDS = ['pk_sandbox_', 'pk_live_', 'sk_live_', 'SK_LIVE_', 'sk_', 'Bearer ', 'plan-', 'inv-', 'org-', 'web-', 'abc', 'x', '123', '-', '_', '.'];

/** A string: mostly plausible pieces, some odd ones, sometimes long. */
export function anyString(f: Fuzz, maxParts = 5): string {
  let out = '';
  const parts = 1 + f.int(maxParts);
  for (let i = 0; i < parts; i++) out += f.chance(0.7) ? f.pick(WORDS) : f.pick(ODD);
  if (f.chance(0.03)) out = out.repeat(1 + f.int(400));
  return out;
}

export function anyNumber(f: Fuzz): number {
  return f.pick([
    0,
    -0,
    1,
    -1,
    2,
    0.5,
    1.5,
    0.004,
    0.01,
    9.99,
    10.555,
    0.1 + 0.2,
    1e-7,
    1e21,
    1_000_000_000,
    1_000_000_001,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    Infinity,
    -Infinity,
    NaN,
    f.int(100_000) / 100,
    f.int(1000),
  ]);
}

/** A value of any JSON-ish (or not) type. */
export function anyValue(f: Fuzz, depth = 0): unknown {
  return f.oneOf<unknown>([
    () => undefined,
    () => null,
    () => true,
    () => false,
    () => anyNumber(f),
    () => anyString(f),
    () => Symbol('fuzz'),
    () => (depth > 2 ? [] : Array.from({ length: f.int(3) }, () => anyValue(f, depth + 1))),
    () => (depth > 2 ? {} : Object.fromEntries(Array.from({ length: f.int(3) }, () => [anyString(f, 2), anyValue(f, depth + 1)]))),
    () => Object.create(null) as unknown,
    () => new Date(0),
    () => new Map(),
    () => () => 1,
  ]);
}

const CURRENCIES = ['USD', 'usd', 'EUR', 'JPY', 'KWD', 'uß', 'US', 'USDD', 'U$D', ' eur ', 'XXX', 'ÚSD'];
const PLANS = ['plan-starter', 'plan-pro-monthly', 'plan-team-trial', 'plan-starter-eur', 'plan-nope'];

export function anyCurrency(f: Fuzz): unknown {
  return f.chance(0.85) ? f.pick(CURRENCIES) : anyValue(f);
}

export function anyAmount(f: Fuzz): unknown {
  return f.chance(0.85) ? anyNumber(f) : anyValue(f);
}

export function anyId(f: Fuzz, prefix: string): unknown {
  return f.oneOf<unknown>([
    () => `${prefix}${f.int(1000)}`,
    () => `${prefix}${anyString(f, 2)}`,
    () => anyString(f),
    () => anyValue(f),
  ]);
}

export function anyItems(f: Fuzz): unknown {
  return f.oneOf<unknown>([
    () =>
      Array.from({ length: f.int(4) }, () =>
        f.chance(0.9)
          ? {
              planId: f.chance(0.7) ? f.pick(PLANS) : anyId(f, 'plan-'),
              quantity: f.chance(0.6) ? 1 + f.int(5) : anyAmount(f),
              ...(f.chance(0.2) ? { thumbnail: f.pick(['/a.png', 'https://x.test/a.png', 'javascript:alert(1)', anyString(f)]) } : {}),
            }
          : anyValue(f),
      ),
    () => anyValue(f),
  ]);
}

export function anyMoney(f: Fuzz): unknown {
  return f.chance(0.85) ? { amount: anyAmount(f), currency: anyCurrency(f) } : anyValue(f);
}

export function anyDeposit(f: Fuzz): unknown {
  return f.oneOf<unknown>([
    () => ({ depositRequestId: anyId(f, 'depreq-') }),
    () => ({ currency: anyCurrency(f), ...(f.chance(0.5) ? { amount: anyAmount(f) } : {}) }),
    () => ({ amount: anyAmount(f) }),
    () => anyValue(f),
  ]);
}

export function anyPayout(f: Fuzz): unknown {
  return f.chance(0.8) ? { payoutRequestId: anyId(f, 'payoutreq-') } : anyValue(f);
}

/** A JSON option as a page could give it: the value, or its JSON text (sometimes JSON text of JSON text). */
export function asJsonMaybe(f: Fuzz, value: unknown): unknown {
  if (value === undefined || typeof value === 'symbol' || typeof value === 'function') return value;
  const r = f.next();
  try {
    if (r < 0.25) return JSON.stringify(value);
    if (r < 0.3) return JSON.stringify(JSON.stringify(value));
    if (r < 0.35) return `${JSON.stringify(value) ?? ''}{`;
  } catch {
    // a value JSON cannot write: pass it as is
  }
  return value;
}

function b64url(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  bytes.forEach((b) => (binary += String.fromCharCode(b)));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function makeJwt(payload: Record<string, unknown>): string {
  return `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}.c2lnbmF0dXJl`;
}

export function anyJwt(f: Fuzz, now: number): unknown {
  return f.oneOf<unknown>([
    () => makeJwt({ exp: Math.floor(now / 1000) + 3600, merchant: 'demo-org', websiteId: 'demo-website' }),
    () => makeJwt({ exp: Math.floor(now / 1000) - 10, merchant: 'demo-org' }),
    () => makeJwt({ merchant: anyString(f, 2), claims: { websiteId: anyString(f, 2) } }),
    () => `${makeJwt({ exp: Math.floor(now / 1000) + 3600 })}${f.pick(ODD)}`,
    () => anyString(f),
    () => anyValue(f),
  ]);
}

export function anyKey(f: Fuzz): unknown {
  return f.oneOf<unknown>([
    () => 'pk_sandbox_emulator',
    () => `pk_live_${f.int(1e6)}`,
    () => `${f.pick(['', ' ', '"', 'Bearer ', 'pk_x ', 'pk_x-'])}${f.pick(['sk_live_', 'SK_LIVE_', 'Sk_sandbox_'])}${f.int(1e6)}`,
    () => anyString(f),
    () => anyValue(f),
  ]);
}

export function anyMessages(f: Fuzz): unknown {
  return f.oneOf<unknown>([
    () => undefined,
    () => null,
    () => ({ en: { payButton: 'Buy {amount}' }, es: { loading: 'Cargando' } }),
    () => ({ [f.pick(['en', 'es', 'fr', 'de', '__proto__', 'en-US'])]: { [f.pick(['payButton', 'loading', 'error.invalid-config', 'nope', 'toString'])]: anyValue(f) } }),
    () => ({ en: anyValue(f) }),
    () => Object.assign(Object.create(null) as object, { en: { payButton: anyString(f) } }),
    () => anyValue(f),
  ]);
}

export function anyTheme(f: Fuzz): unknown {
  return f.oneOf<unknown>([() => undefined, () => 'light', () => 'dark', () => f.pick(['Dark', ' dark', 'blue', '']), () => anyValue(f)]);
}

/** `JSON.stringify` that survives Symbols, functions and bigints (for failure messages and determinism checks). */
export function show(value: unknown): string {
  try {
    return JSON.stringify(value, (_k, v: unknown) => (typeof v === 'symbol' || typeof v === 'function' ? String(v) : v)) ?? String(value);
  } catch {
    return String(value);
  }
}
