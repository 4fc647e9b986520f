/**
 * A migration path from Rebilly's own library: `RebillyInstruments.mount()`, `update()`, `destroy()`,
 * `on()` and `purchase()` with the same option names, driving one `<rebilly-instruments>` element.
 *
 * ```js
 * import { RebillyInstruments } from 'rebilly-instruments-element/facade';
 * await RebillyInstruments.mount({ publishableKey, organizationId, websiteId, items, container: '#checkout' });
 * RebillyInstruments.on('purchase-completed', (detail) => console.log(detail.transaction.id));
 * ```
 *
 * Differences from the original, on purpose: `update()` sets properties on the same element (no remount, and
 * every `on()` handler stays attached); handlers receive the event's `detail` (and the event); the element
 * renders its own summary, so `summary` is ignored; options this element does not have (`addons`,
 * `bumpOffer`, `features`, `paymentInstruments`, `i18n`, …) are ignored. `createRebillyInstruments()` makes
 * independent instances (many checkouts on one page).
 *
 * Importing this module has no side effects; `mount()` registers the tag if it is not registered yet.
 */
import { RebillyInstrumentsElement } from './rebilly-instruments.js';
import { OPTION_KEYS } from './config/index.js';
import type { ErrorCode, ErrorDetail, RebillyInstrumentsEventMap, RebillyInstrumentsEventName } from './events.js';
import type { MessageOverrides } from './i18n/messages.js';

const TAG = 'rebilly-instruments';

/** Rebilly's `theme` object (the subset that maps onto the element's CSS custom properties). */
export interface RebillyTheme {
  colorPrimary?: string;
  colorText?: string;
  colorDanger?: string;
  colorBackground?: string;
  buttonColorText?: string;
  fontFamily?: string;
  fontSizeBase?: string;
  borderRadius?: string;
  spacingBase?: string;
  [option: string]: unknown;
}

/** The options of `mount()` and `update()`: Rebilly's `RebillyInstruments.mount()` options this element has. */
export interface FacadeOptions {
  publishableKey?: string;
  organizationId?: string;
  websiteId?: string;
  apiMode?: 'sandbox' | 'live';
  /** API origin override (emulator, proxy). */
  apiUrl?: string;
  items?: unknown;
  money?: unknown;
  invoiceId?: string;
  transactionId?: string;
  deposit?: unknown;
  payout?: unknown;
  jwt?: string;
  locale?: string;
  redirectUrl?: string;
  transactionType?: 'purchase' | 'setup';
  fullPageRedirect?: boolean;
  /** `framepay` (default: Rebilly's hosted card fields) or `inline`. */
  cardFields?: 'framepay' | 'inline';
  /** FramePay's script URL (default Rebilly's). */
  framepayUrl?: string;
  /** `full`: ask the whole billing address (default: country and postal code). */
  addressFields?: 'postal' | 'full';
  /** Coupon ids applied from the start (items). */
  coupons?: unknown;
  /** Added or overriding visible strings, by language. */
  messages?: MessageOverrides;
  /** `light` / `dark`, or Rebilly's theme object (mapped onto `--rebilly-*` custom properties). */
  theme?: 'light' | 'dark' | RebillyTheme;
  /** Anything else Rebilly's mount accepts is ignored. */
  [option: string]: unknown;
}

export interface MountOptions extends FacadeOptions {
  /** Where the element is created: a selector or an element. Default: Rebilly's `.rebilly-instruments`. */
  container?: string | Element;
  /** Same as `container`. */
  mountElement?: string | Element;
  /** Rebilly's own name for the container (`form`); used when `container`/`mountElement` are absent. */
  form?: string | Element;
}

/** What `mount()`, `update()` and `purchase()` reject with: the element's `error` detail as an `Error`. */
export class RebillyInstrumentsError extends Error {
  readonly code: ErrorCode;
  readonly detail: ErrorDetail;
  constructor(detail: ErrorDetail) {
    super(detail.message);
    this.name = 'RebillyInstrumentsError';
    this.code = detail.code;
    this.detail = detail;
  }
}

export type FacadeEventName = RebillyInstrumentsEventName;
export type FacadeHandler<K extends FacadeEventName> = (
  detail: RebillyInstrumentsEventMap[K]['detail'],
  event: RebillyInstrumentsEventMap[K],
) => void;

/** Rebilly's event names, each the element's event of the same name. */
export const FACADE_EVENTS: readonly FacadeEventName[] = [
  'data-ready',
  'instrument-ready',
  'purchase-completed',
  'setup-completed',
  'payout-completed',
  'error',
];

/** The element properties an option sets (every other option key is ignored). */
const PROPERTY_OPTIONS = [...OPTION_KEYS, 'fullPageRedirect', 'messages', 'cardFields', 'framepayUrl', 'addressFields'] as const;

/** Options that only change what is shown (no reload, so no `data-ready`). */
const DISPLAY_OPTIONS = new Set<string>(['locale', 'messages', 'fullPageRedirect', 'cardFields', 'framepayUrl', 'addressFields']);

/** Options whose change reloads data (and so ends with `data-ready` or `error`). */
const RELOADING_OPTIONS = new Set<string>(PROPERTY_OPTIONS.filter((k) => !DISPLAY_OPTIONS.has(k)));

const THEME_PROPERTIES: Record<string, string> = {
  colorPrimary: '--rebilly-color-primary',
  colorText: '--rebilly-color-text',
  colorDanger: '--rebilly-color-danger',
  colorBackground: '--rebilly-color-background',
  buttonColorText: '--rebilly-color-on-primary',
  fontFamily: '--rebilly-font-family',
  fontSizeBase: '--rebilly-font-size',
  borderRadius: '--rebilly-radius',
  spacingBase: '--rebilly-spacing',
};

export interface RebillyInstrumentsFacade {
  /** Creates the element in the container; resolves with it on `data-ready`, rejects on the first `error`. */
  mount(options: MountOptions): Promise<RebillyInstrumentsElement>;
  /** Sets the given options on the same element; resolves when its data is reloaded (rejects on `error`). */
  update(options: FacadeOptions): Promise<RebillyInstrumentsElement>;
  /** Removes the element. `on()` handlers stay registered for the next `mount()`. */
  destroy(): Promise<void>;
  /** Calls `handler(detail, event)` for each event of that name; returns the function that unsubscribes. */
  on<K extends FacadeEventName>(name: K, handler: FacadeHandler<K>): () => void;
  /** Removes one handler (or every handler of that event when none is given). */
  off<K extends FacadeEventName>(name: K, handler?: FacadeHandler<K>): void;
  /**
   * Submits the payment as the pay button does; resolves with the completion's detail, rejects with the
   * `error` (or when the form has errors, which the element then shows next to its fields).
   */
  purchase(): Promise<RebillyInstrumentsEventMap['purchase-completed' | 'setup-completed' | 'payout-completed']['detail']>;
  /** The mounted element, if any. */
  readonly element: RebillyInstrumentsElement | undefined;
}

function ensureDefined(): void {
  if (typeof customElements !== 'undefined' && !customElements.get(TAG)) {
    customElements.define(TAG, RebillyInstrumentsElement);
  }
}

function resolveContainer(target: string | Element | undefined): Element {
  if (target && typeof target !== 'string') return target;
  const selector = target ?? '.rebilly-instruments';
  const found = document.querySelector(selector);
  if (!found) throw new TypeError(`RebillyInstruments.mount: no element matches "${selector}".`);
  return found;
}

function applyOptions(el: RebillyInstrumentsElement, options: FacadeOptions): string[] {
  const changed: string[] = [];
  const target = el as unknown as Record<string, unknown>;
  for (const key of PROPERTY_OPTIONS) {
    if (!(key in options)) continue;
    if (target[key] !== options[key]) changed.push(key);
    target[key] = options[key];
  }
  if ('theme' in options) {
    const theme = options.theme;
    if (theme === 'light' || theme === 'dark') {
      el.theme = theme;
    } else if (theme && typeof theme === 'object') {
      // CSSOM from script is allowed under a strict CSP (unlike a `style` attribute in markup).
      for (const [option, property] of Object.entries(THEME_PROPERTIES)) {
        const value = theme[option];
        if (typeof value === 'string' && value) el.style.setProperty(property, value);
      }
    } else {
      el.theme = undefined;
    }
  }
  return changed;
}

/**
 * `mount()` and `update()` take every option at once, as Rebilly's own do: options the element would wait
 * for (its `missing` list) are a mistake there, not "later", so they reject instead of waiting forever.
 */
function rejectIfIncomplete(el: RebillyInstrumentsElement, method: string, outcome: { cancel: (reason: Error) => void }): void {
  if (el.state !== 'idle' || el.missing.length === 0) return;
  outcome.cancel(
    new RebillyInstrumentsError({
      code: 'invalid-config',
      message: `RebillyInstruments.${method}: missing ${el.missing.join(', ')}.`,
      invalidFields: el.missing.map((field) => ({ field, message: 'is required' })),
      retryable: false,
    }),
  );
}

/** One settlement of the element: the first of `ok` events or `error`, listeners removed afterwards. */
function settle<T>(el: RebillyInstrumentsElement, ok: readonly FacadeEventName[], map: (event: Event) => T): {
  promise: Promise<T>;
  cancel: (reason: Error) => void;
} {
  let cancel: (reason: Error) => void = () => {};
  const promise = new Promise<T>((resolve, reject) => {
    const done = () => {
      for (const name of ok) el.removeEventListener(name, onOk);
      el.removeEventListener('error', onError);
    };
    const onOk = (event: Event) => {
      done();
      resolve(map(event));
    };
    const onError = (event: Event) => {
      done();
      reject(new RebillyInstrumentsError((event as CustomEvent<ErrorDetail>).detail));
    };
    for (const name of ok) el.addEventListener(name, onOk);
    el.addEventListener('error', onError);
    cancel = (reason) => {
      done();
      reject(reason);
    };
  });
  return { promise, cancel };
}

/** A new, independent facade (the `RebillyInstruments` export is one of these). */
export function createRebillyInstruments(): RebillyInstrumentsFacade {
  let element: RebillyInstrumentsElement | undefined;
  let pendingMount: { cancel: (reason: Error) => void } | undefined;
  const handlers = new Map<FacadeEventName, Set<FacadeHandler<FacadeEventName>>>();

  const forward = (event: Event) => {
    const set = handlers.get(event.type as FacadeEventName);
    if (!set) return;
    for (const handler of [...set]) {
      handler((event as CustomEvent).detail, event as never);
    }
  };

  const requireElement = (method: string): RebillyInstrumentsElement => {
    if (!element) throw new Error(`RebillyInstruments.${method}: nothing is mounted; call mount() first.`);
    return element;
  };

  const facade: RebillyInstrumentsFacade = {
    get element() {
      return element;
    },

    async mount(options) {
      ensureDefined();
      if (element) await facade.destroy();
      const container = resolveContainer(options.container ?? options.mountElement ?? options.form);
      const el = document.createElement(TAG) as RebillyInstrumentsElement;
      applyOptions(el, options);
      for (const name of FACADE_EVENTS) el.addEventListener(name, forward);
      element = el;
      const ready = settle(el, ['data-ready'], () => el);
      pendingMount = ready;
      container.append(el);
      await el.updateComplete;
      rejectIfIncomplete(el, 'mount', ready);
      try {
        return await ready.promise;
      } finally {
        if (pendingMount === ready) pendingMount = undefined;
      }
    },

    async update(options) {
      const el = requireElement('update');
      const changed = applyOptions(el, options);
      const reloads = changed.some((key) => RELOADING_OPTIONS.has(key));
      // A payment in flight defers the change; a completed checkout reloads only for new purchase data.
      const waits = reloads && ['idle', 'loading', 'ready', 'failed'].includes(el.state);
      if (!waits) {
        await el.updateComplete;
        return el;
      }
      const reloaded = settle(el, ['data-ready'], () => el);
      await el.updateComplete;
      rejectIfIncomplete(el, 'update', reloaded);
      return reloaded.promise;
    },

    async destroy() {
      const el = element;
      element = undefined;
      pendingMount?.cancel(new Error('RebillyInstruments.destroy() was called before the element was ready.'));
      pendingMount = undefined;
      if (!el) return;
      for (const name of FACADE_EVENTS) el.removeEventListener(name, forward);
      el.remove();
    },

    on(name, handler) {
      if (!FACADE_EVENTS.includes(name)) {
        throw new TypeError(`RebillyInstruments.on: unknown event "${String(name)}"; known: ${FACADE_EVENTS.join(', ')}.`);
      }
      let set = handlers.get(name);
      if (!set) handlers.set(name, (set = new Set()));
      set.add(handler as FacadeHandler<FacadeEventName>);
      return () => facade.off(name, handler);
    },

    off(name, handler) {
      if (!handler) handlers.delete(name);
      else handlers.get(name)?.delete(handler as FacadeHandler<FacadeEventName>);
    },

    async purchase() {
      const el = requireElement('purchase');
      await el.updateComplete;
      if (el.state !== 'ready') {
        throw new Error(`RebillyInstruments.purchase: the checkout is not ready to pay (state: ${el.state}).`);
      }
      const outcome = settle(el, ['purchase-completed', 'setup-completed', 'payout-completed'], (event) =>
        (event as CustomEvent).detail,
      );
      const submit = (el as unknown as { requestSubmit?: () => void }).requestSubmit;
      if (typeof submit === 'function') {
        submit.call(el);
      } else {
        const button = el.shadowRoot?.querySelector<HTMLButtonElement>('[part~="pay-button"]');
        if (!button) {
          outcome.cancel(new Error('RebillyInstruments.purchase: this checkout has no pay button.'));
          return outcome.promise;
        }
        button.click();
      }
      await el.updateComplete;
      if (el.state === 'ready') {
        // The element refused to submit: the card form has errors, now shown next to its fields.
        outcome.cancel(
          new RebillyInstrumentsError({
            code: 'validation-failed',
            message: 'The payment form has errors; they are shown next to the fields.',
            retryable: true,
          }),
        );
      }
      return outcome.promise;
    },
  };
  return facade;
}

/** Drop-in for Rebilly's `RebillyInstruments` object: one checkout, the same method names. */
export const RebillyInstruments: RebillyInstrumentsFacade = createRebillyInstruments();
export default RebillyInstruments;
