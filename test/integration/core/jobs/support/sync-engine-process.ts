import { SyncJobEngine } from '../../../../../core/jobs/sync-job-engine';
import { readSyncJobSettings } from '../../../../../core/jobs/sync-job-settings';
import { createLogger } from '../../../../../core/runtime/logger';
import { openDatabase } from '../../../../../core/store/open-database';

/**
 * A second instance for the killed-instance test, as its own process: the engine on DATABASE_URL
 * with the settings the service reads from the environment (SYNC_*), a sync of SYSTEM that says
 * `started` and never ends, and a request to sync CONNECTION_ID. The test SIGKILLs it mid-sync.
 */
async function main(): Promise<void> {
  const env = process.env;
  const database = await openDatabase({ url: env.DATABASE_URL });
  const sync = {
    system: env.SYSTEM!,
    sync: ({ connectionId }: { connectionId: string }) => {
      process.stdout.write(`${JSON.stringify({ started: connectionId })}\n`);
      return new Promise<void>(() => undefined);
    },
  };
  const engine = new SyncJobEngine({ database, syncs: [sync], settings: readSyncJobSettings(env), logger: createLogger('warn'), clock: () => new Date() });
  await engine.start();
  await engine.request(env.CONNECTION_ID!, 'sync-now');
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
