import { expect } from 'chai';
import { InvoiceView, twoLines, usePlatformInvoices } from './platform-invoices-setup';

/**
 * Invoices made or edited on the platform (money issue, point 4): with the default rules they stay
 * there; the example override file sends them to QuickBooks exactly once.
 * With the default rules, here; with the override, platform-invoices-override.test.ts.
 */
describe('Invoices made and edited on the platform', function () {
  this.timeout(60_000);
  const { setup } = usePlatformInvoices();

  describe('with the default rules', () => {
    it('creates the invoice on the platform only: 201, not_sent, and no QuickBooks write at the next sync', async () => {
      const { create, customer, connector, requests, ours, invoice, api, base } = await setup();
      const created = await create({ customerId: customer.id, number: 'P-100', date: '2026-11-20', dueDate: '2026-12-20', ...twoLines });
      expect(created.status).to.equal(201);
      expect(created.body).to.deep.include({
        number: 'P-100',
        customerSourceId: customer.source.id,
        dueDate: '2026-12-20',
        total: '349.99',
        balance: '349.99',
        status: 'open',
        source: 'alternative',
      });
      expect(created.body.qbd.state).to.equal('not_sent');
      expect(created.body.lines.map((l: InvoiceView['lines'][number]) => [l.itemName, l.quantity, l.rate, l.amount])).to.deep.equal([
        ['Consulting', '2', '150.00', '300.00'],
        ['Support', null, null, '49.99'],
      ]);
      await connector.runSession();
      expect(requests('InvoiceAddRq')).to.equal(0);
      expect(ours()).to.have.length(0);
      expect((await invoice(created.body.id)).qbd.state).to.equal('not_sent');
      const events = (await api.call('GET', `${base}/events?limit=200`)).body.items as { item: string; from: string; outcome: string; sourceId: string }[];
      expect(events.find((e) => e.item === 'invoice' && e.sourceId === created.body.id)).to.deep.include({ from: 'alternative', outcome: 'denied' });
    });

    it('keeps a payment of a platform-only invoice on the platform: its balance moves here, nothing reaches QuickBooks, and a failure gives it back', async () => {
      const { create, customer, connector, requests, invoice, api, base } = await setup();
      const created = (await create({ customerId: customer.id, ...twoLines })).body;
      const payment = await api.call('POST', `${base}/payments`, { invoiceId: created.id, amount: '100.00' });
      expect(payment.status).to.equal(201);
      expect(payment.body.qbd).to.deep.equal({ state: 'not_sent', message: 'The invoice exists only on the platform, so this payment stays here too.' });
      expect(await invoice(created.id)).to.deep.include({ balance: '249.99', status: 'partially-paid' });
      expect((await api.call('POST', `${base}/payments`, { invoiceId: created.id, amount: '250.00' })).status, 'more than is owed').to.equal(422);
      await connector.runSession();
      expect(requests('ReceivePaymentAddRq')).to.equal(0);
      expect((await api.call('POST', `/api/payments/${payment.body.id}/fail`)).status).to.equal(200);
      expect(await invoice(created.id)).to.deep.include({ balance: '349.99', status: 'open' });
      await connector.runSession();
      expect(requests('TxnDelRq')).to.equal(0);
    });

    it('edits a QuickBooks invoice on the platform only, and the next change made in QuickBooks wins', async () => {
      const { invoices, edit, connector, requests, company, later, invoice } = await setup();
      const target = (await invoices()).find((i) => i.status === 'open' && i.source === 'qbd')!;
      const edited = await edit(target.id, { dueDate: '2027-01-31' });
      expect(edited.status).to.equal(200);
      expect(edited.body.dueDate).to.equal('2027-01-31');
      await connector.runSession();
      expect(requests('InvoiceModRq')).to.equal(0);
      expect((await invoice(target.id)).dueDate, 'unchanged in QuickBooks, the platform edit stays').to.equal('2027-01-31');
      const inQuickBooks = company.invoice(target.qbd.txnId!);
      company.editInvoice(inQuickBooks.txnId, { memo: 'Changed in QuickBooks' });
      later(5);
      await connector.runSession();
      expect((await invoice(target.id)).dueDate).to.equal(inQuickBooks.dueDate ?? null);
    });

    it('makes one invoice for one Idempotency-Key, however often it is sent', async () => {
      const { api, base, customer, invoices } = await setup();
      const before = (await invoices()).length;
      const key = { 'idempotency-key': 'b6a8f2de-4c1e-4a77-9d2b-1f0e8c3a5d61' };
      const body = { customerId: customer.id, number: 'ONCE-1', ...twoLines };
      const [first, again] = [await api.call('POST', `${base}/invoices`, body, key), await api.call('POST', `${base}/invoices`, body, key)];
      expect(first.status).to.equal(201);
      expect(again.status).to.equal(201);
      expect(again.headers.get('idempotent-replayed')).to.equal('true');
      expect(again.body).to.deep.equal(first.body);
      expect((await invoices()).length).to.equal(before + 1);
    });

    it('refuses to change the lines of a QuickBooks invoice here, where payments must fit what QuickBooks is owed', async () => {
      const { invoices, edit, invoice } = await setup();
      const target = (await invoices()).find((i) => i.status === 'open' && i.source === 'qbd')!;
      const refused = await edit(target.id, { dueDate: '2027-05-31', lines: [{ description: 'More', amount: '99999.00' }] });
      expect(refused.status).to.equal(422);
      expect(refused.body.error.message).to.match(/lines of a QuickBooks invoice are changed in QuickBooks/);
      const after = await invoice(target.id);
      expect([after.total, after.dueDate, after.lines.length]).to.deep.equal([target.total, target.dueDate, target.lines.length]);
    });

    it('keeps a payout of payments that stayed here out of QuickBooks', async () => {
      const { create, customer, api, base, connector, requests } = await setup();
      const created = (await create({ customerId: customer.id, ...twoLines })).body;
      const payment = (await api.call('POST', `${base}/payments`, { invoiceId: created.id, amount: '49.99' })).body;
      const payout = await api.call('POST', `${base}/payouts`, { paymentIds: [payment.id] });
      expect(payout.status).to.equal(201);
      expect(payout.body.deposit).to.deep.equal({
        needed: false,
        message: 'Its payments stayed on the platform (their invoices exist only there), so QuickBooks needs no deposit for them.',
      });
      await connector.runSession();
      expect(requests('DepositAddRq')).to.equal(0);
    });

    it('refuses bad invoices and edits with the field named, changing nothing', async () => {
      const { create, edit, customer, invoices, api, base } = await setup();
      const before = (await invoices()).length;
      const mismatch = await create({
        customerId: customer.id,
        lines: [{ item: 'Consulting', description: 'x', quantity: '3', rate: '19.995', amount: '59.98' }],
      });
      expect(mismatch.status).to.equal(422);
      expect(JSON.stringify(mismatch.body)).to.include('lines[0].amount').and.include('59.99');
      expect((await create({ customerId: '00000000-0000-4000-8000-000000000000', ...twoLines })).status).to.equal(422);
      expect((await create({ customerId: customer.id, lines: [] })).status).to.equal(422);
      expect((await create({ customerId: customer.id, number: 'TWELVE-CHARS', ...twoLines })).status).to.equal(422);
      expect((await create({ customerId: customer.id, lines: Array.from({ length: 201 }, () => ({ description: 'x', amount: '1.00' })) })).status).to.equal(
        422,
      );
      expect((await create({ customerId: customer.id, lines: [{ description: 'credit', amount: '-5.00' }] })).status).to.equal(422);
      expect((await invoices()).length).to.equal(before);
      const created = (await create({ customerId: customer.id, ...twoLines })).body;
      await api.call('POST', `${base}/payments`, { invoiceId: created.id, amount: '349.99' });
      const paid = await edit(created.id, { dueDate: '2027-01-01' });
      expect(paid.status).to.equal(422);
      expect(paid.body.error.message).to.match(/unpaid/);
      const partly = (await create({ customerId: customer.id, ...twoLines })).body;
      await api.call('POST', `${base}/payments`, { invoiceId: partly.id, amount: '100.00' });
      const below = await edit(partly.id, { lines: [{ description: 'Less', amount: '99.99' }] });
      expect(below.status).to.equal(422);
      expect((await edit(partly.id, { lines: [{ id: 'not-a-line', description: 'x', amount: '200.00' }] })).status).to.equal(422);
      expect((await edit(partly.id, {})).status).to.equal(422);
    });
  });
});
