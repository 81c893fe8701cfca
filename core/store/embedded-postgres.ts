import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { lockDataDir } from './data-dir-lock';
import { SOCKET_PORT, privateSocketDir } from './private-socket-dir';

/**
 * The embedded database's buffer pool. PostgreSQL's default (128 MB) is set up in WebAssembly
 * memory at every start: 0.65 s of CPU a start against 0.29 s for 32 MB (2-core AMD EPYC), and
 * the tests start ~150 embedded databases a run. Pages outside the pool are a read of the data
 * folder through the OS's cache, not the disk: a first sync of 12,000 invoices on the embedded
 * database ran at 1,110-1,270 invoices/s with 128 MB and 1,150-1,230 with 32 MB, with ~100 MB
 * less memory.
 */
export const EMBEDDED_SHARED_BUFFERS = '32MB';

export interface EmbeddedPostgres {
  /** A postgresql:// URL naming the Unix socket's folder as its host (no TCP port, no password). */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Runs PostgreSQL in-process (PGlite, WebAssembly) behind a wire-protocol socket, so the service
 * uses the same driver, SQL and migrations as with a real server. With no dataDir the database
 * lives in memory (tests); otherwise under `<dataDir>/pg`.
 *
 * The socket is a Unix socket in a folder only this OS user may enter, not a loopback port:
 * PGlite answers every startup as the superuser and accepts any password (it has no pg_hba), so
 * a password would guard nothing, while on 127.0.0.1 any local user or process could connect.
 * Whoever can enter the folder can already read the data files themselves (ADR 0005).
 */
export async function startEmbeddedPostgres(dataDir?: string): Promise<EmbeddedPostgres> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  let socketDir: ReturnType<typeof privateSocketDir> | undefined;
  let db: PGlite | undefined;
  try {
    socketDir = privateSocketDir(dataDir);
    db = await PGlite.create(dataDir ? join(dataDir, 'pg') : undefined, {
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`],
    });
    // PGlite has one session; the socket server queues queries and keeps a transaction's
    // statements together, and the ORM's pool is kept to one connection on top of that.
    const server = new PGLiteSocketServer({ db, path: socketDir.path, maxConnections: 4 });
    await server.start();
    chmodSync(socketDir.path, 0o600);
    const [dir, pglite] = [socketDir, db];
    return {
      url: `postgresql://postgres@${encodeURIComponent(dir.dir)}:${SOCKET_PORT}/postgres`,
      async stop() {
        await server.stop();
        await pglite.close();
        dir.remove();
        unlock();
      },
    };
  } catch (error) {
    await db?.close().catch(() => undefined);
    socketDir?.remove();
    unlock();
    throw error;
  }
}
