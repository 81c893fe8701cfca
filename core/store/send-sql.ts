import type { Knex } from '@mikro-orm/knex';
import type { EntityManager } from '@mikro-orm/postgresql';

/** The one call of node-postgres' client we use; knex's connections are node-postgres clients. */
interface PgConnection {
  query(text: string, values: readonly unknown[]): Promise<{ rows: unknown[] }>;
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
    const result = await connection.query(
      numberedPlaceholders(sql),
      params.map((p) => (p === undefined ? null : p)),
    );
    return result.rows as T;
  } finally {
    await lender.releaseConnection(connection);
  }
}

/** `?` -> `$1`, `$2` ... in order; a `?` after a backslash stays a question mark (as knex reads them). */
function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\\\?|\?/g, (match) => (match === '?' ? `$${++n}` : '?'));
}
