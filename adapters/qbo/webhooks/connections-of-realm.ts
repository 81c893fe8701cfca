import type { EntityManager } from '@mikro-orm/postgresql';
import { sendSql } from '../../../core/store/send-sql';

/**
 * The connections linked to one QBO company (several partners may connect the same one), from
 * helper "connect"'s qbo_connection table.
 */
export async function connectionsOfRealm(em: EntityManager, realmId: string): Promise<string[]> {
  const rows = await sendSql<{ connection_id: string }[]>(em, 'select connection_id from qbo_connection where realm_id = ?', [realmId]);
  return rows.map((r) => r.connection_id);
}
