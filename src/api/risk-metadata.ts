/**
 * `riskMetadata` as the OpenAPI `RiskMetadata` schema describes it, collected from the browser. Required by
 * ready-to-pay and ready-to-payout; also sent with tokens, payments, deposits and setups (3-D Secure and
 * risk scoring use it). Only the members a browser can know are filled; the API adds the IP-derived ones.
 */

export interface BrowserData {
  /** `screen.colorDepth`, 1–48. */
  colorDepth: number;
  /** `navigator.javaEnabled()` (always false in modern browsers). */
  isJavaEnabled: boolean;
  /** `navigator.language`, at most 8 characters. */
  language: string;
  /** `screen.width`, 0–65535. */
  screenWidth: number;
  /** `screen.height`, 0–65535. */
  screenHeight: number;
  /** `new Date().getTimezoneOffset()`: minutes, positive when local time is behind UTC; −1410–1410. */
  timeZoneOffset: number;
  isAdBlockEnabled?: boolean;
}

export interface RiskMetadata {
  ipAddress?: string | null;
  fingerprint?: string | null;
  httpHeaders?: Record<string, string> | null;
  browserData?: BrowserData | null;
  extraData?: Record<string, unknown> | null;
}

function clampInt(value: unknown, min: number, max: number, fallback: number): number {
  const number = typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : fallback;
  return Math.min(max, Math.max(min, number));
}

function browserLanguage(): string {
  const language = (typeof navigator !== 'undefined' && navigator.language) || 'en';
  if (language.length <= 8) return language;
  // e.g. `zh-Hant-TW` → `zh-TW`, else the primary subtag.
  try {
    const locale = new Intl.Locale(language);
    const short = locale.region ? `${locale.language}-${locale.region}` : locale.language;
    if (short.length <= 8) return short;
  } catch {
    /* fall through */
  }
  return language.split('-')[0]!.slice(0, 8);
}

/** Builds `riskMetadata` from the current browser. Never throws. */
export function collectRiskMetadata(): RiskMetadata {
  const screenInfo = typeof screen !== 'undefined' ? screen : undefined;
  let javaEnabled = false;
  try {
    javaEnabled = typeof navigator !== 'undefined' && typeof navigator.javaEnabled === 'function' && navigator.javaEnabled();
  } catch {
    javaEnabled = false;
  }
  const metadata: RiskMetadata = {
    browserData: {
      colorDepth: clampInt(screenInfo?.colorDepth, 1, 48, 24),
      isJavaEnabled: javaEnabled,
      language: browserLanguage(),
      screenWidth: clampInt(screenInfo?.width, 0, 65535, 0),
      screenHeight: clampInt(screenInfo?.height, 0, 65535, 0),
      timeZoneOffset: clampInt(new Date().getTimezoneOffset(), -1410, 1410, 0),
    },
  };
  if (typeof navigator !== 'undefined') {
    const headers: Record<string, string> = {};
    if (navigator.userAgent) headers['User-Agent'] = navigator.userAgent;
    if (navigator.languages?.length) headers['Accept-Language'] = navigator.languages.join(',');
    if (Object.keys(headers).length > 0) metadata.httpHeaders = headers;
  }
  return metadata;
}
