import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import type { Customer } from '../../../core/items/customer';
import { arrayLiteral, eachOfList, insertColumns } from '../../../core/store/insert-rows';
import { GroupColumns, GroupUpdates } from './group-updates';
import { sendSql } from '../../../core/store/send-sql';
import { sentRecordAs } from '../../../core/store/outbox';

export interface AltCustomerRow {
  readonly id: string;
  readonly source_system: string;
  readonly source_id: string;
  readonly source_version: string | null;
  readonly name: string;
  readonly full_name: string;
  readonly company_name: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly is_active: boolean;
  readonly balance: string | null;
  readonly archived_at: Date | null;
  readonly deleted_at: Date | null;
}

export async function customerBySource(em: EntityManager, connectionId: string, system: string, sourceId: string): Promise<AltCustomerRow | undefined> {
  return (
    await sendSql<AltCustomerRow[]>(em, 'select * from alt_customer where connection_id = ? and source_system = ? and source_id = ?', [
      connectionId,
      system,
      sourceId,
    ])
  )[0];
}

/** Which columns each field group of a customer owns, so rules can let some groups through and not others. */
const GROUP_COLUMNS: GroupColumns<Customer> = {
  identity: [
    ['name', (c) => c.name, 'text'],
    ['full_name', (c) => c.fullName, 'text'],
  ],
  contact: [
    ['company_name', (c) => c.companyName ?? null, 'text'],
    ['email', (c) => c.email ?? null, 'text'],
    ['phone', (c) => c.phone ?? null, 'text'],
  ],
  active: [['is_active', (c) => c.isActive, 'boolean']],
  balance: [['balance', (c) => c.balance ?? null, 'numeric']],
};

/** The ledger's customers for these source ids, by source id: one query for a page. */
export async function customersBySource(
  em: EntityManager,
  connectionId: string,
  system: string,
  sourceIds: readonly string[],
): Promise<Map<string, AltCustomerRow>> {
  if (sourceIds.length === 0) return new Map();
  const rows = await sendSql<AltCustomerRow[]>(em, eachOfList('*', 'alt_customer', 'connection_id = ? and source_system = ?', 'source_id'), [
    arrayLiteral(sourceIds),
    connectionId,
    system,
  ]);
  return new Map(rows.map((r) => [r.source_id, r]));
}

/**
 * customersBySource, and for the ids the ledger does not know, the customer we made here and sent
 * there that came back under that id (sentRecordsAs: target id -> our id), in one statement.
 */
export async function customersBySourceOrSent(
  em: EntityManager,
  connectionId: string,
  system: string,
  sourceIds: readonly string[],
): Promise<{ known: Map<string, AltCustomerRow>; sent: Map<string, string> }> {
  if (sourceIds.length === 0) return { known: new Map(), sent: new Map() };
  const rows = await sendSql<(AltCustomerRow & { key: string; sent_as: string | null })[]>(
    em,
    `select k.key, ${sentRecordAs('?::uuid', 'k.key')} as sent_as, t.* from unnest(?::text[]) as k(key)
       left join lateral (select * from alt_customer where connection_id = ? and source_system = ? and source_id = k.key offset 0) as t on true`,
    [connectionId, system, 'customer', arrayLiteral(sourceIds), connectionId, system],
  );
  const known = new Map<string, AltCustomerRow>();
  const sent = new Map<string, string>();
  for (const { key, sent_as, ...row } of rows) {
    if (row.id) known.set(key, row);
    else if (sent_as) sent.set(key, sent_as);
  }
  return { known, sent };
}

export interface CustomerWrite {
  readonly version?: string;
  readonly customer: Customer;
  /** The field groups the rules let through ('*': all). */
  readonly groups: readonly string[];
}

/**
 * Creates customers or updates the allowed field groups of known ones, a page in a few
 * statements. A customer made active again in the source comes out of the archive (a deleted
 * one does not). `existing` is what the caller read with customersBySource for these ids.
 * Returns the ledger ids, in order.
 */
export async function upsertCustomers(
  em: EntityManager,
  input: { connectionId: string; system: string; now: Date; writes: readonly CustomerWrite[]; existing: ReadonlyMap<string, AltCustomerRow> },
): Promise<string[]> {
  const existing = input.existing;
  const ids: string[] = [];
  const inserts: unknown[][] = [];
  // A customer made active again leaves the archive; any other update keeps its archived_at.
  const updates = new GroupUpdates('alt_customer', GROUP_COLUMNS, [{ name: 'archived_at', type: 'timestamptz' }]);
  for (const { customer: c, version, groups } of input.writes) {
    const known = existing.get(c.id);
    if (!known) {
      const id = randomUUID();
      inserts.push([
        id,
        input.connectionId,
        input.system,
        c.id,
        version ?? null,
        c.name,
        c.fullName,
        c.companyName ?? null,
        c.email ?? null,
        c.phone ?? null,
        c.isActive,
        c.balance ?? null,
        c.isActive ? null : input.now,
        input.now,
        input.now,
      ]);
      ids.push(id);
      continue;
    }
    updates.add(known.id, c, groups, version, (columns) => {
      const reactivated = c.isActive && !known.deleted_at && columns.some(([column]) => column === 'is_active');
      return [reactivated ? null : known.archived_at];
    });
    ids.push(known.id);
  }
  await insertColumns(
    em,
    'alt_customer',
    [
      ['id', 'uuid'],
      ['connection_id', 'uuid'],
      ['source_system', 'text'],
      ['source_id', 'text'],
      ['source_version', 'text'],
      ['name', 'text'],
      ['full_name', 'text'],
      ['company_name', 'text'],
      ['email', 'text'],
      ['phone', 'text'],
      ['is_active', 'boolean'],
      ['balance', 'numeric'],
      ['archived_at', 'timestamptz'],
      ['created_at', 'timestamptz'],
      ['updated_at', 'timestamptz'],
    ],
    inserts,
  );
  await updates.write(em, input.now);
  return ids;
}

export async function archiveCustomer(em: EntityManager, id: string, now: Date, deleted: boolean): Promise<void> {
  await sendSql(
    em,
    `update alt_customer set is_active = false, archived_at = coalesce(archived_at, ?), deleted_at = ${deleted ? 'coalesce(deleted_at, ?)' : 'deleted_at'}, updated_at = ? where id = ?`,
    deleted ? [now, now, now, id] : [now, now, id],
  );
}

/** A page of a connection's customers, by name; `after` is the last id of the previous page. */
export async function listCustomers(
  em: EntityManager,
  connectionId: string,
  limit: number,
  after?: { fullName: string; id: string },
): Promise<AltCustomerRow[]> {
  return after
    ? sendSql<AltCustomerRow[]>(em, 'select * from alt_customer where connection_id = ? and (full_name, id) > (?, ?) order by full_name, id limit ?', [
        connectionId,
        after.fullName,
        after.id,
        limit,
      ])
    : sendSql<AltCustomerRow[]>(em, 'select * from alt_customer where connection_id = ? order by full_name, id limit ?', [connectionId, limit]);
}

/** A customer created on the platform: its own id is its source id until another system takes it. */
export async function createOwnCustomer(
  em: EntityManager,
  input: { connectionId: string; system: string; name: string; companyName?: string; email?: string; phone?: string; now: Date },
): Promise<string> {
  const id = randomUUID();
  await sendSql(
    em,
    `insert into alt_customer (id, connection_id, source_system, source_id, name, full_name, company_name, email, phone, is_active, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, true, ?, ?)`,
    [
      id,
      input.connectionId,
      input.system,
      id,
      input.name,
      input.name,
      input.companyName ?? null,
      input.email ?? null,
      input.phone ?? null,
      input.now,
      input.now,
    ],
  );
  return id;
}

/** Links a customer to the record another system made of it, so that record's changes update it instead of adding a twin. */
export async function relinkCustomer(em: EntityManager, id: string, system: string, sourceId: string): Promise<void> {
  await sendSql(em, 'update alt_customer set source_system = ?, source_id = ? where id = ?', [system, sourceId, id]);
}

export async function customerById(em: EntityManager, connectionId: string, id: string): Promise<AltCustomerRow | undefined> {
  return (await sendSql<AltCustomerRow[]>(em, 'select * from alt_customer where connection_id = ? and id::text = ?', [connectionId, id]))[0];
}

/** Whether a live customer of the connection already has this full name, in any case (QuickBooks keeps names unique). */
export async function customerNameTaken(em: EntityManager, connectionId: string, fullName: string): Promise<boolean> {
  const twin = await sendSql<unknown[]>(em, 'select 1 from alt_customer where connection_id = ? and lower(full_name) = lower(?) and deleted_at is null', [
    connectionId,
    fullName,
  ]);
  return twin.length > 0;
}

/** The connection's customers among these ids, in one query, in no particular order. */
export async function customersByIds(em: EntityManager, connectionId: string, ids: readonly string[]): Promise<AltCustomerRow[]> {
  return ids.length === 0
    ? []
    : sendSql<AltCustomerRow[]>(em, 'select * from alt_customer where connection_id = ? and id = any(?::uuid[])', [connectionId, arrayLiteral(ids)]);
}
