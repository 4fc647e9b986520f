/*
 * A FramePay stand-in wallet button frame: `?wallet=google-pay | apple-pay | paypal`. A click asks the host
 * to open the simulated wallet sheet (a second frame); the button itself never sees payment data.
 */
(function () {
  'use strict';
  var F = window.FramepayFrame;
  var wallet = F.params.get('wallet');
  var NAMES = { 'google-pay': 'Google Pay', 'apple-pay': 'Apple Pay', paypal: 'PayPal' };
  var root = document.getElementById('root');
  var button = null;
  var ready = false;

  function render(settings) {
    var key = { 'google-pay': 'googlePay', 'apple-pay': 'applePay', paypal: 'paypal' }[wallet];
    var options = (settings && settings[key]) || {};
    if (!button) {
      button = document.createElement('button');
      button.type = 'button';
      button.addEventListener('click', function () {
        F.send('wallet-open');
      });
      root.appendChild(button);
    }
    var type = typeof options.buttonType === 'string' && options.buttonType !== 'plain' ? options.buttonType : '';
    button.textContent = (type ? type.charAt(0).toUpperCase() + type.slice(1) + ' with ' : '') + NAMES[wallet];
    button.className = 'wallet wallet-' + wallet + ' color-' + String(options.buttonColor || 'black').replace(/[^a-z-]/gi, '') + ' shape-' + String(options.buttonShape || 'rect').replace(/[^a-z-]/gi, '');
    var height = options.buttonHeight;
    if (typeof height === 'number') height = height + 'px';
    F.applyStyle(typeof height === 'string' && /^\d+(\.\d+)?px$/.test(height) ? { base: { height: height } } : null, 'button');
  }

  F.onMessage(function (message) {
    if (message.type !== 'config') return;
    render(message.settings);
    if (!ready) {
      ready = true;
      F.watchSize();
      F.send('ready');
    }
  });
  F.watchFocus(function (focused) {
    F.send(focused ? 'focus' : 'blur');
  });
  F.send('loaded');
})();
