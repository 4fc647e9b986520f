/** Test helpers for driving `<rebilly-instruments>` the way a customer and a page do. */
import { fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { RebillyInstrumentsElement } from '../../src/index.js';
import { SEED, type Sandbox } from './emulator.js';

export interface MountOptions {
  items?: unknown;
  money?: unknown;
  publishableKey?: string;
  locale?: string;
  jwt?: string;
  websiteId?: string | null;
  organizationId?: string | null;
  /** Default `inline`: most tests type the card into the element's own fields (test/element/framepay.test.ts covers FramePay). */
  cardFields?: 'framepay' | 'inline';
}

/**
 * An element (not yet in the page) connected to a sandbox as the seeded merchant (its publishable key,
 * organization and website, FramePay's stand-in), with `properties` on top.
 */
export function emulatedElement(sandbox: Sandbox, properties: Partial<RebillyInstrumentsElement> = {}): RebillyInstrumentsElement {
  const el = document.createElement('rebilly-instruments');
  Object.assign(el, {
    apiUrl: sandbox.url,
    framepayUrl: `${sandbox.url}/framepay/framepay.js`,
    publishableKey: SEED.publishableKey,
    organizationId: SEED.organizationId,
    websiteId: SEED.websiteId,
    ...properties,
  });
  return el;
}

/** Mounts an element against a sandbox and waits for `data-ready` (or returns the element at once). */
export async function mount(
  sandbox: Sandbox,
  options: MountOptions = {},
  { waitForReady = true } = {},
): Promise<RebillyInstrumentsElement> {
  const el = emulatedElement(sandbox, { cardFields: options.cardFields ?? 'inline' });
  if (options.publishableKey !== undefined) el.publishableKey = options.publishableKey;
  if (options.organizationId !== undefined) el.organizationId = options.organizationId ?? undefined;
  if (options.websiteId !== undefined) el.websiteId = options.websiteId ?? undefined;
  if (options.items !== undefined) el.items = options.items;
  if (options.money !== undefined) el.money = options.money;
  if (options.locale) el.locale = options.locale;
  if (options.jwt) el.jwt = options.jwt;
  const ready = waitForReady ? oneEvent(el, 'data-ready') : undefined;
  const parent = await fixture<HTMLDivElement>(html`<div></div>`);
  parent.append(el);
  if (ready) await ready;
  await el.updateComplete;
  return el;
}

export function shadow(el: Element): ShadowRoot {
  return el.shadowRoot!;
}

/** The input whose accessible name (its <label>) matches. */
export function field(el: Element, name: RegExp): HTMLInputElement {
  const root = shadow(el);
  for (const label of root.querySelectorAll('label')) {
    if (name.test(label.textContent ?? '') && label.htmlFor) {
      const input = root.getElementById(label.htmlFor);
      // tagName, not instanceof: the element may live in an iframe (another realm).
      if (input?.tagName === 'INPUT') return input as HTMLInputElement;
    }
  }
  throw new Error(`No field labelled ${name}`);
}

export function payButton(el: Element): HTMLButtonElement {
  const button = shadow(el).querySelector<HTMLButtonElement>('[part~="pay-button"]');
  if (!button) throw new Error('No pay button');
  return button;
}

/** Types into a field the way a browser does for a user: value, then an input event, then blur. */
export function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new FocusEvent('blur'));
}

export interface CardValues {
  number?: string;
  name?: string;
  expiry?: string;
  cvv?: string;
  email?: string;
  /** false: leave a shippable order's delivery address empty. */
  delivery?: false;
}

/**
 * A shippable order needs a delivery address before it can be paid: fills one (as a customer does) when the
 * element asks for it and it is empty, then waits until the order is priced again.
 */
export async function fillDelivery(el: RebillyInstrumentsElement): Promise<void> {
  const root = shadow(el);
  const street = root.querySelector<HTMLInputElement>('#field-delivery-address');
  if (!street || street.value) return;
  type(street, '1 Main Street');
  type(root.querySelector<HTMLInputElement>('#field-delivery-city')!, 'Austin');
  type(root.querySelector<HTMLInputElement>('#field-delivery-postalCode')!, '78701');
  const country = root.querySelector<HTMLSelectElement>('#field-delivery-country')!;
  country.value = 'US';
  country.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await until(() => el.state !== 'ready', 1000, 'the order to be priced again').catch(() => {});
  await until(() => el.state === 'ready' || el.state === 'failed', 10_000, 'the priced order');
  await el.updateComplete;
}

export async function fillCard(el: RebillyInstrumentsElement, values: CardValues = {}): Promise<void> {
  if (values.delivery !== false) await fillDelivery(el);
  const root = shadow(el);
  if (root.getElementById('field-email')) type(field(el, /email/i), values.email ?? 'ada@example.com');
  type(field(el, /name on card/i), values.name ?? 'Ada Lovelace');
  type(field(el, /card number/i), values.number ?? SEED.cards.approved);
  type(field(el, /expir/i), values.expiry ?? `12/${String((new Date().getFullYear() + 3) % 100).padStart(2, '0')}`);
  type(field(el, /security code/i), values.cvv ?? '123');
  await el.updateComplete;
}

export async function pay(el: RebillyInstrumentsElement): Promise<void> {
  payButton(el).click();
  await el.updateComplete;
}

export function text(el: Element): string {
  return (shadow(el).textContent ?? '').replace(/\s+/g, ' ').trim();
}

export const nextYear2 = String((new Date().getFullYear() + 3) % 100).padStart(2, '0');

/** Waits until `check()` is true (polling), or fails after `timeout` ms. */
export async function until(check: () => boolean | Promise<boolean>, timeout = 5000, what = 'condition'): Promise<void> {
  const start = performance.now();
  while (!(await check())) {
    if (performance.now() - start > timeout) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The light-DOM node FramePay's card field is mounted in (slotted into the element). */
export function hostedCardContainer(el: Element): HTMLElement | null {
  return el.querySelector<HTMLElement>(':scope > [slot="rebilly-card"]');
}

/** Waits until FramePay's card field is drawn in the element. */
export async function hostedCardReady(el: Element, timeout = 10_000): Promise<void> {
  await until(
    () => shadow(el).querySelector('[part~="card-field"]')?.getAttribute('aria-busy') === 'false' && !!hostedCardContainer(el)?.querySelector('iframe'),
    timeout,
    'the FramePay card field',
  );
}

/**
 * Fills a complete card as a keyboard user does: the name (and email) in the element, then Tab into
 * FramePay's frame and type the number, expiry and CVC there (the test page cannot reach into the
 * cross-origin frame).
 */
export async function fillHostedCard(el: RebillyInstrumentsElement, values: CardValues = {}): Promise<void> {
  await fillDelivery(el);
  await hostedCardReady(el);
  const root = shadow(el);
  if (root.getElementById('field-email')) type(field(el, /email/i), values.email ?? 'ada@example.com');
  const name = field(el, /name on card/i);
  type(name, values.name ?? 'Ada Lovelace');
  // Tab from the name into the frame (a frame drawn a moment ago may not take focus yet: try again).
  const frame = hostedCardContainer(el)!.querySelector('iframe')!;
  await until(async () => {
    name.focus();
    await sendKeys({ press: 'Tab' });
    await new Promise((r) => setTimeout(r, 50));
    return el.ownerDocument.activeElement === frame;
  }, 10_000, 'focus in the card frame');
  await sendKeys({ type: values.number ?? SEED.cards.approved });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ type: values.expiry ?? `12${nextYear2}` });
  await sendKeys({ press: 'Tab' });
  await sendKeys({ type: values.cvv ?? '123' });
  // Wait until FramePay says the card is complete (its container's class), as paying needs.
  await until(() => hostedCardContainer(el)!.classList.contains('rebilly-framepay-valid'), 10_000, 'a complete card');
  await el.updateComplete;
}

/**
 * Mounts a customer-JWT element (Alice's JWT, inline card fields) with `setup` (`invoiceId`, `deposit`…) and
 * waits for `data-ready`.
 */
export async function mountCustomer(sandbox: Sandbox, setup: Partial<RebillyInstrumentsElement>): Promise<RebillyInstrumentsElement> {
  const el = document.createElement('rebilly-instruments');
  el.cardFields = 'inline';
  el.apiUrl = sandbox.url;
  el.jwt = await sandbox.customerJwt({ customerId: SEED.customers.alice });
  Object.assign(el, setup);
  const ready = oneEvent(el, 'data-ready');
  document.body.append(el);
  await ready;
  await el.updateComplete;
  return el;
}

/** Chooses "New card" among the customer's saved instruments; false when there is no such choice. */
export async function chooseNewCard(el: RebillyInstrumentsElement): Promise<boolean> {
  const newCard = [...shadow(el).querySelectorAll<HTMLInputElement>('input[name="instrument"]')].find((input) =>
    /new card/i.test(input.closest('label')?.textContent ?? ''),
  );
  if (!newCard) return false;
  newCard.click();
  await el.updateComplete;
  return true;
}
