import { expect } from '@open-wc/testing';
import {
  ApiError,
  clearStorefrontClients,
  getStorefrontClient,
  PostToken,
  setStorefrontClientDefaults,
  StorefrontGetAccount,
  StorefrontGetDepositRequest,
  StorefrontGetDepositStrategy,
  StorefrontGetInvoice,
  StorefrontGetPaymentInstrumentCollection,
  StorefrontGetPayoutRequest,
  StorefrontGetPlanCollection,
  StorefrontGetTransaction,
  StorefrontGetWebsite,
  StorefrontPatchPayoutRequest,
  StorefrontPostDeposit,
  StorefrontPostPayment,
  StorefrontPostPaymentInstrument,
  StorefrontPostPaymentInstrumentSetup,
  StorefrontPostReadyToPayout,
  type StorefrontClient,
} from '../../src/api/index.js';
import { newSandbox, SEED, type Sandbox } from '../helpers/emulator.js';

describe('Storefront operations (every typed function against the emulator)', () => {
  let sandbox: Sandbox;
  let alice: StorefrontClient;

  beforeEach(async () => {
    setStorefrontClientDefaults({ retries: 1, backoffMs: 5, maxBackoffMs: 10 });
    sandbox = await newSandbox();
    const jwt = await sandbox.customerJwt({ customerId: SEED.customers.alice });
    alice = getStorefrontClient({ apiUrl: sandbox.url, organizationId: SEED.organizationId, credential: { kind: 'jwt', value: jwt } });
  });

  afterEach(() => {
    setStorefrontClientDefaults();
    clearStorefrontClients();
  });

  it('reads the website, account, saved instruments, plans, invoice and transaction', async () => {
    const [website, account, instruments, plans, invoice, transaction] = await Promise.all([
      StorefrontGetWebsite(alice, SEED.websiteId),
      StorefrontGetAccount(alice),
      StorefrontGetPaymentInstrumentCollection(alice, { limit: 100 }),
      StorefrontGetPlanCollection(alice),
      StorefrontGetInvoice(alice, 'inv-unpaid'),
      StorefrontGetTransaction(alice, 'txn-completed'),
    ]);
    expect(website.id).to.equal(SEED.websiteId);
    expect(account.id).to.equal(SEED.customers.alice);
    expect(instruments.map((i) => i.id)).to.include('inst-alice-visa');
    expect(plans.map((p) => p.id)).to.include(SEED.plans.starter);
    expect(invoice.id).to.equal('inv-unpaid');
    expect(invoice.amountDue).to.be.a('number');
    expect(transaction.result).to.equal('approved');
    const log = await sandbox.log();
    expect(log.find((r) => r.operationId === 'StorefrontGetPaymentInstrumentCollection')!.query).to.equal('limit=100');
  });

  it('pays an invoice with a saved instrument; paying a paid invoice is not-payable (409)', async () => {
    const transaction = await StorefrontPostPayment(alice, { invoiceId: 'inv-unpaid', paymentInstrumentId: 'inst-alice-visa' });
    expect(transaction.result).to.equal('approved');
    const error = await StorefrontPostPayment(alice, { invoiceId: 'inv-paid', paymentInstrumentId: 'inst-alice-visa' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(ApiError);
    expect((error as ApiError).code).to.equal('not-payable');
    expect((error as ApiError).status).to.equal(409);
    expect((error as ApiError).retryable).to.equal(false);
  });

  it('reads a deposit request and its strategy, then deposits in one step', async () => {
    const request = await StorefrontGetDepositRequest(alice, 'depreq-1');
    expect(request.currency).to.equal('USD');
    expect(request.amounts).to.include(50);
    expect(request.customAmount?.multipleOf).to.equal(5);
    const strategy = await StorefrontGetDepositStrategy(alice, 'depstrat-1');
    expect(strategy.amounts?.increments).to.be.an('array');
    expect(strategy.customAmount?.minimum).to.equal(10);
    const transaction = await StorefrontPostDeposit(alice, {
      depositRequestId: 'depreq-1',
      amount: 50,
      paymentInstrumentId: 'inst-alice-visa',
    });
    expect(transaction.id).to.be.a('string');
    expect(transaction.amount).to.equal(50);
  });

  it('reads a payout request, asks ready-to-payout and chooses the instrument', async () => {
    const request = await StorefrontGetPayoutRequest(alice, 'payoutreq-pending');
    expect(request.status).to.equal('pending');
    const methods = await StorefrontPostReadyToPayout(alice, { websiteId: SEED.websiteId, amount: 75, currency: 'USD' });
    expect(methods.map((m) => m.method)).to.include('payment-card');
    const updated = await StorefrontPatchPayoutRequest(alice, 'payoutreq-pending', { paymentInstrumentId: 'inst-alice-visa' });
    expect(updated.paymentInstrumentId).to.equal('inst-alice-visa');
    const body = (await sandbox.log()).find((r) => r.operationId === 'StorefrontPostReadyToPayout' && !r.preflight)!.body as Record<string, unknown>;
    expect(body['riskMetadata']).to.be.an('object');
  });

  it('creates an instrument with the publishable key, then sets it up with its token (JWT)', async () => {
    const pk = getStorefrontClient({
      apiUrl: sandbox.url,
      organizationId: SEED.organizationId,
      credential: { kind: 'publishable', value: SEED.publishableKey },
    });
    const token = await PostToken(pk, {
      method: 'payment-card',
      paymentInstrument: { pan: SEED.cards.approved, cvv: '123', expMonth: 1, expYear: new Date().getFullYear() + 3 },
      billingAddress: { firstName: 'Ada', lastName: 'Lovelace' },
    });
    const instrument = await StorefrontPostPaymentInstrument(pk, { token: token.id });
    expect(instrument.id).to.be.a('string');
    expect(instrument.token).to.be.a('string');
    const setup = await StorefrontPostPaymentInstrumentSetup(
      pk.withCredential({ kind: 'jwt', value: instrument.token! }),
      instrument.id,
      { websiteId: SEED.websiteId, currency: 'USD' },
    );
    expect(setup.type).to.equal('setup');
  });
});
