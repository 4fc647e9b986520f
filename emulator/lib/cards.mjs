// Test card numbers, Luhn check and brand detection.

/** @typedef {'approved' | 'declined' | 'three-d-secure' | 'slow'} CardOutcome */

/** Test cards with a fixed outcome; any other Luhn-valid number is approved. */
export const TEST_CARDS = /** @type {const} */ ({
  '4111111111111111': 'approved',
  '5555555555554444': 'approved',
  '4000000000000002': 'declined',
  '4000000000003220': 'three-d-secure',
  '4000000000000077': 'slow',
});

/** @param {string} pan @returns {CardOutcome} */
export function cardOutcome(pan) {
  return /** @type {CardOutcome} */ (TEST_CARDS[/** @type {keyof typeof TEST_CARDS} */ (pan)] ?? 'approved');
}

/** @param {string} pan */
export function luhnValid(pan) {
  if (!/^\d{12,19}$/.test(pan)) return false;
  let sum = 0;
  for (let i = 0; i < pan.length; i++) {
    let digit = Number(pan[pan.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** @param {string} pan @returns {string} a PaymentCardBrand of the contract */
export function detectBrand(pan) {
  if (/^4/.test(pan)) return 'Visa';
  if (/^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/.test(pan)) return 'MasterCard';
  if (/^3[47]/.test(pan)) return 'American Express';
  if (/^(6011|65|64[4-9])/.test(pan)) return 'Discover';
  if (/^35(2[89]|[3-8])/.test(pan)) return 'JCB';
  if (/^3(0[0-5]|[68])/.test(pan)) return 'Diners Club';
  if (/^62/.test(pan)) return 'China UnionPay';
  if (/^(5018|5020|5038|6304|6759|676[1-3])/.test(pan)) return 'Maestro';
  return 'Visa';
}

/**
 * Masks card data for logs: keeps the last four digits of a PAN, hides CVVs entirely.
 * @param {unknown} value
 * @returns {unknown}
 */
export function maskCardData(value) {
  if (Array.isArray(value)) return value.map(maskCardData);
  if (value && typeof value === 'object') {
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const [key, v] of Object.entries(value)) {
      if ((key === 'pan' || key === 'accountNumber' || key === 'number') && typeof v === 'string') {
        out[key] = v.length > 4 ? '*'.repeat(v.length - 4) + v.slice(-4) : '****';
      } else if (key === 'cvv' || key === 'encryptedCvv') {
        out[key] = '***';
      } else out[key] = maskCardData(v);
    }
    return out;
  }
  return value;
}
