import pg from 'pg';

/**
 * The job engine's connection pool, ours rather than pg-boss's, so that stopping is orderly.
 * pg-boss 10 ends its own pool while a worker's fetch may still wait in the pool's queue, and
 * node-postgres never settles a request queued on a pool that is ending: the worker then never
 * stops, and pg-boss's wait for it (a 1 s timer, forever) keeps the process alive. Seen on the
 * embedded database, where the pool has one connection and fetches queue behind each other.
 * Here `close()` first lets every query in flight settle, then ends the pool, and anything asked
 * after that fails at once instead of waiting.
 */
export class JobEngineDb {
  private readonly pool: pg.Pool;
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  constructor(connectionString: string, max: number) {
    this.pool = new pg.Pool({ connectionString, max, application_name: 'pgboss' });
    // An idle client's error (the server restarted) must not crash the process; the next query reports it.
    this.pool.on('error', () => undefined);
  }

  /** What pg-boss calls for every statement (its `db` option). */
  executeSql(text: string, values?: unknown[]): Promise<pg.QueryResult> {
    if (this.closed) return Promise.reject(new Error('The job engine is stopped.'));
    const query = this.pool.query(text, values);
    this.inFlight.add(query);
    const forget = () => this.inFlight.delete(query);
    query.then(forget, forget);
    return query;
  }

  /** Waits for the queries in flight (at most `timeoutMs`), then ends the pool. */
  async close(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.inFlight.size > 0 && Date.now() < deadline) await Promise.race([Promise.allSettled([...this.inFlight]), pause(deadline - Date.now())]);
    this.closed = true;
    await this.pool.end();
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)).unref());
}
