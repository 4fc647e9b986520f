/**
 * The ways to pay beyond the card (bank accounts, offsite methods, express wallets): one on-demand chunk,
 * loaded only when `ready-to-pay` offers one of them.
 */
export { BankAccount } from './bank/bank-account.js';
export { Offsite } from './offsite/offsite.js';
export { WalletButtons } from './wallets/wallet-buttons.js';
