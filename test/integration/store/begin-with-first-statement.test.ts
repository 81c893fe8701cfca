import { expect } from 'chai';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Database, openDatabase } from '../../../core/store/open-database';
import { sendSql } from '../../../core/store/send-sql';
import { FreshServiceData, freshServiceData } from '../../support/migrated-database-template';

/** A pooled client as the store has it, and what the server answered on it. */
interface PooledClient {
  query(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[]; command: string }>;
  query(config: { text: string; values?: unknown[] }, callback: (error: Error | null, result?: { rows: unknown[] }) => void): void;
  connection: { on(event: 'readyForQuery', listener: () => void): void; removeListener(event: 'readyForQuery', listener: () => void): void };
}
interface Lender {
  acquireConnection(): Promise<PooledClient>;
  releaseConnection(client: PooledClient): Promise<unknown>;
}

describe('beginWithFirstStatement (a transaction costs one round trip less; on DATABASE_URL when set, else embedded)', function () {
  this.timeout(60_000);
  let data: FreshServiceData;
  let database: Database;
  const em = () => database.orm.em.fork() as EntityManager;

  before(async () => {
    data = await freshServiceData('qbdalt-begin-');
    database = await openDatabase({ url: data.databaseUrl, dataDir: data.dataDir });
    await sendSql(em(), 'create table ledger (id int primary key, label text not null)');
  });
  after(async () => {
    await database.close();
    await data.remove();
  });
  afterEach(() => sendSql(em(), 'delete from ledger'));

  /** Runs work on one client of the pool, counting the server's "ready for the next query" answers: one a round trip. */
  async function onPooledClient(work: (client: PooledClient) => Promise<void>): Promise<number> {
    const lender = em().getConnection().getKnex().client as unknown as Lender;
    const client = await lender.acquireConnection();
    let roundTrips = 0;
    const count = () => roundTrips++;
    client.connection.on('readyForQuery', count);
    try {
      await work(client);
    } finally {
      client.connection.removeListener('readyForQuery', count);
      await lender.releaseConnection(client);
    }
    return roundTrips;
  }

  const labels = async () => (await sendSql<{ label: string }[]>(em(), 'select label from ledger order by id')).map((row) => row.label);

  it('sends BEGIN with the first statement: one round trip, one real transaction', async () => {
    const roundTrips = await onPooledClient(async (client) => {
      expect((await client.query('BEGIN;')).command).to.equal('BEGIN');
      const inserted = await client.query('insert into ledger (id, label) values ($1, $2) returning label', [1, 'one']);
      expect(inserted.rows).to.deep.equal([{ label: 'one' }]);
      // Inside a transaction block: the server says so, and SAVEPOINT (refused outside one) works.
      await client.query('savepoint inside');
      await client.query('ROLLBACK');
    });
    expect(roundTrips).to.equal(3);
    expect(await labels()).to.deep.equal([]);
  });

  it("gives the caller the first statement's own answer in the callback form knex uses", async () => {
    await onPooledClient(async (client) => {
      await client.query('BEGIN;');
      const rows = await new Promise((resolve, reject) =>
        client.query({ text: 'insert into ledger (id, label) values ($1, $2) returning id', values: [2, 'two'] }, (error, result) =>
          error ? reject(error) : resolve(result!.rows),
        ),
      );
      expect(rows).to.deep.equal([{ id: 2 }]);
      await client.query('COMMIT');
    });
    expect(await labels()).to.deep.equal(['two']);
  });

  it("leaves the transaction aborted when the first statement fails, and the caller's ROLLBACK ends it", async () => {
    await onPooledClient(async (client) => {
      await client.query('BEGIN');
      let refused = '';
      await client.query('insert into ledger (id, label) values ($1, $2)', [3, null]).catch((error: Error) => (refused = error.message));
      expect(refused).to.match(/null value/);
      const next = await client.query('select 1 as one where $1', [true]).catch((error: Error) => error.message);
      expect(next).to.match(/current transaction is aborted/);
      await client.query('ROLLBACK');
      expect((await client.query('select $1::int as one', [1])).rows).to.deep.equal([{ one: 1 }]);
    });
  });

  it('sends nothing for a transaction that ends before any statement', async () => {
    const roundTrips = await onPooledClient(async (client) => {
      await client.query('BEGIN;');
      expect((await client.query('COMMIT;')).command).to.equal('COMMIT');
      await client.query('BEGIN;');
      expect((await client.query('ROLLBACK')).command).to.equal('ROLLBACK');
      await client.query('start transaction');
      expect((await client.query('end')).command).to.equal('COMMIT');
      await client.query('begin');
      expect((await client.query('abort;')).command).to.equal('ROLLBACK');
    });
    expect(roundTrips).to.equal(0);
  });

  it('sends a BEGIN inside an open transaction to the server as it is, so the COMMIT after it commits', async () => {
    await onPooledClient(async (client) => {
      await client.query('BEGIN');
      await client.query('insert into ledger (id, label) values ($1, $2)', [9, 'nine']);
      await client.query('BEGIN'); // the server only warns: a transaction is already open
      await client.query('COMMIT');
      // No transaction is left open on the connection for its next borrower.
      const outside = await client.query('savepoint after').catch((error: Error) => error.message);
      expect(outside).to.match(/can only be used in transaction blocks/);
    });
    expect(await labels()).to.deep.equal(['nine']);
  });

  it('lets a BEGIN with a mode go alone, as before, so that its own failure would reach its caller', async () => {
    const roundTrips = await onPooledClient(async (client) => {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      expect((await client.query('select current_setting($1) as level', ['transaction_isolation'])).rows).to.deep.equal([{ level: 'repeatable read' }]);
      await client.query('COMMIT');
    });
    expect(roundTrips).to.equal(3);
  });

  it('leaves the transaction aborted when the first statement cannot even be parsed', async () => {
    await onPooledClient(async (client) => {
      await client.query('BEGIN');
      const refused = await client.query('insert into ledger values ($1, $2) oops', [10, 'ten']).catch((error: Error) => error.message);
      expect(refused).to.match(/syntax error/);
      const next = await client.query('select $1::int', [1]).catch((error: Error) => error.message);
      expect(next).to.match(/current transaction is aborted/);
      await client.query('ROLLBACK');
    });
  });

  it('keeps two statements sent at once behind a held BEGIN in the one transaction', async () => {
    await onPooledClient(async (client) => {
      await client.query('BEGIN');
      await Promise.all([
        client.query('insert into ledger (id, label) values ($1, $2)', [11, 'eleven']),
        client.query('insert into ledger (id, label) values ($1, $2)', [12, 'twelve']),
      ]);
      await client.query('ROLLBACK');
    });
    expect(await labels()).to.deep.equal([]);
  });

  it('lets BEGIN go first on its own before a statement without parameters (a text of several statements)', async () => {
    const roundTrips = await onPooledClient(async (client) => {
      await client.query('BEGIN;');
      await client.query(`insert into ledger (id, label) values (4, 'four'); insert into ledger (id, label) values (5, 'five')`);
      await client.query('ROLLBACK;');
    });
    expect(roundTrips).to.equal(3);
    expect(await labels()).to.deep.equal([]);
  });

  it("serves the entity manager's transactions: commit, rollback on a throw, a nested one, and statements sent at once", async () => {
    await em().transactional(async (tx) => {
      await sendSql(tx, 'insert into ledger (id, label) values (?, ?)', [6, 'six']);
      await tx.transactional((inner) => sendSql(inner, 'insert into ledger (id, label) values (?, ?)', [7, 'seven']));
    });
    await em()
      .transactional(async (tx) => {
        await sendSql(tx, 'insert into ledger (id, label) values (?, ?)', [8, 'eight']);
        throw new Error('the caller gives up');
      })
      .catch(() => undefined);
    await em().transactional(async (tx) => {
      await tx.transactional(async (inner) => {
        const both = await Promise.all([sendSql(inner, 'select ?::int as a', [1]), sendSql(inner, 'select ?::int as b', [2])]);
        expect(both).to.deep.equal([[{ a: 1 }], [{ b: 2 }]]);
      });
    });
    expect(await labels()).to.deep.equal(['six', 'seven']);
  });
});
