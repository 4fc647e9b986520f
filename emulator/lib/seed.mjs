// The seeded state of every sandbox. Ids and amounts are part of the emulator's contract (see README.md).

export const ORGANIZATION_ID = 'demo-org';

/**
 * A lookup table by id with no prototype: a client-given id such as `__proto__`, `constructor` or
 * `toString` finds nothing (instead of an Object.prototype member), so it gets the documented 404/422.
 * Every map the emulator indexes by an id from a request is one of these.
 * @template T
 * @param {Record<string, T>} [entries]
 * @returns {Record<string, T>}
 */
export function table(entries = {}) {
  /** @type {Record<string, T>} */
  const out = Object.create(null);
  for (const [key, value] of Object.entries(entries)) out[key] = value;
  return out;
}
export const WEBSITE_ID = 'demo-website';
export const SEED_TIME = '2026-01-01T00:00:00Z';

/** Publishable keys → organization. */
export const PUBLISHABLE_KEYS = table({
  pk_sandbox_emulator: ORGANIZATION_ID,
  pk_live_emulator: ORGANIZATION_ID,
});
/** Secret keys (header REB-APIKEY, server side only) → organization. */
export const SECRET_KEYS = table({ sk_sandbox_emulator: ORGANIZATION_ID });
export const ORGANIZATIONS = [ORGANIZATION_ID];

/**
 * Coupons by id, off the subtotal of the initial invoice: `percent` (integer) or a fixed `amount` in the cart's
 * currency (never more than the subtotal). An `expired` coupon is refused like an unknown one (422
 * `couponIds.N`), with its own message.
 */
export const COUPONS = table(/** @type {Record<string, {percent?: number, amount?: number, description: string, expired?: boolean}>} */ ({
  WELCOME10: { percent: 10, description: 'Welcome: 10% off' },
  FIVEOFF: { amount: 5, description: '5 off your first payment' },
  SUMMER20: { percent: 20, description: 'Summer: 20% off', expired: true },
}));
/** The tax when the order has no address (or no country): 10% sales tax. */
export const TAX = { percent: 10, description: 'Sales tax' };
/**
 * Tax by the billing address (else the delivery address): by `country`, then by the start of the
 * `postalCode` (`US` 97… is Oregon: no sales tax). A country not listed: no tax.
 * @type {Record<string, {percent: number, description: string, postal?: Record<string, {percent: number, description: string}>}>}
 */
export const TAX_BY_COUNTRY = table({
  US: { percent: 10, description: 'Sales tax', postal: { 97: { percent: 0, description: 'No sales tax' } } },
  CA: { percent: 13, description: 'HST' },
  DE: { percent: 19, description: 'VAT' },
  FR: { percent: 20, description: 'TVA' },
  GB: { percent: 20, description: 'VAT' },
});
export const SHIPPING_RATE = { id: 'shipping-flat', name: 'Flat rate', description: 'Flat-rate shipping', priceCents: 500 };
/** Shipping rates by product; a shippable product not listed ships at {@link SHIPPING_RATE}. */
export const SHIPPING_RATES = table({
  'prod-device': [
    { id: 'ship-standard', name: 'Standard shipping', description: '5 to 7 business days', priceCents: 400 },
    { id: 'ship-express', name: 'Express shipping', description: 'Next business day', priceCents: 1200 },
  ],
});

/**
 * @typedef {Record<string, any>} Resource  A JSON resource as the API returns it; keys starting with `_` are private.
 */

const contact = (/** @type {string} */ first, /** @type {string} */ last, /** @type {string} */ email) => ({
  firstName: first,
  lastName: last,
  organization: null,
  address: '1 Main Street',
  address2: null,
  city: 'Austin',
  region: 'TX',
  country: 'US',
  postalCode: '78701',
  phoneNumbers: [],
  emails: [{ label: 'main', value: email, primary: true }],
});

/**
 * @param {string} id @param {string} name @param {string} description @param {boolean} requiresShipping
 * @returns {Resource}
 */
const product = (id, name, description, requiresShipping) => ({
  id,
  name,
  unitLabel: 'unit',
  description,
  requiresShipping,
  options: [],
  customFields: {},
  createdTime: SEED_TIME,
  updatedTime: SEED_TIME,
  _links: [{ rel: 'self', href: `/storefront/products/${id}` }],
});

/**
 * @param {object} o
 * @param {string} o.id @param {string} o.name @param {string} o.productId @param {string} o.currency
 * @param {number} o.price @param {string} o.description
 * @param {{unit: string, length: number} | null} [o.recurringInterval]
 * @param {{price: number, period: {unit: string, length: number}} | null} [o.trial]
 * @param {{price: number} | null} [o.setup] a one-time setup fee, charged with the first invoice
 * @returns {Resource}
 */
const plan = ({ id, name, productId, currency, price, description, recurringInterval = null, trial = null, setup = null }) => ({
  id,
  name,
  description,
  richDescription: `<p>${description}</p>`,
  productId,
  productOptions: null,
  currency,
  currencySign: currency === 'EUR' ? '€' : '$',
  pricing: { formula: 'fixed-fee', price },
  setup,
  customFields: {},
  isActive: true,
  revision: 1,
  isTrialOnly: false,
  recurringInterval,
  trial,
  meteredBilling: null,
  createdTime: SEED_TIME,
  updatedTime: SEED_TIME,
  _links: [{ rel: 'self', href: `/storefront/plans/${id}` }],
});

/**
 * @param {Record<string, any>} o
 * @returns {Resource}
 */
export function invoice({ id, customerId, currency = 'USD', items, status, paid = 0, invoiceNumber, transactionIds = [] }) {
  const lines = items.map((/** @type {any} */ item, /** @type {number} */ i) => ({
    id: `${id}-item-${i + 1}`,
    type: 'debit',
    description: item.description,
    unitPrice: item.unitPrice,
    quantity: item.quantity,
    price: Math.round(item.unitPrice * item.quantity * 100) / 100,
    productId: null,
    planId: null,
    subscriptionId: null,
    periodStartTime: null,
    periodEndTime: null,
    periodNumber: null,
    createdTime: SEED_TIME,
    updatedTime: SEED_TIME,
    tax: null,
  }));
  const amountCents = lines.reduce((/** @type {number} */ sum, /** @type {any} */ l) => sum + Math.round(l.price * 100), 0);
  const amountDueCents = status === 'paid' ? 0 : amountCents - Math.round(paid * 100);
  return {
    id,
    websiteId: WEBSITE_ID,
    customerId,
    invoiceNumber,
    orderId: null,
    currency,
    amount: amountCents / 100,
    amountDue: amountDueCents / 100,
    subtotalAmount: amountCents / 100,
    discountAmount: 0,
    shipping: { calculator: 'manual', amount: 0 },
    tax: { calculator: 'manual', amount: 0, items: [] },
    billingAddress: null,
    deliveryAddress: null,
    poNumber: null,
    notes: '',
    items: lines,
    discounts: [],
    status,
    abandonedTime: status === 'abandoned' ? SEED_TIME : null,
    voidedTime: status === 'voided' ? SEED_TIME : null,
    paidTime: status === 'paid' ? SEED_TIME : null,
    dueTime: '2026-02-01T00:00:00Z',
    issuedTime: SEED_TIME,
    createdTime: SEED_TIME,
    updatedTime: SEED_TIME,
    _transactionIds: transactionIds,
    _links: [{ rel: 'self', href: `/storefront/invoices/${id}` }],
  };
}

/**
 * @param {Record<string, any>} o
 * @returns {Resource}
 */
export function transaction({
  id,
  customerId,
  type = 'sale',
  status,
  result,
  amount,
  currency = 'USD',
  invoiceIds = [],
  orderIds = [],
  planIds = [],
  paymentInstrumentId = null,
  method = 'payment-card',
  time = SEED_TIME,
}) {
  return {
    id,
    websiteId: WEBSITE_ID,
    customerId,
    type,
    status,
    result,
    amount,
    currency,
    purchaseAmount: amount,
    purchaseCurrency: currency,
    requestAmount: amount,
    requestCurrency: currency,
    parentTransactionId: null,
    childTransactions: [],
    invoiceIds,
    orderIds,
    planIds,
    isRebill: false,
    rebillNumber: 0,
    billingAddress: null,
    redirectUrl: null,
    retryNumber: 0,
    isRetry: false,
    billingDescriptor: 'DEMO STORE',
    description: '',
    hasAmountAdjustment: false,
    gatewayName: 'TestProcessor',
    gateway: null,
    customFields: {},
    processedTime: status === 'pending' ? null : time,
    createdTime: time,
    updatedTime: time,
    paymentInstrument: paymentInstrumentId ? { method, paymentInstrumentId } : method ? { method } : null,
    hasDcc: false,
    depositRequestId: null,
    _links: [{ rel: 'self', href: `/storefront/transactions/${id}` }],
  };
}

/**
 * @param {Record<string, any>} o
 * @returns {Resource}
 */
function card({ id, customerId, brand, last4, bin, expMonth, expYear, status = 'active', billingAddress }) {
  return {
    id,
    method: 'payment-card',
    customerId,
    status,
    fingerprint: `fp-${id}`,
    bin,
    last4,
    expYear,
    expMonth,
    digitalWallet: null,
    brand,
    bankCountry: 'US',
    bankName: 'Emulator Bank',
    isPayoutable: true,
    billingAddress,
    useAsBackup: false,
    createdTime: SEED_TIME,
    updatedTime: SEED_TIME,
    lastPaymentTime: null,
    customFields: {},
    token: null,
    _outcome: 'approved',
    _links: [{ rel: 'self', href: `/storefront/payment-instruments/${id}` }],
  };
}

/**
 * @typedef {Record<string, Record<string, Resource>>} State  collections of resources by id
 * @returns {State} a fresh copy of the seed
 */
export function seedState() {
  const alice = contact('Alice', 'Doe', 'alice@example.com');
  const bob = contact('Bob', 'Roe', 'bob@example.com');
  /** @param {Resource[]} list @returns {Record<string, Resource>} */
  const byId = (list) => table(Object.fromEntries(list.map((r) => [r.id, r])));
  return {
    websites: byId([
      {
        id: WEBSITE_ID,
        name: 'Demo Store',
        url: 'http://127.0.0.1',
        servicePhone: '+1 555 0100',
        serviceEmail: 'support@example.com',
        createdTime: SEED_TIME,
        updatedTime: SEED_TIME,
        customFields: {},
        settings: {
          paymentForm: {
            css: null,
            theme: null,
            features: { showCoupons: ['summary'], fullPageRedirect: false, skipRedirectOnPaymentComplete: false, hideZeroAmountSummaryItems: false },
          },
        },
        logoId: null,
        logoUrl: null,
        organizationId: ORGANIZATION_ID,
        _links: [{ rel: 'self', href: `/storefront/websites/${WEBSITE_ID}` }],
      },
      // A website that offers cards only (ready-to-pay): a checkout on it needs no other way to pay's code.
      {
        id: 'cards-only-website',
        name: 'Cards Only Store',
        url: 'http://127.0.0.1',
        createdTime: SEED_TIME,
        updatedTime: SEED_TIME,
        customFields: {},
        organizationId: ORGANIZATION_ID,
        _links: [{ rel: 'self', href: '/storefront/websites/cards-only-website' }],
      },
    ]),
    products: byId([
      product('prod-starter-kit', 'Starter kit', 'A boxed starter kit, shipped to you.', true),
      product('prod-pro', 'Pro', 'Pro subscription (digital).', false),
      product('prod-team', 'Team', 'Team subscription (digital).', false),
      product('prod-device', 'Device', 'A device, shipped to you (standard or express).', true),
    ]),
    plans: byId([
      plan({ id: 'plan-starter', name: 'Starter kit', productId: 'prod-starter-kit', currency: 'USD', price: 49, description: 'One-time starter kit' }),
      plan({
        id: 'plan-pro-monthly',
        name: 'Pro',
        productId: 'prod-pro',
        currency: 'USD',
        price: 19.99,
        description: 'Pro, billed monthly',
        recurringInterval: { unit: 'month', length: 1 },
      }),
      plan({
        id: 'plan-team-trial',
        name: 'Team',
        productId: 'prod-team',
        currency: 'USD',
        price: 199,
        description: 'Team, 14-day trial then billed yearly',
        recurringInterval: { unit: 'year', length: 1 },
        trial: { price: 0, period: { unit: 'day', length: 14 } },
      }),
      plan({
        id: 'plan-pro-setup',
        name: 'Pro with onboarding',
        productId: 'prod-pro',
        currency: 'USD',
        price: 19.99,
        description: 'Pro, billed monthly, with a one-time onboarding fee',
        recurringInterval: { unit: 'month', length: 1 },
        setup: { price: 10 },
      }),
      plan({ id: 'plan-device', name: 'Device', productId: 'prod-device', currency: 'USD', price: 99, description: 'One device' }),
      plan({ id: 'plan-starter-eur', name: 'Starter kit', productId: 'prod-starter-kit', currency: 'EUR', price: 45, description: 'One-time starter kit (EUR)' }),
    ]),
    customers: byId([
      { id: 'cus-alice', websiteId: WEBSITE_ID, firstName: 'Alice', lastName: 'Doe', email: 'alice@example.com', primaryAddress: alice, defaultPaymentInstrumentId: 'inst-alice-visa', createdTime: SEED_TIME, updatedTime: SEED_TIME },
      { id: 'cus-bob', websiteId: WEBSITE_ID, firstName: 'Bob', lastName: 'Roe', email: 'bob@example.com', primaryAddress: bob, defaultPaymentInstrumentId: null, createdTime: SEED_TIME, updatedTime: SEED_TIME },
    ]),
    paymentInstruments: byId([
      card({ id: 'inst-alice-visa', customerId: 'cus-alice', brand: 'Visa', last4: '4242', bin: '424242', expMonth: 12, expYear: 2030, billingAddress: alice }),
      card({ id: 'inst-alice-mc', customerId: 'cus-alice', brand: 'MasterCard', last4: '4444', bin: '555555', expMonth: 6, expYear: 2031, billingAddress: alice }),
      card({ id: 'inst-alice-old', customerId: 'cus-alice', brand: 'Visa', last4: '1881', bin: '401288', expMonth: 1, expYear: 2024, status: 'deactivated', billingAddress: alice }),
    ]),
    invoices: byId([
      invoice({
        id: 'inv-unpaid',
        customerId: 'cus-alice',
        invoiceNumber: 1001,
        status: 'unpaid',
        items: [
          { description: 'Consulting hour', unitPrice: 40, quantity: 2 },
          { description: 'Setup fee', unitPrice: 40, quantity: 1 },
        ],
        transactionIds: ['txn-pending'],
      }),
      invoice({ id: 'inv-partial', customerId: 'cus-alice', invoiceNumber: 1002, status: 'partially-paid', paid: 30, items: [{ description: 'Annual maintenance', unitPrice: 80, quantity: 1 }] }),
      invoice({ id: 'inv-paid', customerId: 'cus-alice', invoiceNumber: 1003, status: 'paid', items: [{ description: 'Support plan', unitPrice: 25, quantity: 1 }], transactionIds: ['txn-completed'] }),
      invoice({ id: 'inv-voided', customerId: 'cus-alice', invoiceNumber: 1004, status: 'voided', items: [{ description: 'Cancelled order', unitPrice: 60, quantity: 1 }] }),
      invoice({ id: 'inv-abandoned', customerId: 'cus-alice', invoiceNumber: 1005, status: 'abandoned', items: [{ description: 'Abandoned order', unitPrice: 35, quantity: 1 }] }),
    ]),
    transactions: byId([
      transaction({ id: 'txn-pending', customerId: 'cus-alice', status: 'pending', result: 'unknown', amount: 120, invoiceIds: ['inv-unpaid'], method: null }),
      transaction({ id: 'txn-completed', customerId: 'cus-alice', status: 'completed', result: 'approved', amount: 25, invoiceIds: ['inv-paid'], paymentInstrumentId: 'inst-alice-visa' }),
      transaction({ id: 'txn-setup', customerId: 'cus-alice', type: 'setup', status: 'pending', result: 'unknown', amount: 0, paymentInstrumentId: 'inst-alice-visa' }),
    ]),
    orders: table(),
    depositStrategies: byId([
      {
        id: 'depstrat-1',
        name: 'Standard deposit amounts',
        filter: '',
        amounts: { calculator: 'absolute', baseAmount: 25, increments: [25, 50, 150], defaultIndex: 1, adjustBaseToLastDeposit: false, hideBaseAmount: false, minimumBaseAmount: null },
        customAmount: { minimum: 10, maximum: 1000, multipleOf: 5, buttonText: null },
        priority: 0,
        isActive: true,
        coinPurchase: false,
        createdTime: SEED_TIME,
        updatedTime: SEED_TIME,
        _links: [{ rel: 'self', href: '/storefront/deposit-strategies/depstrat-1' }],
      },
    ]),
    depositRequests: byId([
      {
        id: 'depreq-1',
        websiteId: WEBSITE_ID,
        customerId: 'cus-alice',
        strategyId: 'depstrat-1',
        transactionIds: [],
        status: 'pending',
        coinPurchase: false,
        currency: 'USD',
        amounts: [25, 50, 100, 250],
        defaultAmount: 50,
        customAmount: { minimum: 10, maximum: 1000, multipleOf: 5, buttonText: null },
        redirectUrl: 'http://127.0.0.1/deposit-done',
        expirationTime: '2099-01-01T00:00:00Z',
        propertiesSchema: null,
        properties: null,
        notificationUrl: null,
        cashierToken: null,
        customFields: {},
        createdTime: SEED_TIME,
        updatedTime: SEED_TIME,
        _links: [{ rel: 'self', href: '/storefront/deposit-requests/depreq-1' }],
      },
    ]),
    payoutRequests: byId([
      { id: 'payoutreq-pending', websiteId: WEBSITE_ID, customerId: 'cus-alice', paymentInstrumentId: null, currency: 'USD', amount: 75, status: 'pending', createdTime: SEED_TIME, updatedTime: SEED_TIME, _links: [{ rel: 'self', href: '/storefront/payout-requests/payoutreq-pending' }] },
      { id: 'payoutreq-completed', websiteId: WEBSITE_ID, customerId: 'cus-alice', paymentInstrumentId: 'inst-alice-visa', currency: 'USD', amount: 40, status: 'fulfilled', createdTime: SEED_TIME, updatedTime: SEED_TIME, _links: [{ rel: 'self', href: '/storefront/payout-requests/payoutreq-completed' }] },
    ]),
    tokens: table(),
    authenticationTokens: table(),
  };
}
