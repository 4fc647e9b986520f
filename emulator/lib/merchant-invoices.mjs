// The merchant's secret-key invoice calls a server makes before it asks a customer to pay (not Storefront
// operations, so not in emulator/contract/): `POST /invoices` (a draft) and `POST /invoices/{id}/issue`.
// `npm run smoke` uses them to create the invoice its customer-JWT step pays, as it does on a real sandbox.
import { randomBytes } from 'node:crypto';
import { invoice as buildInvoice, WEBSITE_ID } from './seed.mjs';
import { ApiError, notFound } from './problems.mjs';

const view = (/** @type {Record<string, unknown>} */ r) => Object.fromEntries(Object.entries(r).filter(([k]) => !k.startsWith('_') || k === '_links'));

/** @param {any} ctx */
function postInvoice(ctx) {
  const body = ctx.body ?? {};
  /** @type {{field: string, message: string}[]} */
  const problems = [];
  if (typeof body.customerId !== 'string' || !ctx.state.customers[body.customerId]) problems.push({ field: 'customerId', message: 'an existing customer' });
  if (typeof body.currency !== 'string' || !/^[A-Z]{3}$/.test(body.currency)) problems.push({ field: 'currency', message: 'an ISO 4217 code' });
  const items = Array.isArray(body.items) ? body.items : [];
  if (!items.length || !items.every((/** @type {any} */ i) => typeof i?.unitPrice === 'number' && i.unitPrice > 0 && Number.isInteger(i.quantity ?? 1) && (i.quantity ?? 1) > 0)) {
    problems.push({ field: 'items', message: 'at least one item with a positive unitPrice and quantity' });
  }
  if (problems.length) throw new ApiError(422, problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
  const id = `inv_${randomBytes(8).toString('hex')}`;
  const created = buildInvoice({
    id,
    customerId: body.customerId,
    currency: body.currency,
    items: items.map((/** @type {any} */ i) => ({ description: String(i.description ?? 'Item'), unitPrice: i.unitPrice, quantity: i.quantity ?? 1 })),
    status: 'draft',
    invoiceNumber: Object.keys(ctx.state.invoices).length + 1,
  });
  created.websiteId = typeof body.websiteId === 'string' ? body.websiteId : WEBSITE_ID;
  ctx.state.invoices[id] = created;
  return { status: 201, body: view(created) };
}

/** @param {any} ctx */
function issueInvoice(ctx) {
  const found = ctx.state.invoices[ctx.params.id];
  if (!found) throw notFound(`Invoice "${ctx.params.id}"`);
  if (found.status !== 'draft') throw new ApiError(409, `Invoice "${found.id}" is ${found.status}, not a draft`);
  found.status = 'unpaid';
  found.issuedTime = new Date().toISOString();
  return { status: 201, body: view(found) };
}

export const MERCHANT_INVOICE_OPERATIONS = [
  { method: 'POST', path: '/invoices', operationId: 'PostInvoice', accepts: ['secret'], handler: postInvoice },
  { method: 'POST', path: '/invoices/:id/issue', operationId: 'PostInvoiceIssuance', accepts: ['secret'], handler: issueInvoice },
];
