// Demo page wiring: logs every event of every checkout, and drives property changes from the controls.
const EVENTS = ['data-ready', 'instrument-ready', 'purchase-completed', 'setup-completed', 'payout-completed', 'error'];
const log = document.getElementById('events');

for (const el of document.querySelectorAll('rebilly-instruments')) {
  for (const name of EVENTS) {
    el.addEventListener(name, (event) => {
      const item = document.createElement('li');
      const summary = name === 'error' ? `${event.detail.code}: ${event.detail.message}` : JSON.stringify(event.detail).slice(0, 160);
      item.textContent = `#${el.id} ${name} — ${summary}`;
      log?.prepend(item);
    });
  }
}

const cart = document.getElementById('cart');
document.getElementById('starter-qty')?.addEventListener('input', (event) => {
  const quantity = Number(event.target.value);
  if (!cart || !Number.isInteger(quantity) || quantity < 1) return;
  cart.items = [
    { planId: 'plan-starter', quantity },
    { planId: 'plan-pro-monthly', quantity: 1 },
  ];
});
document.getElementById('locale')?.addEventListener('change', (event) => {
  for (const el of document.querySelectorAll('rebilly-instruments')) el.locale = event.target.value;
});
document.getElementById('theme')?.addEventListener('change', (event) => {
  for (const el of document.querySelectorAll('rebilly-instruments')) {
    if (event.target.value) el.setAttribute('theme', event.target.value);
    else el.removeAttribute('theme');
  }
});
