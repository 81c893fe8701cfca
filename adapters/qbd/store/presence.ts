import type { EntityManager } from '@mikro-orm/postgresql';
import { ANY_OF_LIST, arrayLiteral } from '../../../core/store/insert-rows';
import { sendSql } from '../../../core/store/send-sql';

/** Notes that QuickBooks holds these records (read by a sync step); one statement a page. */
export async function notePresent(em: EntityManager, connectionId: string, item: string, sourceIds: readonly string[], now: Date): Promise<void> {
  if (sourceIds.length === 0) return;
  await sendSql(
    em,
    `insert into qbd_presence (connection_id, item, source_id, first_seen_at) select ?, ?, id, ? from unnest(?::text[]) as id
     on conflict (connection_id, item, source_id) do nothing`,
    [connectionId, item, now, arrayLiteral(sourceIds)],
  );
}

/** Ids found by the scan that started at `scanStart`: marked, so they are not taken for vanished. */
export async function markSeenInScan(em: EntityManager, connectionId: string, item: string, sourceIds: readonly string[], scanStart: Date): Promise<void> {
  if (sourceIds.length === 0) return;
  await sendSql(em, `update qbd_presence set scan_mark = ? where connection_id = ? and item = ? and source_id ${ANY_OF_LIST}`, [
    scanStart,
    connectionId,
    item,
    arrayLiteral(sourceIds),
  ]);
}

/**
 * Ids known before the scan began that the scan did not find: gone from QuickBooks. They are
 * forgotten here in the same transaction that routes their deletion.
 */
export async function takeVanished(em: EntityManager, connectionId: string, item: string, scanStart: Date): Promise<string[]> {
  const rows = await sendSql<{ source_id: string }[]>(
    em,
    `delete from qbd_presence where connection_id = ? and item = ? and first_seen_at < ? and (scan_mark is null or scan_mark < ?) returning source_id`,
    [connectionId, item, scanStart, scanStart],
  );
  return rows.map((r) => r.source_id);
}

export async function forgetPresent(em: EntityManager, connectionId: string, item: string, sourceIds: readonly string[]): Promise<void> {
  if (sourceIds.length === 0) return;
  await sendSql(em, `delete from qbd_presence where connection_id = ? and item = ? and source_id ${ANY_OF_LIST}`, [
    connectionId,
    item,
    arrayLiteral(sourceIds),
  ]);
}
