import type { EntityManager } from '@mikro-orm/postgresql';
import type { ItemKind } from '../../../../core/items/item-kind';
import { arrayLiteral } from '../../../../core/store/insert-rows';
import { sendSql } from '../../../../core/store/send-sql';

const OURS = /^\{([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})\}$/;

/**
 * Records a read brings back that one of our adds made, while that add still waits for its lost
 * answer to be looked up (another write's lock ended the writes early): the add is settled here,
 * before the records are routed, so the ledger links the record it made instead of adding a twin.
 * Our adds carry their outbox row's id as ExternalGUID.
 */
export async function settleLostAdds(
  em: EntityManager,
  connectionId: string,
  item: ItemKind,
  records: readonly { readonly id: string; readonly externalGuid?: string }[],
  now: Date,
): Promise<void> {
  const ours = records.flatMap((r) => {
    const match = r.externalGuid ? OURS.exec(r.externalGuid) : null;
    return match ? [{ rowId: match[1].toLowerCase(), targetId: r.id }] : [];
  });
  if (ours.length === 0) return;
  await sendSql(
    em,
    `update outbox o set state = 'done', target_id = v.target_id, message = 'Found in QuickBooks after a lost answer.', request_id = null, request_kind = null, updated_at = ?
       from unnest(?::uuid[], ?::text[]) as v(row_id, target_id)
      where o.id = v.row_id and o.connection_id = ? and o.item = ? and o.state = 'sent'`,
    [now, arrayLiteral(ours.map((o) => o.rowId)), arrayLiteral(ours.map((o) => o.targetId)), connectionId, item],
  );
}
