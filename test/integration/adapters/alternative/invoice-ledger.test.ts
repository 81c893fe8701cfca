import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { alternativeAdapter } from '../../../../adapters/alternative/alternative-adapter';
import { ALTERNATIVE_SYSTEM } from '../../../../adapters/alternative/alternative-system';
import { customerNamesOf, invoiceById, invoiceBySource, invoicesBySource, linesOf, listInvoices } from '../../../../adapters/alternative/store/invoice-ledger';
import { archiveInvoice, relinkInvoice, upsertInvoices } from '../../../../adapters/alternative/store/invoice-upserts';
import { createOwnInvoice, reviseInvoice, setOwnBalance } from '../../../../adapters/alternative/store/own-invoices';
import { QBD_SYSTEM } from '../../../../adapters/qbd/qbd-system';
import type { Change } from '../../../../core/changes/change';
import type { Invoice } from '../../../../core/items/invoice';
import type { Instant, LocalDate } from '../../../../core/values/instant';
import { parseMoney } from '../../../../core/values/money';
import { withoutSavepoints } from '../../../../core/store/savepoints';
import { countStatements } from '../../store/count-statements';
import { qbdInvoice, useLedger } from './ledger-fixture';

describe('The invoice ledger (alt_invoice, alt_invoice_line)', function () {
  this.timeout(30_000);
  const ledger = useLedger();
  const { em, clock } = ledger;

  describe('for invoices from QuickBooks', () => {
    it('stores a new invoice whole, its amounts exact to the cent and read back as decimal strings', async () => {
      const c = await ledger.connection();
      const invoice = qbdInvoice('A1-1', '80000001-1', '1157.78', {
        salesTax: parseMoney('92.62'),
        total: parseMoney('1250.40'),
        balance: parseMoney('0.30'),
        status: 'partially-paid',
        dueDate: '2026-12-02' as LocalDate,
      });
      const [id] = await upsertInvoices(em(), {
        connectionId: c.id,
        system: QBD_SYSTEM,
        now: clock.read(),
        writes: [{ invoice, groups: ['*'], version: '7' }],
        existing: new Map(),
      });
      const row = await invoiceById(em(), c.id, id);
      expect(row).to.deep.include({ source_system: 'qbd', source_id: 'A1-1', source_version: '7', txn_date: '2026-11-02', due_date: '2026-12-02' });
      expect([row!.subtotal, row!.sales_tax, row!.total, row!.balance, row!.status]).to.deep.equal(['1157.78', '92.62', '1250.40', '0.30', 'partially-paid']);
      expect((await linesOf(em(), [id])).get(id)!.map((l) => [l.position, l.source_line_id, l.amount])).to.deep.equal([[0, 'A1-1-1', '1157.78']]);
    });

    it('updates only the field groups the rules let through, keeping the lines when they are not among them', async () => {
      const c = await ledger.connection();
      const first = qbdInvoice('B1-1', '80000001-1', '100.00');
      await upsertInvoices(em(), {
        connectionId: c.id,
        system: QBD_SYSTEM,
        now: clock.read(),
        writes: [{ invoice: first, groups: ['*'] }],
        existing: new Map(),
      });
      const existing = await invoicesBySource(em(), c.id, QBD_SYSTEM, ['B1-1']);
      const changed = { ...first, dueDate: '2027-01-31' as LocalDate, total: parseMoney('999.99'), lines: [] };
      const [id] = await upsertInvoices(em(), {
        connectionId: c.id,
        system: QBD_SYSTEM,
        now: clock.read(),
        writes: [{ invoice: changed, groups: ['due-date'], version: '2' }],
        existing,
      });
      expect(id).to.equal(existing.get('B1-1')!.id);
      expect(await invoiceBySource(em(), c.id, QBD_SYSTEM, 'B1-1')).to.deep.include({ due_date: '2027-01-31', total: '100.00', source_version: '2' });
      expect((await linesOf(em(), [id])).get(id)).to.have.length(1);
    });

    it('writes a page of new and changed invoices with their lines in one statement', async () => {
      const c = await ledger.connection();
      const old = qbdInvoice('P1-1', '80000001-1', '10.00');
      await upsertInvoices(em(), { connectionId: c.id, system: QBD_SYSTEM, now: clock.read(), writes: [{ invoice: old, groups: ['*'] }], existing: new Map() });
      const existing = await invoicesBySource(em(), c.id, QBD_SYSTEM, ['P1-1', 'P2-1']);
      const writer = em();
      const statements = countStatements(writer);
      const [changedId, newId] = await upsertInvoices(writer, {
        connectionId: c.id,
        system: QBD_SYSTEM,
        now: clock.read(),
        writes: [
          { invoice: qbdInvoice('P1-1', '80000001-1', '12.00'), groups: ['*'], version: '2' },
          { invoice: qbdInvoice('P2-1', '80000001-1', '20.00'), groups: ['*'], version: '1' },
        ],
        existing,
      });
      statements.stop();
      expect(statements.sent).to.have.length(1);
      expect(changedId).to.equal(existing.get('P1-1')!.id);
      expect([(await invoiceById(em(), c.id, changedId))!.total, (await invoiceById(em(), c.id, newId))!.total]).to.deep.equal(['12.00', '20.00']);
      const lines = await linesOf(em(), [changedId, newId]);
      expect([changedId, newId].map((id) => lines.get(id)!.map((l) => l.amount))).to.deep.equal([['12.00'], ['20.00']]);
    });

    it("reads a routed page's invoices once: the apply takes what its facts were read from, never another page's read", async () => {
      const c = await ledger.connection();
      const now = clock.read();
      const change = (invoice: Invoice, version: string): Change => ({
        item: 'invoice',
        operation: 'upsert',
        source: QBD_SYSTEM,
        sourceId: invoice.id,
        sourceVersion: version,
        observedAt: now.toISOString() as Instant,
        payload: invoice,
      });
      const page = [change(qbdInvoice('R1-1', '80000001-1', '10.00'), '1'), change(qbdInvoice('R2-1', '80000001-1', '20.00'), '1')];
      await alternativeAdapter.apply({ connectionId: c.id, changes: page.map((p) => ({ change: p, allowedGroups: ['*'] })), transaction: em(), now });
      /** As route-batch calls them: a page's facts, then an apply, in one transaction (a session's first try, without savepoints). */
      const routed = async (factsOf: Change[], applied: Change[]) => {
        let statements: ReturnType<typeof countStatements> | undefined;
        const { results } = await em().transactional(async (t) => {
          const tx = t as EntityManager;
          withoutSavepoints(tx);
          statements = countStatements(tx);
          await alternativeAdapter.factsOf!({ connectionId: c.id, changes: factsOf, transaction: tx });
          return alternativeAdapter.apply({ connectionId: c.id, changes: applied.map((p) => ({ change: p, allowedGroups: ['*'] })), transaction: tx, now });
        });
        statements!.stop();
        return { results, sent: statements!.sent.filter((sql) => !/^(begin|commit)/i.test(sql)) };
      };
      const changed = [change(qbdInvoice('R1-1', '80000001-1', '12.00'), '2'), change(qbdInvoice('R2-1', '80000001-1', '20.00'), '1')];
      const { results, sent } = await routed(changed, changed);
      expect(results.map((r) => [r.outcome, r.effect])).to.deep.equal([
        ['applied', 'updated'],
        ['skipped', 'unchanged'],
      ]);
      // One read, one write (with the payments now reflected), and nothing else.
      expect(sent, sent.join('\n')).to.have.length(2);
      expect(sent[1]).to.match(/update alt_payment/);
      expect((await invoiceBySource(em(), c.id, QBD_SYSTEM, 'R1-1'))!.total).to.equal('12.00');

      // Facts read for one page are not taken by an apply of other invoices: those are read afresh.
      const other = await routed([changed[0]], [change(qbdInvoice('R3-1', '80000001-1', '30.00'), '1')]);
      expect(other.results.map((r) => [r.outcome, r.effect])).to.deep.equal([['applied', 'created']]);
      expect(
        other.sent.filter((sql) => /^select .* from alt_invoice where/s.test(sql)),
        'the facts of R1-1, then R3-1',
      ).to.have.length(2);
    });

    it('archives, then deletes, keeping the row and the first archive time', async () => {
      const c = await ledger.connection();
      const row = await ledger.quickBooksInvoice(c, '10.00');
      await archiveInvoice(em(), row.id, clock.read(), false);
      const archived = (await invoiceById(em(), c.id, row.id))!;
      // Raw SQL returns timestamptz as text here, whatever the row type says: compare instants.
      const at = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
      expect(at(archived.archived_at)).to.equal(clock.read().toISOString());
      expect(archived.deleted_at).to.equal(null);
      clock.now += 60_000;
      await archiveInvoice(em(), row.id, clock.read(), true);
      const deleted = (await invoiceById(em(), c.id, row.id))!;
      expect(at(deleted.archived_at)).to.equal(at(archived.archived_at));
      expect(at(deleted.deleted_at)).to.equal(clock.read().toISOString());
    });
  });

  describe('for invoices made on the platform', () => {
    const own = (customerId: string, total: string) => ({
      customerId,
      number: 'P-1',
      txnDate: '2026-11-20' as LocalDate,
      lines: [{ id: 'line-1', description: 'Setup', quantity: '2', rate: '0.05', amount: parseMoney('0.10') }],
      subtotal: parseMoney(total),
      salesTax: parseMoney('0.00'),
      total: parseMoney(total),
      balance: parseMoney(total),
      status: 'open' as const,
    });

    it('gives a new invoice its own id as its source id, with its lines in order', async () => {
      const c = await ledger.connection();
      const id = await createOwnInvoice(em(), { connectionId: c.id, system: ALTERNATIVE_SYSTEM, invoice: own('cust-1', '0.10'), now: clock.read() });
      expect(await invoiceById(em(), c.id, id)).to.deep.include({ source_system: 'alternative', source_id: id, source_version: null, total: '0.10' });
      expect((await linesOf(em(), [id])).get(id)!.map((l) => [l.quantity, l.rate, l.amount])).to.deep.equal([['2', '0.05', '0.10']]);
    });

    it('revises the amounts, keeping the lines when none are given and replacing them when they are', async () => {
      const c = await ledger.connection();
      const id = await createOwnInvoice(em(), { connectionId: c.id, system: ALTERNATIVE_SYSTEM, invoice: own('cust-1', '0.10'), now: clock.read() });
      const amounts = { subtotal: parseMoney('0.10'), total: parseMoney('0.10'), balance: parseMoney('0.10'), status: 'open' as const };
      await reviseInvoice(em(), id, { ...amounts, dueDate: '2027-01-01' as LocalDate }, clock.read());
      expect((await linesOf(em(), [id])).get(id)).to.have.length(1);
      const lines = [
        { id: 'a', description: 'One', amount: parseMoney('0.10') },
        { id: 'b', description: 'Two', amount: parseMoney('0.20') },
      ];
      await reviseInvoice(em(), id, { ...amounts, subtotal: parseMoney('0.30'), total: parseMoney('0.30'), balance: parseMoney('0.30'), lines }, clock.read());
      expect(await invoiceById(em(), c.id, id)).to.deep.include({ due_date: null, total: '0.30', balance: '0.30' });
      expect((await linesOf(em(), [id])).get(id)!.map((l) => l.source_line_id)).to.deep.equal(['a', 'b']);
    });

    it('sets its own balance with the status that balance implies', async () => {
      const c = await ledger.connection();
      const id = await createOwnInvoice(em(), { connectionId: c.id, system: ALTERNATIVE_SYSTEM, invoice: own('cust-1', '100.00'), now: clock.read() });
      await setOwnBalance(em(), id, parseMoney('0.01'), parseMoney('100.00'), clock.read());
      expect(await invoiceById(em(), c.id, id)).to.deep.include({ balance: '0.01', status: 'partially-paid' });
      await setOwnBalance(em(), id, parseMoney('0.00'), parseMoney('100.00'), clock.read());
      expect(await invoiceById(em(), c.id, id)).to.deep.include({ balance: '0.00', status: 'paid' });
    });

    it('is found under its new source once relinked to the record QuickBooks made of it', async () => {
      const c = await ledger.connection();
      const id = await createOwnInvoice(em(), { connectionId: c.id, system: ALTERNATIVE_SYSTEM, invoice: own('cust-1', '5.00'), now: clock.read() });
      await relinkInvoice(em(), id, QBD_SYSTEM, 'ABC-123');
      expect((await invoiceBySource(em(), c.id, QBD_SYSTEM, 'ABC-123'))?.id).to.equal(id);
      expect(await invoiceBySource(em(), c.id, ALTERNATIVE_SYSTEM, id)).to.equal(undefined);
    });
  });

  describe('as a list', () => {
    it('finds invoices by number or customer name in any case, leaves archived ones out when asked, and names their customers', async () => {
      const c = await ledger.connection();
      const customerId = await ledger.customer(c, 'Café Ñandú & Sons');
      const mine = await createOwnInvoice(em(), {
        connectionId: c.id,
        system: ALTERNATIVE_SYSTEM,
        invoice: { ...qbdInvoice('x', customerId, '1.00'), number: 'P-777' },
        now: clock.read(),
      });
      const other = await ledger.quickBooksInvoice(c, '2.00', { number: 'Q-1' });
      await archiveInvoice(em(), other.id, clock.read(), false);
      const ids = async (filter: Parameters<typeof listInvoices>[4]) => (await listInvoices(em(), c.id, 50, undefined, filter)).map((r) => r.id);
      expect(await ids({ withArchived: true, search: 'ñandú' })).to.deep.equal([mine]);
      expect(await ids({ withArchived: true, search: 'p-77' })).to.deep.equal([mine]);
      expect(await ids({ withArchived: true, search: '%' }), 'no wildcards').to.deep.equal([]);
      expect((await ids({ withArchived: true })).sort()).to.deep.equal([mine, other.id].sort());
      expect(await ids({ withArchived: false })).to.deep.equal([mine]);
      expect(await customerNamesOf(em(), [mine, other.id])).to.deep.equal(new Map([[mine, 'Café Ñandú & Sons']]));
    });

    it("pages newest first, and never shows another connection's invoices", async () => {
      const c = await ledger.connection();
      const older = await ledger.quickBooksInvoice(c, '1.00', { txnDate: '2026-01-01' as LocalDate });
      const newer = await ledger.quickBooksInvoice(c, '1.00', { txnDate: '2026-02-01' as LocalDate });
      await ledger.quickBooksInvoice(await ledger.connection(), '1.00');
      const first = await listInvoices(em(), c.id, 1);
      expect(first.map((r) => r.id)).to.deep.equal([newer.id]);
      const next = await listInvoices(em(), c.id, 1, { txnDate: first[0].txn_date, id: first[0].id });
      expect(next.map((r) => r.id)).to.deep.equal([older.id]);
      expect(await invoiceById(em(), (await ledger.connection()).id, older.id)).to.equal(undefined);
    });
  });
});
