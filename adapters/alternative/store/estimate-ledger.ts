import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Estimate } from '../../../core/items/estimate';
import { insertRows } from '../../../core/store/insert-rows';
import { sendSql } from '../../../core/store/send-sql';
import { GroupColumns, columnsOf } from './group-updates';

export interface AltEstimateRow {
  readonly id: string;
  readonly source_id: string;
  readonly source_version: string | null;
  readonly customer_source_id: string;
  readonly number: string | null;
  readonly txn_date: string;
  readonly due_date: string | null;
  readonly memo: string | null;
  readonly is_active: boolean;
  readonly subtotal: string;
  readonly sales_tax: string;
  readonly total: string;
}

// Dates come back as text so that a calendar date is never shifted by a time zone.
const SELECT = `select id, source_id, source_version, customer_source_id, number, to_char(txn_date, 'YYYY-MM-DD') as txn_date,
  to_char(due_date, 'YYYY-MM-DD') as due_date, memo, is_active, subtotal::text, sales_tax::text, total::text from alt_estimate`;

export async function estimateBySource(em: EntityManager, connectionId: string, system: string, sourceId: string): Promise<AltEstimateRow | undefined> {
  return (
    await sendSql<AltEstimateRow[]>(em, `${SELECT} where connection_id = ? and source_system = ? and source_id = ?`, [connectionId, system, sourceId])
  )[0];
}

/** A connection's estimates, oldest first: what the platform holds. */
export async function estimatesOf(em: EntityManager, connectionId: string): Promise<AltEstimateRow[]> {
  return sendSql<AltEstimateRow[]>(em, `${SELECT} where connection_id = ? order by txn_date, number, id`, [connectionId]);
}

/** Which columns each field group of an estimate owns (lines are their own table). */
const GROUP_COLUMNS: GroupColumns<Estimate> = {
  header: [
    ['customer_source_id', (e) => e.customerId, 'text'],
    ['number', (e) => e.number ?? null, 'text'],
    ['txn_date', (e) => e.txnDate, 'date'],
    ['due_date', (e) => e.dueDate ?? null, 'date'],
    ['memo', (e) => e.memo ?? null, 'text'],
    ['is_active', (e) => e.isActive, 'boolean'],
  ],
  amounts: [
    ['subtotal', (e) => e.subtotal, 'numeric'],
    ['sales_tax', (e) => e.salesTax, 'numeric'],
    ['total', (e) => e.total, 'numeric'],
  ],
};

const LINE_COLUMNS = ['estimate_id', 'position', 'source_line_id', 'item_name', 'description', 'quantity', 'rate', 'amount'] as const;

async function replaceLines(em: EntityManager, id: string, estimate: Estimate): Promise<void> {
  await sendSql(em, 'delete from alt_estimate_line where estimate_id = ?', [id]);
  const rows = estimate.lines.map((l, position) => [
    id,
    position,
    l.id,
    l.itemName ?? null,
    l.description ?? null,
    l.quantity ?? null,
    l.rate ?? null,
    l.amount,
  ]);
  await insertRows(em, 'alt_estimate_line', LINE_COLUMNS, rows);
}

export interface EstimateWrite {
  readonly connectionId: string;
  readonly system: string;
  readonly version?: string;
  readonly estimate: Estimate;
  /** The field groups the rules let through ('*': all); a new estimate is always written whole. */
  readonly groups: readonly string[];
  readonly now: Date;
}

/** Adds the estimate whole, or updates the allowed groups of the one `known`. Returns its ledger id. */
export async function writeEstimate(em: EntityManager, write: EstimateWrite, known: AltEstimateRow | undefined): Promise<string> {
  const { estimate: e, version, now } = write;
  if (!known) {
    const id = randomUUID();
    const columns = Object.values(GROUP_COLUMNS).flat();
    await insertRows(
      em,
      'alt_estimate',
      ['id', 'connection_id', 'source_system', 'source_id', 'source_version', ...columns.map(([c]) => c), 'created_at', 'updated_at'],
      [[id, write.connectionId, write.system, e.id, version ?? null, ...columns.map(([, read]) => read(e)), now, now]],
    );
    await replaceLines(em, id, e);
    return id;
  }
  const columns = columnsOf(GROUP_COLUMNS, write.groups);
  const set = [...columns.map(([c]) => `${c} = ?`), 'source_version = ?', 'updated_at = ?'];
  await sendSql(em, `update alt_estimate set ${set.join(', ')} where id = ?`, [...columns.map(([, read]) => read(e)), version ?? null, now, known.id]);
  if (write.groups.includes('*') || write.groups.includes('lines')) await replaceLines(em, known.id, e);
  return known.id;
}
