/*
 * A FramePay stand-in field frame: `?type=` card (number + expiry + CVV) | cardNumber | cardExpiration |
 * cardCvv | accountType | accountNumber | routingNumber | bic | bankName | iban.
 * It reports `change` / `focus` / `blur` / `resize` to the host, and on `tokenize` (sent only to the frame
 * holding the card or account number) reads its sibling frames over a BroadcastChannel of the same origin
 * and posts `/tokens` itself.
 */
(function () {
  'use strict';
  var F = window.FramepayFrame;
  var type = F.params.get('type') || 'card';
  var root = document.getElementById('root');
  var settings = {};
  var controls = [];
  var ready = false;

  var BRANDS = [
    ['American Express', /^3[47]/, 15, 4],
    ['Diners Club', /^3(0[0-5]|[68])/, 14, 3],
    ['MasterCard', /^(5[1-5]|2(2[2-9]|[3-6]\d|7[01]|720))/, 16, 3],
    ['Discover', /^(6011|65|64[4-9])/, 16, 3],
    ['JCB', /^35(2[89]|[3-8])/, 16, 3],
    ['China UnionPay', /^62/, 16, 3],
    ['Visa', /^4/, 16, 3],
  ];

  function brandOf(digits) {
    for (var i = 0; i < BRANDS.length; i++) if (BRANDS[i][1].test(digits)) return BRANDS[i];
    return null;
  }

  function luhn(digits) {
    var sum = 0;
    for (var i = 0; i < digits.length; i++) {
      var d = Number(digits.charAt(digits.length - 1 - i));
      if (i % 2 === 1) {
        d *= 2;
        if (d > 9) d -= 9;
      }
      sum += d;
    }
    return sum % 10 === 0;
  }

  function digitsOf(value) {
    return String(value || '').replace(/\D/g, '');
  }

  function placeholder(group, key, fallback) {
    var p = settings.placeholders && settings.placeholders[group];
    return (p && typeof p[key] === 'string' && p[key]) || fallback;
  }

  function text(code, fallback) {
    var i18n = settings.i18n || {};
    var own = (i18n[settings.locale] && i18n[settings.locale].validations) || (i18n.en && i18n.en.validations) || {};
    return own[code] || fallback;
  }

  // ---------- controls ----------

  function input(name, label, attrs, check, format) {
    var wrapper = document.createElement('label');
    wrapper.className = 'control control-' + name;
    var caption = document.createElement('span');
    caption.className = 'visually-hidden';
    caption.textContent = label;
    var el = document.createElement('input');
    el.name = name;
    el.type = 'text';
    el.spellcheck = false;
    Object.keys(attrs).forEach(function (key) { el.setAttribute(key, attrs[key]); });
    wrapper.appendChild(caption);
    wrapper.appendChild(el);
    root.appendChild(wrapper);
    var control = { name: name, el: el, touched: false, check: check, format: format };
    el.addEventListener('input', function () {
      if (control.format) {
        var formatted = control.format(el.value);
        if (formatted !== el.value) el.value = formatted;
      }
      report();
    });
    el.addEventListener('blur', function () {
      if (el.value) control.touched = true;
      setTimeout(report);
    });
    controls.push(control);
    return control;
  }

  var cardDigits = function () {
    var number = controls.filter(function (c) { return c.name === 'cardnumber'; })[0];
    return number ? digitsOf(number.el.value) : '';
  };

  function cardNumber() {
    input('cardnumber', 'Card number', { autocomplete: 'cc-number', inputmode: 'numeric', maxlength: '23' }, function (value) {
      var d = digitsOf(value);
      var brand = brandOf(d);
      var length = brand ? brand[2] : 16;
      if (!d) return { empty: true, incomplete: 'incompleteCardNumber' };
      if (d.length < length) return { incomplete: 'incompleteCardNumber' };
      if (d.length > length || !luhn(d)) return { invalid: 'invalidPaymentCard' };
      var allowed = settings.card && settings.card.brands && settings.card.brands.allowed;
      if (Array.isArray(allowed) && (!brand || allowed.indexOf(brand[0]) === -1)) return { invalid: 'unsupportedCardBrand' };
      return { complete: true, values: { pan: d } };
    }, function (value) {
      var d = digitsOf(value).slice(0, 19);
      var brand = brandOf(d);
      var groups = brand && brand[2] === 15 ? [4, 6, 5] : [4, 4, 4, 4, 3];
      var out = [];
      var at = 0;
      for (var i = 0; i < groups.length && at < d.length; i++) {
        out.push(d.slice(at, at + groups[i]));
        at += groups[i];
      }
      return out.join(' ');
    });
  }

  function cardExpiration() {
    input('exp-date', 'Expiration date (MM / YY)', { autocomplete: 'cc-exp', inputmode: 'numeric', maxlength: '7' }, function (value) {
      var d = digitsOf(value);
      if (!d) return { empty: true, incomplete: 'incompleteExpiry' };
      var month = Number(d.slice(0, 2));
      if (d.length >= 2 && (month < 1 || month > 12)) return { invalid: 'invalidExpiry' };
      if (d.length < 4) return { incomplete: 'incompleteExpiry' };
      var year = 2000 + Number(d.slice(2, 4));
      var now = new Date();
      if (year < now.getFullYear() || (year === now.getFullYear() && month < now.getMonth() + 1)) return { invalid: 'invalidExpiry' };
      return { complete: true, values: { expMonth: month, expYear: year } };
    }, function (value) {
      var d = digitsOf(value).slice(0, 4);
      return d.length > 2 ? d.slice(0, 2) + ' / ' + d.slice(2) : d;
    });
  }

  function cardCvv() {
    var password = settings.card && settings.card.cvv && settings.card.cvv.type === 'password';
    var control = input('cvc', 'CVV (security code)', { autocomplete: 'cc-csc', inputmode: 'numeric', maxlength: '4' }, function (value) {
      var d = digitsOf(value);
      var brand = brandOf(cardDigits());
      var length = type === 'card' && brand ? brand[3] : 3;
      if (!d) return { empty: true, incomplete: 'incompleteCvv' };
      if (d.length < length) return { incomplete: 'incompleteCvv' };
      if (type === 'card' && d.length > length) return { invalid: 'incompleteCvv' };
      return { complete: true, values: { cvv: d } };
    }, function (value) {
      return digitsOf(value).slice(0, 4);
    });
    if (password) control.el.type = 'password';
  }

  function digitsInput(name, label, min, max, emptyCode, invalidCode, extraCheck) {
    input(name, label, { inputmode: 'numeric', maxlength: String(max), autocomplete: 'off' }, function (value) {
      var d = digitsOf(value);
      if (!d) return { empty: true, incomplete: emptyCode };
      if (d.length < min) return { incomplete: emptyCode };
      if (extraCheck && !extraCheck(d)) return { invalid: invalidCode };
      var values = {};
      values[name] = d;
      return { complete: true, values: values };
    }, function (value) {
      return digitsOf(value).slice(0, max);
    });
  }

  function aba(d) {
    var w = [3, 7, 1];
    var sum = 0;
    for (var i = 0; i < 9; i++) sum += Number(d.charAt(i)) * w[i % 3];
    return d.length === 9 && sum % 10 === 0;
  }

  function ibanValid(value) {
    var v = value.slice(4) + value.slice(0, 4);
    var remainder = 0;
    for (var i = 0; i < v.length; i++) {
      var c = v.charAt(i);
      var n = /[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c;
      for (var j = 0; j < n.length; j++) remainder = (remainder * 10 + Number(n.charAt(j))) % 97;
    }
    return remainder === 1;
  }

  function accountType() {
    var fieldset = document.createElement('fieldset');
    fieldset.className = 'buttons';
    var legend = document.createElement('legend');
    legend.className = 'visually-hidden';
    legend.textContent = 'Account type';
    fieldset.appendChild(legend);
    var radios = [];
    ['checking', 'savings', 'other'].forEach(function (value) {
      var label = document.createElement('label');
      var radio = document.createElement('input');
      radio.type = 'radio';
      radio.name = 'accountType';
      radio.value = value;
      if (value === 'checking') radio.checked = true;
      var span = document.createElement('span');
      var names = settings.placeholders && settings.placeholders.bban && settings.placeholders.bban.type;
      span.textContent = (names && typeof names[value] === 'string' && names[value]) || value.charAt(0).toUpperCase() + value.slice(1);
      label.appendChild(radio);
      label.appendChild(span);
      fieldset.appendChild(label);
      radio.addEventListener('change', function () { report(); });
      radios.push(radio);
    });
    root.appendChild(fieldset);
    controls.push({
      name: 'accountType',
      el: radios[0],
      touched: false,
      check: function () {
        var checked = radios.filter(function (r) { return r.checked; })[0];
        return checked ? { complete: true, values: { accountType: checked.value } } : { empty: true, incomplete: 'incompleteBankAccountType' };
      },
      value: function () { return ''; },
    });
  }

  function freeText(name, label, max) {
    input(name, label, { maxlength: String(max), autocomplete: 'off' }, function (value) {
      var v = String(value || '').trim();
      var values = {};
      if (v) values[name] = name === 'bic' ? v.toUpperCase() : v;
      return { complete: true, optional: true, values: values };
    });
  }

  function build() {
    switch (type) {
      case 'card':
        cardNumber();
        cardExpiration();
        cardCvv();
        break;
      case 'cardNumber':
        cardNumber();
        break;
      case 'cardExpiration':
        cardExpiration();
        break;
      case 'cardCvv':
        cardCvv();
        break;
      case 'accountType':
        accountType();
        break;
      case 'accountNumber':
        digitsInput('accountNumber', 'Account number', 4, 17, 'incompleteBankAccountNumber', 'incompleteBankAccountNumber');
        break;
      case 'routingNumber':
        digitsInput('routingNumber', 'Routing number', 9, 9, 'incompleteBankRoutingNumber', 'invalidBankRoutingNumber', aba);
        break;
      case 'bic':
        freeText('bic', 'BIC (SWIFT code)', 11);
        break;
      case 'bankName':
        freeText('bankName', 'Bank name', 255);
        break;
      case 'iban':
        input('iban', 'IBAN', { maxlength: '42', autocomplete: 'off' }, function (value) {
          var v = String(value || '').replace(/\s+/g, '').toUpperCase();
          if (!v) return { empty: true, incomplete: 'incompleteIban' };
          if (v.length < 15) return { incomplete: 'incompleteIban' };
          if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(v) || !ibanValid(v)) return { invalid: 'invalidIban' };
          return { complete: true, values: { iban: v } };
        });
        break;
      default:
        throw new Error('Unknown field type ' + type);
    }
    if (type === 'card' || type === 'cardNumber') {
      var brand = document.createElement('span');
      brand.className = 'brand';
      brand.setAttribute('aria-live', 'polite');
      root.insertBefore(brand, root.firstChild);
    }
  }

  function placeholders() {
    controls.forEach(function (c) {
      var p = {
        cardnumber: placeholder('card', 'number', 'Card number'),
        'exp-date': placeholder('card', 'expiry', 'MM / YY'),
        cvc: placeholder('card', 'cvv', 'CVV'),
        accountNumber: placeholder('bban', 'accountNumber', 'Account number'),
        routingNumber: placeholder('bban', 'routingNumber', 'Routing number'),
        iban: placeholder('iban', 'accountNumber', 'IBAN'),
        bic: 'BIC',
        bankName: 'Bank name',
      }[c.name];
      if (p && c.el.type !== 'radio') c.el.placeholder = p;
    });
  }

  // ---------- state ----------

  var focused = false;
  var lastReported = '';

  function evaluate() {
    var values = {};
    var error = null;
    var valid = true;
    var completed = true;
    controls.forEach(function (c) {
      var r = c.check(c.el.value);
      if (r.values) Object.keys(r.values).forEach(function (k) { values[k] = r.values[k]; });
      if (r.invalid) {
        valid = false;
        if (!error) error = r.invalid;
      }
      if (!r.complete) {
        completed = false;
        if (r.incomplete && c.touched && !r.empty && document.activeElement !== c.el) {
          valid = false;
          if (!error) error = r.incomplete;
        }
      }
      c.el.setAttribute('aria-invalid', r.invalid ? 'true' : 'false');
    });
    return { valid: valid, completed: completed && valid, error: error, values: values };
  }

  /** `change` after the customer's input; `state` (no element event) for the initial state. */
  function report(initial) {
    var s = evaluate();
    root.classList.toggle('is-valid', s.completed);
    root.classList.toggle('is-invalid', Boolean(s.error));
    var brandEl = root.querySelector('.brand');
    if (brandEl) {
      var brand = brandOf(cardDigits());
      brandEl.textContent = settings.icon && settings.icon.display === false ? '' : brand ? brand[0] : '';
    }
    var key = JSON.stringify([s.valid, s.completed, s.error]);
    if (!ready || key === lastReported) return;
    lastReported = key;
    var payload = { valid: s.valid, completed: s.completed };
    if (s.error) payload.error = { code: s.error, message: text(s.error, s.error), type: 'error' };
    F.send(initial === true ? 'state' : 'change', payload);
  }

  // ---------- tokenize (primary frame) and collect (sibling frames) ----------

  var channel = F.channel();
  if (channel) {
    channel.onmessage = function (event) {
      var data = event.data || {};
      if (data.type !== 'collect' || !Array.isArray(data.frames) || data.frames.indexOf(F.frameId) === -1) return;
      channel.postMessage({ type: 'collected', requestId: data.requestId, frameId: F.frameId, values: evaluate().values });
    };
  }

  function collect(ids) {
    return new Promise(function (resolve, reject) {
      if (!ids.length) return resolve({});
      if (!channel) return reject(new Error('BroadcastChannel is not available'));
      var requestId = Math.random().toString(36).slice(2);
      var got = {};
      var values = {};
      var listener = new BroadcastChannel(channel.name);
      var timer = setTimeout(function () {
        listener.close();
        reject(new Error('A field frame did not answer'));
      }, 5000);
      listener.onmessage = function (event) {
        var data = event.data || {};
        if (data.type !== 'collected' || data.requestId !== requestId || ids.indexOf(data.frameId) === -1) return;
        got[data.frameId] = true;
        Object.keys(data.values || {}).forEach(function (k) { values[k] = data.values[k]; });
        if (ids.every(function (id) { return got[id]; })) {
          clearTimeout(timer);
          listener.close();
          resolve(values);
        }
      };
      listener.postMessage({ type: 'collect', requestId: requestId, frames: ids });
    });
  }

  function tokenize(message) {
    var own = evaluate();
    var body = message.body || {};
    collect(Array.isArray(message.siblings) ? message.siblings : [])
      .then(function (siblings) {
        var v = {};
        Object.keys(own.values).forEach(function (k) { v[k] = own.values[k]; });
        Object.keys(siblings).forEach(function (k) { v[k] = siblings[k]; });
        var bank = message.bank || {};
        if (body.method === 'payment-card') {
          body.paymentInstrument = { pan: v.pan, cvv: v.cvv, expMonth: v.expMonth, expYear: v.expYear };
        } else if (type === 'iban') {
          body.paymentInstrument = { accountNumberType: 'IBAN', accountNumber: v.iban };
        } else {
          body.paymentInstrument = { accountNumberType: 'BBAN', accountNumber: v.accountNumber, routingNumber: v.routingNumber, accountType: v.accountType };
        }
        if (body.method !== 'payment-card') {
          var bic = v.bic || bank.bic;
          var bankName = v.bankName || bank.bankName;
          if (bic) body.paymentInstrument.bic = bic;
          if (bankName) body.paymentInstrument.bankName = bankName;
        }
        return F.postToken(body, message.credential, message.organizationId);
      }, function (error) {
        return { ok: false, error: { code: 'network-error', message: error.message, details: [] } };
      })
      .then(function (result) {
        F.send('token-result', { requestId: message.requestId, ok: result.ok, token: result.token, error: result.error });
      });
  }

  F.onMessage(function (message) {
    switch (message.type) {
      case 'config':
        settings = message.settings || {};
        document.documentElement.lang = settings.locale || 'en';
        if (!controls.length) build();
        placeholders();
        F.applyStyle(settings.style, 'input, .buttons label');
        if (!ready) {
          ready = true;
          F.watchSize();
          report(true);
          F.send('ready');
        } else report(true);
        break;
      case 'focus': {
        var first = controls[0];
        if (first) first.el.focus();
        break;
      }
      case 'tokenize':
        tokenize(message);
        break;
    }
  });

  F.watchFocus(function (isFocused) {
    focused = isFocused;
    root.classList.toggle('is-focus', focused);
    F.send(focused ? 'focus' : 'blur');
  });

  F.send('loaded');
})();
