import type { EntityManager } from '@mikro-orm/postgresql';
import { SqlStatement, sendWrites } from '../../../core/store/send-together';
import { TypedColumn, columnarUpdate } from '../../../core/store/update-rows';

/** A ledger column a field group owns: its name, how a record fills it, and its PostgreSQL type. */
export type GroupColumn<T> = readonly [name: string, read: (record: T) => unknown, type: string];

/** Which columns each field group of an item owns (a group with a table of its own, like lines, has none here). */
export type GroupColumns<T> = Readonly<Record<string, readonly GroupColumn<T>[]>>;

/** The columns of the groups the rules let through ('*': all of them). */
export function columnsOf<T>(groupColumns: GroupColumns<T>, groups: readonly string[]): GroupColumn<T>[] {
  const all = groups.includes('*');
  return Object.entries(groupColumns)
    .filter(([group]) => all || groups.includes(group))
    .flatMap(([, columns]) => columns);
}

/**
 * Updates of known ledger rows, each writing only the columns of its allowed groups, planned
 * for a page and written as one update per distinct set of columns (columnarUpdate), all in one
 * statement when no row is planned twice. Every row also sets `source_version`, and any `extra`
 * columns the table's caller names.
 */
export class GroupUpdates<T> {
  private readonly byColumns = new Map<string, { columns: GroupColumn<T>[]; rows: unknown[][] }>();

  constructor(
    private readonly table: string,
    private readonly groupColumns: GroupColumns<T>,
    private readonly extra: readonly TypedColumn[] = [],
  ) {}

  /**
   * Plans one row's update; answers the grouped columns it writes. `extraValues` fill the extra
   * columns, in order, from those same columns (so a caller never works them out twice).
   */
  add(
    id: string,
    record: T,
    groups: readonly string[],
    version: string | undefined,
    extraValues: (columns: readonly GroupColumn<T>[]) => readonly unknown[] = () => [],
  ): GroupColumn<T>[] {
    const columns = columnsOf(this.groupColumns, groups);
    const key = columns.map(([name]) => name).join(',');
    const planned = this.byColumns.get(key) ?? { columns, rows: [] };
    planned.rows.push([id, ...columns.map(([, read]) => read(record)), version ?? null, ...extraValues(columns)]);
    this.byColumns.set(key, planned);
    return columns;
  }

  async write(em: EntityManager, now: Date): Promise<void> {
    await sendWrites(em, this.statements(now), this.plannedOnce());
  }

  /** One update per distinct set of columns (none when nothing is planned). */
  statements(now: Date): SqlStatement[] {
    return [...this.byColumns.values()].map(({ columns, rows }) => {
      const typed = [...columns.map(([name, , type]) => ({ name, type })), { name: 'source_version', type: 'text' }, ...this.extra];
      return columnarUpdate(this.table, typed, rows, { set: ['updated_at = ?'], params: [now] });
    });
  }

  /** True when no row is planned twice: parts of one statement must not touch the same row, so only then may the updates go together. */
  plannedOnce(): boolean {
    const ids = [...this.byColumns.values()].flatMap((p) => p.rows.map((row) => row[0]));
    return new Set(ids).size === ids.length;
  }
}
