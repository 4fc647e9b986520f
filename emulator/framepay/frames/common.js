/*
 * Shared code of the FramePay stand-in's frames (served from the emulator's origin, see
 * emulator/framepay/framepay.js for the host side). Defines `FramepayFrame`.
 * Messages to the host go to `parent` with the host's origin (from the frame URL) as target; messages are
 * accepted only from `parent`, from that origin, and only when they carry this frame's id.
 */
(function () {
  'use strict';
  var PROTOCOL = 1;
  var params = new URLSearchParams(location.search);
  var frameId = params.get('frameId') || '';
  var instance = params.get('instance') || '';
  var parentOrigin = params.get('parentOrigin') || '';
  // An opaque parent origin ("null") cannot be a postMessage target: then only the source check applies.
  var targetOrigin = parentOrigin && parentOrigin !== 'null' ? parentOrigin : '*';
  var apiBase = location.origin + location.pathname.replace(/\/framepay\/frames\/[^/]*$/, '');

  function send(type, payload) {
    var message = { framepay: PROTOCOL, frameId: frameId, type: type };
    if (payload) Object.keys(payload).forEach(function (key) { message[key] = payload[key]; });
    if (window.parent !== window) window.parent.postMessage(message, targetOrigin);
  }

  function onMessage(handler) {
    window.addEventListener('message', function (event) {
      if (event.source !== window.parent || event.origin !== parentOrigin) return;
      var data = event.data;
      if (!data || typeof data !== 'object' || data.framepay !== PROTOCOL || data.frameId !== frameId) return;
      handler(data);
    });
  }

  // ---------- styles from the `style` setting, as CSSOM rules (no inline styles) ----------

  var sheet = null;
  function styleSheet() {
    if (sheet) return sheet;
    try {
      sheet = new CSSStyleSheet();
      document.adoptedStyleSheets = [sheet];
    } catch (error) {
      sheet = null;
    }
    return sheet;
  }

  var SAFE_VALUE = /^[^;{}<>\\]*$/;
  function declarations(rules) {
    var out = [];
    Object.keys(rules || {}).forEach(function (key) {
      var value = rules[key];
      if (key.charAt(0) === ':' || (typeof value !== 'string' && typeof value !== 'number')) return;
      var property = key.replace(/[A-Z]/g, function (c) { return '-' + c.toLowerCase(); });
      value = String(value);
      if (!/^-?[a-z][a-z-]*$/.test(property) || !SAFE_VALUE.test(value) || /url\s*\(|expression|@import/i.test(value)) return;
      out.push(property + ': ' + value);
    });
    return out.join('; ');
  }

  /**
   * @param {Record<string, any> | null} style {base, focus, valid, invalid, buttons}, CSS-like keys and nested
   *   ':hover', ':focus', ':disabled', '::placeholder', '::selection'
   * @param {string} controls the selector of the styled controls
   */
  function applyStyle(style, controls) {
    var target = styleSheet();
    if (!target) return;
    while (target.cssRules.length) target.deleteRule(0);
    if (!style || typeof style !== 'object') return;
    var states = { base: '', focus: '.is-focus ', valid: '.is-valid ', invalid: '.is-invalid ' };
    Object.keys(states).forEach(function (state) {
      var rules = style[state];
      if (!rules || typeof rules !== 'object') return;
      var scope = function (suffix) {
        return controls.split(',').map(function (c) { return states[state] + c.trim() + suffix; }).join(', ');
      };
      insert(scope(''), declarations(rules));
      Object.keys(rules).forEach(function (key) {
        if (/^::?(hover|focus|disabled|placeholder|selection)$/.test(key)) insert(scope(key), declarations(rules[key]));
      });
    });
    if (style.buttons && typeof style.buttons === 'object') {
      var buttons = style.buttons;
      insert('.buttons label', declarations(buttons.base || buttons));
      if (buttons.focus) insert('.buttons label:focus-within', declarations(buttons.focus));
      if (buttons.active) insert('.buttons input:checked + span', declarations(buttons.active));
    }
    function insert(selector, body) {
      if (!body) return;
      try {
        target.insertRule(selector + ' { ' + body + ' }', target.cssRules.length);
      } catch (error) {
        // an unsupported selector or value is ignored, as a browser ignores an invalid rule
      }
    }
  }

  // ---------- size ----------

  function watchSize() {
    var last = 0;
    function report() {
      var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height && height !== last) {
        last = height;
        send('resize', { height: height });
      }
    }
    if (typeof ResizeObserver === 'function') new ResizeObserver(report).observe(document.documentElement);
    report();
  }

  // ---------- focus (one focus / blur per frame, not per input) ----------

  function watchFocus(onChange) {
    var focused = false;
    document.addEventListener('focusin', function () {
      if (focused) return;
      focused = true;
      onChange(true);
    });
    document.addEventListener('focusout', function () {
      setTimeout(function () {
        var inside = document.hasFocus() && document.activeElement && document.activeElement !== document.body;
        if (!focused || inside) return;
        focused = false;
        onChange(false);
      });
    });
  }

  // ---------- API ----------

  /** `POST {base}[/organizations/{org}]/tokens` from this frame's origin; never rejects. */
  function postToken(body, credential, organizationId) {
    var url = apiBase + (organizationId ? '/organizations/' + encodeURIComponent(organizationId) : '') + '/tokens';
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = setTimeout(function () { if (controller) controller.abort(); }, 30000);
    return fetch(url, {
      method: 'POST',
      headers: { Authorization: 'Bearer ' + credential, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal: controller ? controller.signal : undefined,
      credentials: 'omit',
    })
      .then(function (response) {
        return response.text().then(function (text) {
          var json = null;
          try {
            json = text ? JSON.parse(text) : null;
          } catch (error) {
            return { ok: false, error: { code: 'network-error', message: 'The API answered with invalid JSON', details: [] } };
          }
          if (response.ok && json && typeof json.id === 'string') return { ok: true, token: json };
          if (response.ok) return { ok: false, error: { code: 'network-error', message: 'The API answered without a token', details: [] } };
          var slug = json && typeof json.type === 'string' ? json.type.split('/').pop() : '';
          return {
            ok: false,
            error: {
              code: slug || 'http-' + response.status,
              message: (json && (json.detail || json.title)) || 'HTTP ' + response.status,
              details: (json && Array.isArray(json.invalidFields) && json.invalidFields) || [],
              status: response.status,
            },
          };
        });
      })
      .catch(function (error) {
        return { ok: false, error: { code: 'network-error', message: 'Network error: ' + (error && error.message ? error.message : error), details: [] } };
      })
      .then(function (result) {
        clearTimeout(timer);
        return result;
      });
  }

  function channel() {
    return typeof BroadcastChannel === 'function' ? new BroadcastChannel('rebilly-framepay-' + instance) : null;
  }

  window.FramepayFrame = {
    params: params,
    frameId: frameId,
    send: send,
    onMessage: onMessage,
    applyStyle: applyStyle,
    watchSize: watchSize,
    watchFocus: watchFocus,
    postToken: postToken,
    channel: channel,
  };
})();
