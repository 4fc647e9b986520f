/**
 * The views only the customer-JWT modes show (saved instruments, deposit amounts): loaded on demand by the
 * element beside the customer modes' code, so a publishable-key checkout never downloads them.
 */
export { depositAmountProblem, renderDepositAmount } from './deposit.js';
export { renderInstruments } from './instruments.js';
