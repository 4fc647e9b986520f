/**
 * Fuzzes the element with seeded random `messages`, `theme` and purchase data (as properties and as
 * attributes): 0 uncaught errors, 0 unhandled rejections, no render loop, at most one `data-ready` and one
 * `error` per element, and what the page sees agrees with `parseConfig()`: accepted → it loads; incomplete →
 * idle, no event, the placeholder and `missing`; refused → exactly one error event with that code.
 */
import { expect, aTimeout } from '@open-wc/testing';
import { parseConfig, type RawOptions } from '../../src/config/index.js';
import type { ErrorDetail, RebillyInstrumentsElement } from '../../src/index.js';
import '../../src/define.js';
import { newSandbox } from '../helpers/emulator.js';
import { until } from '../helpers/checkout.js';
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
  anyTheme,
  asJsonMaybe,
  show,
} from '../helpers/fuzz.js';

const SEED = 0xc0ffee;
const COUNT = 200;
const BATCH = 20;
/** Far above what one config needs (a handful of updates), far below a loop (hundreds a second). */
const MAX_UPDATES = 15;

const JSON_ATTRIBUTES = ['items', 'money', 'deposit', 'payout'] as const;

interface Case {
  index: number;
  raw: RawOptions;
  el: RebillyInstrumentsElement;
  errors: ErrorDetail[];
  ready: number;
}

function randomCase(f: Fuzz): RawOptions {
  const raw: RawOptions = {};
  if (f.chance(0.9)) raw.publishableKey = f.chance(0.8) ? 'pk_sandbox_emulator' : anyKey(f);
  if (f.chance(0.9)) raw.organizationId = f.chance(0.9) ? 'demo-org' : anyId(f, 'org-');
  if (f.chance(0.9)) raw.websiteId = f.chance(0.9) ? 'demo-website' : anyId(f, 'web-');
  switch (f.int(7)) {
    case 0:
      raw.items = asJsonMaybe(f, [{ planId: 'plan-starter', quantity: 1 + f.int(3) }]);
      break;
    case 1:
      raw.items = asJsonMaybe(f, anyItems(f));
      break;
    case 2:
      raw.money = asJsonMaybe(f, anyMoney(f));
      break;
    case 3:
      raw.deposit = asJsonMaybe(f, anyDeposit(f));
      break;
    case 4:
      raw.payout = asJsonMaybe(f, anyPayout(f));
      break;
    case 5:
      raw.invoiceId = anyId(f, 'inv-');
      break;
    default:
    // nothing: incomplete unless a jwt comes
  }
  if (f.chance(0.25)) raw.jwt = anyJwt(f, Date.now());
  // Mostly valid presentation options, so that the purchase data decides often enough.
  raw.messages = f.chance(0.75) ? f.pick([undefined, { en: { payButton: 'Buy {amount}' } }]) : anyMessages(f);
  raw.theme = f.chance(0.75) ? f.pick([undefined, 'light', 'dark']) : anyTheme(f);
  return raw;
}

const counts = new WeakMap<object, number>();

describe('fuzz: the element with random messages, theme and purchase data', () => {
  const proto = customElements.get('rebilly-instruments')!.prototype as unknown as { updated: (...args: unknown[]) => void };
  const original = proto.updated;
  before(() => {
    proto.updated = function (this: object, ...args: unknown[]) {
      counts.set(this, (counts.get(this) ?? 0) + 1);
      return original.apply(this, args);
    };
  });
  after(() => {
    proto.updated = original;
  });

  it(`${COUNT} seeded random elements: no throw, no rejection, no loop, the events parseConfig predicts`, async function () {
    this.timeout(120_000);
    const sandbox = await newSandbox();
    const f = new Fuzz(SEED);
    const problems: string[] = [];
    const onError = (e: ErrorEvent) => problems.push(`window error: ${e.message}`);
    const onRejection = (e: PromiseRejectionEvent) => {
      e.preventDefault();
      problems.push(`unhandled rejection: ${String(e.reason)}`);
    };
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
    const failures: string[] = [];
    try {
      for (let start = 0; start < COUNT; start += BATCH) {
        const cases: Case[] = [];
        for (let index = start; index < start + BATCH; index++) {
          const raw = randomCase(f);
          const el = document.createElement('rebilly-instruments');
          el.cardFields = 'inline'; // these tests are about the config, not FramePay
          el.apiUrl = sandbox.url;
          const c: Case = { index, raw, el, errors: [], ready: 0 };
          el.addEventListener('error', (e) => c.errors.push(e.detail));
          el.addEventListener('data-ready', () => c.ready++);
          const target = el as unknown as Record<string, unknown>;
          for (const [key, value] of Object.entries(raw)) {
            if ((JSON_ATTRIBUTES as readonly string[]).includes(key) && typeof value === 'string' && f.chance(0.5)) {
              el.setAttribute(key, value);
            } else {
              target[key] = value;
            }
          }
          cases.push(c);
        }
        document.body.append(...cases.map((c) => c.el));
        await aTimeout(50);
        await until(() => cases.every((c) => c.el.state !== 'loading'), 10_000, 'every element settled');
        await aTimeout(100);
        for (const c of cases) {
          const { el, errors, ready, raw, index } = c;
          const name = `#${index} ${show(raw).slice(0, 200)}`;
          const updates = counts.get(el) ?? 0;
          if (updates > MAX_UPDATES) failures.push(`${name}: ${updates} updates (a render loop?)`);
          if (ready > 1) failures.push(`${name}: ${ready} data-ready events`);
          if (errors.length > 1) failures.push(`${name}: ${errors.length} error events`);
          if (!el.shadowRoot?.querySelector('.root')) failures.push(`${name}: nothing rendered`);
          const expected = parseConfig({ ...raw, items: el.items, money: el.money, deposit: el.deposit, payout: el.payout });
          if (expected.ok) {
            if (!['ready', 'failed'].includes(el.state)) failures.push(`${name}: accepted config but state ${el.state}`);
            if (el.state === 'ready' && (ready !== 1 || errors.length)) failures.push(`${name}: ready without one data-ready`);
            if (el.state === 'failed' && errors.length !== 1) failures.push(`${name}: failed without one error`);
          } else if (expected.code === 'incomplete') {
            if (el.state !== 'idle' || errors.length || ready) failures.push(`${name}: incomplete but ${el.state}, ${errors.length} errors`);
            if (JSON.stringify(el.missing) !== JSON.stringify(expected.missing)) {
              failures.push(`${name}: missing ${JSON.stringify(el.missing)}, expected ${JSON.stringify(expected.missing)}`);
            }
            if (!el.shadowRoot?.querySelector('[part~="placeholder"]')) failures.push(`${name}: no placeholder`);
          } else {
            if (el.state !== 'failed') failures.push(`${name}: refused (${expected.code}) but state ${el.state}`);
            if (errors.length !== 1 || errors[0]!.code !== expected.code) {
              failures.push(`${name}: expected one ${expected.code}, got ${JSON.stringify(errors.map((e) => e.code))}`);
            }
          }
        }
        // Then the page changes messages/theme on the live elements: still no throw and no loop, and a
        // change that makes the config wrong is reported promptly, once.
        const changes = new Map<Case, number>();
        for (const c of cases) {
          changes.set(c, c.errors.length);
          counts.set(c.el, 0);
          const target = c.el as unknown as Record<string, unknown>;
          if (f.chance(0.5)) target['messages'] = anyMessages(f);
          else target['theme'] = anyTheme(f);
        }
        await Promise.all(cases.map((c) => c.el.updateComplete));
        await aTimeout(50);
        for (const c of cases) {
          const name = `#${c.index} (second change)`;
          const updates = counts.get(c.el) ?? 0;
          if (updates > MAX_UPDATES) failures.push(`${name}: ${updates} updates (a render loop?)`);
          if (c.errors.length > changes.get(c)! + 1) failures.push(`${name}: ${c.errors.length - changes.get(c)!} new error events`);
          if (!c.el.shadowRoot?.querySelector('.root')) failures.push(`${name}: nothing rendered`);
          c.el.remove();
        }
      }
    } finally {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    }
    expect(problems.slice(0, 5)).to.deep.equal([]);
    expect(failures.slice(0, 5), failures.slice(0, 5).join('\n')).to.deep.equal([]);
  });
});
