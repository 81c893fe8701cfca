import type { EntityManager } from '@mikro-orm/postgresql';
import { sendSql } from './send-sql';

export interface TypedColumn {
  readonly name: string;
  /** Its PostgreSQL type: VALUES lists carry no types of their own. */
  readonly type: string;
}

/**
 * Updates many rows by id in one statement (`update ... from (values ...)`): each row is
 * `[id, ...values of columns]`. `extra` adds assignments that may use `v.<column>` and bring
 * their own parameters (they come first: SET is written before VALUES).
 *
 * @example await updateRows(em, 'alt_invoice', [{ name: 'memo', type: 'text' }], [[id, 'new memo']], { set: ['updated_at = ?'], params: [now] });
 */
export async function updateRows(
  em: EntityManager,
  table: string,
  columns: readonly TypedColumn[],
  rows: readonly (readonly unknown[])[],
  extra: { readonly set: readonly string[]; readonly params: readonly unknown[] } = { set: [], params: [] },
): Promise<void> {
  if (rows.length === 0) return;
  const tuple = `(${['?::uuid', ...columns.map((c) => `?::${c.type}`)].join(', ')})`;
  const assignments = [...columns.map((c) => `${c.name} = v.${c.name}`), ...extra.set];
  const perStatement = Math.max(1, Math.floor(30_000 / (columns.length + 1)));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    await sendSql(
      em,
      `update ${table} as t set ${assignments.join(', ')} from (values ${chunk.map(() => tuple).join(', ')}) as v (id${columns.map((c) => `, ${c.name}`).join('')}) where t.id = v.id`,
      [...extra.params, ...chunk.flat()],
    );
  }
}
