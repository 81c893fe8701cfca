import { Query, type QueryConfig } from 'pg';

/** What node-postgres' client hands the server: a text, or a config object with its values. */
type QueryInput = string | { text?: string; values?: unknown[]; name?: string; rows?: number; submit?: unknown; callback?: QueryCallback };
type QueryCallback = (error: Error | null, result?: unknown) => void;
type QueryMethod = (input: QueryInput, values?: unknown, callback?: QueryCallback) => unknown;

/** The wire-level calls of node-postgres' connection that a query makes while it is sent. */
interface WireConnection {
  parse(message: { text: string }): void;
  bind(message: { values: unknown[] }): void;
  execute(message: { portal: string }): void;
}

/** node-postgres' Query as it is sent: `prepare` writes Parse, Bind, Describe, Execute and Sync (corked). */
interface SentQuery {
  queryMode?: string;
  prepare(connection: WireConnection): void;
  callback?: QueryCallback;
}

// Only a plain BEGIN (knex's, MikroORM's) is held: one with a mode (READ WRITE on a standby, a
// typo) could fail, and its failure must reach whoever opened the transaction, as before.
const BEGIN = /^\s*(BEGIN|START TRANSACTION)\s*;?\s*$/i;
const OPENS = /^\s*(BEGIN|START)\b/i;
const END = /^\s*(COMMIT|END|ROLLBACK|ABORT)\s*;?\s*$/i;
/** The command tag the server gives each way of ending a transaction. */
const ENDED_AS: Record<string, string> = { COMMIT: 'COMMIT', END: 'COMMIT', ROLLBACK: 'ROLLBACK', ABORT: 'ROLLBACK' };

/**
 * Makes a pooled node-postgres client hold back each `BEGIN` and send it with the transaction's
 * first statement, in the same write and the same Sync: every transaction then costs one round
 * trip less (each Web Connector call opens at least one; under 200 connectors at once each round trip
 * is a write the single service thread makes and a message PostgreSQL reads). PostgreSQL's
 * protocol allows it: a `BEGIN` run inside a pipeline turns the pipeline's implicit transaction
 * into the explicit one, so a failing first statement leaves the transaction aborted exactly as
 * when `BEGIN` went alone, and the caller's `ROLLBACK` ends it.
 *
 * The held `BEGIN` is answered at once (as the server would: no rows); a transaction that ends
 * before any statement sends nothing at all. A first statement without parameters (a migration's
 * text may hold several statements, which one extended-protocol message cannot) lets the held
 * `BEGIN` go first on its own, as before. A `BEGIN` inside a transaction this client opened goes
 * to the server as it is (which only warns): holding it would swallow the `COMMIT` after it.
 * A held plain `BEGIN` fails only with its connection, and the statement sent with it fails then
 * too, so its caller still learns of it.
 */
export function beginWithFirstStatement(client: { query: QueryMethod }): void {
  const send = client.query.bind(client);
  let heldBegin: string | undefined;
  // Whether a BEGIN of any kind went through (held or sent) and no end of it since.
  let open = false;

  client.query = (input, values, callback) => {
    if (typeof input === 'object' && typeof input.submit === 'function') {
      // A query object of the caller's own (a cursor, a stream): sent as it is, after any held BEGIN.
      releaseHeldBegin();
      return send(input, values, callback);
    }
    // Most statements only pass through: they are looked at, never copied.
    const text = (typeof input === 'string' ? input : input.text) ?? '';
    const object = typeof input === 'object' ? input : undefined;
    const done = typeof values === 'function' ? (values as QueryCallback) : (callback ?? object?.callback);
    if (heldBegin === undefined) {
      const wasOpen = open;
      if (END.test(text)) open = false;
      else if (OPENS.test(text)) open = true;
      if (wasOpen || !BEGIN.test(text)) return send(input, values, callback);
      heldBegin = text;
      return answerAtOnce('BEGIN', done);
    }
    if (END.test(text)) {
      heldBegin = undefined;
      open = false;
      return answerAtOnce(ENDED_AS[text.trim().split(/[\s;]/)[0]!.toUpperCase()]!, done);
    }
    const parameters = Array.isArray(values) ? values : object?.values;
    if (object?.name || object?.rows || !parameters?.length) {
      releaseHeldBegin();
      return send(input, values, callback);
    }
    const begin = heldBegin;
    heldBegin = undefined;
    return sendAfterBegin(begin, { ...object, text, values: parameters }, done);
  };

  function releaseHeldBegin(): void {
    if (heldBegin === undefined) return;
    const begin = heldBegin;
    heldBegin = undefined;
    // Its answer comes before the next statement's (one connection answers in order); an error
    // here (the connection lost) reaches the caller through that statement too.
    void (send(begin) as Promise<unknown>).catch(() => undefined);
  }

  function sendAfterBegin(begin: string, config: QueryConfig, done: QueryCallback | undefined): unknown {
    if (!done) return new Promise((resolve, reject) => sendAfterBegin(begin, config, (error, result) => (error ? reject(error) : resolve(result))));
    // Extended even for an empty text, which node-postgres would send as a simple query, past `prepare`.
    const query = new Query(config) as unknown as SentQuery;
    query.queryMode = 'extended';
    const prepare = query.prepare.bind(query);
    query.prepare = (connection) => {
      // Within the cork node-postgres puts around `prepare`: one write for both statements.
      connection.parse({ text: begin });
      connection.bind({ values: [] });
      connection.execute({ portal: '' });
      prepare(connection);
    };
    // Two results come back (BEGIN's, then the statement's); the caller asked for the second.
    query.callback = (error, results) => (error ? done(error) : done(null, Array.isArray(results) ? results[results.length - 1] : results));
    send(query as unknown as QueryInput);
    return undefined;
  }
}

/** The server's own answer to a BEGIN or an empty transaction's end: a command, no rows. */
function answerAtOnce(command: string, done: QueryCallback | undefined): unknown {
  const result = { command, rowCount: null, oid: null, rows: [], fields: [] };
  if (!done) return Promise.resolve(result);
  process.nextTick(() => done(null, result));
  return undefined;
}
