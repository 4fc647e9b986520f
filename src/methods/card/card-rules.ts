/**
 * Card-number rules the inline card form checks before anything is sent: Luhn, brand by prefix,
 * security-code length by brand, expiry in the future. Pure functions. Only `card-fields="inline"` needs
 * them (FramePay checks the card in its own frames), so they live in the inline card's on-demand chunk.
 */

export interface CardBrand {
  /** Rebilly's brand name (as in `ready-to-pay` `brands` and PaymentInstrument `brand`). */
  name: string;
  /** Number lengths this brand issues. */
  lengths: readonly number[];
  cvvLength: number;
  /** Digit groups for display (`4111 1111 1111 1111`, Amex `3782 822463 10005`). */
  gaps: readonly number[];
  pattern: RegExp;
}

const BRANDS: readonly CardBrand[] = [
  { name: 'American Express', pattern: /^3[47]/, lengths: [15], cvvLength: 4, gaps: [4, 10] },
  { name: 'Diners Club', pattern: /^3(?:0[0-5]|[689])/, lengths: [14, 16, 19], cvvLength: 3, gaps: [4, 10] },
  { name: 'Discover', pattern: /^(?:6011|65|64[4-9]|622)/, lengths: [16, 19], cvvLength: 3, gaps: [4, 8, 12] },
  { name: 'JCB', pattern: /^35(?:2[89]|[3-8])/, lengths: [16, 17, 18, 19], cvvLength: 3, gaps: [4, 8, 12] },
  { name: 'MasterCard', pattern: /^(?:5[1-5]|2(?:2[2-9]|[3-6]|7[01]|720))/, lengths: [16], cvvLength: 3, gaps: [4, 8, 12] },
  { name: 'Maestro', pattern: /^(?:5[06789]|6)/, lengths: [12, 13, 14, 15, 16, 17, 18, 19], cvvLength: 3, gaps: [4, 8, 12] },
  { name: 'Visa', pattern: /^4/, lengths: [13, 16, 19], cvvLength: 3, gaps: [4, 8, 12] },
];

export function digitsOnly(value: string): string {
  return value.replace(/\D/g, '');
}

export function detectBrand(number: string): CardBrand | undefined {
  const digits = digitsOnly(number);
  if (!digits) return undefined;
  return BRANDS.find((brand) => brand.pattern.test(digits));
}

export function luhnValid(number: string): boolean {
  const digits = digitsOnly(number);
  if (digits.length < 12 || digits.length > 19) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Groups the digits the way the brand prints them, for display while typing. */
export function formatCardNumber(value: string): string {
  const digits = digitsOnly(value).slice(0, 19);
  const gaps = detectBrand(digits)?.gaps ?? [4, 8, 12, 16];
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (gaps.includes(i)) out += ' ';
    out += digits[i];
  }
  return out;
}

/**
 * Formats what was typed (or autofilled) in the expiry field as `MM / YY`: `MM/YY`, `MMYY`, `M/YY`,
 * `MM/YYYY`, `MM / YYYY` and `MMYYYY` all end as `MM / YY` (a four-digit year is kept while it is being
 * typed, `12 / 203`, and shortened once complete). A first digit above 1 is a month (`2` → `02 / `); a month
 * above 12 or `00` is refused: `previous` (what the field showed) is returned unchanged.
 */
export function formatExpiry(value: string, previous = ''): string {
  let month: string;
  let year: string;
  const separated = /^\s*(\d{1,2})\s*[/.-]\s*(\d*)\D*$/.exec(value);
  if (separated) {
    month = separated[1]!.padStart(2, '0');
    year = separated[2]!;
  } else {
    const digits = digitsOnly(value);
    const split = digits[0] && digits[0] > '1' ? 1 : 2;
    month = digits.slice(0, split).padStart(split === 1 ? 2 : 0, '0');
    year = digits.slice(split);
  }
  if (month.length === 2 && (month === '00' || Number(month) > 12)) return previous;
  if (month.length < 2) return month;
  // A four-digit year (20YY) is shortened once complete; anything else longer than two digits is cut to two.
  if (year.length > 2 && !(year.startsWith('20') && year.length === 3)) year = year.startsWith('20') && year.length >= 4 ? year.slice(2, 4) : year.slice(0, 2);
  return `${month} / ${year}`;
}

export interface Expiry {
  month: number;
  /** Four-digit year. */
  year: number;
}

/** Reads `MM/YY`, `MM / YY`, `MMYY`, `MM/YYYY` or `M/YY` (`-` or `.` also separate); undefined when it is not a date. */
export function parseExpiry(value: string): Expiry | undefined {
  const match = /^\s*(\d{1,2})\s*[/.-]?\s*(\d{2}|\d{4})\s*$/.exec(value);
  if (!match) return undefined;
  const month = Number(match[1]);
  let year = Number(match[2]);
  if (match[2]!.length === 2) year += 2000;
  if (month < 1 || month > 12) return undefined;
  return { month, year };
}

/** A card is valid through the last day of its expiry month. */
export function isExpired({ month, year }: Expiry, now = new Date()): boolean {
  return year < now.getFullYear() || (year === now.getFullYear() && month < now.getMonth() + 1);
}

export type CardField = 'number' | 'expiry' | 'cvv';

export interface CardInput {
  number: string;
  expiry: string;
  cvv: string;
}

export type CardProblem = 'requiredField' | 'invalidCardNumber' | 'unsupportedCard' | 'invalidExpiry' | 'expiredCard' | 'invalidSecurityCode';

/**
 * Checks the card. Returns the problem per field (fields without one are absent). `acceptedBrands` is the
 * list `ready-to-pay` gave for `payment-card` (empty or absent: any brand).
 */
export function validateCard(
  input: CardInput,
  options: { acceptedBrands?: readonly string[]; now?: Date } = {},
): Partial<Record<CardField, CardProblem>> {
  const problems: Partial<Record<CardField, CardProblem>> = {};
  const digits = digitsOnly(input.number);
  const brand = detectBrand(digits);
  if (!digits) problems.number = 'requiredField';
  else if (!luhnValid(digits) || (brand && !brand.lengths.includes(digits.length))) problems.number = 'invalidCardNumber';
  else if (
    options.acceptedBrands?.length &&
    brand &&
    !options.acceptedBrands.some((b) => b.toLowerCase() === brand.name.toLowerCase())
  )
    problems.number = 'unsupportedCard';

  const expiry = parseExpiry(input.expiry);
  if (!input.expiry.trim()) problems.expiry = 'requiredField';
  else if (!expiry) problems.expiry = 'invalidExpiry';
  else if (isExpired(expiry, options.now)) problems.expiry = 'expiredCard';

  const cvv = digitsOnly(input.cvv);
  const cvvLength = brand?.cvvLength ?? 3;
  if (!input.cvv.trim()) problems.cvv = 'requiredField';
  else if (cvv.length !== cvvLength || cvv !== input.cvv.trim()) problems.cvv = 'invalidSecurityCode';
  return problems;
}
