import { expect } from 'chai';
import { QBO_BOOKMARK } from '../../../../../adapters/qbo/sync/qbo-bookmark';
import { readBookmark, writeBookmark } from '../../../../../core/store/sync-cursors';
import { sendSql } from '../../../../../core/store/send-sql';
import { type QboSyncEnv, qboSyncEnv } from './qbo-sync-env';

interface LedgerInvoice {
  readonly source_id: string;
  readonly balance: string;
  readonly status: string;
  readonly due_date: string | null;
  readonly archived: boolean;
}

describe('QboSyncRunner against the QuickBooks Online simulator', function () {
  this.timeout(60_000);
  let env: QboSyncEnv;
  before(async () => {
    env = await qboSyncEnv({ seed: 11, customers: 6, invoices: 40, monthsOfHistory: 30 });
  });
  after(() => env?.stop());

  const ledgerInvoices = async () =>
    new Map(
      (
        await sendSql<LedgerInvoice[]>(
          env.db(),
          `select source_id, balance::text as balance, status, to_char(due_date, 'YYYY-MM-DD') as due_date, archived_at is not null as archived
             from alt_invoice where connection_id = ? and source_system = 'qbo'`,
          [env.connectionId],
        )
      ).map((r) => [r.source_id, r]),
    );
  const ledgerCustomers = async () =>
    new Map(
      (
        await sendSql<{ source_id: string; archived: boolean }[]>(
          env.db(),
          `select source_id, archived_at is not null as archived from alt_customer where connection_id = ? and source_system = 'qbo'`,
          [env.connectionId],
        )
      ).map((r) => [r.source_id, r]),
    );
  const books = () => env.sim.books(env.realmId);

  describe('the first sync', () => {
    before(() => env.sync());

    it('brings every customer and every invoice, the recent window and the history behind it', async () => {
      const invoices = await ledgerInvoices();
      expect([...invoices.keys()].sort()).to.deep.equal(
        books()
          .all('Invoice')
          .map((i) => String(i.Id))
          .sort(),
      );
      const customers = await ledgerCustomers();
      expect([...customers.keys()].sort()).to.deep.equal(
        books()
          .all('Customer')
          .map((c) => String(c.Id))
          .sort(),
      );
    });

    it("keeps QBO's balances exactly", async () => {
      const invoices = await ledgerInvoices();
      for (const invoice of books().all('Invoice'))
        expect(invoices.get(String(invoice.Id))!.balance, `invoice ${invoice.Id}`).to.equal(Number(invoice.Balance).toFixed(2));
    });

    it('ends on a CDC bookmark, with the connection showing the sync done', async () => {
      const bookmark = await readBookmark(env.db(), env.connectionId, QBO_BOOKMARK);
      expect(bookmark?.phase).to.equal('changes');
      const [connection] = await sendSql<{ last_sync_at: string | null; progress_percent: number; status: string }[]>(
        env.db(),
        'select last_sync_at, progress_percent, status from connection where id = ?',
        [env.connectionId],
      );
      expect(connection.last_sync_at).to.not.equal(null);
      expect(connection).to.include({ progress_percent: 100, status: 'connected' });
    });

    it('asks QBO at minor version 75 and pages with STARTPOSITION', () => {
      const queries = env.sim.requests.filter((r) => r.path.endsWith('/query'));
      expect(queries.length).to.be.greaterThan(2);
      expect(queries.every((r) => r.query.minorversion === '75')).to.equal(true);
      expect(queries.some((r) => /STARTPOSITION 1 MAXRESULTS/.test(r.query.query))).to.equal(true);
    });
  });

  describe("a bookkeeper's changes, at the next sync (CDC)", () => {
    let edited: string;
    let paid: string;
    let deleted: string;
    let voided: string;
    let deactivated: string;
    before(async () => {
      const open = books()
        .all('Invoice')
        .filter((i) => Number(i.Balance) > 0 && Number(i.Balance) === Number(i.TotalAmt));
      [edited, paid, deleted, voided] = open.slice(0, 4).map((i) => String(i.Id));
      books().editInvoice(edited, { dueDate: '2031-01-31' });
      books().payInvoice(paid, '1.00');
      books().deleteInvoice(deleted);
      books().voidInvoice(voided);
      deactivated = String(books().all('Customer')[0].Id);
      books().deactivateCustomer(deactivated);
      env.sim.requests.length = 0;
      await env.sync();
    });

    it('reads them through CDC, not a full read', () => {
      expect(env.sim.requests.some((r) => r.path.endsWith('/cdc'))).to.equal(true);
      const reads = env.sim.requests.filter((r) => r.path.endsWith('/query') && /FROM (Invoice|Customer)/i.test(r.query.query));
      expect(reads).to.deep.equal([]);
    });

    it('moves the due date, the balance, archives the deleted invoice and marks the voided one void', async () => {
      const invoices = await ledgerInvoices();
      expect(invoices.get(edited)!.due_date).to.equal('2031-01-31');
      expect(invoices.get(paid)!.balance).to.equal(Number(books().get('Invoice', paid)!.Balance).toFixed(2));
      expect(invoices.get(paid)!.status).to.equal('partially-paid');
      expect(invoices.get(deleted)!.archived).to.equal(true);
      expect(invoices.get(voided)!.status).to.equal('void');
    });

    it('archives the customer made inactive', async () => {
      expect((await ledgerCustomers()).get(deactivated)!.archived).to.equal(true);
    });
  });

  describe("a bookmark older than CDC's 30 days", () => {
    let edited: string;
    before(async () => {
      edited = String(
        books()
          .all('Invoice')
          .find((i) => Number(i.Balance) > 0)!.Id,
      );
      books().editInvoice(edited, { dueDate: '2032-02-29' });
      const since = new Date(Date.now() - 40 * 86_400_000).toISOString();
      await env.db().transactional((tx) => writeBookmark(tx as never, env.connectionId, QBO_BOOKMARK, { phase: 'changes', since }, new Date()));
      env.sim.requests.length = 0;
      await env.sync();
    });

    it('is caught up by queries on MetaData.LastUpdatedTime, entity by entity, then CDC again', async () => {
      const statements = env.sim.requests.filter((r) => r.path.endsWith('/query')).map((r) => r.query.query);
      expect(statements.filter((q) => /FROM Customer WHERE MetaData.LastUpdatedTime >= /.test(q))).to.have.length.greaterThan(0);
      expect(statements.filter((q) => /FROM Invoice WHERE MetaData.LastUpdatedTime >= /.test(q))).to.have.length.greaterThan(0);
      expect(env.sim.requests.some((r) => r.path.endsWith('/cdc'))).to.equal(true);
      expect((await readBookmark(env.db(), env.connectionId, QBO_BOOKMARK))?.phase).to.equal('changes');
    });

    it('brings what changed in the gap', async () => {
      expect((await ledgerInvoices()).get(edited)!.due_date).to.equal('2032-02-29');
    });
  });
});
