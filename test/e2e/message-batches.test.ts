import { expect } from 'chai';
import { BUILT_IN_SYNC } from '../../core/config/app-config';
import { TestClock, connectedCompany } from '../support/connected-company';
import { schemaAvailability, schemaErrors } from '../support/qbxml-schema';
import { useTestService } from '../support/use-test-service';

const requestNames = (xml: string) => [...xml.matchAll(/<(\w+Rq)[ >]/g)].map((m) => m[1]).filter((name) => name !== 'QBXMLMsgsRq');

/**
 * After the first sync, a session's reads go to QuickBooks together, in one message set
 * (steps/message-batch.ts), instead of one round trip a step. Pinned here: what goes together,
 * that the answer is taken step by step in plan order, and what happens when one part of it
 * needs more pages or fails.
 */
describe('Several steps in one message set (simulators end to end)', function () {
  this.timeout(60_000);
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
  const service = useTestService({}, clock.read);

  async function syncedCompany(customers = 20) {
    const env = await connectedCompany(service.current, clock, { seed: 31, customers, invoices: 30, years: 1 });
    const first = await env.connector.runSession();
    expect(first.closeMessage).to.match(/^Complete/);
    env.quickBooks.log.length = 0;
    env.later(10);
    return env;
  }

  it('reads everything an incremental session needs in one round trip, every request valid against the qbXML schema', async function () {
    const { company, connector, quickBooks, all, connection } = await syncedCompany();
    const [a, b] = [...company.invoices.values()];
    company.editInvoice(a.txnId, { memo: 'changed in QuickBooks' });
    company.deleteTxn('Invoice', b.txnId);
    const walkIn = company.addCustomer({ name: 'Walk-in Batch' });
    const outcome = await connector.runSession();

    expect(outcome.closeMessage).to.match(/^Complete: .* in 1 request\(s\)\.$/);
    expect(outcome.calls.map((c) => c.method)).to.deep.equal([
      'serverVersion',
      'clientVersion',
      'authenticate',
      'sendRequestXML',
      'receiveResponseXML',
      'closeConnection',
    ]);
    expect(outcome.percents).to.deep.equal([100]);
    expect(quickBooks.log).to.have.length(1);
    expect(requestNames(quickBooks.log[0].requestXml)).to.deep.equal([
      'AccountQueryRq',
      'CustomerQueryRq',
      'ListDeletedQueryRq',
      'InvoiceQueryRq',
      'TxnDeletedQueryRq',
      'TxnDeletedQueryRq',
      'ReceivePaymentQueryRq',
      'CreditMemoQueryRq',
    ]);
    expect(quickBooks.log[0].requestXml).to.include('onError="continueOnError"');
    const invoices = await all<{ qbd: { txnId: string }; memo: string | null; archived: boolean }>(
      `/api/connections/${connection.id}/invoices?archived=include`,
    );
    expect(invoices.find((i) => i.qbd.txnId === a.txnId)?.memo).to.equal('changed in QuickBooks');
    expect(invoices.find((i) => i.qbd.txnId === b.txnId)?.archived).to.equal(true);
    const customers = await all<{ source: { id: string } }>(`/api/connections/${connection.id}/customers`);
    expect(customers.map((c) => c.source.id)).to.include(walkIn.listId);

    if (!schemaAvailability().available) return this.skip();
    const errors = await schemaErrors([{ name: 'the message set', xml: quickBooks.log[0].requestXml }]);
    expect(Object.fromEntries(errors)).to.deep.equal({});
  });

  it('a step that needs another page keeps the answers after it for later: they are asked again and nothing is lost or doubled', async () => {
    const { company, connector, quickBooks, all, connection } = await syncedCompany();
    const added = Array.from({ length: BUILT_IN_SYNC.pageSize + 20 }, (_, i) => company.addCustomer({ name: `New ${i}` }).listId);
    const [a] = [...company.invoices.values()];
    company.editInvoice(a.txnId, { memo: 'edited while customers page' });
    const outcome = await connector.runSession();

    expect(outcome.closeMessage).to.match(/^Complete/);
    const messages = quickBooks.log.map((l) => requestNames(l.requestXml));
    // First: every read at once; the customers' iterator has more, so their next page goes alone; then the rest again.
    expect(messages[0]).to.include.members(['CustomerQueryRq', 'InvoiceQueryRq']);
    expect(messages[1]).to.deep.equal(['CustomerQueryRq']);
    expect(quickBooks.log[1].requestXml).to.include('iterator="Continue"');
    expect(messages[2]).to.deep.equal([
      'ListDeletedQueryRq',
      'InvoiceQueryRq',
      'TxnDeletedQueryRq',
      'TxnDeletedQueryRq',
      'ReceivePaymentQueryRq',
      'CreditMemoQueryRq',
    ]);
    expect(outcome.percents).to.deep.equal([...outcome.percents].sort((x, y) => x - y));
    expect(outcome.percents.at(-1)).to.equal(100);
    const customers = await all<{ source: { id: string } }>(`/api/connections/${connection.id}/customers`);
    expect(customers).to.have.length(company.customers.size);
    expect(customers.map((c) => c.source.id)).to.include.members(added);
    const invoices = await all<{ qbd: { txnId: string }; memo: string | null }>(`/api/connections/${connection.id}/invoices`);
    expect(invoices).to.have.length(company.invoices.size);
    expect(invoices.find((i) => i.qbd.txnId === a.txnId)?.memo).to.equal('edited while customers page');
  });

  it('a part that QuickBooks refuses keeps what the parts before it stored, stops the session with the reason, and the next session finishes the rest', async () => {
    const { company, connector, quickBooks, all, connection, api, later } = await syncedCompany();
    const [a, b] = [...company.invoices.values()];
    company.editInvoice(a.txnId, { memo: 'stored before the refusal' });
    company.deleteTxn('Invoice', b.txnId);
    quickBooks.misbehaviour.failNextRequestOf = 'TxnDeletedQueryRq';
    const failed = await connector.runSession();

    expect(failed.closeMessage).to.match(/^Stopped: QuickBooks answered 1000/);
    const invoices = async () =>
      all<{ qbd: { txnId: string }; memo: string | null; archived: boolean }>(`/api/connections/${connection.id}/invoices?archived=include`);
    // The invoices came before the refused deletions read: they are kept.
    expect((await invoices()).find((i) => i.qbd.txnId === a.txnId)?.memo).to.equal('stored before the refusal');
    expect((await invoices()).find((i) => i.qbd.txnId === b.txnId)?.archived).to.equal(false);
    expect((await api.call('GET', `/api/connections/${connection.id}`)).body.lastError?.message).to.match(/1000/);

    later(0.1);
    const next = await connector.runSession();
    expect(next.closeMessage).to.match(/^Complete/);
    // The next session starts where the refusal stopped the last one's bookmarks: the deletion is found.
    expect((await invoices()).find((i) => i.qbd.txnId === b.txnId)?.archived).to.equal(true);
    expect((await api.call('GET', `/api/connections/${connection.id}`)).body).to.deep.include({ status: 'connected', lastError: null });
  });
});
