import { chmodSync, lstatSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { AppError } from '../errors/app-error';

/** The port in the socket's name: pg and libpq look for `<dir>/.s.PGSQL.<port>`. */
export const SOCKET_PORT = 5432;
const SOCKET_NAME = `.s.PGSQL.${SOCKET_PORT}`;
// sun_path holds 108 bytes on Linux and 104 on macOS, the terminator included.
const MAX_SOCKET_PATH = 103;
const TEMPORARY_PREFIX = 'qbdalt-pg-';

/**
 * Whether a database URL reaches an embedded database's socket folder (ours, or another
 * instance's): one PGlite session behind a multiplexer of 4 sockets in all, so each pool on it
 * keeps to one connection (more make the multiplexer drop writes: EPIPE). A PostgreSQL server
 * reached over its own Unix socket (another folder name) is not taken for one.
 */
export function reachesEmbeddedSocket(url: string): boolean {
  const host = decodeURIComponent(new URL(url).hostname);
  if (!host.startsWith('/')) return false;
  const folder = basename(host);
  return folder === 'socket' || folder.startsWith(TEMPORARY_PREFIX);
}

export interface PrivateSocketDir {
  /** The folder holding the socket, mode 0700 and ours. */
  readonly dir: string;
  /** The socket's own path inside it. */
  readonly path: string;
  /** Removes the socket (and the folder when it was a temporary one). */
  remove(): void;
}

/**
 * A folder for the embedded database's Unix socket that only this OS user can enter: `socket/`
 * in the data folder (as PostgreSQL keeps its own socket beside its data), or a fresh temporary
 * folder for an in-memory database or a data folder whose path is too long for a socket.
 * A socket left there by a killed process is removed: the data folder's lock says it is dead.
 */
export function privateSocketDir(dataDir?: string): PrivateSocketDir {
  const inData = dataDir ? join(dataDir, 'socket') : undefined;
  if (inData && join(inData, SOCKET_NAME).length <= MAX_SOCKET_PATH) {
    mkdirSync(inData, { recursive: true, mode: 0o700 });
    const stat = lstatSync(inData);
    // A folder someone else made (or a link to one) could hand them the socket.
    if (!stat.isDirectory() || (process.getuid && stat.uid !== process.getuid())) {
      throw new AppError('conflict', `${inData} is not a folder of this user's. Remove it, or set DATA_DIR to another folder.`);
    }
    chmodSync(inData, 0o700);
    const path = join(inData, SOCKET_NAME);
    rmSync(path, { force: true });
    return { dir: inData, path, remove: () => rmSync(path, { force: true }) };
  }
  // mkdtemp makes the folder 0700.
  const temporary = mkdtempSync(join(tmpdir(), TEMPORARY_PREFIX));
  return { dir: temporary, path: join(temporary, SOCKET_NAME), remove: () => rmSync(temporary, { recursive: true, force: true }) };
}
