import type { Knex } from '@mikro-orm/knex';
import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Sends one statement with its parameters beside the SQL (PostgreSQL's extended protocol,
 * `$1`, `$2` ...), in the entity manager's transaction when it has one. `em.execute` would
 * format every parameter into the SQL text first (MikroORM quotes each value itself), which
 * costs more than many of our statements' own work: sending them this way took 10-15% off the
 * service's CPU under 200 Web Connectors at once (benchmark 3). Placeholders are `?`, as with
 * `em.execute`; `undefined` is sent as NULL, as it formats it.
 *
 * @example const rows = await sendSql<{ id: string }[]>(em, 'select id from connection where partner_id = ?', [partnerId]);
 */
export async function sendSql<T = Record<string, unknown>[]>(em: EntityManager, sql: string, params: readonly unknown[] = []): Promise<T> {
  const bindings = params.map((p) => (p === undefined ? null : p)) as Knex.RawBinding[];
  const query = em.getConnection().getKnex().raw(sql, bindings);
  const transaction = em.getTransactionContext<Knex.Transaction>();
  if (transaction) query.transacting(transaction);
  const result = (await query) as { rows: unknown[] };
  return result.rows as T;
}
