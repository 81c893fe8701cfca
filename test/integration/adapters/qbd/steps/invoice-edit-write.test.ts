import { expect } from 'chai';
import { SENDS_INVOICES, sendsInvoicesConfig, useWriteBench } from '../writers/write-bench';

describe('The invoice-edit write (a phased write of the outbox step), against a simulated QuickBooks', function () {
  this.timeout(60_000);
  const bench = useWriteBench(sendsInvoicesConfig());

  /** The QuickBooks invoice's due date edited on the platform: an invoice-mod row waits in the outbox. */
  async function withDueDateEdit(dueDate = '2027-01-31') {
    const env = await bench.books({ partnerId: SENDS_INVOICES });
    await env.call('PATCH', `/invoices/${env.platformInvoice.id}`, { dueDate }, 200);
    const row = await env.rowOf('invoice', env.platformInvoice.id, 'invoice-mod');
    const inQuickBooks = () => env.company.invoice(env.invoice.txnId);
    return { ...env, row, dueDate, inQuickBooks };
  }

  describe('read', () => {
    it('reads the invoice by its TxnID with its lines, and moves on to apply with its EditSequence and what differs', async () => {
      const { write, row, reread, invoice, inQuickBooks } = await withDueDateEdit();
      const read = await write();
      expect(read.requests.map((r) => r.rqName)).to.deep.equal(['InvoiceQueryRq']);
      expect(read.requests[0].xml).to.include(`<TxnID>${invoice.txnId}</TxnID>`).and.include('<IncludeLineItems>true</IncludeLineItems>');
      expect(read.result).to.deep.equal({ done: false, counts: {} });
      expect(await reread(row.id)).to.deep.include({
        state: 'pending',
        progress: { next: 'apply', editSequence: inQuickBooks().editSequence, sendDueDate: true, sendLines: false },
      });
    });

    it('settles the edit without sending it when QuickBooks already has it', async () => {
      const { write, row, reread, invoice, company, dueDate } = await withDueDateEdit();
      company.editInvoice(invoice.txnId, { dueDate });
      const { result } = await write();
      expect(result).to.deep.equal({ done: false, counts: { 'invoice edits sent': 1 } });
      expect(await reread(row.id)).to.deep.include({
        state: 'done',
        target_id: invoice.txnId,
        message: 'QuickBooks invoice INV-1 now has the edit made here.',
      });
    });

    it('asks the partner to act when the invoice is no longer in QuickBooks', async () => {
      const { write, row, reread, invoice, company, logOf, platformInvoice } = await withDueDateEdit();
      company.deleteTxn('Invoice', invoice.txnId);
      const { result } = await write();
      expect(result).to.deep.equal({ done: false, counts: { 'invoice edits needing action': 1 } });
      const message = 'The invoice is no longer in QuickBooks, so the edit made here could not be sent.';
      expect(await reread(row.id)).to.deep.include({ state: 'needs-action', message });
      expect((await logOf(platformInvoice.id)).at(-1)).to.deep.equal(['edit', 'failed', message]);
    });
  });

  describe('apply', () => {
    it('sends only the due date, with the EditSequence just read, and settles the edit', async () => {
      const { write, row, reread, invoice, inQuickBooks, dueDate } = await withDueDateEdit();
      const linesBefore = JSON.stringify(inQuickBooks().lines);
      const editSequence = inQuickBooks().editSequence;
      await write();
      const apply = await write();
      expect(apply.requests.map((r) => r.rqName)).to.deep.equal(['InvoiceModRq']);
      const xml = apply.requests[0].xml;
      expect(xml).to.include(`<TxnID>${invoice.txnId}</TxnID>`).and.include(`<EditSequence>${editSequence}</EditSequence>`);
      expect(xml).to.include(`<DueDate>${dueDate}</DueDate>`).and.not.include('InvoiceLineMod');
      expect(apply.result).to.deep.equal({ done: false, counts: { 'invoice edits sent': 1 } });
      expect(await reread(row.id)).to.deep.include({ state: 'done', message: 'The edit made here was sent to QuickBooks.' });
      expect(inQuickBooks().dueDate).to.equal(dueDate);
      expect(JSON.stringify(inQuickBooks().lines)).to.equal(linesBefore);
    });

    it('reads again and tries once more when QuickBooks answers a stale EditSequence (3200), then asks the partner', async () => {
      const { write, row, reread, invoice, company } = await withDueDateEdit();
      const changedThere = () => company.editInvoice(invoice.txnId, { memo: `changed in QuickBooks at ${company.clock.now().toISOString()}` });
      await write(); // read
      changedThere();
      const stale = await write();
      expect(stale.requests.map((r) => r.rqName)).to.deep.equal(['InvoiceModRq']);
      expect(stale.result).to.deep.equal({ done: false, counts: {} });
      expect((await reread(row.id)).progress).to.deep.include({ next: 'read', staleRetries: 1 });
      expect((await write()).requests.map((r) => r.rqName)).to.deep.equal(['InvoiceQueryRq']);
      expect((await reread(row.id)).progress).to.deep.include({ next: 'apply', editSequence: company.invoice(invoice.txnId).editSequence, staleRetries: 1 });
      company.clock.advance(1);
      changedThere();
      const again = await write();
      expect(again.result).to.deep.equal({ done: false, counts: { 'invoice edits needing action': 1 } });
      const settled = await reread(row.id);
      expect(settled.state).to.equal('needs-action');
      expect(settled.message).to.match(/^QuickBooks did not take the edit made here: QuickBooks refused it \(3200\)/);
    });

    it('reads again after a lost answer and finds the edit made, sending it only once', async () => {
      const { write, loseWrite, row, reread, quickBooks, dueDate, inQuickBooks } = await withDueDateEdit();
      await write();
      await loseWrite();
      expect(inQuickBooks().dueDate).to.equal(dueDate);
      expect(await reread(row.id)).to.deep.include({ state: 'sent', request_kind: 'invoice-apply' });
      const read = await write();
      expect(read.requests.map((r) => r.rqName)).to.deep.equal(['InvoiceQueryRq']);
      expect(read.result).to.deep.equal({ done: false, counts: { 'invoice edits sent': 1 } });
      expect(await reread(row.id)).to.deep.include({ state: 'done', message: 'QuickBooks invoice INV-1 now has the edit made here.' });
      expect(quickBooks.log.filter((l) => l.requestXml.includes('<InvoiceModRq'))).to.have.length(1);
    });
  });

  describe('every request', () => {
    it('is one the qbXML schema accepts', async function () {
      await bench.checkSchema(this);
    });
  });
});
