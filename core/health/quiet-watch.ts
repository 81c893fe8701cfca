import type { EntityManager } from '@mikro-orm/postgresql';
import type { Database } from '../store/open-database';
import type { Logger } from '../runtime/logger';
import { noticeQuietConnections } from './notice-quiet-connections';

/**
 * Looks for connections that went quiet every `everySeconds`, on every instance (the statement
 * lets only one of them tell each quiet spell). The timer never keeps the process alive, and a
 * failed look (the database away for a moment) is logged and tried again at the next tick.
 */
export function watchQuietConnections(input: { database: Database; clock: () => Date; logger: Logger; everySeconds: number }): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const quiet = await noticeQuietConnections(input.database.orm.em.fork() as EntityManager, input.clock());
      for (const connectionId of quiet) input.logger.warn('connection went quiet: no sync for three intervals', { connectionId });
    } catch (error) {
      input.logger.warn('could not look for quiet connections', { message: (error as Error).message });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), input.everySeconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
