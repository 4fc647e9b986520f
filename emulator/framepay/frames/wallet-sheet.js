/*
 * The FramePay stand-in's simulated wallet sheet (Google Pay, Apple Pay, PayPal), shown by the host in a
 * modal <dialog>. Approve posts `/tokens` from this frame (a digital-wallet or a paypal token) and hands the
 * token to the host, which emits `token-ready`; Cancel (or Escape) closes it with no token.
 */
(function () {
  'use strict';
  var F = window.FramepayFrame;
  var wallet = F.params.get('wallet');
  var root = document.getElementById('root');
  var config = null;

  /** The person behind the simulated wallet account. */
  var WALLET_PERSON = {
    firstName: 'Jane',
    lastName: 'Wallet',
    address: '1 Wallet Way',
    city: 'Springfield',
    region: 'IL',
    country: 'US',
    postalCode: '62701',
    emails: [{ label: 'main', value: 'jane.wallet@example.com' }],
  };
  var CARDS = [
    ['4111111111111111', 'Visa •••• 1111'],
    ['5555555555554444', 'MasterCard •••• 4444'],
    ['4000000000000002', 'Visa •••• 0002 (declines)'],
    ['4000000000003220', 'Visa •••• 3220 (3-D Secure)'],
  ];

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function money(amount, currency, locale) {
    try {
      return new Intl.NumberFormat(locale || 'en', { style: 'currency', currency: currency }).format(amount);
    } catch (error) {
      return amount + ' ' + currency;
    }
  }

  function render() {
    var settings = config.settings || {};
    var data = settings.transactionData || {};
    root.textContent = '';
    root.appendChild(el('h1', { id: 'title' }, config.wallet + ' (simulated)'));
    if (typeof data.amount === 'number' && data.currency) {
      root.appendChild(el('p', { class: 'amount' }, (data.label ? data.label + ': ' : 'Total: ') + money(data.amount, data.currency, settings.locale)));
    }
    var select = null;
    if (wallet === 'paypal') {
      root.appendChild(el('p', {}, 'PayPal account: ' + WALLET_PERSON.emails[0].value));
      root.appendChild(el('p', { class: 'small' }, 'Billing agreement with ' + (config.paypal ? config.paypal.paypalMerchantId : 'the merchant')));
    } else {
      var label = el('label', { for: 'card' }, 'Card');
      select = el('select', { id: 'card', name: 'card' });
      CARDS.forEach(function (card) {
        select.appendChild(el('option', { value: card[0] }, card[1]));
      });
      root.appendChild(label);
      root.appendChild(select);
    }
    var status = el('p', { role: 'status', class: 'status' });
    var actions = el('div', { class: 'actions' });
    var approve = el('button', { type: 'button', class: 'approve' }, 'Approve');
    var cancel = el('button', { type: 'button', class: 'cancel' }, 'Cancel');
    actions.appendChild(approve);
    actions.appendChild(cancel);
    root.appendChild(actions);
    root.appendChild(status);

    cancel.addEventListener('click', function () {
      F.send('sheet-result', { outcome: 'cancelled' });
    });
    approve.addEventListener('click', function () {
      approve.disabled = true;
      cancel.disabled = true;
      status.textContent = 'Processing…';
      F.postToken(tokenBody(select ? select.value : null), config.credential, config.organizationId).then(function (result) {
        // Like a real sheet, it says "Approved" a moment before it closes (this frame then goes away).
        status.textContent = result.ok ? 'Approved' : 'Not approved';
        setTimeout(function () {
          if (result.ok) F.send('sheet-result', { outcome: 'approved', token: result.token });
          else F.send('sheet-result', { outcome: 'error', error: result.error });
        }, 400);
      });
    });
    approve.focus();
  }

  function tokenBody(card) {
    var data = (config.settings && config.settings.transactionData) || {};
    var body;
    if (wallet === 'paypal') {
      var f = config.paypal || {};
      body = {
        method: 'paypal',
        paymentInstrument: { paypalMerchantId: f.paypalMerchantId, billingAgreementToken: f.billingAgreementToken },
        billingAddress: WALLET_PERSON,
      };
    } else {
      body = {
        method: 'digital-wallet',
        paymentInstrument: {
          type: config.wallet,
          amount: data.amount,
          currency: data.currency,
          descriptor: data.label || 'Emulator',
          payload: { simulated: true, testCard: card, billingAddress: WALLET_PERSON },
        },
      };
    }
    if (config.riskMetadata) body.riskMetadata = config.riskMetadata;
    return body;
  }

  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && config) {
      event.preventDefault();
      F.send('sheet-result', { outcome: 'cancelled' });
    }
  });

  F.onMessage(function (message) {
    if (message.type !== 'config' || config) return;
    config = message;
    document.documentElement.lang = (message.settings && message.settings.locale) || 'en';
    render();
    F.watchSize();
    F.send('ready');
  });
  F.send('loaded');
})();
