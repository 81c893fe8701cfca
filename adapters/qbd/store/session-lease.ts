import type { EntityManager } from '@mikro-orm/postgresql';
import { sendSql } from '../../../core/store/send-sql';
import type { QbdCompanyRow } from './qbd-company-store';

type Em = EntityManager;

/**
 * Takes the company's one-session lease, or renews it for the same ticket: the company's row
 * (its facts and settings, so a new session needs no second read), or undefined while another
 * live session holds it. A lease whose session died expires by itself.
 */
export async function acquireLease(em: Em, connectionId: string, ticketHash: string, now: Date, ttlSeconds: number): Promise<QbdCompanyRow | undefined> {
  const rows = await sendSql<QbdCompanyRow[]>(
    em,
    `update qbd_company set lease_ticket_hash = ?, lease_expires_at = ?::timestamptz + make_interval(secs => ?)
     where connection_id = ? and (lease_ticket_hash is null or lease_ticket_hash = ? or lease_expires_at < ?) returning *`,
    [ticketHash, now, ttlSeconds, connectionId, ticketHash, now],
  );
  return rows[0];
}
