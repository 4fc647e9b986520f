/**
 * Every string a person can see or hear, in one catalogue per language. English is complete, built in, and
 * the fallback; the other shipped languages (`es.ts`, `fr.ts`) are loaded on demand, so a page only
 * downloads the language it uses. Pages add or override strings with the element's `messages`
 * property: `{ es: { payButton: 'Pagar {amount}' } }`.
 *
 * Placeholders are `{name}`; `format()` fills them.
 */
export const en = {
  loading: 'Loading checkout…',
  waitingForDetails: 'Waiting for checkout details',
  orderSummary: 'Order summary',
  quantity: 'Qty {quantity}',
  subtotal: 'Subtotal',
  discounts: 'Discounts',
  tax: 'Tax',
  shipping: 'Shipping',
  total: 'Total',
  amountDue: 'Amount due',
  paymentMethods: 'Payment method',
  methodCard: 'Card',
  cardForm: 'Card details',
  cardholderName: 'Name on card',
  cardNumber: 'Card number',
  expiry: 'Expiration date (MM/YY)',
  securityCode: 'Security code (CVC)',
  cardDetails: 'Card details',
  cardLoading: 'Loading the secure card field…',
  cardIncomplete: 'Enter your complete card details.',
  cardUnavailable: 'The secure card field could not be loaded.',
  email: 'Email',
  payButton: 'Pay {amount}',
  payButtonNoAmount: 'Pay',
  paying: 'Processing payment…',
  detectedBrand: 'Detected card: {brand}',
  // Inline validation
  requiredField: 'This field is required.',
  invalidCardNumber: 'Enter a valid card number.',
  unsupportedCard: 'This card type is not accepted here.',
  invalidExpiry: 'Enter the expiration date as MM/YY.',
  expiredCard: 'This card has expired.',
  invalidSecurityCode: 'Enter the {length}-digit security code.',
  invalidEmail: 'Enter a valid email address.',
  invalidName: 'Enter the name as it appears on the card.',
  formHasErrors: 'Please correct the highlighted fields.',
  // The order (items mode): due today and afterwards, coupons, addresses, shipping, quantities
  dueToday: 'Due today',
  recurringThen: 'Then {amount} per billing period',
  recurringEvery: 'Then {amount} {interval}',
  recurringTrial: 'Then {amount} {interval}, after a trial of {trial}',
  'every.day': 'every day',
  'every.week': 'every week',
  'every.month': 'every month',
  'every.year': 'every year',
  'every.n': 'every {period}',
  setupFeeIncluded: 'Includes a one-time setup fee of {amount}.',
  quantityOf: 'Quantity of {name}',
  couponAdd: 'Add a coupon',
  couponCode: 'Coupon code',
  couponApply: 'Apply',
  couponRemove: 'Remove coupon {code}',
  couponDiscount: 'Coupon {code}',
  billingAddress: 'Billing address',
  deliveryAddress: 'Delivery address',
  streetAddress: 'Address',
  city: 'City',
  postalCode: 'Postal code',
  country: 'Country',
  countryChoose: 'Choose a country',
  shippingMethod: 'Shipping method',
  orderUpdating: 'Updating your order…',
  // Results
  approvedTitle: 'Payment approved',
  approvedBody: 'Thank you. {amount} was paid.',
  transactionRef: 'Reference: {id}',
  declinedTitle: 'Payment declined',
  declinedBody: 'Your payment was declined: {reason}. You can try again or use another card.',
  declinedNoReason: 'Your payment was declined. You can try again or use another card.',
  retryLoad: 'Retry',
  uncertainTitle: 'Payment status unknown.',
  uncertainConfirm: 'I have checked: pay again',
  approvalTitle: 'Approve your payment',
  approvalFrame: 'Payment approval page from your bank or payment provider',
  approvalClose: 'Cancel approval',
  approving: 'Waiting for your approval…',
  payWith: 'Pay with',
  savedCard: '{brand} ending in {last4}, expires {expiry}',
  newCard: 'New card',
  saveCardButton: 'Save card',
  payoutButton: 'Pay out {amount}',
  depositAmount: 'Amount',
  amount: 'Amount',
  otherAmount: 'Other amount',
  amountBounds: 'From {min} to {max}, in steps of {step}.',
  amountTooLow: 'The amount must be at least {min}.',
  amountTooHigh: 'The amount must be at most {max}.',
  amountNotMultiple: 'The amount must be a multiple of {step}.',
  setupTitle: 'Card saved',
  setupBody: 'Your card is saved and ready for future payments.',
  payoutTitle: 'Payout requested',
  payoutBody: '{amount} will be paid out to the card you chose.',
  'notPayable.invoice': 'This invoice cannot be paid: it is {status}.',
  'notPayable.transaction': 'This transaction cannot be paid: it is {status}.',
  'notPayable.payout': 'This payout request cannot be paid out: it is {status}.',
  'notPayable.deposit': 'This deposit request cannot be used: it is {status}.',
  // Errors (by code)
  'error.invalid-config': 'This checkout is not set up correctly: {details}',
  'error.insecure-key':
    'A secret API key was given to this checkout. Nothing was sent. Use a publishable key (pk_…) in web pages.',
  'error.unauthorized': 'This checkout is not authorized. The key or session may be invalid or expired.',
  'error.forbidden': 'This checkout is not allowed to do that.',
  'error.not-found': 'Something this checkout needs could not be found.',
  'error.validation-failed': 'Some details were not accepted. Please check them and try again.',
  'error.rate-limited': 'Too many requests right now. Please wait a moment and try again.',
  'error.network': 'The payment service could not be reached. Check your connection and try again.',
  'error.network-payment':
    'The connection was lost while paying. Your payment may have gone through: please check before paying again.',
  'error.timeout': 'The payment service took too long to answer. Please try again.',
  'error.timeout-payment':
    'The payment service took too long to answer. Your payment may have gone through: please check before paying again.',
  'error.server': 'The payment service had a problem. Please try again.',
  'error.unknown-payment':
    'We could not confirm your payment. It may have gone through: please check your email or bank statement before paying again.',
  'error.server-unsafe-approval':
    'The payment needs an approval page whose address is not safe to open, so it was not opened. Please contact the merchant.',
  'error.payment-declined': 'The payment was declined.',
  'error.approval-abandoned': 'The payment approval was closed before it finished.',
  'error.not-payable': 'This can no longer be paid.',
  'error.framepay-conflict':
    'The secure card field is already used on this page with another publishable key or organization: FramePay is one per page.',
  'error.no-payment-methods': 'No payment method is available for this purchase.',
} as const;

export type MessageKey = keyof typeof en;
export type Catalogue = Partial<Record<MessageKey, string>>;
/** Catalogues by language tag (`es`, `fr`, `pt-BR` …): added to or overriding the shipped ones. */
export type MessageOverrides = Record<string, Catalogue>;

/** Shipped languages other than English, loaded when first needed. */
export const SHIPPED: Record<string, () => Promise<{ default: Catalogue }>> = {
  es: () => import('./es.js'),
  fr: () => import('./fr.js'),
};
