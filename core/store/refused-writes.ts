import type { EntityManager } from '@mikro-orm/postgresql';
import { sendSql } from './send-sql';

/** A write the target system refused and that no later write of the same record has replaced. */
export interface RefusedWrite {
  readonly id: string;
  readonly target: string;
  readonly item: string;
  readonly source_id: string;
  readonly message: string | null;
  readonly updated_at: Date;
}

/**
 * The writes waiting for the partner, newest first: each record's newest row only, so a payment
 * refused and then written by a later row (or reverted since) no longer asks for anything.
 */
export async function refusedWrites(em: EntityManager, connectionId: string, limit: number): Promise<RefusedWrite[]> {
  return sendSql<RefusedWrite[]>(
    em,
    `select o.id::text, o.target, o.item, o.source_id, o.message, o.updated_at from outbox o
      where o.connection_id = ? and o.state = 'needs-action'
        and not exists (select 1 from outbox later where later.connection_id = o.connection_id and later.item = o.item and later.source_id = o.source_id and later.seq > o.seq)
      order by o.updated_at desc, o.seq desc limit ?`,
    [connectionId, limit],
  );
}
