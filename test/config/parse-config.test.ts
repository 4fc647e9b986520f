import { expect } from '@open-wc/testing';
import {
  DEFAULT_API_URLS,
  formatIssues,
  parseConfig,
  parseJsonAttribute,
  readJwt,
  type Config,
  type ConfigResult,
  type RawOptions,
} from '../../src/config/index.js';

const KEY = 'pk_sandbox_abc123';
const LIVE_KEY = 'pk_live_abc123';
const NOW = Date.UTC(2026, 0, 1);

function b64url(value: unknown): string {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  bytes.forEach((b) => (binary += String.fromCharCode(b)));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function makeJwt(payload: Record<string, unknown>): string {
  return `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url(payload)}.c2lnbmF0dXJl`;
}

const future = Math.floor(NOW / 1000) + 3600;
const JWT = makeJwt({ exp: future, merchant: 'org-from-jwt', customerId: 'cus-1', claims: { websiteId: 'web-from-jwt' } });

const base: RawOptions = { publishableKey: KEY, organizationId: 'org-1', websiteId: 'web-1' };

function ok(raw: RawOptions): Config {
  const result = parseConfig(raw, NOW);
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${'message' in result ? result.message : result.missing}`);
  return result.config;
}

type Failure = Extract<ConfigResult, { ok: false; issues: unknown }>;

function failure(raw: RawOptions): Failure {
  const result = parseConfig(raw, NOW);
  if (result.ok) throw new Error(`expected a failure, got mode ${result.config.mode}`);
  if (result.code === 'incomplete') throw new Error(`expected a failure, got incomplete: ${result.missing.join(', ')}`);
  return result;
}

/** The options still missing, for a config that must be incomplete (not invalid, not ok). */
function missing(raw: RawOptions): string[] {
  const result = parseConfig(raw, NOW);
  if (result.ok || result.code !== 'incomplete') {
    throw new Error(`expected incomplete, got ${result.ok ? `mode ${result.config.mode}` : `${result.code}: ${result.message}`}`);
  }
  return result.missing;
}

function fields(raw: RawOptions): string[] {
  return failure(raw).issues.map((i) => i.field);
}

describe('parseConfig', () => {
  describe('purchase data is required (incomplete, not invalid, while it is missing)', () => {
    it('is incomplete, missing purchaseData, when no purchase data and no jwt is given', () => {
      expect(missing({ ...base })).to.deep.equal(['purchaseData']);
      expect(missing({})).to.deep.equal(['purchaseData']);
    });

    it('treats null, undefined and blank strings as not set', () => {
      expect(missing({ ...base, items: null, money: '', invoiceId: '   ', deposit: undefined, payout: ' ' })).to.deep.equal([
        'purchaseData',
      ]);
    });
  });

  describe('items', () => {
    it('accepts a cart and resolves the defaults', () => {
      const config = ok({ ...base, items: [{ planId: 'plan-a', quantity: 2, thumbnail: 'https://x.test/a.png' }] });
      expect(config.mode).to.equal('items');
      if (config.mode !== 'items') return;
      expect(config.items).to.deep.equal([{ planId: 'plan-a', quantity: 2, thumbnail: 'https://x.test/a.png' }]);
      expect(config.credential).to.deep.equal({ kind: 'publishable', value: KEY });
      expect(config.apiMode).to.equal('sandbox');
      expect(config.apiUrl).to.equal(DEFAULT_API_URLS.sandbox);
      expect(config.organizationId).to.equal('org-1');
      expect(config.websiteId).to.equal('web-1');
      expect(config.transactionType).to.equal('purchase');
    });

    it('accepts the attribute form (JSON text) like the property form', () => {
      const config = ok({ ...base, items: '[{"planId":"plan-a","quantity":1}]' });
      expect(config.mode === 'items' && config.items).to.deep.equal([{ planId: 'plan-a', quantity: 1 }]);
    });

    it('drops unknown item members', () => {
      const config = ok({ ...base, items: [{ planId: 'plan-a', quantity: 1, price: 5 }] });
      expect(config.mode === 'items' && config.items[0]).to.deep.equal({ planId: 'plan-a', quantity: 1 });
    });

    it('reports invalid JSON as an issue on the option', () => {
      const result = failure({ ...base, items: '[{planId: plan-a}]' });
      expect(result.code).to.equal('invalid-config');
      expect(result.issues).to.deep.equal([{ field: 'items', message: 'is not valid JSON' }]);
      expect(result.message).to.contain('items: is not valid JSON');
    });

    it('requires a planId on every item', () => {
      const result = failure({ ...base, items: [{ quantity: 1 }, { planId: '', quantity: 1 }, { planId: 7, quantity: 1 }] });
      expect(result.issues).to.deep.equal([
        { field: 'items.0.planId', message: 'is required' },
        { field: 'items.1.planId', message: 'must be a non-empty string' },
        { field: 'items.2.planId', message: 'must be a non-empty string' },
      ]);
    });

    it('requires a positive integer quantity on every item', () => {
      const result = failure({
        ...base,
        items: [
          { planId: 'a', quantity: 0 },
          { planId: 'b', quantity: -1 },
          { planId: 'c', quantity: 1.5 },
          { planId: 'd', quantity: '2' },
          { planId: 'e' },
        ],
      });
      expect(result.issues).to.deep.equal([
        { field: 'items.0.quantity', message: 'must be a positive integer' },
        { field: 'items.1.quantity', message: 'must be a positive integer' },
        { field: 'items.2.quantity', message: 'must be a positive integer' },
        { field: 'items.3.quantity', message: 'must be a positive integer' },
        { field: 'items.4.quantity', message: 'is required' },
      ]);
      expect(result.message).to.contain('items[0].quantity: must be a positive integer');
    });

    it('rejects an empty cart, a non-array and a non-object item', () => {
      expect(failure({ ...base, items: [] }).issues).to.deep.equal([
        { field: 'items', message: 'must contain at least one item' },
      ]);
      expect(failure({ ...base, items: { planId: 'a', quantity: 1 } }).issues).to.deep.equal([
        { field: 'items', message: 'must be an array' },
      ]);
      expect(fields({ ...base, items: ['plan-a'] })).to.deep.equal(['items.0']);
    });

    it('checks the optional thumbnail is an http(s) URL (page-relative ones resolve)', () => {
      expect(ok({ ...base, items: [{ planId: 'a', quantity: 1, thumbnail: '/img/a.png' }] }).mode).to.equal('items');
      expect(failure({ ...base, items: [{ planId: 'a', quantity: 1, thumbnail: 'javascript:alert(1)' }] }).issues).to.deep.equal([
        { field: 'items.0.thumbnail', message: 'must be an http(s) URL' },
      ]);
    });
  });

  describe('money', () => {
    it('accepts an amount and an ISO 4217 currency', () => {
      const config = ok({ ...base, money: { amount: 50, currency: 'USD' } });
      expect(config.mode === 'money' && config.money).to.deep.equal({ amount: 50, currency: 'USD' });
    });

    it('upper-cases a lowercase currency', () => {
      const config = ok({ ...base, money: '{"amount": 9.99, "currency": "eur"}' });
      expect(config.mode === 'money' && config.money).to.deep.equal({ amount: 9.99, currency: 'EUR' });
    });

    it('needs amount > 0 and a 3-letter currency', () => {
      expect(failure({ ...base, money: { amount: 0, currency: 'USD' } }).issues).to.deep.equal([
        { field: 'money.amount', message: 'must be a number greater than 0' },
      ]);
      expect(fields({ ...base, money: { amount: -5, currency: 'USD' } })).to.deep.equal(['money.amount']);
      expect(fields({ ...base, money: { amount: '5', currency: 'USD' } })).to.deep.equal(['money.amount']);
      expect(fields({ ...base, money: { amount: 5, currency: 'US' } })).to.deep.equal(['money.currency']);
      expect(fields({ ...base, money: { amount: 5, currency: 'US1' } })).to.deep.equal(['money.currency']);
      expect(fields({ ...base, money: { amount: 5 } })).to.deep.equal(['money.currency']);
      expect(failure({ ...base, money: { currency: 'USD' } }).issues).to.deep.equal([
        { field: 'money.amount', message: 'is required' },
      ]);
    });
  });

  describe('modes that need a jwt', () => {
    for (const [option, value] of [
      ['invoiceId', 'in-1'],
      ['transactionId', 'tx-1'],
      ['deposit', { depositRequestId: 'dep-1' }],
      ['payout', { payoutRequestId: 'po-1' }],
    ] as const) {
      it(`${option} without jwt is incomplete, missing the jwt`, () => {
        expect(missing({ [option]: value })).to.deep.equal(['jwt']);
        expect(missing({ ...base, [option]: value })).to.deep.equal(['jwt']);
      });
    }

    it('invoiceId with jwt → invoice mode with the jwt credential', () => {
      const config = ok({ invoiceId: 'in-1', jwt: JWT });
      expect(config.mode).to.equal('invoice');
      if (config.mode !== 'invoice') return;
      expect(config.invoiceId).to.equal('in-1');
      expect(config.credential).to.deep.equal({ kind: 'jwt', value: JWT });
    });

    it('transactionId with jwt → transaction mode', () => {
      const config = ok({ transactionId: 'tx-1', jwt: JWT });
      expect(config.mode === 'transaction' && config.transactionId).to.equal('tx-1');
    });

    it('deposit needs depositRequestId or currency', () => {
      expect(ok({ deposit: { depositRequestId: 'dep-1' }, jwt: JWT }).mode).to.equal('deposit');
      const byCurrency = ok({ deposit: '{"currency":"usd","amount":25,"extra":true}', jwt: JWT });
      expect(byCurrency.mode === 'deposit' && byCurrency.deposit).to.deep.equal({ currency: 'USD', amount: 25, extra: true });
      expect(failure({ deposit: { amount: 10 }, jwt: JWT }).issues).to.deep.equal([
        { field: 'deposit', message: 'needs depositRequestId or currency' },
      ]);
    });

    it('payout needs payoutRequestId', () => {
      const config = ok({ payout: { payoutRequestId: 'po-1' }, jwt: JWT });
      expect(config.mode === 'payout' && config.payout).to.deep.equal({ payoutRequestId: 'po-1' });
      expect(failure({ payout: {}, jwt: JWT }).issues).to.deep.equal([
        { field: 'payout.payoutRequestId', message: 'is required' },
      ]);
      expect(failure({ payout: 'nope', jwt: JWT }).issues).to.deep.equal([{ field: 'payout', message: 'is not valid JSON' }]);
    });

    it('a bare jwt is jwt mode, with invoice/transaction from its claims', () => {
      const jwt = makeJwt({ exp: future, merchant: 'org-9', websiteId: 'web-9', invoiceId: 'in-9' });
      const config = ok({ jwt });
      expect(config.mode).to.equal('jwt');
      if (config.mode !== 'jwt') return;
      expect(config.invoiceId).to.equal('in-9');
      expect(config.transactionId).to.equal(undefined);
      expect(config.organizationId).to.equal('org-9');
      expect(config.websiteId).to.equal('web-9');
      const nested = ok({ jwt: makeJwt({ exp: future, claims: { transactionId: 'tx-9' } }) });
      expect(nested.mode === 'jwt' && nested.transactionId).to.equal('tx-9');
    });
  });

  describe('only one kind of purchase data', () => {
    it('items and money together is invalid-config naming both', () => {
      const result = failure({ ...base, items: [{ planId: 'a', quantity: 1 }], money: { amount: 1, currency: 'USD' } });
      expect(result.code).to.equal('invalid-config');
      expect(result.message).to.contain('got items and money');
    });

    it('invoiceId and transactionId together is invalid-config', () => {
      const result = failure({ invoiceId: 'in-1', transactionId: 'tx-1', jwt: JWT });
      expect(result.message).to.contain('got invoiceId and transactionId');
    });
  });

  describe('credentials, organization and website for items/money', () => {
    it('needs a publishable key or a jwt (incomplete until one is given)', () => {
      expect(missing({ organizationId: 'o', websiteId: 'w', money: { amount: 1, currency: 'USD' } })).to.deep.equal([
        'publishableKey',
      ]);
    });

    it('needs an organization and a website (incomplete until given)', () => {
      expect(missing({ publishableKey: KEY, money: { amount: 1, currency: 'USD' } })).to.deep.equal([
        'organizationId',
        'websiteId',
      ]);
      expect(missing({ items: [{ planId: 'a', quantity: 1 }] })).to.deep.equal(['publishableKey', 'organizationId', 'websiteId']);
    });

    it('a value that is present and wrong wins over what is missing', () => {
      expect(failure({ items: [{ planId: 'a', quantity: 0 }] }).code).to.equal('invalid-config');
      expect(failure({ invoiceId: 'in-1', items: [{ planId: 'a', quantity: 1 }] }).message).to.contain('got items and invoiceId');
      expect(failure({ invoiceId: 'in-1', apiMode: 'test' }).issues).to.deep.equal([
        { field: 'apiMode', message: 'must be one of: sandbox, live' },
      ]);
      expect(failure({ publishableKey: 'sk_live_x' }).code).to.equal('insecure-key');
      expect(failure({ invoiceId: 'in-1', jwt: 'garbage' }).code).to.equal('unauthorized');
      expect(failure({ theme: 'blue' }).issues).to.deep.equal([{ field: 'theme', message: 'must be one of: light, dark' }]);
      expect(failure({ money: { amount: 1, currency: 'USD' }, publishableKey: KEY, apiMode: 'live' }).issues[0]!.field).to.equal(
        'apiMode',
      );
    });

    it('takes them from the JWT claims when the page did not set them, and the jwt wins as credential', () => {
      const config = ok({ publishableKey: KEY, jwt: JWT, items: [{ planId: 'a', quantity: 1 }] });
      expect(config.organizationId).to.equal('org-from-jwt');
      expect(config.websiteId).to.equal('web-from-jwt');
      expect(config.customerId).to.equal('cus-1');
      expect(config.credential).to.deep.equal({ kind: 'jwt', value: JWT });
      expect(config.credentialExpiresAt).to.equal(future * 1000);
    });

    it('options set by the page win over JWT claims', () => {
      const config = ok({ ...base, jwt: JWT, items: [{ planId: 'a', quantity: 1 }] });
      expect(config.organizationId).to.equal('org-1');
      expect(config.websiteId).to.equal('web-1');
    });

    it('a JWT invoiceId claim does not turn an items config into two modes', () => {
      const jwt = makeJwt({ exp: future, merchant: 'o', websiteId: 'w', invoiceId: 'in-1' });
      expect(ok({ jwt, items: [{ planId: 'a', quantity: 1 }] }).mode).to.equal('items');
    });
  });

  describe('keys and api mode', () => {
    it('refuses a secret key with insecure-key, without echoing it', () => {
      const result = failure({ ...base, publishableKey: 'sk_live_supersecret', items: [{ planId: 'a', quantity: 1 }] });
      expect(result.code).to.equal('insecure-key');
      expect(result.issues[0]!.field).to.equal('publishableKey');
      expect(JSON.stringify(result)).not.to.contain('supersecret');
    });

    it('insecure-key wins over other problems', () => {
      expect(failure({ publishableKey: 'sk_sandbox_x' }).code).to.equal('insecure-key');
    });

    it('infers the mode from the key prefix, else live', () => {
      const money = { amount: 1, currency: 'USD' };
      expect(ok({ ...base, money }).apiMode).to.equal('sandbox');
      const live = ok({ ...base, publishableKey: LIVE_KEY, money });
      expect(live.apiMode).to.equal('live');
      expect(live.apiUrl).to.equal('https://api.rebilly.com');
      expect(ok({ ...base, publishableKey: 'legacykey', money }).apiMode).to.equal('live');
      expect(ok({ jwt: JWT }).apiMode).to.equal('live');
    });

    it('a key that disagrees with api-mode is invalid-config', () => {
      const money = { amount: 1, currency: 'USD' };
      const sandboxWithLive = failure({ ...base, apiMode: 'live', money });
      expect(sandboxWithLive.code).to.equal('invalid-config');
      expect(sandboxWithLive.issues[0]!.field).to.equal('apiMode');
      expect(failure({ ...base, publishableKey: LIVE_KEY, apiMode: 'sandbox', money }).issues[0]!.field).to.equal('apiMode');
      expect(ok({ ...base, apiMode: 'sandbox', money }).apiMode).to.equal('sandbox');
    });

    it('api-mode must be sandbox or live', () => {
      expect(failure({ ...base, apiMode: 'test', money: { amount: 1, currency: 'USD' } }).issues).to.deep.equal([
        { field: 'apiMode', message: 'must be one of: sandbox, live' },
      ]);
    });
  });

  describe('api-url', () => {
    const money = { amount: 1, currency: 'USD' };
    it('keeps a path prefix and strips trailing slashes', () => {
      expect(ok({ ...base, money, apiUrl: 'http://127.0.0.1:4455/sandboxes/abc/' }).apiUrl).to.equal(
        'http://127.0.0.1:4455/sandboxes/abc',
      );
      expect(ok({ ...base, money, apiUrl: 'https://proxy.example.com' }).apiUrl).to.equal('https://proxy.example.com');
    });

    it('must be http(s) without query or fragment', () => {
      expect(fields({ ...base, money, apiUrl: 'ftp://x.test' })).to.deep.equal(['apiUrl']);
      expect(fields({ ...base, money, apiUrl: 'not a url' })).to.deep.equal(['apiUrl']);
      expect(fields({ ...base, money, apiUrl: 'https://x.test/?a=1' })).to.deep.equal(['apiUrl']);
    });
  });

  describe('jwt', () => {
    it('a value that is not a JWT is unauthorized before any request, without echoing it', () => {
      for (const jwt of ['garbage', 'a.b', 'a.b.c', `${b64url({ alg: 'none' })}.${btoa('not json')}.x`, 'x.y.z.w']) {
        const result = failure({ jwt, invoiceId: 'in-1' });
        expect(result.code, jwt).to.equal('unauthorized');
        expect(result.message).to.match(/not a valid JWT/);
        expect(result.message).not.to.contain(jwt);
      }
    });

    it('an expired JWT is unauthorized', () => {
      const expired = makeJwt({ exp: Math.floor(NOW / 1000) - 1, merchant: 'o' });
      const result = failure({ jwt: expired, invoiceId: 'in-1' });
      expect(result.code).to.equal('unauthorized');
      expect(result.message).to.match(/expired/);
      expect(result.issues).to.deep.equal([{ field: 'jwt', message: 'has expired' }]);
    });

    it('a JWT without exp is accepted', () => {
      expect(ok({ jwt: makeJwt({ merchant: 'o' }), invoiceId: 'in-1' }).credentialExpiresAt).to.equal(undefined);
    });

    it('readJwt decodes UTF-8 claims and falls back to sub for the customer', () => {
      const result = readJwt(makeJwt({ sub: 'cus-ü', merchant: 'örg' }), NOW);
      expect(result).to.deep.equal({ ok: true, claims: { organizationId: 'örg', customerId: 'cus-ü' } });
    });
  });

  describe('locale, redirect-url, transaction-type', () => {
    const money = { amount: 1, currency: 'USD' };
    it('canonicalises a BCP 47 locale and rejects a malformed one', () => {
      expect(ok({ ...base, money, locale: 'en-us' }).locale).to.equal('en-US');
      expect(failure({ ...base, money, locale: 'en_US!' }).issues).to.deep.equal([
        { field: 'locale', message: 'must be a BCP 47 language tag (e.g. en-US)' },
      ]);
    });

    it('redirect-url must be an absolute http(s) URL; placeholders are kept verbatim', () => {
      const url = 'https://shop.test/done?tx={id}&result={result}';
      expect(ok({ ...base, money, redirectUrl: url }).redirectUrl).to.equal(url);
      expect(fields({ ...base, money, redirectUrl: '/done' })).to.deep.equal(['redirectUrl']);
      expect(fields({ ...base, money, redirectUrl: 'javascript:alert(1)' })).to.deep.equal(['redirectUrl']);
    });

    it('transaction-type is purchase (default) or setup', () => {
      expect(ok({ ...base, money, transactionType: 'setup' }).transactionType).to.equal('setup');
      expect(fields({ ...base, money, transactionType: 'refund' })).to.deep.equal(['transactionType']);
    });
  });

  it('reports every issue at once, and never throws on odd input', () => {
    const result = failure({ ...base, websiteId: 42, locale: 5, items: [{ planId: 'a', quantity: 0 }] });
    expect(result.issues.map((i) => i.field)).to.have.members(['websiteId', 'locale', 'items.0.quantity']);
    const weird = Object.defineProperty({}, 'items', {
      get() {
        throw new Error('boom');
      },
    });
    expect(parseConfig(weird as RawOptions).ok).to.equal(false);
    expect(parseConfig(undefined as unknown as RawOptions).ok).to.equal(false);
  });
});

describe('parseConfig: trimming, limits and exact values', () => {
  const money = { amount: 1, currency: 'USD' };

  it('trims every text option and id, upper-cases currencies, and keeps other members as given', () => {
    const items = ok({
      publishableKey: ` ${KEY} `,
      organizationId: ' org-1 ',
      websiteId: '\tweb-1\n',
      apiUrl: ' https://proxy.example.com/base/ ',
      locale: ' en-us ',
      redirectUrl: ' https://shop.test/done ',
      items: [{ planId: ' plan-a ', quantity: 1, thumbnail: ' https://x.test/a.png ' }],
    });
    expect(items.credential).to.deep.equal({ kind: 'publishable', value: KEY });
    expect(items.apiMode).to.equal('sandbox');
    expect(items.organizationId).to.equal('org-1');
    expect(items.websiteId).to.equal('web-1');
    expect(items.apiUrl).to.equal('https://proxy.example.com/base');
    expect(items.locale).to.equal('en-US');
    expect(items.redirectUrl).to.equal('https://shop.test/done');
    expect(items.mode === 'items' && items.items).to.deep.equal([
      { planId: 'plan-a', quantity: 1, thumbnail: 'https://x.test/a.png' },
    ]);

    const cash = ok({ ...base, money: { amount: 2, currency: ' eur ' } });
    expect(cash.mode === 'money' && cash.money).to.deep.equal({ amount: 2, currency: 'EUR' });
    expect(ok({ invoiceId: ' in-1 ', jwt: ` ${JWT} ` })).to.include({ mode: 'invoice', invoiceId: 'in-1' });
    expect(ok({ transactionId: ' tx-1 ', jwt: JWT })).to.include({ mode: 'transaction', transactionId: 'tx-1' });
    const deposit = ok({ deposit: { depositRequestId: ' dep-1 ', currency: ' usd ', note: ' kept ' }, jwt: JWT });
    expect(deposit.mode === 'deposit' && deposit.deposit).to.deep.equal({
      depositRequestId: 'dep-1',
      currency: 'USD',
      note: ' kept ',
    });
    const payout = ok({ payout: '{"payoutRequestId":" po-1 ","note":" kept "}', jwt: JWT });
    expect(payout.mode === 'payout' && payout.payout).to.deep.equal({ payoutRequestId: 'po-1', note: ' kept ' });
  });

  it('limits ids to 50 characters, counted after trimming', () => {
    const fifty = 'x'.repeat(50);
    expect(ok({ ...base, websiteId: ` ${fifty} `, money }).websiteId).to.equal(fifty);
    expect(failure({ ...base, websiteId: `${fifty}y`, money }).issues).to.deep.equal([
      { field: 'websiteId', message: 'must be at most 50 characters' },
    ]);
    expect(failure({ ...base, items: [{ planId: `${fifty}y`, quantity: 1 }] }).issues).to.deep.equal([
      { field: 'items.0.planId', message: 'must be at most 50 characters' },
    ]);
    expect(failure({ ...base, items: [{ planId: '   ', quantity: 1 }] }).issues).to.deep.equal([
      { field: 'items.0.planId', message: 'must be a non-empty string' },
    ]);
  });

  it('limits quantity to 10⁹ and refuses non-finite numbers', () => {
    expect(ok({ ...base, items: [{ planId: 'a', quantity: 1_000_000_000 }] }).mode).to.equal('items');
    expect(failure({ ...base, items: [{ planId: 'a', quantity: 1_000_000_001 }] }).issues).to.deep.equal([
      { field: 'items.0.quantity', message: 'must be at most 1000000000' },
    ]);
    expect(failure({ ...base, items: [{ planId: 'a', quantity: Infinity }, { planId: 'b', quantity: NaN }] }).issues).to.deep.equal([
      { field: 'items.0.quantity', message: 'must be a positive integer' },
      { field: 'items.1.quantity', message: 'must be a positive integer' },
    ]);
    expect(failure({ ...base, money: { amount: Infinity, currency: 'USD' } }).issues).to.deep.equal([
      { field: 'money.amount', message: 'must be a number greater than 0' },
    ]);
  });

  it('takes api-mode and transaction-type exactly (no trimming, no case folding)', () => {
    for (const apiMode of [' live', 'LIVE', 5]) {
      expect(failure({ ...base, apiMode, money }).issues, String(apiMode)).to.deep.equal([
        { field: 'apiMode', message: 'must be one of: sandbox, live' },
      ]);
    }
    for (const transactionType of ['setup ', 'Setup', true]) {
      expect(failure({ ...base, transactionType, money }).issues, String(transactionType)).to.deep.equal([
        { field: 'transactionType', message: 'must be one of: purchase, setup' },
      ]);
    }
  });

  it('api-url refuses an empty query or fragment too', () => {
    for (const apiUrl of ['https://x.test/?', 'https://x.test/#', 'https://x.test/#top']) {
      expect(failure({ ...base, money, apiUrl }).issues, apiUrl).to.deep.equal([
        { field: 'apiUrl', message: 'must be an absolute http(s) URL without a query or fragment' },
      ]);
    }
  });

  it('reports text that is not JSON on every JSON option, as an attribute or a marker property', () => {
    const marker = parseJsonAttribute('{oops');
    expect(failure({ ...base, items: marker }).issues).to.deep.equal([{ field: 'items', message: 'is not valid JSON' }]);
    expect(failure({ deposit: '{oops', jwt: JWT }).issues).to.deep.equal([{ field: 'deposit', message: 'is not valid JSON' }]);
    expect(failure({ deposit: marker, jwt: JWT }).issues).to.deep.equal([{ field: 'deposit', message: 'is not valid JSON' }]);
    expect(failure({ payout: marker, jwt: JWT }).issues).to.deep.equal([{ field: 'payout', message: 'is not valid JSON' }]);
    // Valid JSON of the wrong shape is a shape issue, not a JSON one.
    expect(failure({ ...base, items: '"plan-a"' }).issues).to.deep.equal([{ field: 'items', message: 'must be an array' }]);
    expect(failure({ ...base, money: '[1]' }).issues).to.deep.equal([{ field: 'money', message: 'must be an object' }]);
    // A marker on an option that is not JSON is just a wrong type.
    expect(failure({ ...base, money, invoiceId: marker }).issues).to.deep.include({
      field: 'invoiceId',
      message: 'must be a non-empty string',
    });
  });

  it('reports a deposit member issue and the missing request/currency together', () => {
    expect(failure({ deposit: { amount: 0 }, jwt: JWT }).issues).to.deep.equal([
      { field: 'deposit.amount', message: 'must be a number greater than 0' },
      { field: 'deposit', message: 'needs depositRequestId or currency' },
    ]);
    expect(failure({ deposit: { currency: 'US' }, jwt: JWT }).issues).to.deep.equal([
      { field: 'deposit.currency', message: 'must be an ISO 4217 currency code (3 letters, e.g. USD)' },
    ]);
  });
});

describe('parseJsonAttribute', () => {
  it('parses JSON, maps absent/blank to undefined and never throws', () => {
    expect(parseJsonAttribute('[1,2]')).to.deep.equal([1, 2]);
    expect(parseJsonAttribute(' {"a":1} ')).to.deep.equal({ a: 1 });
    expect(parseJsonAttribute(null)).to.equal(undefined);
    expect(parseJsonAttribute('  ')).to.equal(undefined);
    const marker = parseJsonAttribute('{oops');
    expect(marker).to.be.an('object');
    expect((marker as { invalidJson?: boolean }).invalidJson).to.equal(true);
  });

  it('its marker is reported by the schemas, for attributes and properties alike', () => {
    const result = parseConfig({ ...base, money: parseJsonAttribute('{amount: 1}') }, NOW);
    expect(result.ok).to.equal(false);
    if (!result.ok && result.code !== 'incomplete') expect(result.issues).to.deep.equal([{ field: 'money', message: 'is not valid JSON' }]);
  });
});

describe('formatIssues', () => {
  it('renders array indexes in brackets', () => {
    expect(
      formatIssues([
        { field: 'items.0.quantity', message: 'must be a positive integer' },
        { field: 'money', message: 'is not valid JSON' },
        { field: '', message: 'one of … is required' },
      ]),
    ).to.deep.equal(['items[0].quantity: must be a positive integer', 'money: is not valid JSON', 'one of … is required']);
  });
});

describe('parseConfig: hardened validation (issue 11)', () => {
  const money = { amount: 1, currency: 'USD' };

  it('checks currency letters as ASCII before upper-casing (uß is not USS)', () => {
    for (const currency of ['uß', 'ﬀx', 'usı', 'ÚSD', 'U$D', 'US D']) {
      expect(failure({ ...base, money: { amount: 1, currency } }).issues, currency).to.deep.equal([
        { field: 'money.currency', message: 'must be an ISO 4217 currency code (3 letters, e.g. USD)' },
      ]);
      expect(failure({ deposit: { currency }, jwt: JWT }).issues[0]!.field, currency).to.equal('deposit.currency');
    }
    expect(ok({ ...base, money: { amount: 1, currency: 'usd' } })).to.deep.include({ money: { amount: 1, currency: 'USD' } });
  });

  it('decodes JSON text once: JSON text of JSON text is a string, not a cart', () => {
    const cart = [{ planId: 'a', quantity: 1 }];
    expect(failure({ ...base, items: JSON.stringify(JSON.stringify(cart)) }).issues).to.deep.equal([
      { field: 'items', message: 'must be an array' },
    ]);
    expect(failure({ ...base, money: JSON.stringify(JSON.stringify(money)) }).issues).to.deep.equal([
      { field: 'money', message: 'must be an object' },
    ]);
  });

  it('JSON text `null` is a wrong value, never "not set": it cannot turn deposit/payout + jwt into the bare-jwt mode', () => {
    expect(failure({ deposit: 'null', jwt: JWT }).issues).to.deep.equal([{ field: 'deposit', message: 'must be an object' }]);
    expect(failure({ payout: ' null ', jwt: JWT }).issues).to.deep.equal([{ field: 'payout', message: 'must be an object' }]);
    expect(failure({ ...base, items: 'null' }).issues).to.deep.equal([{ field: 'items', message: 'must be an array' }]);
    expect(failure({ ...base, money: 'null' }).issues).to.deep.equal([{ field: 'money', message: 'must be an object' }]);
    // A property set to null (how pages unset) and an empty attribute are "not set".
    expect(ok({ deposit: null, payout: '', jwt: JWT }).mode).to.equal('jwt');
    expect(ok({ deposit: undefined, jwt: JWT }).mode).to.equal('jwt');
  });

  it('refuses amounts with more decimals than the currency has (sub-cent amounts would pay 0)', () => {
    expect(failure({ ...base, money: { amount: 0.004, currency: 'USD' } }).issues).to.deep.equal([
      { field: 'money.amount', message: 'must have at most 2 decimals for USD' },
    ]);
    expect(failure({ ...base, money: { amount: 10.555, currency: 'eur' } }).issues).to.deep.equal([
      { field: 'money.amount', message: 'must have at most 2 decimals for EUR' },
    ]);
    expect(failure({ ...base, money: { amount: 1e-7, currency: 'USD' } }).issues[0]!.field).to.equal('money.amount');
    expect(failure({ ...base, money: { amount: 0.1 + 0.2, currency: 'USD' } }).issues[0]!.field).to.equal('money.amount');
    expect(failure({ ...base, money: { amount: 100.5, currency: 'JPY' } }).issues).to.deep.equal([
      { field: 'money.amount', message: 'must be a whole number for JPY' },
    ]);
    expect(failure({ deposit: { currency: 'USD', amount: 0.001 }, jwt: JWT }).issues).to.deep.equal([
      { field: 'deposit.amount', message: 'must have at most 2 decimals for USD' },
    ]);
    expect(ok({ ...base, money: { amount: 9.99, currency: 'USD' } }).mode).to.equal('money');
    expect(ok({ ...base, money: { amount: 0.01, currency: 'USD' } }).mode).to.equal('money');
    expect(ok({ ...base, money: { amount: 1.234, currency: 'KWD' } }).mode).to.equal('money');
    expect(ok({ ...base, money: { amount: 1500, currency: 'JPY' } }).mode).to.equal('money');
    expect(ok({ ...base, money: { amount: 12345678.91, currency: 'USD' } }).mode).to.equal('money');
  });

  it('finds a secret key anywhere a word starts, in any case, in the key and the jwt; nothing is echoed', () => {
    for (const key of ['SK_LIVE_abc', 'Sk_sandbox_abc', '"sk_live_abc"', "'sk_live_abc'", 'Bearer sk_live_abc', 'pk_x sk_live_abc', 'pk_x-sk_live_abc', 'pk_x\nsk_live_abc']) {
      const result = failure({ ...base, publishableKey: key, money });
      expect(result.code, key).to.equal('insecure-key');
      expect(result.issues, key).to.deep.equal([
        { field: 'publishableKey', message: 'is a secret key (sk_…); it was not used and must never be put in a page' },
      ]);
      expect(JSON.stringify(result)).not.to.contain('abc');
    }
    for (const jwt of ['sk_live_abc', 'Bearer sk_live_abc', `${JWT} sk_live_abc`, 'SK_LIVE_ABC']) {
      const result = failure({ jwt, invoiceId: 'in-1' });
      expect(result.code, jwt).to.equal('insecure-key');
      expect(result.issues[0]!.field).to.equal('jwt');
    }
    // Inside a word it is not a key prefix: a base64url JWT or a key may contain `sk_` by chance.
    expect(ok({ ...base, publishableKey: 'pk_sandbox_task_1', money }).credential.value).to.equal('pk_sandbox_task_1');
    const lucky = makeJwt({ exp: future, merchant: 'o', note: 'x' }).replace(/c2lnbmF0dXJl$/, 'a-sk_b.c');
    expect(parseConfig({ jwt: lucky.split('.').slice(0, 2).join('.') + '.ab-sk_cd', invoiceId: 'in-1' }, NOW).ok).to.equal(true);
  });

  it('a publishable key must be a Bearer token (no spaces, quotes, control or non-ASCII characters, ≤ 255)', () => {
    for (const key of ['pk_sandbox abc', '"pk_sandbox_abc"', 'pk_sandbox_\u00e9', 'pk_sandbox_\u2028x', 'pk_a\u0000b', 'pk_\ud800x']) {
      expect(failure({ ...base, publishableKey: key, money }).issues, JSON.stringify(key)).to.deep.equal([
        { field: 'publishableKey', message: 'must not contain spaces, quotes or special characters' },
      ]);
    }
    expect(failure({ ...base, publishableKey: `pk_live_${'a'.repeat(250)}`, money }).issues).to.deep.equal([
      { field: 'publishableKey', message: 'must be at most 255 characters' },
    ]);
    expect(ok({ ...base, publishableKey: 'pk_sandbox_AZaz09-_.~+/==', money }).mode).to.equal('money');
  });

  it('ids that cannot go into a URL or header as they are are invalid-config (not a network error later)', () => {
    const cases: [keyof RawOptions, RawOptions][] = [
      ['organizationId', { ...base, organizationId: 'org\n1', money }],
      ['organizationId', { ...base, organizationId: 'ørg', money }],
      ['organizationId', { ...base, organizationId: 'o'.repeat(51), money }],
      ['websiteId', { ...base, websiteId: 'web site', money }],
      ['websiteId', { ...base, websiteId: 'web\u0007', money }],
      ['invoiceId', { invoiceId: 'in\u00a0v', jwt: JWT }],
      ['transactionId', { transactionId: 'tx\ud83d', jwt: JWT }],
    ];
    for (const [field, raw] of cases) {
      expect(fields(raw), `${field} ${JSON.stringify(raw[field])}`).to.deep.equal([field]);
    }
    expect(fields({ ...base, items: [{ planId: 'plan\ttab', quantity: 1 }] })).to.deep.equal(['items.0.planId']);
    expect(fields({ deposit: { depositRequestId: 'dép' }, jwt: JWT })).to.deep.equal(['deposit.depositRequestId']);
    expect(fields({ payout: { payoutRequestId: 'po 1' }, jwt: JWT })).to.deep.equal(['payout.payoutRequestId']);
    expect(failure({ invoiceId: 'in-1', jwt: `${JWT}${'a'.repeat(8200)}` }).issues).to.deep.equal([
      { field: 'jwt', message: 'must be at most 8192 characters' },
    ]);
  });

  it('checks messages and theme like every other option', () => {
    expect(ok({ ...base, money, theme: 'dark', messages: { es: { payButton: 'Pagar {amount}' } } }).mode).to.equal('money');
    expect(ok({ ...base, money, theme: null, messages: null }).mode).to.equal('money');
    expect(ok({ ...base, money, messages: Object.assign(Object.create(null), { en: { payButton: 'Buy' } }) }).mode).to.equal('money');
    expect(failure({ ...base, money, theme: Symbol('dark') }).issues).to.deep.equal([
      { field: 'theme', message: 'must be one of: light, dark' },
    ]);
    expect(failure({ ...base, money, theme: Object.create(null) }).issues[0]!.field).to.equal('theme');
    expect(failure({ ...base, money, messages: { en: { payButton: 5, total: null } } }).issues).to.deep.equal([
      { field: 'messages.en.payButton', message: 'must be a string' },
      { field: 'messages.en.total', message: 'must be a string' },
    ]);
    expect(failure({ ...base, money, messages: { en: [] } }).issues).to.deep.equal([{ field: 'messages.en', message: 'must be an object' }]);
    expect(failure({ ...base, money, messages: new Map() }).issues[0]!.field).to.equal('messages');
    expect(failure({ ...base, money, messages: 'es' }).issues[0]!.field).to.equal('messages');
  });
});
