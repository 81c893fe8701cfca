import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { lockDataDir } from './data-dir-lock';
import { SOCKET_PORT, privateSocketDir } from './private-socket-dir';

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
    db = await PGlite.create(dataDir ? join(dataDir, 'pg') : undefined);
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
