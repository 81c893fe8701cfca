import { Client } from 'pg';

/** Runs SQL on a database by URL, on a connection of its own (a test or benchmark step, not the service's). */
export async function runSql(url: string, text: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
