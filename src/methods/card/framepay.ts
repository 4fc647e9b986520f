/**
 * Rebilly's FramePay, one per page: loads its script and stylesheet once, initializes it once, and keeps
 * who initialized it, so a second element with another key or organization is told why it cannot share it.
 * Only the surface Rebilly documents is used (docs/ARCHITECTURE.md, "FramePay"): `initialize`, `initialized`,
 * `update`, `on/off`, `card.mount`, `createToken`.
 */

export interface FramepayChange {
  valid?: boolean;
  completed?: boolean;
  error?: { code?: string; message?: string };
}

export interface FramepayElement {
  on(name: 'ready' | 'error' | 'change' | 'focus' | 'blur', callback: (event?: FramepayChange) => void): void;
  destroy(): void;
  focus?(): void;
}

export interface FramepayToken {
  id: string;
  method?: string;
  paymentInstrument?: Record<string, unknown>;
  billingAddress?: Record<string, unknown>;
}

export interface Framepay {
  initialized: boolean;
  initialize(settings: Record<string, unknown>): unknown;
  update(settings: Record<string, unknown>): unknown;
  on(name: string, callback: (payload?: unknown) => void): void;
  off(name: string, callback: (payload?: unknown) => void): void;
  card: { mount(target: HTMLElement, type?: string): FramepayElement };
  bban: { mount(target: HTMLElement, type: string): FramepayElement };
  googlePay: { mount(target: HTMLElement): FramepayElement };
  applePay: { mount(target: HTMLElement): FramepayElement };
  paypal: { mount(target: HTMLElement): FramepayElement };
  createToken(form: HTMLElement, extraData?: Record<string, unknown>): Promise<FramepayToken>;
}

/** What an element starts the page's FramePay with (and updates it with afterwards). */
export interface FramepaySettings {
  scriptUrl: string;
  credential: { kind: 'publishable' | 'jwt'; value: string };
  organizationId?: string | undefined;
  websiteId?: string | undefined;
  apiMode: string;
  locale: string;
  /** FramePay `style`, derived from the element's custom properties. */
  style: Record<string, unknown>;
}

/** Loads (once per page) and initializes or updates FramePay; `extra`: more settings (`methods`, `transactionData`). */
export async function startFramepay(settings: FramepaySettings, again = false, extra: Record<string, unknown> = {}): Promise<Framepay> {
  const framepay = await loadFramepay(settings.scriptUrl, again);
  await useFramepay(framepay, {
    credential: settings.credential,
    organizationId: settings.organizationId,
    apiMode: settings.apiMode,
    ...(settings.websiteId ? { websiteId: settings.websiteId } : {}),
    locale: settings.locale,
    style: settings.style,
    ...extra,
  });
  return framepay;
}

/** The light-DOM node of `host` an element of FramePay mounts in, shown through the shadow slot of that name. */
export function slotted(host: HTMLElement, slot: string): HTMLDivElement {
  let node = host.querySelector<HTMLDivElement>(`:scope > div[slot="${slot}"]`);
  if (!node) {
    node = document.createElement('div');
    node.slot = slot;
    host.append(node);
  }
  return node;
}

/** Settles when a mounted FramePay element is drawn (`ready`), or rejects when it could not be mounted. */
export function drawn(element: FramepayElement): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    element.on('ready', () => resolve());
    element.on('error', (error) => {
      const message = (error as { message?: unknown } | undefined)?.message;
      reject(new TypeError(typeof message === 'string' ? message : 'A FramePay field could not be mounted'));
    });
  });
}

/** Who initialized the page's FramePay; shared by every copy of this module on the page. */
interface PageState {
  loads: Map<string, Promise<Framepay>>;
  /** Script URLs whose load failed (kept failed until a retry). */
  failed: Set<string>;
  owner?: { kind: 'publishable' | 'jwt'; credential: string; organizationId: string };
  /** Settles when FramePay said `ready` (or `error`) after initializing; its `ready` is not replayed. */
  ready?: Promise<void>;
}

const STATE_KEY = Symbol.for('rebilly-instruments.framepay');

function pageState(): PageState {
  const scope = globalThis as unknown as Record<symbol, PageState | undefined>;
  return (scope[STATE_KEY] ??= { loads: new Map(), failed: new Set() });
}

function framepayGlobal(): Framepay | undefined {
  const candidate = (globalThis as unknown as { Framepay?: Framepay }).Framepay;
  return candidate && typeof candidate.initialize === 'function' ? candidate : undefined;
}

/** The stylesheet beside the script: the same URL ending in `.css`. */
export function stylesheetUrl(scriptUrl: string): string {
  const url = new URL(scriptUrl, document.baseURI);
  url.pathname = url.pathname.replace(/\.js$/, '.css');
  return url.href;
}

/**
 * Loads FramePay once per page (any element's call shares the same load). A failed load rejects with a
 * `TypeError` (reported as `network`); it is tried again only when `again` asks (a retry button).
 */
export function loadFramepay(scriptUrl: string, again = false): Promise<Framepay> {
  const present = framepayGlobal();
  if (present) return Promise.resolve(present);
  const state = pageState();
  const href = new URL(scriptUrl, document.baseURI).href;
  if (again && state.failed.has(href)) {
    state.failed.delete(href);
    state.loads.delete(href);
  }
  let load = state.loads.get(href);
  if (!load) {
    load = new Promise<Framepay>((resolve, reject) => {
      // FramePay styles its field containers from document.head (as Rebilly's loader does).
      if (!document.querySelector(`link[data-rebilly-framepay="${CSS.escape(href)}"]`)) {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = stylesheetUrl(href);
        link.dataset['rebillyFramepay'] = href;
        document.head.prepend(link);
      }
      const script = document.createElement('script');
      script.src = href;
      script.async = true;
      const fail = () => {
        script.remove();
        state.failed.add(href);
        reject(new TypeError('FramePay could not be loaded'));
      };
      script.addEventListener('error', fail);
      script.addEventListener('load', () => {
        const framepay = framepayGlobal();
        if (framepay) resolve(framepay);
        else fail();
      });
      document.head.append(script);
    });
    state.loads.set(href, load);
  }
  return load;
}

/**
 * True when the page's FramePay was initialized for another organization, or with a credential these
 * tokens must not be made with: another publishable key, or another customer's JWT. A customer-JWT element
 * shares a FramePay initialized with its organization's publishable key (such tokens belong to no customer).
 */
export function framepayTakenByOther(
  credential: { kind: 'publishable' | 'jwt'; value: string },
  organizationId: string | undefined,
): boolean {
  const owner = pageState().owner;
  if (!owner) return false;
  if (owner.organizationId !== (organizationId ?? '')) return true;
  if (owner.kind === 'publishable' && credential.kind === 'jwt') return false;
  return owner.kind !== credential.kind || owner.credential !== credential.value;
}

/** A second element wants FramePay with another key or organization: FramePay is one per page. */
export class FramepayConflict extends Error {
  override readonly name = 'FramepayConflict';
}

/**
 * Initializes the page's FramePay the first time, and updates it afterwards (style, locale, amounts). The
 * credential and organization cannot change once initialized: another value is a {@link FramepayConflict}.
 */
export function useFramepay(
  framepay: Framepay,
  settings: { credential: { kind: 'publishable' | 'jwt'; value: string }; organizationId?: string | undefined; apiMode: string } & Record<string, unknown>,
): Promise<void> {
  const state = pageState();
  const { credential, organizationId, apiMode, ...rest } = settings;
  const owner = { kind: credential.kind, credential: credential.value, organizationId: organizationId ?? '' };
  if (!framepay.initialized) {
    state.ready = new Promise<void>((resolve, reject) => {
      const done = (error?: unknown) => {
        framepay.off('ready', onReady);
        framepay.off('error', onError);
        if (error) reject(error);
        else resolve();
      };
      const onReady = () => done();
      const onError = (payload?: unknown) => done(new TypeError(describe(payload)));
      framepay.on('ready', onReady);
      framepay.on('error', onError);
    });
    state.ready.catch(() => (state.ready = undefined));
    framepay.initialize({
      ...(credential.kind === 'publishable' ? { publishableKey: credential.value } : { jwt: credential.value, sandbox: apiMode === 'sandbox' }),
      ...(organizationId ? { organizationId } : {}),
      ...rest,
    });
    state.owner = owner;
    return state.ready;
  }
  if (framepayTakenByOther(credential, organizationId)) {
    throw new FramepayConflict('FramePay is one per page and was initialized with another key or organization');
  }
  framepay.update(rest);
  // Initialized by this page before (ready already fired) or by the page itself: mount at once.
  return state.ready ?? Promise.resolve();
}

function describe(payload: unknown): string {
  const message = (payload as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : 'FramePay reported an error';
}

/** What a failed `createToken` means for the customer and the page. */
export class TokenError extends Error {
  override readonly name = 'TokenError';
  constructor(
    /** `validation-failed`: the fields are incomplete or invalid (shown under them); `network` / `server`. */
    readonly code: 'validation-failed' | 'network' | 'server',
    message: string,
  ) {
    super(message);
  }
}

/**
 * `Framepay.createToken(form, extraData)`, its rejections mapped onto the element's error codes: incomplete or
 * invalid fields (refused without a request) → `validation-failed` (`onInvalid` shows FramePay's message),
 * FramePay's network errors → `network`, anything else → `server`.
 */
export async function framepayToken(
  framepay: Framepay,
  form: HTMLElement,
  extraData: Record<string, unknown>,
  onInvalid: (message: string) => void,
): Promise<FramepayToken> {
  try {
    const token = await framepay.createToken(form, extraData);
    if (!token || typeof token.id !== 'string') throw new TokenError('server', 'FramePay returned no token');
    return token;
  } catch (error) {
    if (error instanceof TokenError) throw error;
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : '';
    if (typeof code === 'string' && /^(incomplete|invalid|unsupported|missing)/i.test(code)) {
      onInvalid(text || code);
      throw new TokenError('validation-failed', text);
    }
    throw new TokenError(code === 'network-error' ? 'network' : 'server', text);
  }
}
