import { expect } from 'chai';
import { addWebhookEndpoint, recordedEvents } from '../support/webhook-outbox';
import { twoLines, usePlatformInvoices } from './platform-invoices-setup';

const RECORD_TYPES = ['invoice.created', 'invoice.updated', 'invoice.archived', 'customer.created', 'customer.updated', 'customer.archived'];

describe('Webhook events of records the platform API makes and edits', function () {
  this.timeout(60_000);
  const { setup } = usePlatformInvoices();

  it('tells a customer and an invoice created, the invoice edited, then updated again once QuickBooks added it, each as the API answered', async () => {
    const { test, api, base, connection, customer: fromQuickBooks, create, edit, invoice, connector, later, ours } = await setup(true);
    await addWebhookEndpoint(test, connection.id, RECORD_TYPES);
    const customer = await api.call('POST', `${base}/customers`, { name: 'Webhook Buyer Ltd', email: 'ap@buyer.example' });
    expect(customer.status).to.equal(201);
    // For a customer QuickBooks has, so that the rules' write of the invoice can go there.
    const created = await create({ customerId: fromQuickBooks.id, number: 'W-1', ...twoLines });
    const edited = await edit(created.body.id, { dueDate: '2027-01-31' });
    expect(edited.status).to.equal(200);
    later(5);
    await connector.runSession();
    const events = (await recordedEvents(test, connection.id)).filter((e) => e.data.id === customer.body.id || e.data.id === created.body.id);
    expect(events.slice(0, 3).map((e) => e.type)).to.deep.equal(['customer.created', 'invoice.created', 'invoice.updated']);
    expect(events[0].data).to.deep.equal(customer.body);
    expect(events[1].data).to.deep.equal(created.body);
    expect(events[2].data).to.deep.equal(edited.body);
    // QuickBooks added it (the write's end, then the session's read of it under its new TxnID):
    // updates, the last showing it as a GET now does.
    expect(ours()).to.have.length(1);
    const after = events.slice(3);
    expect(after.map((e) => e.type)).to.deep.equal(['invoice.updated', 'invoice.updated']);
    expect((after[0].data.qbd as { state: string }).state).to.equal('synced');
    expect(after[1].data).to.deep.equal(await invoice(created.body.id));
  });
});
