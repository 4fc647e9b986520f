/**
 * The package's entry: the element class and every public type, with no side effects (the tag is
 * registered by `./define`).
 */
export { RebillyInstrumentsElement } from './rebilly-instruments.js';
export type { CheckoutState } from './checkout/checkout-controller.js';
export * from './events.js';
export type { MessageKey, Catalogue, MessageOverrides } from './i18n/messages.js';
