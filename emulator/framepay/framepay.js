/*
 * FramePay stand-in, served by the Rebilly Storefront emulator (emulator/framepay/, see emulator/README.md,
 * "FramePay stand-in"). A classic script defining `window.Framepay` with the surface Rebilly's FramePay is
 * known to have, and nothing more. Card and bank data are typed into iframes served from the emulator's
 * origin; those frames post `/tokens` themselves, so the data never passes through the host page.
 *
 * Host <-> frame messages are `postMessage`s of plain objects `{framepay: 1, frameId, type, ...}`:
 * the host accepts them only from the emulator's origin and only from the `contentWindow` of a frame it
 * created (with the matching `frameId`); the frames accept them only from their parent, whose origin the
 * host passes in the frame URL.
 */
(function () {
  'use strict';

  if (window.Framepay) return; // loaded twice: the first copy stays

  var PROTOCOL = 1;
  var VERSION = 'emulator-1.0.0';
  var script = document.currentScript;
  if (!script || !/\/framepay\/framepay\.js(\?|#|$)/.test(script.src)) {
    script = document.querySelector('script[src*="/framepay/framepay.js"]');
  }
  if (!script) throw new Error('FramePay stand-in: cannot tell where framepay.js was loaded from');
  var scriptUrl = new URL(script.src, location.href);
  /** Emulator origin; base = origin + sandbox prefix (the frames and the API live under it). */
  var EMULATOR_ORIGIN = scriptUrl.origin;
  var BASE = EMULATOR_ORIGIN + scriptUrl.pathname.replace(/\/framepay\/framepay\.js$/, '');
  var FRAMES = BASE + '/framepay/frames/';
  var PAGE_ORIGIN = location.origin;
  var INSTANCE = randomId();

  var GLOBAL_EVENTS = ['ready', 'error', 'token-ready'];
  var ELEMENT_EVENTS = ['ready', 'error', 'change', 'focus', 'blur'];
  var NOT_UPDATABLE = ['publishableKey', 'jwt', 'organizationId', 'i18n'];
  var MOUNT_TIMEOUT_MS = 15000;
  var TOKEN_TIMEOUT_MS = 60000;

  var ERROR_CODES = {
    incompleteCardNumber: 'incompleteCardNumber',
    invalidPaymentCard: 'invalidPaymentCard',
    unsupportedCardBrand: 'unsupportedCardBrand',
    incompleteExpiry: 'incompleteExpiry',
    invalidExpiry: 'invalidExpiry',
    incompleteCvv: 'incompleteCvv',
    incompleteBankAccountType: 'incompleteBankAccountType',
    incompleteBankAccountNumber: 'incompleteBankAccountNumber',
    incompleteBankRoutingNumber: 'incompleteBankRoutingNumber',
    invalidBankRoutingNumber: 'invalidBankRoutingNumber',
    incompleteIban: 'incompleteIban',
    invalidIban: 'invalidIban',
    missingBillingName: 'missingBillingName',
  };

  var ELEMENT_MESSAGES = {
    incompleteCardNumber: 'Your card number is incomplete.',
    invalidPaymentCard: 'Your card number is invalid.',
    unsupportedCardBrand: 'This card brand is not accepted.',
    incompleteExpiry: "Your card's expiration date is incomplete.",
    invalidExpiry: "Your card's expiration date is invalid.",
    incompleteCvv: "Your card's security code is incomplete.",
    incompleteBankAccountType: 'Choose an account type.',
    incompleteBankAccountNumber: 'Your account number is incomplete.',
    incompleteBankRoutingNumber: 'Your routing number is incomplete.',
    invalidBankRoutingNumber: 'Your routing number is invalid.',
    incompleteIban: 'Your IBAN is incomplete.',
    invalidIban: 'Your IBAN is invalid.',
    missingBillingName: 'First name and last name are required to create a payment token.',
  };

  /** What each element type must be before a token can be made (the code when it is empty). */
  var EMPTY_CODE = {
    card: 'incompleteCardNumber',
    cardNumber: 'incompleteCardNumber',
    cardExpiration: 'incompleteExpiry',
    cardCvv: 'incompleteCvv',
    accountType: 'incompleteBankAccountType',
    accountNumber: 'incompleteBankAccountNumber',
    routingNumber: 'incompleteBankRoutingNumber',
    iban: 'incompleteIban',
  };

  var TYPES = {
    card: ['card', 'cardNumber', 'cardCvv', 'cardExpiration'],
    bban: ['accountType', 'accountNumber', 'routingNumber', 'bic', 'bankName'],
    iban: ['iban', 'bic', 'bankName'],
  };
  var WALLETS = {
    googlePay: { name: 'Google Pay', slug: 'google-pay' },
    applePay: { name: 'Apple Pay', slug: 'apple-pay' },
    paypal: { name: 'PayPal', slug: 'paypal' },
  };

  var settings = null;
  var initialized = false;
  var globalListeners = { ready: [], error: [], 'token-ready': [] };
  /** Every live element record (payment fields and wallet buttons), in mount order. */
  var records = [];
  /** Open wallet sheets (one per wallet click), keyed by frame id. */
  var sheets = {};
  var pending = {};
  var sequence = 0;

  // ---------- helpers ----------

  function randomId() {
    var bytes = new Uint8Array(8);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
  }

  function isPlainObject(value) {
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  }

  function clone(value) {
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  }

  /** Deep merge for `update`: objects merge, anything else replaces, `null` resets the key. */
  function merge(into, from) {
    Object.keys(from).forEach(function (key) {
      var value = from[key];
      if (value === null) delete into[key];
      else if (isPlainObject(value) && isPlainObject(into[key])) merge(into[key], value);
      else into[key] = clone(value);
    });
    return into;
  }

  function makeError(code, message, details) {
    return { code: code, message: message, type: 'error', details: details || [] };
  }

  function messageFor(code) {
    var locale = localeKey();
    var i18n = (settings && settings.i18n) || {};
    var own = (i18n[locale] && i18n[locale].validations) || (i18n.en && i18n.en.validations) || {};
    return own[code] || ELEMENT_MESSAGES[code] || code;
  }

  function localeKey() {
    var value = (settings && settings.locale) || 'auto';
    if (value === 'auto') value = navigator.language || 'en';
    return String(value).slice(0, 2).toLowerCase();
  }

  function emitGlobal(name, payload) {
    globalListeners[name].slice().forEach(function (cb) {
      try {
        if (payload === undefined) cb();
        else cb(payload);
      } catch (error) {
        setTimeout(function () { throw error; });
      }
    });
  }

  function classNames() {
    var own = (settings && settings.classes) || {};
    return {
      base: own.base || 'rebilly-framepay',
      focus: own.focus || 'rebilly-framepay-focus',
      valid: own.valid || 'rebilly-framepay-valid',
      invalid: own.invalid || 'rebilly-framepay-invalid',
      buttons: own.buttons || 'rebilly-framepay-buttons',
    };
  }

  function resolveTarget(target) {
    var node = typeof target === 'string' ? document.querySelector(target) : target;
    if (!node || node.nodeType !== 1) {
      throw new Error('FramePay: the mount target must be an element or a selector of an element in the document');
    }
    return node;
  }

  /** `ancestor` contains `node` in the flat tree (through shadow roots and slots). */
  function composedContains(ancestor, node) {
    while (node) {
      if (node === ancestor) return true;
      node = node.assignedSlot || node.parentNode || node.host || null;
    }
    return false;
  }

  function requireInitialized(what) {
    if (!initialized) throw new Error('FramePay: call Framepay.initialize() before ' + what);
  }

  /** The part of the settings a frame needs to draw itself. Never the credential. */
  function frameSettings() {
    return {
      locale: localeKey(),
      style: settings.style || null,
      placeholders: settings.placeholders || null,
      icon: settings.icon || null,
      card: settings.card || null,
      i18n: settings.i18n || null,
      transactionData: settings.transactionData || null,
      googlePay: settings.googlePay || null,
      applePay: settings.applePay || null,
      paypal: settings.paypal || null,
    };
  }

  function post(record, message) {
    var win = record.iframe && record.iframe.contentWindow;
    if (!win) return;
    message.framepay = PROTOCOL;
    message.frameId = record.id;
    win.postMessage(message, EMULATOR_ORIGIN);
  }

  function credential() {
    return settings.publishableKey || settings.jwt;
  }

  // ---------- elements ----------

  function createFrame(record, page, extra) {
    var params = new URLSearchParams({ frameId: record.id, instance: INSTANCE, parentOrigin: PAGE_ORIGIN });
    Object.keys(extra).forEach(function (key) { params.set(key, extra[key]); });
    var iframe = document.createElement('iframe');
    iframe.src = FRAMES + page + '?' + params.toString();
    iframe.setAttribute('frameborder', '0');
    iframe.setAttribute('scrolling', 'no');
    iframe.setAttribute('allowtransparency', 'true');
    iframe.setAttribute('width', '100%');
    iframe.setAttribute('height', String(extra.height || 44));
    iframe.setAttribute('name', 'framepay-' + record.id);
    iframe.className = 'rebilly-framepay-frame';
    return iframe;
  }

  function newRecord(namespace, type) {
    return {
      id: 'fp' + INSTANCE.slice(0, 6) + '-' + ++sequence,
      namespace: namespace,
      type: type,
      target: null,
      iframe: null,
      mounted: false,
      destroyed: false,
      loaded: false,
      state: { valid: false, completed: false, error: null },
      listeners: { ready: [], error: [], change: [], focus: [], blur: [] },
      timer: null,
    };
  }

  function emitElement(record, name, payload) {
    record.listeners[name].slice().forEach(function (cb) {
      try {
        if (payload === undefined) cb();
        else cb(payload);
      } catch (error) {
        setTimeout(function () { throw error; });
      }
    });
  }

  function setClasses(record, focused) {
    var target = record.target;
    if (!target) return;
    var c = classNames();
    if (focused !== undefined) target.classList.toggle(c.focus, focused);
    target.classList.toggle(c.valid, Boolean(record.state.completed && record.state.valid));
    target.classList.toggle(c.invalid, Boolean(record.state.error));
  }

  function unmountRecord(record) {
    if (!record.mounted) return;
    clearTimeout(record.timer);
    record.mounted = false;
    record.loaded = false;
    if (record.iframe && record.iframe.parentNode) record.iframe.parentNode.removeChild(record.iframe);
    if (record.wrapper && record.wrapper.parentNode) record.wrapper.parentNode.removeChild(record.wrapper);
    record.iframe = null;
    record.wrapper = null;
    if (record.target) {
      var c = classNames();
      record.target.classList.remove(c.base, c.focus, c.valid, c.invalid);
    }
    record.state = { valid: false, completed: false, error: null };
    var index = records.indexOf(record);
    if (index !== -1) records.splice(index, 1);
  }

  /** Mount failed: the element emits `error`, then is unmounted and destroyed (as FramePay documents). */
  function failMount(record, error) {
    setTimeout(function () {
      if (record.destroyed) return;
      emitElement(record, 'error', error);
      unmountRecord(record);
      record.destroyed = true;
    });
  }

  function mountRecord(record, target) {
    if (record.destroyed) throw new Error('FramePay: this element was destroyed');
    if (record.mounted) throw new Error('FramePay: this element is already mounted');
    record.target = target;
    var c = classNames();
    target.textContent = '';
    target.classList.add(c.base);
    record.mounted = true;
    records.push(record);
    var wallet = WALLETS[record.namespace];
    if (wallet) {
      var problem = walletProblem(record.namespace);
      if (problem) return failMount(record, problem);
      record.iframe = createFrame(record, 'wallet-button.html', { wallet: wallet.slug, height: 48 });
      record.iframe.title = wallet.name + ' button';
      if (record.namespace === 'applePay') {
        // Like FramePay, Apple Pay renders #rebilly-apple-pay-button in the target.
        record.wrapper = document.createElement('div');
        record.wrapper.id = 'rebilly-apple-pay-button';
        record.wrapper.appendChild(record.iframe);
        target.appendChild(record.wrapper);
      } else target.appendChild(record.iframe);
    } else {
      record.iframe = createFrame(record, 'field.html', { type: record.type, height: 44 });
      record.iframe.title = 'Secure ' + (record.namespace === 'card' ? 'card' : 'bank account') + ' input frame';
      target.appendChild(record.iframe);
    }
    record.timer = setTimeout(function () {
      if (!record.loaded) failMount(record, makeError('network-error', 'Mount Error: the frame did not load', []));
    }, MOUNT_TIMEOUT_MS);
  }

  function walletProblem(namespace) {
    var data = settings.transactionData || {};
    if (namespace === 'applePay' && typeof window.ApplePaySession === 'undefined') {
      return makeError('apple-pay-not-supported', 'Apple Pay is not available in this browser', []);
    }
    if (namespace === 'paypal') {
      if (!paypalFeature()) {
        var error = makeError('paypal-error', 'No PayPal billing agreement in the methods passed to initialize', []);
        setTimeout(function () { emitGlobal('error', error); });
        return error;
      }
      return null;
    }
    if (typeof data.amount !== 'number' || !/^[A-Z]{3}$/.test(String(data.currency || ''))) {
      return makeError('invalid-transaction-data', 'transactionData.amount and transactionData.currency are required for ' + WALLETS[namespace].name, []);
    }
    return null;
  }

  function paypalFeature() {
    var methods = settings.methods || [];
    for (var i = 0; i < methods.length; i++) {
      var f = methods[i] && methods[i].method === 'paypal' ? methods[i].feature : null;
      if (f && f.paypalMerchantId && f.billingAgreementToken) return f;
    }
    return null;
  }

  function elementApi(record, withMount) {
    var api = {
      on: function (name, cb) {
        if (ELEMENT_EVENTS.indexOf(name) === -1) throw new TypeError('FramePay: unknown element event "' + name + '"');
        if (typeof cb !== 'function') throw new TypeError('FramePay: the handler must be a function');
        record.listeners[name].push(cb);
      },
      off: function (name, cb) {
        var list = record.listeners[name];
        if (!list) return;
        var index = list.indexOf(cb);
        if (index !== -1) list.splice(index, 1);
      },
      unmount: function () {
        unmountRecord(record);
      },
      destroy: function () {
        unmountRecord(record);
        record.destroyed = true;
        Object.keys(record.listeners).forEach(function (name) { record.listeners[name] = []; });
      },
    };
    if (!WALLETS[record.namespace]) {
      api.focus = function () {
        if (!record.mounted || !record.iframe) return;
        record.iframe.focus();
        post(record, { type: 'focus' });
      };
    }
    if (withMount) {
      api.mount = function (target) {
        requireInitialized('mount()');
        mountRecord(record, resolveTarget(target || record.target));
        return api;
      };
    }
    return api;
  }

  function namespaceApi(namespace) {
    return {
      mount: function (target, type) {
        requireInitialized(namespace + '.mount()');
        var node = resolveTarget(target);
        var kind = type;
        if (namespace === 'card' && (kind === undefined || kind === null)) kind = 'card';
        if (namespace === 'iban' && (kind === undefined || kind === null)) kind = 'iban';
        if (TYPES[namespace].indexOf(kind) === -1) {
          throw new TypeError('FramePay: ' + namespace + '.mount() type must be one of ' + TYPES[namespace].join(', ') + (kind === undefined ? '' : ' ("' + kind + '" given)'));
        }
        var record = newRecord(namespace, kind);
        mountRecord(record, node);
        return elementApi(record, namespace !== 'card');
      },
    };
  }

  function walletApi(namespace) {
    return {
      mount: function (target) {
        requireInitialized(namespace + '.mount()');
        var record = newRecord(namespace, namespace);
        mountRecord(record, resolveTarget(target));
        return elementApi(record, false);
      },
    };
  }

  // ---------- wallet sheet ----------

  function openSheet(button) {
    var open = Object.keys(sheets).length > 0;
    if (open) return;
    var wallet = WALLETS[button.namespace];
    var sheet = newRecord('sheet', button.namespace);
    sheet.button = button;
    var dialog = document.createElement('dialog');
    dialog.className = 'rebilly-framepay-sheet';
    dialog.setAttribute('aria-label', wallet.name);
    sheet.iframe = createFrame(sheet, 'wallet-sheet.html', { wallet: wallet.slug, height: 360 });
    sheet.iframe.title = wallet.name + ' payment sheet';
    sheet.iframe.setAttribute('width', '360');
    dialog.appendChild(sheet.iframe);
    dialog.addEventListener('cancel', function (event) {
      event.preventDefault();
      closeSheet(sheet);
    });
    sheet.wrapper = dialog;
    sheet.mounted = true;
    sheets[sheet.id] = sheet;
    document.body.appendChild(dialog);
    if (typeof dialog.showModal === 'function') dialog.showModal();
    else dialog.setAttribute('open', '');
    sheet.iframe.focus();
  }

  function closeSheet(sheet) {
    delete sheets[sheet.id];
    if (sheet.wrapper) {
      if (typeof sheet.wrapper.close === 'function' && sheet.wrapper.open) sheet.wrapper.close();
      if (sheet.wrapper.parentNode) sheet.wrapper.parentNode.removeChild(sheet.wrapper);
    }
    sheet.mounted = false;
    if (sheet.button && sheet.button.iframe) sheet.button.iframe.focus();
  }

  function sheetConfig(sheet) {
    var wallet = WALLETS[sheet.type];
    return {
      type: 'config',
      settings: frameSettings(),
      wallet: wallet.name,
      credential: credential(),
      organizationId: settings.organizationId || null,
      riskMetadata: settings.riskMetadata || null,
      paypal: sheet.type === 'paypal' ? paypalFeature() : null,
    };
  }

  // ---------- messages from frames ----------

  function findByWindow(source, frameId) {
    var all = records.concat(Object.keys(sheets).map(function (id) { return sheets[id]; }));
    for (var i = 0; i < all.length; i++) {
      var r = all[i];
      if (r.iframe && r.iframe.contentWindow === source && r.id === frameId) return r;
    }
    return null;
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== EMULATOR_ORIGIN) return;
    var data = event.data;
    if (!isPlainObject(data) || data.framepay !== PROTOCOL || typeof data.type !== 'string') return;
    var record = findByWindow(event.source, data.frameId);
    if (!record) return;
    switch (data.type) {
      case 'loaded':
        record.loaded = true;
        clearTimeout(record.timer);
        if (record.namespace === 'sheet') post(record, sheetConfig(record));
        else post(record, { type: 'config', settings: frameSettings(), classes: classNames() });
        break;
      case 'ready':
        if (record.namespace !== 'sheet') emitElement(record, 'ready');
        break;
      case 'resize':
        if (typeof data.height === 'number' && data.height > 0 && data.height < 2000 && record.iframe) {
          record.iframe.setAttribute('height', String(Math.ceil(data.height)));
        }
        break;
      case 'state':
      case 'change': {
        var error = isPlainObject(data.error) ? makeError(String(data.error.code), messageFor(String(data.error.code)), []) : null;
        record.state = { valid: Boolean(data.valid), completed: Boolean(data.completed), error: error };
        setClasses(record);
        if (data.type === 'state') break;
        var payload = { valid: record.state.valid, completed: record.state.completed, source: record.type };
        if (error) payload.error = error;
        emitElement(record, 'change', payload);
        break;
      }
      case 'focus':
        setClasses(record, true);
        emitElement(record, 'focus');
        break;
      case 'blur':
        setClasses(record, false);
        emitElement(record, 'blur');
        break;
      case 'wallet-open':
        if (WALLETS[record.namespace]) openSheet(record);
        break;
      case 'sheet-result':
        if (record.namespace !== 'sheet') break;
        closeSheet(record);
        if (data.outcome === 'approved' && isPlainObject(data.token)) emitGlobal('token-ready', data.token);
        else if (data.outcome === 'error' && isPlainObject(data.error)) {
          emitGlobal('error', makeError(record.type === 'paypal' ? 'paypal-error' : String(data.error.code), String(data.error.message), data.error.details));
        }
        break;
      case 'token-result': {
        var request = pending[data.requestId];
        if (!request || request.record !== record) break;
        delete pending[data.requestId];
        clearTimeout(request.timer);
        if (data.ok && isPlainObject(data.token)) request.resolve(data.token);
        else {
          var e = isPlainObject(data.error) ? data.error : {};
          request.reject(makeError(String(e.code || 'network-error'), String(e.message || 'Network error'), Array.isArray(e.details) ? e.details : []));
        }
        break;
      }
    }
  });

  // ---------- createToken ----------

  var BILLING_FIELDS = ['firstName', 'lastName', 'organization', 'address', 'address2', 'city', 'region', 'country', 'postalCode'];

  function readForm(form) {
    var out = { billingAddress: {} };
    var nodes = form.querySelectorAll('[data-rebilly]');
    Array.prototype.forEach.call(nodes, function (node) {
      var key = node.getAttribute('data-rebilly');
      var value = typeof node.value === 'string' ? node.value.trim() : '';
      if (!value || key === 'token') return;
      if (key === 'fullName') {
        var parts = value.split(/\s+/);
        out.billingAddress.firstName = out.billingAddress.firstName || parts.shift();
        if (parts.length) out.billingAddress.lastName = out.billingAddress.lastName || parts.join(' ');
      } else if (BILLING_FIELDS.indexOf(key) !== -1) out.billingAddress[key] = value;
      else if (key === 'emails' || key === 'phoneNumbers') {
        var list = out.billingAddress[key] || (out.billingAddress[key] = []);
        list.push({ label: node.getAttribute('data-rebilly-label') || 'main', value: value });
      } else if (key === 'bic' || key === 'bankName') out[key] = value;
    });
    return out;
  }

  function utmLeadSource() {
    var params = new URLSearchParams(location.search);
    var lead = {};
    ['source', 'medium', 'campaign', 'content', 'term'].forEach(function (name) {
      var value = params.get('utm_' + name);
      if (value) lead[name] = value;
    });
    return Object.keys(lead).length ? lead : null;
  }

  function pickRecords(form, method) {
    var inForm = records.filter(function (r) {
      return r.mounted && (r.namespace === 'card' || r.namespace === 'bban' || r.namespace === 'iban') && composedContains(form, r.target);
    });
    if (!method) {
      if (!inForm.length) return { method: null, records: [] };
      method = inForm[0].namespace === 'card' ? 'payment-card' : 'ach';
    }
    if (method === 'payment-card') return { method: method, records: inForm.filter(function (r) { return r.namespace === 'card'; }) };
    if (method === 'ach' || method === 'echeck') {
      var first = inForm.filter(function (r) { return r.namespace === 'bban' || r.namespace === 'iban'; })[0];
      var ns = first ? first.namespace : 'bban';
      return { method: method, records: inForm.filter(function (r) { return r.namespace === ns; }) };
    }
    return { method: method, records: null };
  }

  /** The frame that sends the token (holds the card number / account number) and the siblings it reads. */
  function checkRecords(method, list) {
    var types = list.map(function (r) { return r.type; });
    var required;
    if (method === 'payment-card') required = types.indexOf('card') !== -1 ? ['card'] : ['cardNumber', 'cardExpiration', 'cardCvv'];
    else if (list.length && list[0].namespace === 'iban') required = ['iban'];
    else required = ['accountType', 'accountNumber', 'routingNumber'];
    for (var i = 0; i < required.length; i++) {
      if (types.indexOf(required[i]) === -1) {
        var missing = EMPTY_CODE[required[i]];
        return { error: makeError(missing, messageFor(missing) + ' (no "' + required[i] + '" element is mounted in the form)', []) };
      }
    }
    var used = list.filter(function (r) { return required.indexOf(r.type) !== -1 || r.type === 'bic' || r.type === 'bankName'; });
    for (var j = 0; j < used.length; j++) {
      var r = used[j];
      if (!r.loaded) return { error: makeError('network-error', 'The ' + r.type + ' element is not ready yet', []) };
      if (!(r.state.completed && r.state.valid) && EMPTY_CODE[r.type]) {
        var err = r.state.error || makeError(EMPTY_CODE[r.type], messageFor(EMPTY_CODE[r.type]), []);
        return { error: makeError(err.code, err.message, [{ field: r.type, message: err.message }]) };
      }
    }
    var primaryType = required[0] === 'card' ? 'card' : method === 'payment-card' ? 'cardNumber' : required[0] === 'iban' ? 'iban' : 'accountNumber';
    var primary = used.filter(function (r) { return r.type === primaryType; })[0];
    return { primary: primary, siblings: used.filter(function (r) { return r !== primary; }) };
  }

  function createToken(form, extraData) {
    return new Promise(function (resolve, reject) {
      if (!initialized) return reject(makeError('not-initialized', 'Call Framepay.initialize() before createToken()', []));
      if (!form || form.nodeType !== 1) return reject(makeError('invalid-form', 'createToken(form): form must be an element', []));
      var extra = isPlainObject(extraData) ? extraData : {};
      var picked = pickRecords(form, extra.method);
      if (picked.records === null) {
        return reject(makeError('unsupported-method', 'The emulator\'s FramePay makes "payment-card", "ach" and "echeck" tokens only ("' + picked.method + '" given)', []));
      }
      if (!picked.method || !picked.records.length) {
        return reject(makeError('no-elements', 'No FramePay payment element is mounted in this form', []));
      }
      var checked = checkRecords(picked.method, picked.records);
      if (checked.error) return reject(checked.error);

      var fromForm = readForm(form);
      var billingAddress = merge(fromForm.billingAddress, isPlainObject(extra.billingAddress) ? clone(extra.billingAddress) : {});
      var missing = [];
      if (!billingAddress.firstName) missing.push({ field: 'billingAddress.firstName', message: 'First name is required' });
      if (!billingAddress.lastName) missing.push({ field: 'billingAddress.lastName', message: 'Last name is required' });
      if (missing.length) return reject(makeError('missingBillingName', messageFor('missingBillingName'), missing));

      var body = { method: picked.method, billingAddress: billingAddress };
      var leadSource = extra.leadSource !== undefined ? extra.leadSource : utmLeadSource();
      if (isPlainObject(leadSource) && Object.keys(leadSource).length) body.leadSource = clone(leadSource);
      if (settings.riskMetadata) body.riskMetadata = clone(settings.riskMetadata);
      var bank = {};
      if (extra.bic || fromForm.bic) bank.bic = String(extra.bic || fromForm.bic);
      if (extra.bankName || fromForm.bankName) bank.bankName = String(extra.bankName || fromForm.bankName);

      var requestId = 'req-' + randomId();
      var request = { record: checked.primary, resolve: resolve, reject: reject };
      request.timer = setTimeout(function () {
        delete pending[requestId];
        reject(makeError('network-error', 'No answer from the payment frame', []));
      }, TOKEN_TIMEOUT_MS);
      pending[requestId] = request;
      post(checked.primary, {
        type: 'tokenize',
        requestId: requestId,
        body: body,
        bank: bank,
        siblings: checked.siblings.map(function (r) { return r.id; }),
        credential: credential(),
        organizationId: settings.organizationId || null,
      });
    }).then(function (token) {
      var hidden = form.querySelector('input[data-rebilly="token"]');
      if (hidden) hidden.value = token.id;
      return token;
    });
  }

  // ---------- the global ----------

  var Framepay = {
    version: VERSION,
    errorCodes: Object.freeze(ERROR_CODES),
    initialize: function (options) {
      if (initialized) throw new Error('FramePay is already initialized; use Framepay.update() to change its settings');
      if (!isPlainObject(options)) throw new TypeError('FramePay: initialize(settings) needs a settings object');
      if (!options.publishableKey && !options.jwt) throw new Error('FramePay: initialize() needs a publishableKey (or a jwt)');
      settings = clone(options);
      initialized = true;
      setTimeout(function () {
        emitGlobal('ready');
      });
    },
    update: function (options) {
      requireInitialized('update()');
      if (!isPlainObject(options)) throw new TypeError('FramePay: update(settings) needs a settings object');
      NOT_UPDATABLE.forEach(function (key) {
        if (key in options && JSON.stringify(options[key]) !== JSON.stringify(settings[key])) {
          throw new Error('FramePay: "' + key + '" cannot be changed by update()');
        }
      });
      var next = clone(options);
      NOT_UPDATABLE.forEach(function (key) { delete next[key]; });
      merge(settings, next);
      records.forEach(function (r) {
        if (r.loaded) post(r, { type: 'config', settings: frameSettings(), classes: classNames() });
      });
    },
    on: function (name, cb) {
      if (GLOBAL_EVENTS.indexOf(name) === -1) throw new TypeError('FramePay: unknown event "' + name + '"');
      if (typeof cb !== 'function') throw new TypeError('FramePay: the handler must be a function');
      globalListeners[name].push(cb);
    },
    off: function (name, cb) {
      var list = globalListeners[name];
      if (!list) return;
      var index = list.indexOf(cb);
      if (index !== -1) list.splice(index, 1);
    },
    card: namespaceApi('card'),
    bban: namespaceApi('bban'),
    iban: namespaceApi('iban'),
    googlePay: walletApi('googlePay'),
    applePay: walletApi('applePay'),
    paypal: walletApi('paypal'),
    createToken: createToken,
  };
  Object.defineProperty(Framepay, 'initialized', {
    enumerable: true,
    get: function () { return initialized; },
  });
  window.Framepay = Framepay;
})();
