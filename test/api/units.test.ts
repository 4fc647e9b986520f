import { expect } from '@open-wc/testing';
import {
  ApiError,
  codeForStatus,
  collectRiskMetadata,
  parseRetryAfter,
  PaymentMethodsSchema,
  toErrorDetail,
  isAbortError,
} from '../../src/api/index.js';

describe('api units', () => {
  describe('ready-to-pay normalisation', () => {
    const card = { method: 'payment-card', brands: ['Visa'] };
    const paypal = { method: 'paypal' };

    it('keeps an array as is, in order', () => {
      const result = PaymentMethodsSchema.safeParse([card, paypal]);
      expect(result.success && result.data).to.deep.equal([card, paypal]);
    });

    it('turns an object of methods into an array, in order (like Object.values)', () => {
      const result = PaymentMethodsSchema.safeParse({ 0: card, 1: paypal });
      expect(result.success && result.data).to.deep.equal([card, paypal]);
    });

    it('treats a single method object as a one-item list', () => {
      const result = PaymentMethodsSchema.safeParse(card);
      expect(result.success && result.data).to.deep.equal([card]);
    });

    it('rejects a body that is not a list of methods', () => {
      expect(PaymentMethodsSchema.safeParse('nope').success).to.equal(false);
      expect(PaymentMethodsSchema.safeParse([{ nomethod: true }]).success).to.equal(false);
      expect(PaymentMethodsSchema.safeParse(null).success).to.equal(false);
    });
  });

  describe('parseRetryAfter', () => {
    const now = 1_700_000_000_000;
    it('reads the contract form (UTC timestamp in seconds)', () => {
      expect(parseRetryAfter(String(now / 1000 + 5), now)).to.equal(5_000);
      expect(parseRetryAfter(String(now / 1000 - 5), now)).to.equal(0);
    });
    it('tolerates ms timestamps, seconds-from-now and HTTP-dates', () => {
      expect(parseRetryAfter(String(now + 2_000), now)).to.equal(2_000);
      expect(parseRetryAfter('3', now)).to.equal(3_000);
      expect(parseRetryAfter(new Date(now + 10_000).toUTCString(), now)).to.equal(10_000);
    });
    it('returns undefined when unreadable', () => {
      expect(parseRetryAfter(null, now)).to.equal(undefined);
      expect(parseRetryAfter('', now)).to.equal(undefined);
      expect(parseRetryAfter('soon', now)).to.equal(undefined);
    });
  });

  describe('error mapping', () => {
    it('maps statuses onto error codes', () => {
      expect(codeForStatus(400)).to.equal('validation-failed');
      expect(codeForStatus(401)).to.equal('unauthorized');
      expect(codeForStatus(403)).to.equal('forbidden');
      expect(codeForStatus(404)).to.equal('not-found');
      expect(codeForStatus(409)).to.equal('not-payable');
      expect(codeForStatus(422)).to.equal('validation-failed');
      expect(codeForStatus(429)).to.equal('rate-limited');
      expect(codeForStatus(500)).to.equal('server');
      expect(codeForStatus(503)).to.equal('server');
    });

    it('toErrorDetail copies an ApiError', () => {
      const error = new ApiError({
        code: 'validation-failed',
        status: 422,
        problem: { title: 'Invalid data', status: 422, detail: 'Bad card' },
        invalidFields: [{ field: 'paymentInstrument.pan', message: 'is invalid' }],
      });
      expect(error.message).to.equal('Bad card');
      expect(toErrorDetail(error)).to.deep.equal({
        code: 'validation-failed',
        message: 'Bad card',
        retryable: false,
        status: 422,
        problem: { title: 'Invalid data', status: 422, detail: 'Bad card' },
        invalidFields: [{ field: 'paymentInstrument.pan', message: 'is invalid' }],
      });
    });

    it('toErrorDetail handles coded errors, TypeErrors, aborts and anything else', () => {
      const coded = Object.assign(new Error('Not available yet.'), { code: 'invalid-config' });
      expect(toErrorDetail(coded)).to.deep.equal({ code: 'invalid-config', message: 'Not available yet.', retryable: false });
      expect(toErrorDetail(new TypeError('Failed to fetch')).code).to.equal('network');
      expect(toErrorDetail(new DOMException('x', 'AbortError')).code).to.equal('network');
      const unknown = toErrorDetail('boom', 'Could not load the checkout.');
      expect(unknown).to.deep.equal({ code: 'server', message: 'Could not load the checkout.', retryable: true });
      expect(toErrorDetail(new Error('secret pk_live_x')).message).not.to.contain('pk_live_x');
    });

    it('isAbortError tells an abort from failures', () => {
      expect(isAbortError(new DOMException('x', 'AbortError'))).to.equal(true);
      expect(isAbortError(new DOMException('x', 'TimeoutError'))).to.equal(false);
      expect(isAbortError(new ApiError({ code: 'timeout' }))).to.equal(false);
      expect(isAbortError(new TypeError('Failed to fetch'))).to.equal(false);
    });
  });

  describe('collectRiskMetadata', () => {
    it('fills browserData per the RiskMetadata schema', () => {
      const { browserData, httpHeaders } = collectRiskMetadata();
      expect(browserData).to.be.an('object');
      const data = browserData!;
      expect(data.colorDepth).to.be.within(1, 48);
      expect(Number.isInteger(data.screenWidth) && data.screenWidth >= 0 && data.screenWidth <= 65535).to.equal(true);
      expect(Number.isInteger(data.screenHeight)).to.equal(true);
      expect(data.timeZoneOffset).to.equal(new Date().getTimezoneOffset());
      expect(data.language.length).to.be.within(1, 8);
      expect(data.isJavaEnabled).to.be.a('boolean');
      expect(httpHeaders?.['User-Agent']).to.equal(navigator.userAgent);
    });
  });
});

describe('members the contract types as non-nullable', () => {
  // The emulator leaves them out (as the contract says); the live API may send null: both parse.
  const transaction = { id: 't1', status: 'completed', result: 'approved', amount: 10, currency: 'USD' };
  const nullable = { parentTransactionId: null, processedTime: null, gateway: null, billingAddress: null, paymentInstrument: null };
  const invoice = { id: 'in1', status: 'unpaid', amount: 10, amountDue: 10, currency: 'USD' };
  const invoiceNulls = { billingAddress: null, deliveryAddress: null, paidTime: null, voidedTime: null, abandonedTime: null };

  it('accepts them absent and null', async () => {
    const { TransactionSchema, InvoiceSchema } = await import('../../src/api/schemas.js');
    for (const value of [transaction, { ...transaction, ...nullable }]) expect(TransactionSchema.safeParse(value).success).to.equal(true);
    for (const value of [invoice, { ...invoice, ...invoiceNulls }]) expect(InvoiceSchema.safeParse(value).success).to.equal(true);
    const { PayoutRequestSchema } = await import('../../src/api/customer-schemas.js');
    const payout = { id: 'p1', status: 'pending', amount: 75, currency: 'USD' };
    for (const value of [payout, { ...payout, paymentInstrumentId: null }]) expect(PayoutRequestSchema.safeParse(value).success).to.equal(true);
  });
});
