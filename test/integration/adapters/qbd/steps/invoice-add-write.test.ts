import { expect } from 'chai';
import type { Money } from '../../../../../core/values/money';
import { SENDS_INVOICES, sendsInvoicesConfig, useWriteBench } from '../writers/write-bench';

describe('The invoice-add write (a phased write of the outbox step), against a simulated QuickBooks', function () {
  this.timeout(60_000);
  const bench = useWriteBench(sendsInvoicesConfig());

  const consulting = { item: 'Consulting', description: 'Setup', quantity: '2', rate: '150.00', amount: '300.00' };

  /** An invoice made on the platform, for the customer read from QuickBooks, waiting in the outbox. */
  async function withPlatformInvoice(lines: Record<string, string>[] = [consulting]) {
    const env = await bench.books({ partnerId: SENDS_INVOICES });
    const created = await env.call(
      'POST',
      '/invoices',
      { customerId: env.platformCustomer.id, number: 'P-1', date: '2026-11-20', dueDate: '2026-12-20', lines },
      201,
    );
    const row = await env.rowOf('invoice', created.id, 'invoice-add');
    const ours = () => [...env.company.invoices.values()].filter((i) => i.externalGuid === `{${row.id.toUpperCase()}}`);
    return { ...env, invoiceId: created.id as string, row, ours };
  }

  describe('post', () => {
    it("asks for an InvoiceAdd for the customer's ListID with its lines' items, carrying our operation id, and notes the phase on the row", async () => {
      const { write, row, customer, reread } = await withPlatformInvoice();
      const { requests } = await write();
      expect(requests.map((r) => r.rqName)).to.deep.equal(['InvoiceAddRq']);
      const xml = requests[0].xml;
      expect(xml).to.include(`<CustomerRef><ListID>${customer.listId}</ListID></CustomerRef>`).and.include('<TxnDate>2026-11-20</TxnDate>');
      expect(xml).to.include('<RefNumber>P-1</RefNumber>').and.include('<DueDate>2026-12-20</DueDate>');
      expect(xml).to.include(`<ExternalGUID>{${row.id.toUpperCase()}}</ExternalGUID>`);
      expect(xml).to.match(
        /<InvoiceLineAdd>\s*<ItemRef><FullName>Consulting<\/FullName><\/ItemRef>\s*<Desc>Setup<\/Desc>\s*<Quantity>2<\/Quantity>\s*<Rate>150.00<\/Rate>\s*<Amount>300.00<\/Amount>/,
      );
      expect((await reread(row.id)).progress).to.deep.equal({ next: 'post' });
    });

    it("settles the row with QuickBooks' TxnID and tells the partner its number there", async () => {
      const { write, row, reread, ours, logOf, invoiceId } = await withPlatformInvoice();
      const { result } = await write();
      const [added] = ours();
      const message = `Added to QuickBooks as invoice P-1 (TxnID ${added.txnId}).`;
      expect(result).to.deep.equal({ done: false, counts: { 'invoices sent': 1 } });
      expect(await reread(row.id)).to.deep.include({ state: 'done', target_id: added.txnId, message });
      expect((await logOf(invoiceId)).at(-1)).to.deep.equal(['add', 'applied', message]);
    });

    it("asks the partner to act, with QuickBooks' reason, when it refuses the invoice (an item it does not have)", async () => {
      const { write, row, reread, ours } = await withPlatformInvoice([{ ...consulting, item: 'Gold Plating' }]);
      const { result } = await write();
      expect(result).to.deep.equal({ done: false, counts: { 'invoices needing action': 1 } });
      const settled = await reread(row.id);
      expect(settled.state).to.equal('needs-action');
      expect(settled.message).to.match(/^QuickBooks did not add the invoice: QuickBooks refused it \(3140\): .*Gold Plating/);
      expect(ours()).to.have.length(0);
    });

    it('keeps the post for the next session while QuickBooks is locked', async () => {
      const { write, row, reread, quickBooks } = await withPlatformInvoice();
      quickBooks.misbehaviour.lockNextWrites = 1;
      expect((await write()).result).to.deep.equal({ done: true, counts: { 'writes postponed (QuickBooks busy)': 1 } });
      expect(await reread(row.id)).to.deep.include({ state: 'pending', progress: { next: 'post' } });
      expect((await write()).requests.map((r) => r.rqName)).to.deep.equal(['InvoiceAddRq']);
    });

    it('asks the partner for an item on each line, sending nothing', async () => {
      const { ask, row, reread } = await withPlatformInvoice([{ description: 'No item', amount: '20.00' }]);
      expect(await ask()).to.equal(undefined);
      const settled = await reread(row.id);
      expect(settled.state).to.equal('needs-action');
      expect(settled.message).to.match(/^QuickBooks cannot take this invoice: QuickBooks needs an item on every invoice line; line 1 has none/);
    });
  });

  describe('find, after a lost answer', () => {
    it("reads the customer's invoices of that date and settles the row with ours, never adding it twice", async () => {
      const { loseWrite, write, row, reread, ours, customer, company } = await withPlatformInvoice();
      company.addInvoice({ customerId: customer.listId, txnDate: '2026-11-20', lines: [{ itemName: 'Consulting', amount: '300.00' as Money }] });
      await loseWrite();
      expect(await reread(row.id)).to.deep.include({ state: 'sent', request_kind: 'invoice-post' });
      const found = await write();
      expect(found.requests.map((r) => r.rqName)).to.deep.equal(['InvoiceQueryRq']);
      expect(found.requests[0].xml).to.include(`<ListID>${customer.listId}</ListID>`).and.include('<FromTxnDate>2026-11-20</FromTxnDate>');
      expect(found.result).to.deep.equal({ done: false, counts: { 'invoices sent': 1 } });
      expect(await reread(row.id)).to.deep.include({ state: 'done', target_id: ours()[0].txnId });
      expect(ours()).to.have.length(1);
    });

    it('moves back to post when QuickBooks never had the add, and then adds it', async () => {
      const { ask, write, row, reread, ours } = await withPlatformInvoice();
      await ask();
      const found = await write();
      expect(found.requests.map((r) => r.rqName)).to.deep.equal(['InvoiceQueryRq']);
      expect(found.result).to.deep.equal({ done: false, counts: {} });
      expect(await reread(row.id)).to.deep.include({ state: 'pending', progress: { next: 'post' } });
      expect((await write()).requests.map((r) => r.rqName)).to.deep.equal(['InvoiceAddRq']);
      expect(ours()).to.have.length(1);
    });
  });

  describe('every request', () => {
    it('is one the qbXML schema accepts', async function () {
      await bench.checkSchema(this);
    });
  });
});
