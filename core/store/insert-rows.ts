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

/**
 * SQL for "equals one of a list" with the list as one parameter (pass `arrayLiteral(values)`, a
 * PostgreSQL array literal): the driver would spread a JS array into many parameters. A literal
 * array lets the planner use the index even before the table has statistics (a subquery made
 * it scan the connection's rows right after a first sync).
 *
 * @example sendSql(em, `select * from t where id ${ANY_OF_LIST}`, [arrayLiteral(ids)])
 */
export const ANY_OF_LIST = '= any(?::text[])';

/** The list parameter for ANY_OF_LIST: `{"a","b"}`, quotes and backslashes escaped. */
export function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
