import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { join } from 'node:path';
import { lockDataDir } from './data-dir-lock';

export interface EmbeddedPostgres {
  /** A postgresql:// URL on 127.0.0.1 that the ordinary driver connects to. */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Runs PostgreSQL in-process (PGlite, WebAssembly) behind a wire-protocol socket on a free
 * loopback port, so the service uses the same driver, SQL and migrations as with a real server.
 * With no dataDir the database lives in memory (tests); otherwise under `<dataDir>/pg`.
 */
export async function startEmbeddedPostgres(dataDir?: string): Promise<EmbeddedPostgres> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  try {
    const db = await PGlite.create(dataDir ? join(dataDir, 'pg') : undefined);
    // PGlite has one session; the socket server queues queries and keeps a transaction's
    // statements together, and the ORM's pool is kept to one connection on top of that.
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
    await server.start();
    return {
      url: `postgresql://postgres@${server.getServerConn()}/postgres`,
      async stop() {
        await server.stop();
        await db.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}
