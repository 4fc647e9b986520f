// Money helpers: integer cents internally, decimal major units on the wire.

/** @param {number} amount decimal major units @returns {number} integer cents */
export const toCents = (amount) => Math.round(Number(amount) * 100);

/** @param {number} cents @returns {number} decimal major units */
export const fromCents = (cents) => Math.round(cents) / 100;

/**
 * `cents * percent / 100`, rounded half-up to whole cents (exact: integer arithmetic).
 * @param {number} cents @param {number} percent integer percent
 */
export const percentOf = (cents, percent) => Math.floor((cents * percent * 2 + 100) / 200);
