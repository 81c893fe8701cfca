import type { EntityManager } from '@mikro-orm/postgresql';
import { sendSql } from './send-sql';
import { MAX_PARAMETERS, SqlStatement } from './send-together';

/**
 * Inserts many rows with as few statements as the parameter limit allows: one round trip for a
 * page of records instead of one each. `suffix` may add `on conflict ...`.
 *
 * @example await insertRows(em, 'sync_event', ['connection_id', 'at'], [[id, now], [id, now]]);
 */
export async function insertRows(
  em: EntityManager,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  suffix = '',
): Promise<void> {
  for (const statement of insertStatements(table, columns, rows, suffix)) await sendSql(em, statement.sql, statement.params);
}

/** The statements insertRows sends, for a caller that sends them with others (sendTogether). */
export function insertStatements(table: string, columns: readonly string[], rows: readonly (readonly unknown[])[], suffix = ''): SqlStatement[] {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const statements: SqlStatement[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    statements.push({ sql: `insert into ${table} (${columns.join(', ')}) values ${chunk.map(() => tuple).join(', ')} ${suffix}`, params: chunk.flat() });
  }
  return statements;
}

/** A column and its PostgreSQL type, for columnarInsert: `['amount', 'numeric']`. */
export type TypedColumn = readonly [name: string, type: string];

/**
 * One insert of any number of rows with one parameter per column, each an array literal that
 * PostgreSQL unnests: a page of 1,250 invoice lines is 8 parameters instead of 10,000. Parsing
 * and binding the many-parameter form cost PostgreSQL about as much as the insert itself (and
 * the service the numbering and encoding of every parameter). Values go as text: strings as
 * they are, Dates as ISO instants, objects as JSON, null as NULL; `suffix` may add `on conflict ...`.
 *
 * @example const insert = columnarInsert('t', [['id', 'uuid'], ['n', 'int']], [[id, 1]]);
 * await sendSql(em, insert.sql, insert.params);
 */
export function columnarInsert(table: string, columns: readonly TypedColumn[], rows: readonly (readonly unknown[])[], suffix = ''): SqlStatement {
  const names = columns.map(([name]) => name).join(', ');
  const arrays = columns.map(([, type]) => `?::${type}[]`).join(', ');
  const params = columns.map((_, c) => arrayOfValues(rows.map((row) => row[c])));
  return { sql: `insert into ${table} (${names}) select * from unnest(${arrays}) ${suffix}`, params };
}

/** Sends columnarInsert's statement; nothing for no rows. */
export async function insertColumns(
  em: EntityManager,
  table: string,
  columns: readonly TypedColumn[],
  rows: readonly (readonly unknown[])[],
  suffix = '',
): Promise<void> {
  if (rows.length === 0) return;
  const insert = columnarInsert(table, columns, rows, suffix);
  await sendSql(em, insert.sql, insert.params);
}

/** A column's values as one PostgreSQL array literal (see columnarInsert for how each is written). */
export function arrayOfValues(values: readonly unknown[]): string {
  return `{${values.map((v) => (v === null || v === undefined ? 'NULL' : quotedElement(elementText(v)))).join(',')}}`;
}

function elementText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const NEEDS_ESCAPE = /["\\]/;

function quotedElement(text: string): string {
  // Most values hold neither a quote nor a backslash: one test instead of two replaces.
  return NEEDS_ESCAPE.test(text) ? `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : `"${text}"`;
}

/**
 * SQL for "equals one of a list" with the list as one parameter (pass `arrayLiteral(values)`, a
 * PostgreSQL array literal): the driver would spread a JS array into many parameters.
 *
 * @example sendSql(em, `select * from t where id ${ANY_OF_LIST}`, [arrayLiteral(ids)])
 */
export const ANY_OF_LIST = '= any(?::text[])';

/**
 * `select …` of the rows whose `column` is one of a list, each found by its own probe of an index
 * that ends in `column` (first parameter: `arrayLiteral(values)`, then those of `where`, the
 * conditions on the index's leading columns). With ANY_OF_LIST the planner may instead read all
 * the rows of the leading columns and filter them, and it does so whenever it thinks a connection
 * has few rows: a table without statistics yet, or a new connection the statistics do not know,
 * during its first sync (2-10 ms a page at 20,000 invoices, growing with them). `offset 0` keeps
 * the probe from being flattened back into that plan.
 *
 * @example sendSql(em, eachOfList('*', 'alt_customer', 'connection_id = ?', 'source_id'), [arrayLiteral(ids), connectionId])
 */
export function eachOfList(columns: string, table: string, where: string, column: string): string {
  return `select t.* from unnest(?::text[]) as k(key) cross join lateral (select ${columns} from ${table} where ${where} and ${column} = k.key offset 0) as t`;
}

/** The list parameter for ANY_OF_LIST: `{"a","b"}`, quotes and backslashes escaped. */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map(quotedElement).join(',')}}`;
}
