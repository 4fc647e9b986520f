// The Storefront operations the emulator serves: one handler per operationId, stateful, per the contract.
import { ALTERNATIVE_METHODS } from './alternative-methods.mjs';
import { randomBytes } from 'node:crypto';
import * as S from './schemas.mjs';
import { ApiError, invalid, notFound, forbidden, conflict } from './problems.mjs';
import { toCents, fromCents, percentOf } from './money.mjs';
import { luhnValid, detectBrand, cardOutcome } from './cards.mjs';
import { COUPONS, TAX, TAX_BY_COUNTRY, SHIPPING_RATE, SHIPPING_RATES, transaction as newTransaction } from './seed.mjs';
import { grantsFor, signCustomerJwt, SESSION_PERMISSIONS, DEFAULT_CUSTOMER_PERMISSIONS } from './auth.mjs';
import { MERCHANT_INVOICE_OPERATIONS } from './merchant-invoices.mjs';

/**
 * @typedef {Record<string, any>} Resource
 * @typedef {{
 *   sandbox: import('../index.mjs').Sandbox,
 *   state: Record<string, Record<string, Resource>>,
 *   auth: import('./auth.mjs').Auth,
 *   organizationId: string,
 *   operationId: string,
 *   grants: import('./auth.mjs').AclEntry[],
 *   params: Record<string, string>,
 *   query: URLSearchParams,
 *   body: unknown,
 *   base: string,
 *   apiBase: string,
 * }} Ctx
 * @typedef {{status: number, body?: unknown, headers?: Record<string, string>}} Reply
 * @typedef {'publishable' | 'jwt' | 'secret'} CredentialKind
 * @typedef {{method: string, path: string, operationId: string, accepts: CredentialKind[], handler: (ctx: Ctx) => Reply | Promise<Reply>}} Operation
 */

const now = () => new Date().toISOString();
const newId = (/** @type {string} */ prefix) => `${prefix}_${randomBytes(8).toString('hex')}`;
const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * Public view of a resource: drops private `_…` members (except `_links` / `_embedded`) and copies.
 * @param {unknown} value
 * @returns {any}
 */
export function view(value) {
  return JSON.parse(
    JSON.stringify(value, (key, v) => (key.startsWith('_') && key !== '_links' && key !== '_embedded' ? undefined : v)),
  );
}

/**
 * @param {Ctx} ctx
 * @param {unknown} schema a zod schema
 * @param {unknown} [input]
 * @returns {any}
 */
function parse(ctx, schema, input = ctx.body) {
  const result = /** @type {any} */ (schema).safeParse(input ?? {});
  if (!result.success) {
    const invalidFields = S.toInvalidFields(result.error);
    throw new ApiError(422, invalidFields.map((f) => `${f.field || 'body'}: ${f.message}`).join('; '), invalidFields);
  }
  return result.data;
}

// ---------- access control ----------

const RESOURCE_SCOPE_KEYS = ['invoiceId', 'transactionId', 'depositRequestId', 'orderId'];

/**
 * Whether one ACL entry's scope lets the caller see a resource (customer already checked).
 * @param {Ctx} ctx @param {import('./auth.mjs').AclEntry} entry @param {'transaction' | 'invoice' | 'order' | 'depositRequest' | 'payoutRequest' | 'paymentInstrument'} kind @param {Resource} r
 */
function scopeAllows(ctx, entry, kind, r) {
  const scope = entry.scope ?? {};
  if (scope.customerId && !scope.customerId.includes(r.customerId)) return false;
  const has = (/** @type {string} */ key) => Array.isArray(scope[key]);
  const inScope = (/** @type {string} */ key, /** @type {unknown} */ id) => has(key) && typeof id === 'string' && scope[key].includes(id);
  const txns = ctx.state.transactions;
  switch (kind) {
    case 'transaction': {
      if (!RESOURCE_SCOPE_KEYS.some(has)) return true;
      return (
        inScope('transactionId', r.id) ||
        inScope('transactionId', r.parentTransactionId) ||
        r.invoiceIds.some((/** @type {string} */ id) => inScope('invoiceId', id)) ||
        r.orderIds.some((/** @type {string} */ id) => inScope('orderId', id)) ||
        inScope('depositRequestId', r.depositRequestId)
      );
    }
    case 'invoice': {
      if (!has('invoiceId') && !has('transactionId') && !has('orderId')) return true;
      return (
        inScope('invoiceId', r.id) ||
        inScope('orderId', r.orderId) ||
        (has('transactionId') && scope.transactionId.some((id) => txns[id]?.invoiceIds.includes(r.id)))
      );
    }
    case 'order':
      if (!has('orderId') && !has('invoiceId') && !has('transactionId')) return true;
      return inScope('orderId', r.id) || inScope('invoiceId', r.initialInvoiceId);
    case 'depositRequest':
      return !has('depositRequestId') || inScope('depositRequestId', r.id);
    case 'payoutRequest':
      return !has('payoutRequestId') || inScope('payoutRequestId', r.id);
    case 'paymentInstrument':
      return !has('paymentInstrumentId') || inScope('paymentInstrumentId', r.id);
    default:
      return false;
  }
}

/**
 * Throws 403 unless the caller (a customer JWT) may see the resource. Publishable/secret keys pass.
 * @param {Ctx} ctx @param {'transaction' | 'invoice' | 'order' | 'depositRequest' | 'payoutRequest' | 'paymentInstrument'} kind @param {Resource} r
 */
function assertAccess(ctx, kind, r) {
  if (ctx.auth.kind !== 'jwt') return;
  if (r.customerId !== ctx.auth.customerId) throw forbidden(`This ${kind} belongs to another customer`);
  if (!ctx.grants.some((entry) => scopeAllows(ctx, entry, kind, r))) {
    throw forbidden(`The token's scope does not include this ${kind}`);
  }
}

/**
 * @param {Ctx} ctx @param {string} collection @param {string} id @param {string} label
 * @param {'transaction' | 'invoice' | 'order' | 'depositRequest' | 'payoutRequest' | 'paymentInstrument'} [kind]
 */
function load(ctx, collection, id, label, kind) {
  const r = ctx.state[collection][id];
  if (!r) throw notFound(`${label} "${id}"`);
  if (kind) assertAccess(ctx, kind, r);
  return r;
}

/** @param {Ctx} ctx @param {string} websiteId @param {string} [field] */
function requireWebsite(ctx, websiteId, field = 'websiteId') {
  const website = ctx.state.websites[websiteId];
  if (!website) throw invalid(field, `Website "${websiteId}" not found`);
  return website;
}

/**
 * Issues a session token (a customer JWT) for a publishable-key caller.
 * @param {Ctx} ctx @param {string} customerId @param {Record<string, string | undefined>} scope
 */
function sessionToken(ctx, customerId, scope) {
  /** @type {Record<string, string[]>} */
  const aclScope = { organizationId: [ctx.organizationId], customerId: [customerId] };
  /** @type {Record<string, unknown>} */
  const claims = { websiteId: scope.websiteId ?? 'demo-website' };
  for (const [key, value] of Object.entries(scope)) {
    if (value && key !== 'websiteId') {
      aclScope[key] = [value];
      claims[key] = value;
    }
  }
  return signCustomerJwt({
    sandboxId: ctx.sandbox.id,
    organizationId: ctx.organizationId,
    customerId,
    acl: [{ scope: aclScope, permissions: [...SESSION_PERMISSIONS] }],
    claims,
    exp: Math.floor(Date.now() / 1000) + 3600,
  });
}

// ---------- customers ----------

/**
 * The paying customer: the JWT's customer, or a new customer for a publishable-key caller.
 * @param {Ctx} ctx @param {Resource | null | undefined} billingAddress @param {string} websiteId
 */
function payingCustomer(ctx, billingAddress, websiteId) {
  if (ctx.auth.kind === 'jwt') {
    const customer = ctx.state.customers[/** @type {string} */ (ctx.auth.customerId)];
    if (!customer) throw new ApiError(401, 'The token refers to an unknown customer');
    return customer;
  }
  const address = billingAddress ?? {};
  const email = address.emails?.[0]?.value ?? null;
  const customer = {
    id: newId('cus'),
    websiteId,
    firstName: address.firstName ?? null,
    lastName: address.lastName ?? null,
    email,
    primaryAddress: billingAddress ?? null,
    defaultPaymentInstrumentId: null,
    createdTime: now(),
    updatedTime: now(),
  };
  ctx.state.customers[customer.id] = customer;
  return customer;
}

// ---------- cart pricing ----------

/**
 * The tax of an order: by the billing address, else the delivery address (see `TAX_BY_COUNTRY`); 10% sales
 * tax when neither has a country.
 * @param {{country?: string | null, postalCode?: string | null} | null | undefined} billing
 * @param {{country?: string | null, postalCode?: string | null} | null | undefined} delivery
 */
export function taxFor(billing, delivery) {
  const address = billing?.country ? billing : delivery?.country ? delivery : null;
  if (!address) return TAX;
  const country = TAX_BY_COUNTRY[String(address.country).toUpperCase()];
  if (!country) return { percent: 0, description: 'No tax' };
  const postal = String(address.postalCode ?? '');
  const local = Object.entries(country.postal ?? {}).find(([prefix]) => postal.startsWith(prefix));
  return local ? local[1] : country;
}

/**
 * Prices a cart in integer cents. Throws 422 for unknown plans, mixed currencies, unknown or expired coupons,
 * a shipping rate the order cannot use.
 * @param {Ctx} ctx @param {{planId: string, quantity: number}[]} items @param {string[]} [couponIds]
 * @param {string} [shippingRateId]
 * @param {{billingAddress?: any, deliveryAddress?: any}} [addresses]
 */
export function priceCart(ctx, items, couponIds = [], shippingRateId, addresses = {}) {
  const { plans, products } = ctx.state;
  /** @type {string | null} */
  let currency = null;
  let subtotal = 0;
  let recurringSubtotal = 0;
  let recurring = false;
  let needsShipping = false;
  /** @type {Map<string, {id: string, name: string, description: string, priceCents: number}>} */
  const rates = new Map();
  /** @type {any[]} */
  const setupLines = [];
  const lineItems = items.map((item, i) => {
    const plan = plans[item.planId];
    if (!plan) throw invalid(`items.${i}.planId`, `Plan "${item.planId}" not found`);
    if (currency && plan.currency !== currency) {
      throw invalid(`items.${i}.planId`, `All plans must have the same currency: "${item.planId}" is ${plan.currency}, the cart is ${currency}`);
    }
    currency = plan.currency;
    const regular = toCents(plan.pricing.price);
    const unit = plan.trial ? toCents(plan.trial.price) : regular;
    const price = unit * item.quantity;
    subtotal += price;
    if (plan.recurringInterval) {
      recurring = true;
      recurringSubtotal += regular * item.quantity;
    }
    if (plan.setup?.price && item.quantity > 0) {
      const fee = toCents(plan.setup.price);
      subtotal += fee;
      setupLines.push({ type: 'debit', description: `${plan.name} setup fee`, unitPrice: fromCents(fee), quantity: 1, price: fromCents(fee), planId: plan.id, productId: plan.productId, _unitCents: fee, _priceCents: fee });
    }
    if (products[plan.productId]?.requiresShipping && item.quantity > 0) {
      needsShipping = true;
      for (const rate of SHIPPING_RATES[plan.productId] ?? [SHIPPING_RATE]) rates.set(rate.id, rate);
    }
    return {
      type: 'debit',
      description: plan.trial ? `${plan.name} (trial)` : plan.name,
      unitPrice: fromCents(unit),
      quantity: item.quantity,
      price: fromCents(price),
      planId: plan.id,
      productId: plan.productId,
      _unitCents: unit,
      _priceCents: price,
    };
  });
  lineItems.push(...setupLines);
  const discounts = couponIds.map((couponId, i) => {
    const coupon = COUPONS[couponId];
    if (!coupon) throw invalid(`couponIds.${i}`, `Coupon "${couponId}" not found`);
    if (coupon.expired) throw invalid(`couponIds.${i}`, `Coupon "${couponId}" has expired`);
    const amountCents = coupon.percent !== undefined ? percentOf(subtotal, coupon.percent) : Math.min(subtotal, toCents(coupon.amount ?? 0));
    return { couponId, amountCents, description: coupon.description };
  });
  const shippingRates = [...rates.values()];
  if (shippingRateId !== undefined && !rates.has(shippingRateId)) {
    throw invalid('shippingRateId', `Shipping rate "${shippingRateId}" not found`);
  }
  // No rate chosen: the cheapest applicable one.
  const rate = shippingRateId !== undefined ? rates.get(shippingRateId) : [...shippingRates].sort((a, b) => a.priceCents - b.priceCents)[0];
  const taxRate = taxFor(addresses.billingAddress, addresses.deliveryAddress);
  const discount = Math.min(subtotal, discounts.reduce((sum, d) => sum + d.amountCents, 0));
  const tax = percentOf(subtotal - discount, taxRate.percent);
  const shipping = needsShipping && rate ? rate.priceCents : 0;
  const total = subtotal - discount + tax + shipping;
  const recurringTax = percentOf(recurringSubtotal, taxRate.percent);
  return {
    currency: /** @type {string} */ (/** @type {unknown} */ (currency)),
    lineItems,
    discounts,
    needsShipping,
    shippingRates,
    recurring,
    taxDescription: taxRate.description,
    cents: { subtotal, discount, tax, shipping, total, recurringSubtotal, recurringTax },
  };
}

// ---------- payment instructions ----------

/**
 * Checks a payment instruction (token or saved instrument) without changing state.
 * @param {Ctx} ctx @param {{token?: string | null, paymentInstrumentId?: string | null}} instruction
 * @param {string} fieldPrefix e.g. 'paymentInstruction.' or ''
 * @param {string | null} customerId the customer the instrument must belong to (null: a new customer)
 * @returns {{token?: Resource, instrument?: Resource, outcome: string}}
 */
function checkInstruction(ctx, instruction, fieldPrefix, customerId) {
  if (instruction.token) {
    const token = ctx.state.tokens[instruction.token];
    const field = `${fieldPrefix}token`;
    if (!token) throw invalid(field, 'Payment token not found');
    if (token.isUsed) throw invalid(field, 'Payment token has already been used');
    if (Date.parse(token.expirationTime) <= Date.now()) throw invalid(field, 'Payment token has expired');
    return { token, outcome: token._outcome };
  }
  if (instruction.paymentInstrumentId) {
    const field = `${fieldPrefix}paymentInstrumentId`;
    const instrument = ctx.state.paymentInstruments[instruction.paymentInstrumentId];
    if (!instrument || instrument.customerId !== customerId) throw invalid(field, 'Payment instrument not found');
    if (instrument.status !== 'active') throw invalid(field, `Payment instrument is ${instrument.status}`);
    return { instrument, outcome: 'approved' };
  }
  throw invalid(`${fieldPrefix}token`, 'Provide a token or a paymentInstrumentId');
}

/**
 * Consumes a checked instruction: marks the token used and saves its card as the customer's instrument.
 * @param {Ctx} ctx @param {{token?: Resource, instrument?: Resource, outcome: string}} checked @param {string} customerId
 * @returns {Resource} the payment instrument
 */
function useInstruction(ctx, checked, customerId) {
  if (checked.instrument) return checked.instrument;
  const token = /** @type {Resource} */ (checked.token);
  token.isUsed = true;
  token.usageTime = now();
  token.updatedTime = now();
  return createInstrumentFromToken(ctx, token, customerId);
}

/** @param {Ctx} ctx @param {Resource} token @param {string} customerId */
function createInstrumentFromToken(ctx, token, customerId) {
  const card = token.paymentInstrument ?? {}; // an offsite (alternative) token has none
  const id = newId('inst');
  const instrument = {
    id,
    method: token.method === 'digital-wallet' ? 'payment-card' : token.method,
    customerId,
    status: 'active',
    fingerprint: token._fingerprint,
    bin: card.bin,
    last4: card.last4,
    expYear: card.expYear,
    expMonth: card.expMonth,
    digitalWallet: token.method === 'digital-wallet' ? card.type : null,
    brand: card.brand,
    bankCountry: 'US',
    bankName: 'Emulator Bank',
    isPayoutable: true,
    billingAddress: token.billingAddress ?? null,
    useAsBackup: false,
    createdTime: now(),
    updatedTime: now(),
    lastPaymentTime: null,
    customFields: {},
    token: null,
    _outcome: token._outcome,
    _links: [{ rel: 'self', href: `/storefront/payment-instruments/${id}` }],
  };
  ctx.state.paymentInstruments[id] = instrument;
  const customer = ctx.state.customers[customerId];
  if (customer && !customer.defaultPaymentInstrumentId) customer.defaultPaymentInstrumentId = id;
  return instrument;
}

/**
 * Settles a transaction and applies an approval to its invoices / deposit request. A gateway decline says
 * why (insufficient funds); a decline on the approval page (3-D Secure, offsite) gives no reason, as a bank's
 * refused authentication does not: `reason: false`.
 * @param {Record<string, Record<string, Resource>>} state @param {Resource} txn @param {'approved' | 'declined'} result
 * @param {{reason?: boolean}} [options]
 */
export function settleTransaction(state, txn, result, { reason = true } = {}) {
  if (txn.status === 'completed') return;
  const time = now();
  txn.status = 'completed';
  txn.result = result;
  txn.processedTime = time;
  txn.updatedTime = time;
  txn.gateway = {
    response:
      result === 'approved'
        ? { code: '00', message: 'Approved', type: 'approved', originalCode: '00', originalMessage: 'Approved', humanMessage: 'Approved', humanDescription: null }
        : !reason
          ? { code: 'declined', type: 'declined' }
          : {
            code: 'insufficient-funds',
            message: 'Insufficient funds',
            type: 'declined',
            originalCode: '51',
            originalMessage: 'Insufficient funds',
            humanMessage: 'Insufficient funds',
            humanDescription: 'The card has insufficient funds. Try another card.',
          },
    avsResponse: null,
    cvvResponse: null,
  };
  if (result === 'approved') {
    for (const invoiceId of txn.invoiceIds) {
      const invoice = state.invoices[invoiceId];
      if (!invoice) continue;
      const due = Math.max(0, toCents(invoice.amountDue) - toCents(txn.amount));
      invoice.amountDue = fromCents(due);
      invoice.status = due === 0 ? 'paid' : 'partially-paid';
      if (due === 0) invoice.paidTime = time;
      invoice.updatedTime = time;
      for (const order of Object.values(state.orders)) {
        if (order.initialInvoiceId === invoiceId && due === 0) {
          order.status = order.orderType === 'subscription-order' ? 'active' : 'completed';
          order.activationTime = time;
        }
      }
    }
    const instrument = state.paymentInstruments[txn.paymentInstrument?.paymentInstrumentId];
    if (instrument) instrument.lastPaymentTime = time;
  }
  if (txn.depositRequestId) {
    const request = state.depositRequests[txn.depositRequestId];
    if (request) request.status = result === 'approved' ? 'completed' : 'attempted';
  }
}

/**
 * Runs a transaction through the emulated gateway according to the card outcome.
 * @param {Ctx} ctx @param {Resource} txn @param {string} outcome
 */
async function runGateway(ctx, txn, outcome) {
  if (outcome === 'slow') {
    await sleep(ctx.sandbox.config.slowGatewayMs);
    outcome = 'approved';
  }
  if (outcome === 'three-d-secure' || outcome === 'offsite') {
    txn.status = 'waiting-approval';
    txn.result = 'unknown';
    txn.approvalUrl = `${ctx.base}/approval/${txn.id}`;
    txn._links = [...txn._links.filter((/** @type {any} */ l) => l.rel !== 'approvalUrl'), { rel: 'approvalUrl', href: txn.approvalUrl }];
    txn.updatedTime = now();
    return;
  }
  settleTransaction(ctx.state, txn, outcome === 'declined' ? 'declined' : 'approved');
}

/**
 * @param {Ctx} ctx @param {Record<string, any>} o
 * @returns {Resource}
 */
function createTransaction(ctx, { customerId, type = 'sale', amountCents, currency, invoiceIds = [], orderIds = [], planIds = [], instrument = null, redirectUrl = null, billingAddress = null, websiteId = 'demo-website' }) {
  const txn = newTransaction({
    id: newId('txn'),
    customerId,
    type,
    status: 'pending',
    result: 'unknown',
    amount: fromCents(amountCents),
    currency,
    invoiceIds,
    orderIds,
    planIds,
    paymentInstrumentId: instrument?.id ?? null,
    method: instrument?.method ?? 'payment-card',
    time: now(),
  });
  txn.websiteId = websiteId;
  txn.redirectUrl = redirectUrl ?? null;
  txn.billingAddress = billingAddress ?? instrument?.billingAddress ?? null;
  ctx.state.transactions[txn.id] = txn;
  for (const invoiceId of invoiceIds) ctx.state.invoices[invoiceId]?._transactionIds.push(txn.id);
  return txn;
}

/** @param {Ctx} ctx @param {Resource} txn */
const transactionLocation = (ctx, txn) => ({ Location: `${ctx.apiBase}/storefront/transactions/${txn.id}` });

// ---------- handlers ----------

const CARD_BRANDS = ['Visa', 'MasterCard', 'American Express', 'Discover'];
const PAYMENT_CARD_METHOD = { method: 'payment-card', feature: null, brands: CARD_BRANDS, filters: [] };

/**
 * What the seeded website offers, in `ready-to-pay`'s shapes: cards; Google Pay and Apple Pay (cards with a
 * `feature`); a PayPal billing agreement; ACH; offsite methods (Skrill's approval page refuses to be framed);
 * and Klarna, whose token no browser element can fill (it must be left out, never shown broken).
 */
const READY_TO_PAY_METHODS = [
  PAYMENT_CARD_METHOD,
  { method: 'payment-card', feature: { name: 'Google Pay', merchantName: 'Demo Store', merchantOrigin: 'demo-store.example', country: 'US' }, brands: CARD_BRANDS, filters: [] },
  { method: 'payment-card', feature: { name: 'Apple Pay', displayName: 'Demo Store', country: 'US' }, brands: CARD_BRANDS, filters: [] },
  {
    method: 'paypal',
    feature: { name: 'PayPal billing agreement', paypalMerchantId: 'EMULATORMERCHANT', paypalClientId: 'emulator-paypal-client', billingAgreementToken: 'BA-EMULATOR-1', expirationTime: '2099-01-01T00:00:00Z' },
    filters: [],
  },
  { method: 'ach', feature: null, filters: [] },
  { method: 'Alipay', feature: null, filters: [] },
  { method: 'Skrill', feature: null, filters: [] },
  { method: 'iDEAL', feature: null, filters: [] },
  { method: 'Klarna', feature: null, filters: [] },
];

/** @param {Ctx} ctx */
function readyToPay(ctx) {
  const body = /** @type {any} */ (ctx.body);
  const data = parse(ctx, body && typeof body === 'object' && 'items' in body ? S.ReadyToPayItems : S.ReadyToPayAmount);
  requireWebsite(ctx, data.websiteId);
  if (data.items) priceCart(ctx, data.items);
  return { status: 200, body: data.websiteId === 'cards-only-website' ? [PAYMENT_CARD_METHOD] : READY_TO_PAY_METHODS };
}

/** @param {Ctx} ctx */
function readyToPayout(ctx) {
  const data = parse(ctx, S.ReadyToPayout);
  requireWebsite(ctx, data.websiteId);
  return {
    status: 200,
    body: [
      { method: 'payment-card', feature: { requiresSetupTransaction: false }, brands: ['Visa', 'MasterCard'], filters: [] },
      { method: 'bank-transfer', feature: { requiresSetupTransaction: false }, filters: [] },
    ],
  };
}

/** @param {ReturnType<typeof priceCart>} cart */
function previewBody(cart) {
  const c = cart.cents;
  return {
    currency: cart.currency,
    lineItems: view(cart.lineItems),
    shippingRates: cart.shippingRates.map((rate) => ({ id: rate.id, name: rate.name, description: rate.description, price: fromCents(rate.priceCents), currency: cart.currency })),
    taxes: c.tax ? [{ amount: fromCents(c.tax), description: cart.taxDescription }] : [],
    discounts: cart.discounts.map((d) => ({ couponId: d.couponId, amount: fromCents(d.amountCents), description: d.description })),
    subtotalAmount: fromCents(c.subtotal),
    taxAmount: fromCents(c.tax),
    shippingAmount: fromCents(c.shipping),
    discountsAmount: fromCents(c.discount),
    total: fromCents(c.total),
    initialAmounts: {
      amount: fromCents(c.total),
      subtotalAmount: fromCents(c.subtotal),
      discountAmount: fromCents(c.discount),
      shippingAmount: fromCents(c.shipping),
      taxAmount: fromCents(c.tax),
    },
    // The contract: null when the order has no recurring items.
    recurringAmounts: cart.recurring
      ? {
          amount: fromCents(c.recurringSubtotal + c.recurringTax),
          subtotalAmount: fromCents(c.recurringSubtotal),
          discountAmount: 0,
          shippingAmount: 0,
          taxAmount: fromCents(c.recurringTax),
        }
      : null,
  };
}

/** @param {Ctx} ctx */
function previewPurchase(ctx) {
  const data = parse(ctx, S.OrderPreview);
  requireWebsite(ctx, data.websiteId);
  const cart = priceCart(ctx, data.items, data.couponIds, data.shippingRateId, data);
  return { status: 200, body: { websiteId: data.websiteId, ...previewBody(cart) } };
}

/** @param {Ctx} ctx */
async function purchase(ctx) {
  const data = parse(ctx, S.Purchase);
  requireWebsite(ctx, data.websiteId);
  const cart = priceCart(ctx, data.items, data.couponIds, data.shippingRateId, data);
  const existingCustomerId = ctx.auth.kind === 'jwt' ? ctx.auth.customerId : null;
  const checked = checkInstruction(ctx, data.paymentInstruction, 'paymentInstruction.', existingCustomerId);
  // Everything is valid: from here on, state changes.
  const billingAddress = data.billingAddress ?? checked.token?.billingAddress ?? null;
  const customer = payingCustomer(ctx, billingAddress, data.websiteId);
  const instrument = useInstruction(ctx, checked, customer.id);
  const time = now();
  const c = cart.cents;
  const recurring = data.items.some((/** @type {any} */ item) => ctx.state.plans[item.planId].recurringInterval);
  const orderId = data.orderId && !ctx.state.orders[data.orderId] ? data.orderId : newId(recurring ? 'sub' : 'ots');
  const invoiceId = newId('inv');
  const planIds = [...new Set(data.items.map((/** @type {any} */ item) => item.planId))];
  const invoice = {
    id: invoiceId,
    websiteId: data.websiteId,
    customerId: customer.id,
    invoiceNumber: 2000 + Object.keys(ctx.state.invoices).length,
    orderId,
    currency: cart.currency,
    amount: fromCents(c.total),
    amountDue: fromCents(c.total),
    subtotalAmount: fromCents(c.subtotal),
    discountAmount: fromCents(c.discount),
    shipping: { calculator: 'manual', amount: fromCents(c.shipping) },
    tax: { calculator: 'manual', amount: fromCents(c.tax), items: c.tax ? [{ amount: fromCents(c.tax), description: cart.taxDescription }] : [] },
    billingAddress,
    deliveryAddress: data.deliveryAddress ?? null,
    poNumber: data.poNumber ?? null,
    notes: '',
    items: cart.lineItems.map((line, i) => ({
      id: `${invoiceId}-item-${i + 1}`,
      type: 'debit',
      description: line.description,
      unitPrice: line.unitPrice,
      quantity: line.quantity,
      price: line.price,
      productId: line.productId,
      planId: line.planId,
      subscriptionId: recurring ? orderId : null,
      periodStartTime: null,
      periodEndTime: null,
      periodNumber: null,
      createdTime: time,
      updatedTime: time,
      tax: null,
    })),
    discounts: cart.discounts.map((d) => ({ couponId: d.couponId, redemptionId: newId('rdmpt'), amount: fromCents(d.amountCents), description: d.description, context: 'items' })),
    status: c.total === 0 ? 'paid' : 'unpaid',
    abandonedTime: null,
    voidedTime: null,
    paidTime: c.total === 0 ? time : null,
    dueTime: time,
    issuedTime: time,
    createdTime: time,
    updatedTime: time,
    _transactionIds: [],
    _links: [{ rel: 'self', href: `/storefront/invoices/${invoiceId}` }],
  };
  ctx.state.invoices[invoiceId] = invoice;
  ctx.state.orders[orderId] = {
    id: orderId,
    orderType: recurring ? 'subscription-order' : 'one-time-order',
    billingStatus: 'unpaid',
    websiteId: data.websiteId,
    customerId: customer.id,
    currency: cart.currency,
    initialInvoiceId: invoiceId,
    recentInvoiceId: invoiceId,
    items: data.items.map((/** @type {any} */ item) => ({ planId: item.planId, quantity: item.quantity, plan: view(ctx.state.plans[item.planId]) })),
    deliveryAddress: data.deliveryAddress ?? null,
    billingAddress,
    couponIds: data.couponIds ?? [],
    poNumber: data.poNumber ?? null,
    status: 'pending',
    activationTime: null,
    createdTime: time,
    updatedTime: time,
    _links: [{ rel: 'self', href: `/storefront/orders/${orderId}` }],
  };
  const txn = createTransaction(ctx, {
    customerId: customer.id,
    type: c.total === 0 ? 'setup' : 'sale',
    amountCents: c.total,
    currency: cart.currency,
    invoiceIds: [invoiceId],
    orderIds: [orderId],
    planIds,
    instrument,
    redirectUrl: data.redirectUrl,
    billingAddress,
    websiteId: data.websiteId,
  });
  await runGateway(ctx, txn, checked.outcome);
  const token = ctx.auth.kind === 'jwt' ? undefined : sessionToken(ctx, customer.id, { websiteId: data.websiteId, invoiceId, transactionId: txn.id, orderId });
  return {
    status: 201,
    body: { orderId, invoice: view({ ...invoice, transactions: [txn] }), transaction: view(txn), ...(token ? { token } : {}) },
  };
}

/** @param {Ctx} ctx */
async function payment(ctx) {
  const body = /** @type {any} */ (ctx.body);
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalid('transactionId', 'Provide one of transactionId, invoiceId, or websiteId with amount and currency');
  const modes = ['transactionId', 'invoiceId', 'websiteId'].filter((key) => body[key] !== undefined);
  if (modes.length !== 1) {
    throw new ApiError(
      422,
      'Provide exactly one of transactionId, invoiceId, or websiteId with amount and currency',
      (modes.length ? modes : ['transactionId', 'invoiceId', 'websiteId']).map((field) => ({ field, message: 'Provide exactly one of transactionId, invoiceId, or websiteId' })),
    );
  }
  const mode = modes[0];
  const schema = mode === 'transactionId' ? S.PaymentForTransaction : mode === 'invoiceId' ? S.PaymentForInvoice : S.PaymentForAmount;
  const data = parse(ctx, schema);
  if ((data.token === undefined) === (data.paymentInstrumentId === undefined)) {
    throw new ApiError(422, 'Provide exactly one of token or paymentInstrumentId', [
      { field: 'token', message: 'Provide exactly one of token or paymentInstrumentId' },
      { field: 'paymentInstrumentId', message: 'Provide exactly one of token or paymentInstrumentId' },
    ]);
  }
  if (mode !== 'websiteId' && ctx.auth.kind !== 'jwt') {
    throw forbidden('Paying an invoice or a transaction needs a customer JWT');
  }
  const existingCustomerId = ctx.auth.kind === 'jwt' ? ctx.auth.customerId : null;

  if (mode === 'transactionId') {
    const original = load(ctx, 'transactions', data.transactionId, 'Transaction', 'transaction');
    if (original.status !== 'pending') {
      throw conflict(`Transaction "${original.id}" is not payable (status ${original.status}, result ${original.result})`);
    }
    const checked = checkInstruction(ctx, data, '', existingCustomerId);
    const instrument = useInstruction(ctx, checked, original.customerId);
    const outcome = checked.outcome === 'declined' ? 'declined' : checked.outcome;
    if (outcome === 'declined') {
      // A decline leaves the pending transaction payable: the attempt is recorded as a new child transaction.
      const attempt = createTransaction(ctx, {
        customerId: original.customerId,
        amountCents: toCents(original.amount),
        currency: original.currency,
        invoiceIds: [...original.invoiceIds],
        orderIds: [...original.orderIds],
        planIds: [...original.planIds],
        instrument,
        redirectUrl: data.redirectUrl,
        websiteId: original.websiteId,
      });
      attempt.parentTransactionId = original.id;
      original.childTransactions.push(attempt.id);
      settleTransaction(ctx.state, attempt, 'declined');
      return { status: 201, body: view(attempt), headers: transactionLocation(ctx, attempt) };
    }
    original.paymentInstrument = { method: instrument.method ?? 'payment-card', paymentInstrumentId: instrument.id };
    if (data.redirectUrl !== undefined) original.redirectUrl = data.redirectUrl;
    original.billingAddress = original.billingAddress ?? instrument.billingAddress ?? null;
    await runGateway(ctx, original, outcome);
    return { status: 200, body: view(original) };
  }

  if (mode === 'invoiceId') {
    const invoice = load(ctx, 'invoices', data.invoiceId, 'Invoice', 'invoice');
    if (!['unpaid', 'partially-paid', 'past-due'].includes(invoice.status) || toCents(invoice.amountDue) <= 0) {
      throw conflict(`Invoice "${invoice.id}" is not payable (status ${invoice.status})`);
    }
    const checked = checkInstruction(ctx, data, '', existingCustomerId);
    const instrument = useInstruction(ctx, checked, invoice.customerId);
    const txn = createTransaction(ctx, {
      customerId: invoice.customerId,
      amountCents: toCents(invoice.amountDue),
      currency: invoice.currency,
      invoiceIds: [invoice.id],
      orderIds: invoice.orderId ? [invoice.orderId] : [],
      instrument,
      redirectUrl: data.redirectUrl,
      websiteId: invoice.websiteId,
    });
    await runGateway(ctx, txn, checked.outcome);
    return { status: 201, body: view(txn), headers: transactionLocation(ctx, txn) };
  }

  requireWebsite(ctx, data.websiteId);
  const checked = checkInstruction(ctx, data, '', existingCustomerId);
  const customer = payingCustomer(ctx, checked.token?.billingAddress ?? null, data.websiteId);
  const instrument = useInstruction(ctx, checked, customer.id);
  const txn = createTransaction(ctx, {
    customerId: customer.id,
    amountCents: toCents(data.amount),
    currency: data.currency,
    instrument,
    redirectUrl: data.redirectUrl,
    websiteId: data.websiteId,
  });
  await runGateway(ctx, txn, checked.outcome);
  if (ctx.auth.kind !== 'jwt') txn.token = sessionToken(ctx, customer.id, { websiteId: data.websiteId, transactionId: txn.id });
  const reply = view(txn);
  delete txn.token; // the session token is returned once, never stored on the transaction
  return { status: 201, body: reply, headers: transactionLocation(ctx, txn) };
}

/** @param {Ctx} ctx */
function postToken(ctx) {
  const method = /** @type {any} */ (ctx.body)?.method;
  if (method === 'paypal' || method === 'digital-wallet' || method === 'ach' || method === 'echeck') return postOtherToken(ctx, method);
  if (ALTERNATIVE_METHODS.has(method)) return postAlternativeToken(ctx);
  const data = parse(ctx, S.PaymentCardToken);
  const card = data.paymentInstrument;
  if (!luhnValid(card.pan)) throw invalid('paymentInstrument.pan', 'Card number is invalid');
  const today = new Date();
  if (card.expYear < today.getUTCFullYear() || (card.expYear === today.getUTCFullYear() && card.expMonth < today.getUTCMonth() + 1)) {
    throw new ApiError(422, 'Card has expired', [
      { field: 'paymentInstrument.expYear', message: 'Card has expired' },
      { field: 'paymentInstrument.expMonth', message: 'Card has expired' },
    ]);
  }
  return createToken(ctx, 'payment-card', {
    paymentInstrument: { bin: card.pan.slice(0, 6), last4: card.pan.slice(-4), brand: detectBrand(card.pan), expMonth: card.expMonth, expYear: card.expYear },
    billingAddress: data.billingAddress ?? null,
    riskMetadata: data.riskMetadata ?? null,
    _outcome: cardOutcome(card.pan),
    _fingerprint: `fp-${card.pan.slice(0, 6)}${card.pan.slice(-4)}`,
  });
}

/**
 * Stores a new single-use token (valid 30 minutes) and answers 201: what every kind of token shares, then
 * its own `fields` (instrument, address, the outcome it leads to, a fingerprint other than its id).
 * @param {Ctx} ctx @param {string} method @param {Record<string, unknown>} fields
 */
function createToken(ctx, method, fields) {
  const id = newId('tok');
  const time = now();
  /** @type {Resource} */
  const token = {
    id,
    method,
    isUsed: false,
    createdTime: time,
    updatedTime: time,
    usageTime: null,
    expirationTime: new Date(Date.now() + 30 * 60_000).toISOString(),
    _outcome: 'approved',
    _fingerprint: `fp-${id}`,
    ...fields,
    _links: [{ rel: 'self', href: `/tokens/${id}` }],
  };
  ctx.state.tokens[id] = token;
  return { status: 201, body: view(token) };
}

/**
 * PayPal, digital-wallet and bank-account tokens (`CompositeToken`'s PayPalToken, DigitalWalletToken,
 * BankAccountToken). A wallet `payload.testCard` (a test card number) picks the card behind the wallet, and
 * so the payment outcome (default 4111111111111111); `payload.billingAddress` becomes the token's address.
 * @param {Ctx} ctx @param {'paypal' | 'digital-wallet' | 'ach' | 'echeck'} method
 */
function postOtherToken(ctx, method) {
  if (method === 'paypal') {
    const data = parse(ctx, S.PayPalToken);
    return createToken(ctx, method, { paymentInstrument: data.paymentInstrument, billingAddress: data.billingAddress ?? null, riskMetadata: data.riskMetadata ?? null });
  }
  if (method === 'digital-wallet') {
    const data = parse(ctx, S.DigitalWalletToken);
    const { payload, ...instrument } = data.paymentInstrument;
    const pan = typeof payload.testCard === 'string' ? payload.testCard : '4111111111111111';
    if (!luhnValid(pan)) throw invalid('paymentInstrument.payload.testCard', 'Card number is invalid');
    const address = S.ContactObject.safeParse(payload.billingAddress);
    const year = new Date().getUTCFullYear() + 3;
    return createToken(ctx, method, {
      paymentInstrument: { ...instrument, bin: pan.slice(0, 6), last4: pan.slice(-4), fpanLast4: pan.slice(-4), brand: detectBrand(pan), expMonth: 12, expYear: year },
      billingAddress: address.success ? address.data : null,
      riskMetadata: data.riskMetadata ?? null,
      _outcome: cardOutcome(pan),
      _fingerprint: `fp-${pan.slice(0, 6)}${pan.slice(-4)}`,
    });
  }
  const data = parse(ctx, S.BankAccountToken);
  const { accountNumber, ...instrument } = data.paymentInstrument;
  return createToken(ctx, method, { paymentInstrument: { ...instrument, last4: accountNumber.slice(-4) }, billingAddress: data.billingAddress, riskMetadata: data.riskMetadata ?? null });
}

/**
 * `AlternativePaymentToken` (`{method, billingAddress}`): an offsite method, paid by approving it on the
 * provider's page (the emulator's approval page; Skrill's refuses to be framed).
 * @param {Ctx} ctx
 */
function postAlternativeToken(ctx) {
  const data = parse(ctx, S.AlternativePaymentToken);
  return createToken(ctx, data.method, { billingAddress: data.billingAddress, riskMetadata: data.riskMetadata ?? null, _outcome: 'offsite' });
}

/** @param {Ctx} ctx */
function getToken(ctx) {
  return { status: 200, body: view(load(ctx, 'tokens', ctx.params.token, 'Token')) };
}

/** @param {Ctx} ctx */
function getAccount(ctx) {
  const customer = load(ctx, 'customers', /** @type {string} */ (ctx.auth.customerId), 'Customer');
  return {
    status: 200,
    body: {
      id: customer.id,
      websiteId: customer.websiteId,
      username: customer.email,
      primaryAddress: customer.primaryAddress,
      defaultPaymentInstrument: customer.defaultPaymentInstrumentId ? { method: 'payment-card', paymentInstrumentId: customer.defaultPaymentInstrumentId } : null,
      defaultPaymentInstrumentId: customer.defaultPaymentInstrumentId,
      preferredPayoutInstrumentId: null,
      isVerified: true,
      createdTime: customer.createdTime,
      updatedTime: customer.updatedTime,
      taxNumbers: [],
      notificationEmails: [],
      _links: [{ rel: 'self', href: '/storefront/account' }],
    },
  };
}

/** @param {Ctx} ctx */
function getInvoice(ctx) {
  const invoice = load(ctx, 'invoices', ctx.params.id, 'Invoice', 'invoice');
  const transactions = invoice._transactionIds.map((/** @type {string} */ id) => ctx.state.transactions[id]).filter(Boolean);
  return { status: 200, body: view({ ...invoice, transactions }) };
}

/** @param {Ctx} ctx */
const getTransaction = (ctx) => ({ status: 200, body: view(load(ctx, 'transactions', ctx.params.id, 'Transaction', 'transaction')) });
/** @param {Ctx} ctx */
const getOrder = (ctx) => ({ status: 200, body: view(load(ctx, 'orders', ctx.params.id, 'Order', 'order')) });
/** @param {Ctx} ctx */
const getWebsite = (ctx) => ({ status: 200, body: view(load(ctx, 'websites', ctx.params.id, 'Website')) });
/** @param {Ctx} ctx */
const getPlan = (ctx) => ({ status: 200, body: view(load(ctx, 'plans', ctx.params.id, 'Plan')) });
/** @param {Ctx} ctx */
const getProduct = (ctx) => ({ status: 200, body: view(load(ctx, 'products', ctx.params.id, 'Product')) });
/** @param {Ctx} ctx */
const getDepositRequest = (ctx) => ({ status: 200, body: view(load(ctx, 'depositRequests', ctx.params.id, 'Deposit request', 'depositRequest')) });
/** @param {Ctx} ctx */
const getDepositStrategy = (ctx) => ({ status: 200, body: view(load(ctx, 'depositStrategies', ctx.params.id, 'Deposit strategy')) });
/** @param {Ctx} ctx */
const getPayoutRequest = (ctx) => ({ status: 200, body: view(load(ctx, 'payoutRequests', ctx.params.id, 'Payout request', 'payoutRequest')) });

/**
 * A collection reply with the Pagination-* headers; supports `limit`, `offset` and a `filter` of
 * `field:value[,value]` pairs separated by `;`.
 * @param {Ctx} ctx @param {Resource[]} items
 */
function collection(ctx, items) {
  const filter = ctx.query.get('filter');
  if (filter) {
    for (const clause of filter.split(';')) {
      const [field, values] = clause.split(':');
      if (!field || values === undefined) continue;
      const allowed = values.split(',');
      items = items.filter((item) => allowed.includes(String(item[field])));
    }
  }
  const limit = Math.min(1000, Math.max(0, Number(ctx.query.get('limit') ?? 100) || 100));
  const offset = Math.max(0, Number(ctx.query.get('offset') ?? 0) || 0);
  return {
    status: 200,
    body: view(items.slice(offset, offset + limit)),
    headers: { 'Pagination-Total': String(items.length), 'Pagination-Limit': String(limit), 'Pagination-Offset': String(offset) },
  };
}

/** @param {Ctx} ctx @param {string} name @param {'transaction' | 'invoice' | 'order' | 'depositRequest' | 'payoutRequest' | 'paymentInstrument'} kind */
function customerCollection(ctx, name, kind) {
  const items = Object.values(ctx.state[name]).filter((r) => {
    try {
      assertAccess(ctx, kind, r);
      return true;
    } catch {
      return false;
    }
  });
  return collection(ctx, items);
}

/** @param {Ctx} ctx */
function postPaymentInstrument(ctx) {
  const data = parse(ctx, S.PostPaymentInstrument);
  const existingCustomerId = ctx.auth.kind === 'jwt' ? ctx.auth.customerId : null;
  const checked = checkInstruction(ctx, { token: data.token }, '', existingCustomerId);
  const customer = payingCustomer(ctx, checked.token?.billingAddress ?? null, 'demo-website');
  const instrument = useInstruction(ctx, checked, customer.id);
  if (data.customFields) instrument.customFields = data.customFields;
  const body = view(instrument);
  body.token = sessionToken(ctx, customer.id, { paymentInstrumentId: instrument.id });
  return { status: 201, body, headers: { Location: `${ctx.apiBase}/storefront/payment-instruments/${instrument.id}` } };
}

/** @param {Ctx} ctx */
async function postPaymentInstrumentSetup(ctx) {
  const instrument = load(ctx, 'paymentInstruments', ctx.params.id, 'Payment instrument', 'paymentInstrument');
  const data = parse(ctx, S.PaymentInstrumentSetup);
  requireWebsite(ctx, data.websiteId);
  if (instrument.status !== 'active') throw invalid('id', `Payment instrument is ${instrument.status}`);
  const txn = createTransaction(ctx, {
    customerId: instrument.customerId,
    type: 'setup',
    amountCents: toCents(data.amount ?? 0),
    currency: data.currency,
    instrument,
    redirectUrl: data.redirectUrl,
    billingAddress: data.billingAddress ?? instrument.billingAddress,
    websiteId: data.websiteId,
  });
  await runGateway(ctx, txn, instrument._outcome ?? 'approved');
  return { status: 201, body: view(txn), headers: transactionLocation(ctx, txn) };
}

/** @param {Ctx} ctx */
function getPaymentInstrumentSetup(ctx) {
  const instrument = load(ctx, 'paymentInstruments', ctx.params.id, 'Payment instrument', 'paymentInstrument');
  const setups = Object.values(ctx.state.transactions).filter((t) => t.type === 'setup' && t.paymentInstrument?.paymentInstrumentId === instrument.id);
  const latest = setups.at(-1);
  if (!latest) throw notFound(`Setup transaction of payment instrument "${instrument.id}"`);
  return { status: 200, body: view(latest) };
}

/** @param {Ctx} ctx */
const getPaymentInstrument = (ctx) => ({ status: 200, body: view(load(ctx, 'paymentInstruments', ctx.params.id, 'Payment instrument', 'paymentInstrument')) });

/** @param {Ctx} ctx */
async function postDeposit(ctx) {
  const data = parse(ctx, S.Deposit);
  const request = ctx.state.depositRequests[data.depositRequestId];
  if (!request) throw notFound(`Deposit request "${data.depositRequestId}"`);
  assertAccess(ctx, 'depositRequest', request);
  if (request.status === 'completed' || request.status === 'expired' || Date.parse(request.expirationTime) <= Date.now()) {
    throw invalid('depositRequestId', `Deposit request is ${request.status}`);
  }
  const cents = toCents(data.amount);
  const preset = request.amounts.some((/** @type {number} */ a) => toCents(a) === cents);
  const custom = request.customAmount;
  if (!preset && custom) {
    if (cents < toCents(custom.minimum)) throw invalid('amount', `Amount must be at least ${custom.minimum} ${request.currency}`);
    if (cents > toCents(custom.maximum)) throw invalid('amount', `Amount must be at most ${custom.maximum} ${request.currency}`);
    if (cents % toCents(custom.multipleOf) !== 0) throw invalid('amount', `Amount must be a multiple of ${custom.multipleOf}`);
  } else if (!preset) {
    throw invalid('amount', 'Amount is not one of the offered amounts');
  }
  const hasInstruction = Boolean(data.token || data.paymentInstrumentId);
  if (data.token && data.paymentInstrumentId) throw invalid('token', 'Provide only one of token or paymentInstrumentId');
  const checked = hasInstruction ? checkInstruction(ctx, data, '', request.customerId) : null;
  const instrument = checked ? useInstruction(ctx, checked, request.customerId) : null;
  const txn = createTransaction(ctx, {
    customerId: request.customerId,
    amountCents: cents,
    currency: request.currency,
    instrument,
    redirectUrl: data.redirectUrl ?? request.redirectUrl,
    websiteId: request.websiteId,
  });
  txn.depositRequestId = request.id;
  request.transactionIds.push(txn.id);
  request.status = 'initiated';
  request.updatedTime = now();
  if (checked) await runGateway(ctx, txn, checked.outcome);
  return { status: 201, body: view(txn), headers: transactionLocation(ctx, txn) };
}

/** @param {Ctx} ctx */
function patchPayoutRequest(ctx) {
  const request = load(ctx, 'payoutRequests', ctx.params.id, 'Payout request', 'payoutRequest');
  const data = parse(ctx, S.PatchPayoutRequest);
  if (request.status !== 'pending') throw invalid('status', `Payout request is ${request.status}, not pending`);
  const instrument = ctx.state.paymentInstruments[data.paymentInstrumentId];
  if (!instrument || instrument.customerId !== request.customerId) throw invalid('paymentInstrumentId', 'Payment instrument not found');
  if (instrument.status !== 'active') throw invalid('paymentInstrumentId', `Payment instrument is ${instrument.status}`);
  request.paymentInstrumentId = instrument.id;
  request.status = 'in-progress';
  request.updatedTime = now();
  request._links = [...request._links.filter((/** @type {any} */ l) => l.rel !== 'paymentInstrument'), { rel: 'paymentInstrument', href: `/storefront/payment-instruments/${instrument.id}` }];
  return { status: 200, body: view(request) };
}

// ---------- customer authentication ----------

/** @param {Ctx} ctx */
function postAuthenticationToken(ctx) {
  const data = parse(ctx, S.AuthenticationToken);
  if (!ctx.state.customers[data.customerId]) throw invalid('customerId', `Customer "${data.customerId}" not found`);
  const token = randomBytes(24).toString('hex');
  const time = now();
  const record = {
    id: newId('authtok'),
    token,
    mode: data.mode,
    customerId: data.customerId,
    expiredTime: data.expiredTime ?? new Date(Date.now() + 10 * 60_000).toISOString(),
    createdTime: time,
    updatedTime: time,
    _used: false,
  };
  ctx.state.authenticationTokens[token] = record;
  return { status: 201, body: view(record) };
}

/** @param {Ctx} ctx */
function exchangeAuthenticationToken(ctx) {
  const data = parse(ctx, S.AuthenticationTokenExchange);
  const record = ctx.state.authenticationTokens[ctx.params.token];
  if (!record || record._used || Date.parse(record.expiredTime) <= Date.now()) throw notFound('Authentication token');
  if (data.invalidate !== false) record._used = true;
  const acl = data.acl ?? [{ scope: { organizationId: [ctx.organizationId] }, permissions: [...DEFAULT_CUSTOMER_PERMISSIONS] }];
  for (const entry of acl) {
    entry.scope.organizationId ??= [ctx.organizationId];
    entry.scope.customerId ??= [record.customerId];
  }
  const expiredTime = data.expiredTime ?? new Date(Date.now() + 3600_000).toISOString();
  const claims = data.customClaims ?? {};
  const jwt = signCustomerJwt({
    sandboxId: ctx.sandbox.id,
    organizationId: ctx.organizationId,
    customerId: record.customerId,
    acl,
    claims,
    exp: Math.floor(Date.parse(expiredTime) / 1000),
  });
  const time = now();
  return {
    status: 201,
    body: {
      id: newId('jwt'),
      type: 'customer',
      token: jwt,
      customerId: record.customerId,
      acl,
      customClaims: claims,
      createdTime: time,
      updatedTime: time,
      expiredTime,
      _links: [{ rel: 'customer', href: `/customers/${record.customerId}` }],
    },
    headers: { Location: `${ctx.apiBase}/authentication-tokens/${ctx.params.token}/exchange` },
  };
}

const JWT = /** @type {CredentialKind[]} */ (['jwt']);
const JWT_OR_PK = /** @type {CredentialKind[]} */ (['jwt', 'publishable']);

/** Every operation the emulator serves (paths relative to the organization base URL). */
/** @type {Operation[]} */
export const OPERATIONS = [
  { method: 'POST', path: '/storefront/ready-to-pay', operationId: 'StorefrontPostReadyToPay', accepts: JWT_OR_PK, handler: readyToPay },
  { method: 'POST', path: '/storefront/ready-to-payout', operationId: 'StorefrontPostReadyToPayout', accepts: JWT, handler: readyToPayout },
  { method: 'POST', path: '/storefront/preview-purchase', operationId: 'StorefrontPostPreviewPurchase', accepts: JWT_OR_PK, handler: previewPurchase },
  { method: 'POST', path: '/storefront/purchase', operationId: 'StorefrontPostPurchase', accepts: JWT_OR_PK, handler: purchase },
  { method: 'POST', path: '/storefront/payment', operationId: 'StorefrontPostPayment', accepts: JWT_OR_PK, handler: payment },
  { method: 'POST', path: '/storefront/deposit', operationId: 'StorefrontPostDeposit', accepts: JWT, handler: postDeposit },
  { method: 'GET', path: '/storefront/account', operationId: 'StorefrontGetAccount', accepts: JWT, handler: getAccount },
  { method: 'GET', path: '/storefront/invoices', operationId: 'StorefrontGetInvoiceCollection', accepts: JWT, handler: (ctx) => customerCollection(ctx, 'invoices', 'invoice') },
  { method: 'GET', path: '/storefront/invoices/:id', operationId: 'StorefrontGetInvoice', accepts: JWT, handler: getInvoice },
  { method: 'GET', path: '/storefront/transactions', operationId: 'StorefrontGetTransactionCollection', accepts: JWT, handler: (ctx) => customerCollection(ctx, 'transactions', 'transaction') },
  { method: 'GET', path: '/storefront/transactions/:id', operationId: 'StorefrontGetTransaction', accepts: JWT, handler: getTransaction },
  { method: 'GET', path: '/storefront/orders', operationId: 'StorefrontGetOrderCollection', accepts: JWT, handler: (ctx) => customerCollection(ctx, 'orders', 'order') },
  { method: 'GET', path: '/storefront/orders/:id', operationId: 'StorefrontGetOrder', accepts: JWT, handler: getOrder },
  { method: 'GET', path: '/storefront/payment-instruments', operationId: 'StorefrontGetPaymentInstrumentCollection', accepts: JWT, handler: (ctx) => customerCollection(ctx, 'paymentInstruments', 'paymentInstrument') },
  { method: 'POST', path: '/storefront/payment-instruments', operationId: 'StorefrontPostPaymentInstrument', accepts: JWT_OR_PK, handler: postPaymentInstrument },
  { method: 'GET', path: '/storefront/payment-instruments/:id', operationId: 'StorefrontGetPaymentInstrument', accepts: JWT, handler: getPaymentInstrument },
  { method: 'GET', path: '/storefront/payment-instruments/:id/setup', operationId: 'StorefrontGetPaymentInstrumentSetup', accepts: JWT, handler: getPaymentInstrumentSetup },
  { method: 'POST', path: '/storefront/payment-instruments/:id/setup', operationId: 'StorefrontPostPaymentInstrumentSetup', accepts: JWT, handler: postPaymentInstrumentSetup },
  { method: 'GET', path: '/storefront/websites/:id', operationId: 'StorefrontGetWebsite', accepts: JWT, handler: getWebsite },
  { method: 'GET', path: '/storefront/plans', operationId: 'StorefrontGetPlanCollection', accepts: JWT, handler: (ctx) => collection(ctx, Object.values(ctx.state.plans)) },
  { method: 'GET', path: '/storefront/plans/:id', operationId: 'StorefrontGetPlan', accepts: JWT, handler: getPlan },
  { method: 'GET', path: '/storefront/products', operationId: 'StorefrontGetProductCollection', accepts: JWT, handler: (ctx) => collection(ctx, Object.values(ctx.state.products)) },
  { method: 'GET', path: '/storefront/products/:id', operationId: 'StorefrontGetProduct', accepts: JWT, handler: getProduct },
  { method: 'GET', path: '/storefront/deposit-requests/:id', operationId: 'StorefrontGetDepositRequest', accepts: JWT, handler: getDepositRequest },
  { method: 'GET', path: '/storefront/deposit-strategies/:id', operationId: 'StorefrontGetDepositStrategy', accepts: JWT, handler: getDepositStrategy },
  { method: 'GET', path: '/storefront/payout-requests', operationId: 'StorefrontGetPayoutRequestCollection', accepts: JWT, handler: (ctx) => customerCollection(ctx, 'payoutRequests', 'payoutRequest') },
  { method: 'GET', path: '/storefront/payout-requests/:id', operationId: 'StorefrontGetPayoutRequest', accepts: JWT, handler: getPayoutRequest },
  { method: 'PATCH', path: '/storefront/payout-requests/:id', operationId: 'StorefrontPatchPayoutRequest', accepts: JWT, handler: patchPayoutRequest },
  { method: 'POST', path: '/tokens', operationId: 'PostToken', accepts: ['publishable', 'secret', 'jwt'], handler: postToken },
  { method: 'GET', path: '/tokens/:token', operationId: 'GetToken', accepts: ['publishable'], handler: getToken },
  { method: 'POST', path: '/authentication-tokens', operationId: 'PostAuthenticationToken', accepts: ['secret'], handler: postAuthenticationToken },
  { method: 'POST', path: '/authentication-tokens/:token/exchange', operationId: 'PostAuthenticationTokenExchange', accepts: ['secret', 'jwt', 'publishable'], handler: exchangeAuthenticationToken },
];

OPERATIONS.push(...MERCHANT_INVOICE_OPERATIONS);

/**
 * Finds the operation for a method and path (relative to the organization base).
 * @param {string} method @param {string} path
 * @returns {{operation: Operation | null, params: Record<string, string>, pathKnown: boolean}}
 */
export function matchOperation(method, path) {
  const parts = path.split('/').filter(Boolean);
  let pathKnown = false;
  for (const operation of OPERATIONS) {
    const pattern = operation.path.split('/').filter(Boolean);
    if (pattern.length !== parts.length) continue;
    /** @type {Record<string, string>} */
    const params = {};
    let ok = true;
    for (let i = 0; i < pattern.length; i++) {
      if (pattern[i].startsWith(':')) params[pattern[i].slice(1)] = decodeURIComponent(parts[i]);
      else if (pattern[i] !== parts[i]) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    pathKnown = true;
    if (operation.method === method) return { operation, params, pathKnown };
  }
  return { operation: null, params: {}, pathKnown };
}

export { grantsFor };
