// The merchant backend's part of a JWT checkout, played by the emulator's stand-in: for every element with
// `data-customer-jwt='{"customerId": …, "invoiceId"?: …}'`, ask the "backend" for a customer JWT (it runs the
// server-side steps: authentication token, then exchange with acl and customClaims) and hand it to the
// element. With real Rebilly, this request goes to your own server, which holds the secret key.
for (const el of document.querySelectorAll('rebilly-instruments[data-customer-jwt]')) {
  const scope = JSON.parse(el.dataset.customerJwt);
  const backend = `${el.getAttribute('api-url')}/__merchant/customer-jwt`;
  fetch(backend, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(scope) })
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`backend answered ${response.status}`))))
    .then(({ token }) => {
      el.jwt = token;
    })
    .catch((error) => {
      const note = document.createElement('p');
      note.textContent = `Could not get a customer JWT from the demo backend: ${error.message}`;
      el.after(note);
    });
}
