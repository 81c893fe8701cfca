import { MikroORM } from '@mikro-orm/core';
import { PluginMigration } from '../plugins/define-plugin';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { AppError } from '../errors/app-error';
import { EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres';
import { FRAMEWORK_ENTITIES } from './entities/framework-entities';
import { beginWithFirstStatement } from './begin-with-first-statement';
import { MIGRATIONS } from './migrations/migration-list';
import { reachesEmbeddedSocket } from './private-socket-dir';

export type DatabaseMode = 'embedded' | 'external';

/** The service's database: the ORM, which kind it is, and how to check and close it. */
export interface Database {
  readonly orm: MikroORM<PostgreSqlDriver>;
  readonly mode: DatabaseMode;
  /** Where the database listens: DATABASE_URL, or the embedded server's Unix socket folder (no secret in it: the folder's mode is the guard). */
  readonly url: string;
  /** Names the applied migrations that this start applied (empty when up to date). */
  readonly appliedNow: readonly string[];
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A real PostgreSQL; when absent an embedded one is started. */
  readonly url?: string;
  /** Where the embedded database keeps its files; absent keeps it in memory. */
  readonly dataDir?: string;
  /** Plugins' migrations, beside the framework's own. */
  readonly migrations?: readonly PluginMigration[];
}

function allMigrations(fromPlugins: readonly PluginMigration[]) {
  const all = [...MIGRATIONS, ...fromPlugins];
  const names = all.map((m) => m.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new AppError('internal', `Two migrations are called ${twice}.`);
  return all.sort((a, b) => a.name.localeCompare(b.name));
}

/** Opens the database and applies pending migrations (never `schema.update()`). */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  if (!options.url) embedded = await startEmbeddedPostgres(options.dataDir);
  try {
    const orm = await MikroORM.init<PostgreSqlDriver>({
      driver: PostgreSqlDriver,
      clientUrl: options.url ?? embedded!.url,
      entities: FRAMEWORK_ENTITIES,
      extensions: [Migrator],
      migrations: { migrationsList: allMigrations(options.migrations ?? []), transactional: true, allOrNothing: true, snapshot: false, silent: true },
      discovery: { disableDynamicFileAccess: true },
      pool: {
        min: 0,
        max: embedded || reachesEmbeddedSocket(options.url!) ? 1 : 10,
        afterCreate: (connection: Parameters<typeof beginWithFirstStatement>[0], done: (error: Error | null, connection: unknown) => void) => {
          beginWithFirstStatement(connection);
          done(null, connection);
        },
      },
      allowGlobalContext: false,
      debug: false,
    });
    const applied = await orm.getMigrator().up();
    return {
      orm,
      mode: embedded ? 'embedded' : 'external',
      url: options.url ?? embedded!.url,
      appliedNow: applied.map((m) => m.name),
      async ping() {
        await orm.em.fork().getConnection().execute('select 1');
      },
      async close() {
        await orm.close(true);
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw new AppError('transient', 'The database could not be opened.', { detail: (error as Error).message, cause: error });
  }
}
