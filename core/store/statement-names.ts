/** How sendSql sends one statement text: `$n` placeholders, and a name once it is worth keeping. */
export interface StatementPlan {
  readonly text: string;
  readonly name?: string;
}

interface Seen {
  readonly text: string;
  uses: number;
  name?: string;
  /**
   * Whether its answer's columns are fixed by the text itself. A `*` in a statement that answers
   * with rows may take a table's columns as they are when it is parsed: after a migration adds one,
   * PostgreSQL refuses to run the kept statement ("cached plan must not change result type") on
   * every connection that kept it, until the service restarts. A `*` in a write without RETURNING
   * (`insert ... select * from unnest(...)`) changes no answer. Unknown until the first answer.
   */
  fixedColumns?: boolean;
}

const STAR = /(?:\.|\bselect\s+|\breturning\s+|,\s*)\*/i;

/**
 * Names the statement texts that PostgreSQL should parse once per connection and keep (a named
 * prepared statement), instead of parsing and planning them again at every call: under 100 Web
 * Connectors at once, parse and bind (which plans) were about 40% of the time PostgreSQL logged
 * for the burst's statements, spent again and again on the same twenty texts. A text is named at
 * its second use (one sent once, a migration's, is not worth a server's memory), unless its answer
 * has columns and the text a `*` (see Seen.fixedColumns); at most `limit` names, so that texts
 * built from a varying count of rows cannot fill every connection's memory with statements used
 * once. After five runs PostgreSQL may plan a kept statement once for all parameters
 * (plan_cache_mode auto), when that plan costs no more.
 */
export class StatementNames {
  private readonly seen = new Map<string, Seen>();
  private named = 0;

  constructor(private readonly limit = 400) {}

  /**
   * The text to send for `sql` (`?` placeholders) and its name, if it has one by now. A text
   * without parameters is never named: it goes as a simple query, which may hold several
   * statements (a prepared statement holds one).
   */
  planOf(sql: string, parameterCount: number): StatementPlan {
    let seen = this.seen.get(sql);
    if (!seen) {
      seen = { text: numberedPlaceholders(sql), uses: 0, fixedColumns: STAR.test(sql) ? undefined : true };
      // Texts seen once are remembered up to a bound too: past it, new ones are only numbered.
      if (this.seen.size < this.limit * 4) this.seen.set(sql, seen);
    }
    seen.uses++;
    if (seen.name === undefined && seen.uses >= 2 && parameterCount > 0 && seen.fixedColumns && this.named < this.limit) seen.name = `s${++this.named}`;
    return seen;
  }

  /** What the server answered `sql` with: how many columns (a write without RETURNING has none). */
  answered(sql: string, columns: number): void {
    const seen = this.seen.get(sql);
    if (seen && seen.fixedColumns === undefined) seen.fixedColumns = columns === 0;
  }
}

/** `?` -> `$1`, `$2` ... in order; a `?` after a backslash stays a question mark (as knex reads them). */
function numberedPlaceholders(sql: string): string {
  let n = 0;
  return sql.replace(/\\\?|\?/g, (match) => (match === '?' ? `$${++n}` : '?'));
}
