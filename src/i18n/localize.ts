import { SHIPPED, en, type Catalogue, type MessageKey, type MessageOverrides } from './messages.js';

/** Shipped catalogues loaded so far, by language. */
const loaded: Record<string, Catalogue> = { en };
const loading = new Map<string, Promise<void>>();

/**
 * Makes sure the shipped catalogue of the locale's language is loaded. Returns undefined when it already
 * is (or none is shipped), else a promise that settles when it is (a failed load falls back to English).
 */
export function ensureLanguage(locale: string): Promise<void> | undefined {
  const language = locale.split('-')[0]!.toLowerCase();
  if (loaded[language] || !SHIPPED[language]) return undefined;
  let pending = loading.get(language);
  if (!pending) {
    pending = SHIPPED[language]!()
      .then((module) => {
        loaded[language] = module.default;
      })
      .catch(() => {
        loaded[language] = {}; // unreachable chunk: English it is, and no retry loop
      });
    loading.set(language, pending);
  }
  return pending;
}

/** Right-to-left scripts, by primary language subtag. */
const RTL = new Set(['ar', 'dv', 'fa', 'he', 'ku', 'ps', 'sd', 'ug', 'ur', 'yi']);

/** The locale to use: the given one, else the page's `lang`, else the browser's, else `en`. */
export function resolveLocale(locale: string | undefined, host?: Element): string {
  const candidates = [locale, host?.closest('[lang]')?.getAttribute('lang'), globalThis.navigator?.language, 'en'];
  for (const candidate of candidates) {
    if (!candidate) continue;
    try {
      const [canonical] = Intl.getCanonicalLocales(candidate);
      if (canonical) return canonical;
    } catch {
      // not a BCP 47 tag: try the next candidate
    }
  }
  return 'en';
}

export function isRtl(locale: string): boolean {
  return RTL.has(locale.split('-')[0]!.toLowerCase());
}

/**
 * A lookup function for one locale: the page's overrides for the exact tag, then for the language, then the
 * shipped catalogue for the exact tag and the language, then English.
 */
export function localize(locale: string, overrides: MessageOverrides = {}) {
  const language = locale.split('-')[0]!.toLowerCase();
  const chain: Catalogue[] = [
    overrides[locale],
    overrides[language],
    loaded[locale],
    loaded[language],
    overrides['en'],
    en,
  ].filter((c): c is Catalogue => c !== undefined);
  return (key: MessageKey, values: Record<string, string | number> = {}): string => {
    let template: string = en[key];
    for (const catalogue of chain) {
      const found = catalogue[key];
      if (found !== undefined) {
        template = found;
        break;
      }
    }
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in values ? String(values[name]) : whole,
    );
  };
}

export type Translate = ReturnType<typeof localize>;

const formatters = new Map<string, Intl.NumberFormat>();

/** Formats a major-unit amount in a currency with `Intl.NumberFormat`, cached per locale and currency. */
export function formatMoney(amount: number, currency: string, locale: string): string {
  const key = `${locale}|${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    try {
      formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    } catch {
      formatter = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    }
    formatters.set(key, formatter);
  }
  return formatter.format(amount);
}
