import type { EntityManager } from '@mikro-orm/postgresql';
import { sendSql } from './send-sql';

/** One statement and its parameters (`?` placeholders, as sendSql takes them). */
export interface SqlStatement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

// PostgreSQL takes at most 65535 parameters a statement; stay well below.
export const MAX_PARAMETERS = 30_000;

/**
 * Sends several writes as one statement where it can: every one but the last becomes a
 * data-modifying WITH query of the last (`with w1 as (insert ...), w2 as (update ...) update ...`).
 * One round trip instead of one each: on our 2-core machines each statement costs the service
 * about 100 µs in the socket write alone when PostgreSQL is busy (benchmark 3's profile).
 * The parts run on one snapshot, in no set order: none may touch a row another part touches, or
 * read what another writes, and none may end in `;`. The last may begin with a WITH of its own
 * (not RECURSIVE) and may return rows: they are the answer. Groups stay under MAX_PARAMETERS; a
 * part over it alone is sent alone.
 *
 * @example await sendTogether(em, [{ sql: 'insert into t (a) values (?)', params: [1] }, { sql: 'update u set b = ? where id = ?', params: [2, id] }]);
 */
export async function sendTogether<T = Record<string, unknown>[]>(em: EntityManager, statements: readonly SqlStatement[]): Promise<T> {
  let group: SqlStatement[] = [];
  let parameters = 0;
  for (const statement of statements) {
    if (group.length > 0 && parameters + statement.params.length > MAX_PARAMETERS) {
      await sendGroup(em, group);
      group = [];
      parameters = 0;
    }
    group.push(statement);
    parameters += statement.params.length;
  }
  return (group.length > 0 ? await sendGroup<T>(em, group) : []) as T;
}

/**
 * Writes that go as one statement (sendTogether) when `disjoint` says no two touch the same row,
 * else one by one in order, so a row written twice ends as the last write says.
 */
export async function sendWrites(em: EntityManager, statements: readonly SqlStatement[], disjoint: boolean): Promise<void> {
  if (disjoint) await sendTogether(em, statements);
  else for (const statement of statements) await sendSql(em, statement.sql, statement.params);
}

async function sendGroup<T>(em: EntityManager, group: readonly SqlStatement[]): Promise<T> {
  const last = group[group.length - 1];
  const withs = group.slice(0, -1).map((s, i) => `w${i} as (${s.sql})`);
  const ownWith = /^\s*with\s+/i.exec(last.sql);
  let sql = last.sql;
  if (withs.length > 0) sql = ownWith ? `with ${withs.join(', ')}, ${last.sql.slice(ownWith[0].length)}` : `with ${withs.join(', ')} ${last.sql}`;
  return sendSql<T>(
    em,
    sql,
    group.flatMap((s) => s.params),
  );
}
