/**
 * Fuzzes `parseConfig()` with seeded random options (purchase data, keys, ids, messages, theme): every input
 * is accepted (and then the config holds only what the rules allow), incomplete (with what is missing), or
 * refused with `invalid-config` / `insecure-key` / `unauthorized` and issues that name options. Never a
 * throw, never a secret echoed, always the same answer for the same input.
 */
import { expect } from '@open-wc/testing';
import { OPTION_KEYS, parseConfig, type ConfigResult, type RawOptions } from '../../src/config/index.js';
import {
  Fuzz,
  anyDeposit,
  anyId,
  anyItems,
  anyJwt,
  anyKey,
  anyMessages,
  anyMoney,
  anyPayout,
  anyString,
  anyTheme,
  anyValue,
  asJsonMaybe,
  show,
} from '../helpers/fuzz.js';

const SEED = 0x5eed_2026;
const COUNT = 2000;
const NOW = Date.UTC(2026, 0, 1);

const MISSING = new Set(['purchaseData', 'jwt', 'publishableKey', 'organizationId', 'websiteId']);
/** Every option an issue may name: the config's own list (no copy to drift), and the presentation options. */
const OPTION_FIELDS = new Set<string>([...OPTION_KEYS, 'messages', 'theme']);

function randomOptions(f: Fuzz): RawOptions {
  const raw: RawOptions = {};
  const maybe = (p: number, set: () => void) => {
    if (f.chance(p)) set();
  };
  maybe(0.7, () => (raw.publishableKey = anyKey(f)));
  maybe(0.7, () => (raw.organizationId = f.chance(0.7) ? 'demo-org' : anyId(f, 'org-')));
  maybe(0.7, () => (raw.websiteId = f.chance(0.7) ? 'demo-website' : anyId(f, 'web-')));
  maybe(0.1, () => (raw.apiMode = f.chance(0.7) ? f.pick(['sandbox', 'live']) : anyValue(f)));
  maybe(0.1, () => (raw.apiUrl = f.pick(['http://127.0.0.1:1/x/', 'https://api.test', 'ftp://x', anyString(f)])));
  // Usually one kind of purchase data, sometimes none or two.
  const kinds = f.int(10) === 0 ? 2 : f.int(8) === 0 ? 0 : 1;
  for (let i = 0; i < kinds; i++) {
    switch (f.int(6)) {
      case 0:
        raw.items = asJsonMaybe(f, anyItems(f));
        break;
      case 1:
        raw.money = asJsonMaybe(f, anyMoney(f));
        break;
      case 2:
        raw.invoiceId = anyId(f, 'inv-');
        break;
      case 3:
        raw.transactionId = anyId(f, 'txn-');
        break;
      case 4:
        raw.deposit = asJsonMaybe(f, anyDeposit(f));
        break;
      default:
        raw.payout = asJsonMaybe(f, anyPayout(f));
    }
  }
  maybe(0.35, () => (raw.jwt = anyJwt(f, NOW)));
  maybe(0.1, () => (raw.locale = f.pick(['en-us', 'es', 'fr-FR', 'en_US!', anyString(f, 2)])));
  maybe(0.1, () => (raw.redirectUrl = f.pick(['https://shop.test/done?tx={id}', '/done', 'javascript:x', anyString(f, 2)])));
  maybe(0.1, () => (raw.transactionType = f.chance(0.7) ? f.pick(['purchase', 'setup']) : anyValue(f)));
  maybe(0.2, () => (raw.messages = anyMessages(f)));
  maybe(0.2, () => (raw.theme = anyTheme(f)));
  return raw;
}

const PRINTABLE_ID = /^[\x21-\x7E]{1,50}$/;

/** Checks one result against the contract; returns what is wrong ('' when nothing). */
function problemWith(raw: RawOptions, result: ConfigResult): string {
  if (result.ok) {
    const config = result.config;
    if (/(^|[^a-z0-9_])sk_/i.test(config.credential.value) && config.credential.kind === 'publishable') return 'accepted a secret key';
    if (!/^[A-Za-z0-9\-._~+/]+=*$/.test(config.credential.value)) return 'accepted a credential that is not a Bearer token';
    for (const id of [config.organizationId, config.websiteId]) {
      if (id !== undefined && !PRINTABLE_ID.test(id) && raw.organizationId !== undefined) {
        // Ids the page gave are checked; ids read from JWT claims are not trusted for anything but convenience.
        if (id === raw.organizationId || id === raw.websiteId) return `accepted id ${show(id)}`;
      }
    }
    if (config.mode === 'money') {
      const { amount, currency } = config.money;
      if (!/^[A-Z]{3}$/.test(currency)) return `accepted currency ${show(currency)}`;
      if (!(amount > 0) || !Number.isFinite(amount)) return `accepted amount ${amount}`;
      const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
      if (Math.round(amount * 10 ** digits) < 1) return `accepted an amount that rounds to 0: ${amount} ${currency}`;
      if (Math.abs(Math.round(amount * 10 ** digits) / 10 ** digits - amount) > 1e-9 * Math.max(1, amount)) {
        return `accepted too many decimals: ${amount} ${currency}`;
      }
    }
    if (config.mode === 'items') {
      for (const item of config.items) {
        if (!PRINTABLE_ID.test(item.planId)) return `accepted planId ${show(item.planId)}`;
        if (!Number.isSafeInteger(item.quantity) || item.quantity < 1) return `accepted quantity ${item.quantity}`;
      }
    }
    if (['invoice', 'transaction', 'deposit', 'payout', 'jwt'].includes(config.mode) && config.credential.kind !== 'jwt') {
      return `mode ${config.mode} without a jwt`;
    }
    if (config.mode === 'jwt') {
      // A bare jwt: no purchase data was given at all (null/blank/undefined only), never a wrong one.
      for (const key of ['items', 'money', 'deposit', 'payout', 'invoiceId', 'transactionId'] as const) {
        const value = raw[key];
        if (!(value == null || (typeof value === 'string' && value.trim() === ''))) return `jwt mode despite ${key} = ${show(value)}`;
      }
    }
    return '';
  }
  if (result.code === 'incomplete') {
    if (result.missing.length === 0) return 'incomplete with nothing missing';
    for (const name of result.missing) if (!MISSING.has(name)) return `unknown missing name ${name}`;
    return '';
  }
  if (!['invalid-config', 'insecure-key', 'unauthorized'].includes(result.code)) return `unexpected code ${result.code}`;
  if (result.issues.length === 0) return 'refused without issues';
  for (const issue of result.issues) {
    if (typeof issue.field !== 'string' || typeof issue.message !== 'string' || !issue.message) return `bad issue ${show(issue)}`;
    const option = issue.field.split('.')[0]!;
    if (issue.field !== '' && !OPTION_FIELDS.has(option)) return `issue on an unknown option ${issue.field}`;
    if (issue.field === '' && issue.message === 'is invalid') return 'parseConfig threw internally';
  }
  for (const secret of [raw.publishableKey, raw.jwt]) {
    if (typeof secret === 'string' && secret.trim().length > 12 && (result.message.includes(secret.trim()) || show(result.issues).includes(secret.trim()))) {
      return 'echoed a key or jwt';
    }
  }
  return '';
}

describe('fuzz: parseConfig', () => {
  it(`${COUNT} seeded random option sets: accepted, incomplete or refused by the rules; never a throw`, () => {
    const f = new Fuzz(SEED);
    const tally: Record<string, number> = {};
    const failures: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      const raw = randomOptions(f);
      let result: ConfigResult;
      try {
        result = parseConfig(raw, NOW);
      } catch (error) {
        failures.push(`#${i} threw ${String(error)} for ${show(raw)}`);
        continue;
      }
      const again = parseConfig(raw, NOW);
      if (show(again) !== show(result)) failures.push(`#${i} not deterministic for ${show(raw)}`);
      const problem = problemWith(raw, result);
      if (problem) failures.push(`#${i} ${problem}: ${show(raw).slice(0, 300)} → ${show(result).slice(0, 300)}`);
      const outcome = result.ok ? `ok:${result.config.mode}` : result.code;
      tally[outcome] = (tally[outcome] ?? 0) + 1;
    }
    expect(failures.slice(0, 5), failures.slice(0, 5).join('\n')).to.deep.equal([]);
    // The generator reaches every outcome (else the fuzzer would prove little).
    for (const outcome of ['ok:items', 'ok:money', 'ok:invoice', 'ok:deposit', 'ok:payout', 'ok:jwt', 'incomplete', 'invalid-config', 'insecure-key', 'unauthorized']) {
      expect(tally[outcome] ?? 0, `${outcome} in ${show(tally)}`).to.be.greaterThan(0);
    }
  });
});
