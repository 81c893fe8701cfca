import type { EntityManager } from '@mikro-orm/postgresql';
import { sendSql } from '../../../core/store/send-sql';

type Em = EntityManager;

/**
 * Takes the company's one-session lease, or renews it for the same ticket. Fails while another
 * live session holds it; a lease whose session died expires by itself.
 */
export async function acquireLease(em: Em, connectionId: string, ticketHash: string, now: Date, ttlSeconds: number): Promise<boolean> {
  const rows = await sendSql<{ connection_id: string }[]>(
    em,
    `update qbd_company set lease_ticket_hash = ?, lease_expires_at = ?::timestamptz + make_interval(secs => ?)
     where connection_id = ? and (lease_ticket_hash is null or lease_ticket_hash = ? or lease_expires_at < ?) returning connection_id`,
    [ticketHash, now, ttlSeconds, connectionId, ticketHash, now],
  );
  return rows.length === 1;
}
