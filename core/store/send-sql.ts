import type { Knex } from '@mikro-orm/knex';
import type { EntityManager } from '@mikro-orm/postgresql';
import { StatementNames } from './statement-names';

/** One for the process: a name stands for one text on every connection of every pool. */
const statementNames = new StatementNames();

/** The one call of node-postgres' client we use; knex's connections are node-postgres clients. */
interface PgConnection {
  query(statement: { text: string; name?: string; values: readonly unknown[] }): Promise<{ rows: unknown[]; fields?: readonly unknown[] }>;
}

/** The part of knex's client that lends its connections (a transaction's lends its own). */
interface ConnectionLender {
  acquireConnection(): Promise<PgConnection>;
  releaseConnection(connection: PgConnection): Promise<unknown>;
}

/**
 * Sends one statement with its parameters beside the SQL (PostgreSQL's extended protocol,
 * `$1`, `$2` ...), in the entity manager's transaction when it has one. `em.execute` would
 * format every parameter into the SQL text first (MikroORM quotes each value itself), which
 * costs more than many of our statements' own work: sending them this way took 10-15% off the
 * service's CPU under 200 Web Connectors at once (benchmark 3). The statement goes straight to
 * the connection knex lends (the transaction's, or one of the pool's): knex's query builder,
 * runner and formatting were another 10% of the service's CPU there, for no work of ours.
 * Placeholders are `?`, as with `em.execute`; `undefined` is sent as NULL, as it formats it.
 * A text sent again goes as a named statement each connection parses once (StatementNames).
 *
 * @example const rows = await sendSql<{ id: string }[]>(em, 'select id from connection where partner_id = ?', [partnerId]);
 */
export async function sendSql<T = Record<string, unknown>[]>(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<T> {
  const knex = em.getConnection().getKnex();
  // Announced as knex announces its own statements, so that whoever watches them (a test that
  // counts a store's statements, a debugging hook) still sees every one.
  if (knex.listenerCount('query') > 0) knex.emit('query', { sql, bindings: params });
  const transaction = em.getTransactionContext<Knex.Transaction>();
  const lender = (transaction ?? knex).client as unknown as ConnectionLender;
  const connection = await lender.acquireConnection();
  try {
    const { text, name } = statementNames.planOf(sql, params.length);
    const result = await connection.query({ text, name, values: params.map((p) => (p === undefined ? null : p)) });
    // (A text of several statements, sent without parameters, answers with a list.)
    statementNames.answered(sql, result.fields?.length ?? 1);
    return result.rows as T;
  } finally {
    await lender.releaseConnection(connection);
  }
}
