import { createHash } from 'node:crypto';
import type { Knex } from '@mikro-orm/knex';
import type { EntityManager } from '@mikro-orm/postgresql';

/** The one call of node-postgres' client we use; knex's connections are node-postgres clients. */
interface PgConnection {
  query(query: { text: string; values: readonly unknown[]; name?: string }): Promise<{ rows: unknown[] }>;
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
 * On a database opened with preparedStatementsOn, the statement is a named prepared one.
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
    const text = numberedPlaceholders(sql);
    const values = params.map((p) => (p === undefined ? null : p));
    if (!preparingKnexes.has(knex)) return (await connection.query({ text, values })).rows as T;
    try {
      return (await connection.query({ text, values, name: preparedName(connection, text) })).rows as T;
    } catch (error) {
      if (!tableChangedUnder(error)) throw error;
      // A newer version of the service added a column to a table this statement reads with `*`
      // (a rolling upgrade): this connection's statements are prepared again under new names.
      // Outside a transaction the statement is simply sent again; a transaction has failed,
      // and its caller's retry (the Web Connector's next call, the job's next run) finds it healed.
      forgetPrepared(connection);
      if (transaction) throw error;
      return (await connection.query({ text, values, name: preparedName(connection, text) })).rows as T;
    }
  } finally {
    await lender.releaseConnection(connection);
  }
}

/** How many statements one connection keeps prepared; any further ones are sent unnamed. */
export const PREPARED_PER_CONNECTION = 256;

/** The knex instances whose connections keep prepared statements (see preparedStatementsOn). */
const preparingKnexes = new WeakSet<object>();

/**
 * Lets the statements sent on this ORM's connections be named prepared statements: PostgreSQL
 * then parses each text once a connection, and after five runs plans it once, instead of at every
 * run. Under 200 Web Connectors at once (benchmark 3) that halved PostgreSQL's CPU (2.4 -> 1.2 ms
 * a SOAP call) and took a fifth off the service's (node-postgres sends the statement's text only
 * once). Only for a server whose sessions are each one client's own: the embedded database puts
 * several clients on one session, where two would prepare the same name.
 */
export function preparedStatementsOn(knex: object): void {
  preparingKnexes.add(knex);
}

/** What one connection has prepared: names carry its generation, which forgetPrepared moves on. */
interface Prepared {
  generation: number;
  readonly names: Set<string>;
}
const preparedBy = new WeakMap<PgConnection, Prepared>();
/** Statement text -> a hash of it, or null for a text of a list's length; kept for the first texts seen. */
const hashOfText = new Map<string, string | null>();
const TEXTS_KEPT = 4096;
/** Several rows of VALUES, or an IN list of placeholders: a text that changes with a list's length. */
const LIST_OF_PLACEHOLDERS = /\)\s*,\s*\(\s*\$\d|\bin\s*\(\s*\$\d+\s*,/i;

/**
 * The name to send `text` under on this connection, or undefined to send it unnamed. A text that
 * grows with a list (rows of VALUES, an IN list) is sent unnamed: each length would be a statement
 * of its own, and node-postgres never deallocates one. A connection keeps at most
 * PREPARED_PER_CONNECTION, the first ones it meets, as a bound should a list shape escape the test.
 */
function preparedName(connection: PgConnection, text: string): string | undefined {
  let hash = hashOfText.get(text);
  if (hash === undefined) {
    hash = LIST_OF_PLACEHOLDERS.test(text) ? null : createHash('sha1').update(text).digest('base64url');
    if (hashOfText.size < TEXTS_KEPT) hashOfText.set(text, hash);
  }
  if (hash === null) return undefined;
  let prepared = preparedBy.get(connection);
  if (!prepared) preparedBy.set(connection, (prepared = { generation: 0, names: new Set() }));
  const name = `s${prepared.generation}_${hash}`;
  if (prepared.names.has(name)) return name;
  if (prepared.names.size >= PREPARED_PER_CONNECTION) return undefined;
  prepared.names.add(name);
  return name;
}

function forgetPrepared(connection: PgConnection): void {
  const prepared = preparedBy.get(connection);
  if (!prepared) return;
  prepared.generation += 1;
  prepared.names.clear();
}

/** PostgreSQL's refusal to run a prepared statement whose `*` now means other columns (SQLSTATE 0A000). */
function tableChangedUnder(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string };
  return code === '0A000' && /cached plan must not change result type/.test(message ?? '');
}

/** `?` -> `$1`, `$2` ... in order; a `?` after a backslash stays a question mark (as knex reads them). */
function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\\\?|\?/g, (match) => (match === '?' ? `$${++n}` : '?'));
}
