import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface FreshDatabase {
  /** A postgresql:// URL of a new, empty database; undefined when tests run embedded. */
  readonly url: string | undefined;
  drop(): Promise<void>;
}

/**
 * Tests run against whatever DATABASE_URL names, each in a database of its own that is
 * dropped afterwards, so runs never see each other's data. Without DATABASE_URL they use the
 * embedded PostgreSQL (a new one in memory or in a temp folder each time). With a template,
 * the new database is a copy of that one (migratedDatabaseTemplate).
 */
export async function freshDatabaseUrl(env: NodeJS.ProcessEnv = process.env, options: { template?: string } = {}): Promise<FreshDatabase> {
  const serverUrl = env.DATABASE_URL;
  if (!serverUrl) return { url: undefined, drop: async () => undefined };
  const name = `qbdalt_test_${randomBytes(6).toString('hex')}`;
  await withDatabaseClient(serverUrl, (c) => c.query(`create database ${name}${options.template ? ` template ${options.template}` : ''}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => withDatabaseClient(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

/** Runs work on one client of the database at url, closed afterwards. */
export async function withDatabaseClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
