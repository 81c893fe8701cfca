import type { EntityManager } from '@mikro-orm/postgresql';
import { arrayOfValues } from './insert-rows';
import type { SqlStatement } from './send-together';
import { sendSql } from './send-sql';

export interface TypedColumn {
  readonly name: string;
  /** Its PostgreSQL type, of the array its values are sent in. */
  readonly type: string;
}

/** The extra assignments of an update, which may use `v.<column>`, with their own parameters. */
export interface ExtraAssignments {
  readonly set: readonly string[];
  readonly params: readonly unknown[];
}

/**
 * Updates many rows by id in one statement: each row is `[id, ...values of columns]`, sent as one
 * array parameter per column that PostgreSQL unnests (as columnarInsert): the text is the same
 * for any number of rows, and no page is too large for one statement. `extra` adds assignments
 * that may use `v.<column>` and bring their own parameters.
 *
 * @example await updateRows(em, 'alt_invoice', [{ name: 'memo', type: 'text' }], [[id, 'new memo']], { set: ['updated_at = ?'], params: [now] });
 */
export async function updateRows(
  em: EntityManager,
  table: string,
  columns: readonly TypedColumn[],
  rows: readonly (readonly unknown[])[],
  extra: ExtraAssignments = { set: [], params: [] },
): Promise<void> {
  if (rows.length === 0) return;
  const update = columnarUpdate(table, columns, rows, extra);
  await sendSql(em, update.sql, update.params);
}

/** The statement updateRows sends, for a caller that sends it with others (sendTogether). */
export function columnarUpdate(table: string, columns: readonly TypedColumn[], rows: readonly (readonly unknown[])[], extra: ExtraAssignments): SqlStatement {
  const names = ['id', ...columns.map((c) => c.name)];
  const arrays = ['?::uuid[]', ...columns.map((c) => `?::${c.type}[]`)];
  const assignments = [...columns.map((c) => `${c.name} = v.${c.name}`), ...extra.set];
  return {
    sql: `update ${table} as t set ${assignments.join(', ')} from unnest(${arrays.join(', ')}) as v (${names.join(', ')}) where t.id = v.id`,
    params: [...extra.params, ...names.map((_, c) => arrayOfValues(rows.map((row) => row[c])))],
  };
}
