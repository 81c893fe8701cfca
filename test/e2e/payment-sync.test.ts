import { expect } from 'chai';
import { TestClock } from '../support/connected-company';
import { PartnerApi } from '../support/partner-api';
import { schemaAvailability, schemaErrors } from '../support/qbxml-schema';
import { useTestService } from '../support/use-test-service';
import { paymentSyncSetup } from './payment-sync-setup';

describe('Payments from Alternative into QuickBooks (simulators end to end)', function () {
  this.timeout(60_000);
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
  const service = useTestService({}, clock.read);

  const setup = (chooseAccount = true) => paymentSyncSetup(service.current, clock, chooseAccount);

  it("records an Alternative payment in QuickBooks, applied to the invoice and deposited where the partner chose; the invoice then shows QuickBooks' balance", async () => {
    const { api, connection, company, connector, open, undeposited, later, invoice } = await setup();
    // A reference longer than QuickBooks' 20-character RefNumber: it travels in the memo, whole.
    const reference = 'card 4242 / settlement batch 2026-11-25-0007';
    const created = await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount: '40.00', reference });
    expect(created.status).to.equal(201);
    expect(created.body).to.deep.include({ amount: '40.00', status: 'succeeded', qbd: { state: 'pending' } });
    later(5);
    const outcome = await connector.runSession();
    expect(outcome.ended).to.equal('closed');
    const inQuickBooks = [...company.payments.values()].filter((p) => p.refNumber?.startsWith('ALT-'));
    expect(inQuickBooks).to.have.length(1);
    expect(inQuickBooks[0]).to.deep.include({ totalAmount: '40.00', depositToAccountId: undeposited });
    expect(inQuickBooks[0].memo).to.include(reference);
    expect(inQuickBooks[0].applications).to.deep.equal([{ invoiceId: open.qbd.txnId, amount: '40.00' }]);
    const payment = (await api.call('GET', `/api/connections/${connection.id}/payments`)).body.items[0];
    expect(payment.qbd).to.deep.equal({ state: 'synced', txnId: inQuickBooks[0].txnId });
    const after = await invoice();
    expect(after.balance).to.equal(company.invoiceBalance(company.invoice(open.qbd.txnId)));
    expect(after.status).to.equal('partially-paid');
  });

  it('writes exactly one payment when the answer to ReceivePaymentAdd is lost', async () => {
    const { api, connection, company, connector, open, later } = await setup();
    await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount: '12.34' });
    later(5);
    // The outbox goes first: the first answer of the session is the ReceivePaymentAdd's.
    expect((await connector.runSession({ loseReceiveAnswer: 1 })).ended).to.equal('dropped');
    later(0.1); // runs again seconds later: the new sign-in replaces the dead session
    await connector.runSession();
    later(5);
    await connector.runSession();
    const ours = [...company.payments.values()].filter((p) => p.refNumber?.startsWith('ALT-'));
    expect(ours).to.have.length(1);
    expect((await api.call('GET', `/api/connections/${connection.id}/payments`)).body.items[0].qbd.state).to.equal('synced');
  });

  it('looks a payment up again when QuickBooks cannot run the lookup after a lost answer, and never sends it twice', async () => {
    const { api, connection, company, connector, open, later, quickBooks } = await setup();
    await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount: '12.34' });
    later(5);
    // QuickBooks took the payment, but its answer reaches us cut in half: whether it was written is unknown.
    quickBooks.misbehaviour.truncateNextAnswer = true;
    expect((await connector.runSession()).closeMessage).to.match(/^Stopped/);
    quickBooks.misbehaviour.failNextRequestOf = 'ReceivePaymentQueryRq';
    later(0.1);
    const failed = await connector.runSession();
    expect(failed.closeMessage).to.match(/^Stopped: QuickBooks could not look up a payment whose answer was lost/);
    later(0.1);
    expect((await connector.runSession()).closeMessage).to.match(/^Complete/);
    const ours = [...company.payments.values()].filter((p) => p.refNumber?.startsWith('ALT-'));
    expect(ours).to.have.length(1);
    expect((await api.call('GET', `/api/connections/${connection.id}/payments`)).body.items[0].qbd).to.deep.equal({ state: 'synced', txnId: ours[0].txnId });
  });

  it('reverts a failed payment in QuickBooks at the next sync, and the balance comes back on both sides', async () => {
    const { api, connection, company, connector, open, later, invoice } = await setup();
    const created = (await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount: '25.00' })).body;
    later(5);
    await connector.runSession();
    const failed = await api.call('POST', `/api/payments/${created.id}/fail`);
    expect(failed.body).to.deep.include({ status: 'failed' });
    later(5);
    await connector.runSession();
    expect([...company.payments.values()].filter((p) => p.refNumber?.startsWith('ALT-'))).to.have.length(0);
    expect(company.deletedTxns.map((d) => d.txnDelType)).to.include('ReceivePayment');
    expect((await api.call('GET', `/api/connections/${connection.id}/payments`)).body.items[0].qbd).to.deep.equal({ state: 'reverted' });
    expect((await invoice()).balance).to.equal(open.balance);
  });

  it('cancels a payment that failed before it reached QuickBooks', async () => {
    const { api, connection, company, connector, open, later } = await setup();
    const created = (await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount: '5.00' })).body;
    await api.call('POST', `/api/payments/${created.id}/fail`);
    later(5);
    await connector.runSession();
    expect([...company.payments.values()].filter((p) => p.refNumber?.startsWith('ALT-'))).to.have.length(0);
    expect((await api.call('GET', `/api/connections/${connection.id}/payments`)).body.items[0].qbd.state).to.equal('reverted');
  });

  it('writes nothing until the partner chooses a payment account, and says so', async () => {
    const { api, connection, company, connector, open, later, undeposited } = await setup(false);
    await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount: '5.00' });
    later(5);
    await connector.runSession();
    expect([...company.payments.values()].filter((p) => p.refNumber?.startsWith('ALT-'))).to.have.length(0);
    expect((await api.call('GET', `/api/connections/${connection.id}`)).body.lastError).to.deep.equal({
      code: 'CHOOSE_PAYMENT_ACCOUNT',
      message: 'Payments are waiting: choose the QuickBooks account they are deposited to (Undeposited Funds is recommended) in the connection settings.',
    });
    await api.call('PATCH', `/api/connections/${connection.id}/settings`, { paymentAccountId: undeposited });
    later(5);
    await connector.runSession();
    expect([...company.payments.values()].filter((p) => p.refNumber?.startsWith('ALT-'))).to.have.length(1);
  });

  it('retries a write QuickBooks refused with a lock at the next session, once', async () => {
    const { api, connection, company, connector, open, later, quickBooks } = await setup();
    await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount: '7.00' });
    quickBooks.misbehaviour.lockNextWrites = 1;
    later(5);
    await connector.runSession();
    expect([...company.payments.values()].filter((p) => p.refNumber?.startsWith('ALT-'))).to.have.length(0);
    later(5);
    await connector.runSession();
    expect([...company.payments.values()].filter((p) => p.refNumber?.startsWith('ALT-'))).to.have.length(1);
  });

  it("refuses a payment larger than the balance, or on another partner's invoice", async () => {
    const { api, connection, open } = await setup();
    expect((await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount: '999999.00' })).status).to.equal(422);
    expect((await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount: 5 })).status).to.equal(422);
    const stranger = await PartnerApi.createPartner(service.current.url, 'Stranger');
    expect((await stranger.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount: '1.00' })).status).to.equal(404);
  });

  it('records a payment on an invoice meanwhile paid in QuickBooks as a reconciliation exception, sent once, never retried', async () => {
    const { api, connection, company, connector, quickBooks, open, later } = await setup();
    const invoice = company.invoice(open.qbd.txnId);
    company.receivePayment({
      customerId: invoice.customerId,
      totalAmount: company.invoiceBalance(invoice),
      applications: [{ invoiceId: invoice.txnId, amount: company.invoiceBalance(invoice) }],
    });
    const created = await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount: '20.00' });
    expect(created.status).to.equal(201); // Alternative has not heard of the QuickBooks payment yet
    later(5);
    await connector.runSession();
    later(10);
    await connector.runSession();
    const adds = quickBooks.log.filter((l) => l.requestXml.includes('<ReceivePaymentAddRq')).length;
    expect(adds).to.equal(1);
    const state = (await api.call('GET', `/api/connections/${connection.id}/payments`)).body.items[0].qbd;
    expect(state.state).to.equal('needs_action');
    expect(state.message)
      .to.match(/^Reconciliation needed: the invoice was paid, changed or removed in QuickBooks/)
      .and.to.match(/3210/);
  });

  it('pages payments and payouts newest first, each once, and refuses a forged cursor', async () => {
    const { api, connection, open, all, later } = await setup();
    const made: string[] = [];
    for (let i = 0; i < 9; i += 1) {
      made.push((await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount: '1.00' })).body.id);
      if (i % 3 === 0) later(1); // some share a creation time, some do not: the id breaks ties
    }
    const listed = await all<{ id: string }>(`/api/connections/${connection.id}/payments`);
    expect(listed.map((p) => p.id))
      .to.have.members(made)
      .and.to.have.length(9);
    for (const payoutOf of [made.slice(0, 1), made.slice(1, 2)]) await api.call('POST', `/api/connections/${connection.id}/payouts`, { paymentIds: payoutOf });
    expect((await all<{ id: string }>(`/api/connections/${connection.id}/deposits`)).length).to.equal(2);
    const forged = Buffer.from(JSON.stringify({ createdAt: 'yesterday', id: "x' or 1=1" })).toString('base64url');
    for (const route of ['payments', 'deposits', 'invoices', 'customers', 'events']) {
      expect((await api.call('GET', `/api/connections/${connection.id}/${route}?cursor=${forged}`)).status, route).to.equal(422);
    }
  });

  it('sends only schema-valid requests', async function () {
    if (!schemaAvailability().available) return this.skip();
    const { api, connection, connector, open, later, quickBooks } = await setup();
    const created = (await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount: '3.00' })).body;
    later(5);
    await connector.runSession();
    await api.call('POST', `/api/payments/${created.id}/fail`);
    later(5);
    await connector.runSession();
    expect(Object.fromEntries(await schemaErrors(quickBooks.log.map((l, i) => ({ name: `request ${i}`, xml: l.requestXml }))))).to.deep.equal({});
  });
});
