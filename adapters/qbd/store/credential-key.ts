import type { EntityManager } from '@mikro-orm/postgresql';
import { randomBytes } from 'node:crypto';
import { sendSql } from '../../../core/store/send-sql';

/**
 * The key of the Web Connector passwords' keyed hash, made once by whichever instance first
 * needs it and shared through the database, so every instance checks every password alike.
 */
export async function credentialKey(em: EntityManager): Promise<Buffer> {
  await sendSql(em, 'insert into qbwc_credential_key (id, key) values (1, ?) on conflict (id) do nothing', [randomBytes(32).toString('base64')]);
  const [row] = await sendSql<{ key: string }[]>(em, 'select key from qbwc_credential_key where id = 1');
  return Buffer.from(row.key, 'base64');
}
