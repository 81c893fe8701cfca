import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../errors/app-error';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims the embedded database's folder for this process. PGlite is a single-process database:
 * a second service on the same DATA_DIR would corrupt it, so it is refused with a clear error.
 * A lock left by a process that no longer runs is taken over.
 */
const heldHere = new Set<string>();

export function lockDataDir(dir: string): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'service.pid');
  if (heldHere.has(file)) {
    throw new AppError('conflict', `This process already runs a database on the data folder ${dir}. Set DATA_DIR to another folder.`);
  }
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const holder = Number(readFileSync(file, 'utf8').trim());
    if (Number.isSafeInteger(holder) && holder !== process.pid && isAlive(holder)) {
      throw new AppError('conflict', `Another service (process ${holder}) is using the data folder ${dir}. Stop it, or set DATA_DIR to another folder.`);
    }
    writeFileSync(file, String(process.pid));
  }
  heldHere.add(file);
  return () => {
    heldHere.delete(file);
    rmSync(file, { force: true });
  };
}
