import { expect } from 'chai';
import { schemaAvailability, schemaErrors } from '../support/qbxml-schema';
import { twoLines, usePlatformInvoices } from './platform-invoices-setup';

/**
 * Invoices made or edited on the platform (money issue, point 4): with the default rules they stay
 * there; the example override file sends them to QuickBooks exactly once.
 * With the override, here; with the default rules, platform-invoices.test.ts.
 */
describe('Invoices made and edited on the platform', function () {
  this.timeout(60_000);
  const { setup } = usePlatformInvoices();

  describe('with the override that sends them to QuickBooks', () => {
    it('adds the invoice to QuickBooks once, links the platform invoice to it, and a payment of it goes there too', async () => {
      const { create, customer, connector, ours, invoice, invoices, later, api, base, company } = await setup(true);
      const created = (await create({ customerId: customer.id, number: 'P-200', date: '2026-11-20', dueDate: '2026-12-20', ...twoLines })).body;
      expect(created.qbd.state).to.equal('pending');
      await connector.runSession();
      expect(ours()).to.have.length(1);
      const added = ours()[0];
      expect(added).to.deep.include({ customerId: customer.source.id, refNumber: 'P-200', txnDate: '2026-11-20', dueDate: '2026-12-20' });
      expect(added.lines.map((l) => [l.itemName, l.desc, l.quantity, l.rate, l.amount])).to.deep.equal([
        ['Consulting', 'Setup', '2', '150.00', '300.00'],
        ['Support', 'Monthly support', undefined, undefined, '49.99'],
      ]);
      const after = await invoice(created.id);
      expect(after.qbd).to.deep.include({ state: 'synced', txnId: added.txnId });
      expect(after.source, 'read back from QuickBooks in the same session and linked, not added twice').to.equal('qbd');
      expect((await invoices()).filter((i) => i.number === 'P-200')).to.have.length(1);
      const payment = (await api.call('POST', `${base}/payments`, { invoiceId: created.id, amount: '49.99' })).body;
      later(5);
      await connector.runSession();
      expect([...company.payments.values()].filter((p) => p.refNumber?.startsWith('ALT-')).map((p) => p.applications)).to.deep.equal([
        [{ invoiceId: added.txnId, amount: '49.99' }],
      ]);
      expect((await api.call('GET', `${base}/payments`)).body.items.find((p: { id: string }) => p.id === payment.id).qbd.state).to.equal('synced');
      expect(await invoice(created.id)).to.deep.include({ balance: '300.00', status: 'partially-paid' });
    });

    it('adds exactly one invoice when the answer to InvoiceAdd is lost', async () => {
      const { create, customer, connector, ours, later, invoice } = await setup(true);
      const created = (await create({ customerId: customer.id, ...twoLines })).body;
      expect((await connector.runSession({ loseReceiveAnswer: 1 })).ended).to.equal('dropped');
      expect(ours(), 'QuickBooks added it; only the answer was lost').to.have.length(1);
      later(0.1);
      await connector.runSession();
      expect(ours()).to.have.length(1);
      expect((await invoice(created.id)).qbd).to.deep.include({ state: 'synced', txnId: ours()[0].txnId });
    });

    it('links, not doubles, an invoice whose add lost its answer when QuickBooks is read before the add is looked up', async () => {
      const { create, customer, connector, ours, invoice, invoices, later, api, base, quickBooks } = await setup(true);
      // An older write that will wait: a payout before any deposit account is chosen.
      const open = (await invoices()).find((i) => i.status === 'open' && i.source === 'qbd')!;
      const paid = (await api.call('POST', `${base}/payments`, { invoiceId: open.id, amount: '1.00' })).body;
      await connector.runSession();
      expect((await api.call('POST', `${base}/payouts`, { paymentIds: [paid.id] })).status).to.equal(201);
      const created = (await create({ customerId: customer.id, number: 'P-LOST', ...twoLines })).body;
      later(5);
      // The payout waits for its account; the InvoiceAdd goes, and QuickBooks' answer never reaches us.
      expect((await connector.runSession({ loseQuickBooksAnswer: 1 })).ended).to.equal('dropped');
      expect(ours()).to.have.length(1);
      const accounts = (await api.call('GET', `${base}/accounts`)).body as { id: string; name: string }[];
      await api.call('PATCH', `${base}/settings`, { depositAccountId: accounts.find((a) => a.name === 'Checking')!.id });
      // Now the payout goes first and QuickBooks is busy: writes end, the reads bring our invoice back.
      quickBooks.misbehaviour.lockNextWrites = 1;
      later(0.1);
      await connector.runSession();
      expect((await invoices()).filter((i) => i.number === 'P-LOST')).to.have.length(1);
      expect(await invoice(created.id)).to.deep.include({ source: 'qbd' });
      expect((await invoice(created.id)).qbd).to.deep.include({ state: 'synced', txnId: ours()[0].txnId });
      later(5);
      await connector.runSession();
      expect(ours()).to.have.length(1);
      expect((await invoices()).filter((i) => i.number === 'P-LOST')).to.have.length(1);
    });

    it('sends a platform payment made before its invoice reached QuickBooks after the invoice, applied to it', async () => {
      const { create, customer, connector, api, base, company } = await setup(true);
      const created = (await create({ customerId: customer.id, ...twoLines })).body;
      expect((await api.call('POST', `${base}/payments`, { invoiceId: created.id, amount: '10.00' })).body.qbd.state).to.equal('pending');
      await connector.runSession();
      const added = [...company.invoices.values()].find((i) => i.externalGuid)!;
      expect([...company.payments.values()].filter((p) => p.refNumber?.startsWith('ALT-')).map((p) => p.applications)).to.deep.equal([
        [{ invoiceId: added.txnId, amount: '10.00' }],
      ]);
    });

    it('asks for the QuickBooks item of each line, and sends the invoice once an edit gives them', async () => {
      const { create, edit, customer, connector, ours, invoice, later } = await setup(true);
      const created = (await create({ customerId: customer.id, lines: [{ description: 'No item', amount: '20.00' }] })).body;
      await connector.runSession();
      const waiting = await invoice(created.id);
      expect(waiting.qbd.state).to.equal('needs_action');
      expect(waiting.qbd.message).to.match(/needs an item on every invoice line; line 1 has none/);
      expect(ours()).to.have.length(0);
      const fixed = await edit(created.id, { lines: [{ id: waiting.lines[0].id, item: 'Services', description: 'No item', amount: '20.00' }] });
      expect(fixed.body.qbd.state).to.equal('pending');
      later(5);
      await connector.runSession();
      expect(ours()).to.have.length(1);
      expect(ours()[0].lines.map((l) => l.itemName)).to.deep.equal(['Services']);
    });

    it('sends the payments kept here while the invoice could not go to QuickBooks once an edit lets it go, after it', async () => {
      const { create, edit, customer, connector, ours, invoice, later, api, base, company } = await setup(true);
      const created = (await create({ customerId: customer.id, lines: [{ description: 'No item yet', amount: '80.00' }] })).body;
      await connector.runSession();
      expect((await invoice(created.id)).qbd.state).to.equal('needs_action');
      const payment = (await api.call('POST', `${base}/payments`, { invoiceId: created.id, amount: '30.00' })).body;
      expect(payment.qbd.state, 'kept while the invoice is not on its way').to.equal('not_sent');
      expect((await invoice(created.id)).balance).to.equal('50.00');
      const fixed = await edit(created.id, {
        lines: [{ id: (await invoice(created.id)).lines[0].id, item: 'Services', description: 'No item yet', amount: '80.00' }],
      });
      expect(fixed.body.balance, 'not counted twice: owed 80.00 less 30.00 on its way').to.equal('80.00');
      later(5);
      await connector.runSession();
      expect(ours()).to.have.length(1);
      const paid = [...company.payments.values()].filter((p) => p.memo?.includes(payment.id));
      expect(paid.map((p) => p.applications)).to.deep.equal([[{ invoiceId: ours()[0].txnId, amount: '30.00' }]]);
      expect(await invoice(created.id)).to.deep.include({ balance: '50.00', status: 'partially-paid' });
      expect((await api.call('POST', `${base}/payments`, { invoiceId: created.id, amount: '50.01' })).status, 'never more than is owed').to.equal(422);
    });

    it('sends a due-date edit without touching the lines QuickBooks has', async () => {
      const { invoices, edit, connector, company, quickBooks } = await setup(true);
      const target = (await invoices()).find((i) => i.status === 'open' && i.source === 'qbd')!;
      const linesBefore = JSON.stringify(company.invoice(target.qbd.txnId!).lines);
      await edit(target.id, { dueDate: '2027-06-30' });
      quickBooks.log.length = 0;
      await connector.runSession();
      const mods = quickBooks.log.filter((l) => l.requestXml.includes('<InvoiceModRq'));
      expect(mods).to.have.length(1);
      expect(mods[0].requestXml).to.not.include('InvoiceLineMod');
      expect(company.invoice(target.qbd.txnId!).dueDate).to.equal('2027-06-30');
      expect(JSON.stringify(company.invoice(target.qbd.txnId!).lines)).to.equal(linesBefore);
    });

    it('sends an edit of a QuickBooks invoice once: only what differs, with a fresh EditSequence', async () => {
      const { invoices, edit, connector, company, requests, quickBooks, later } = await setup(true);
      const target = (await invoices()).find((i) => i.status === 'open' && i.source === 'qbd' && i.lines.every((l) => l.itemName))!;
      const lines = target.lines.map((l) => ({
        id: l.id,
        description: l.description ?? 'Line',
        quantity: l.quantity ?? undefined,
        rate: l.rate ?? undefined,
        amount: l.amount,
      }));
      const extra = { item: 'Services', description: 'Added on the platform', amount: '10.00' };
      const edited = await edit(target.id, { dueDate: '2027-02-28', lines: [...lines, extra] });
      expect(edited.status).to.equal(200);
      quickBooks.log.length = 0;
      await connector.runSession();
      expect(requests('InvoiceModRq')).to.equal(1);
      const inQuickBooks = company.invoice(target.qbd.txnId!);
      expect(inQuickBooks.dueDate).to.equal('2027-02-28');
      expect(inQuickBooks.lines.map((l) => l.desc)).to.deep.equal([...lines.map((l) => l.description), 'Added on the platform']);
      // Sent once: the next session asks nothing more.
      later(5);
      quickBooks.log.length = 0;
      await connector.runSession();
      expect(requests('InvoiceModRq') + requests('InvoiceAddRq')).to.equal(0);
    });

    it('re-reads and retries once when the invoice changed in QuickBooks meanwhile, then asks the partner', async () => {
      const { invoices, edit, connector, company, requests, quickBooks, invoice } = await setup(true);
      const target = (await invoices()).find((i) => i.status === 'open' && i.source === 'qbd')!;
      await edit(target.id, { dueDate: '2027-03-31' });
      // Someone edits the invoice in QuickBooks right after each of our reads of it.
      quickBooks.afterRequest = (xml) => {
        if (xml.includes('<InvoiceQueryRq') && xml.includes(target.qbd.txnId!)) company.editInvoice(target.qbd.txnId!, { memo: `edited at ${Date.now()}` });
      };
      quickBooks.log.length = 0;
      await connector.runSession();
      quickBooks.afterRequest = undefined;
      expect(requests('InvoiceModRq')).to.equal(2);
      const state = (await invoice(target.id)).qbd;
      expect(state.state).to.equal('needs_action');
      expect(state.message).to.match(/3200/);
    });

    it('sends only schema-valid requests', async function () {
      if (!schemaAvailability().available) return this.skip();
      const { create, customer, invoices, edit, connector, quickBooks, later } = await setup(true);
      await create({ customerId: customer.id, number: 'P-300', dueDate: '2026-12-31', ...twoLines });
      const target = (await invoices()).find((i) => i.status === 'open' && i.source === 'qbd')!;
      await edit(target.id, { dueDate: '2027-04-30', lines: [{ item: 'Services', description: 'Replaced', quantity: '1.5', rate: '10.00', amount: '15.00' }] });
      await connector.runSession({ loseReceiveAnswer: 1 });
      later(0.1);
      await connector.runSession();
      expect(Object.fromEntries(await schemaErrors(quickBooks.log.map((l, i) => ({ name: `request ${i}`, xml: l.requestXml }))))).to.deep.equal({});
    });
  });
});
