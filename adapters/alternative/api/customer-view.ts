import type { EntityManager } from '@mikro-orm/postgresql';
import type { RecordInTarget } from '../../../core/ports/adapter-port';
import type { Connection } from '../../../core/store/entities/connection';
import { ALTERNATIVE_SYSTEM } from '../alternative-system';
import type { AltCustomerRow } from '../store/customer-ledger';
import type { PlatformChanges } from '../services/platform-changes';

/** The one shape a customer has in every answer of the API. */
export function customerView(c: AltCustomerRow) {
  return {
    id: c.id,
    name: c.name,
    fullName: c.full_name,
    companyName: c.company_name,
    email: c.email,
    phone: c.phone,
    isActive: c.is_active,
    balance: c.balance, // numeric arrives as an exact decimal string
    archived: c.archived_at !== null,
    deleted: c.deleted_at !== null,
    source: { system: c.source_system, id: c.source_id, version: c.source_version },
  };
}

/**
 * Where a customer made on the platform stands in QuickBooks. By default the rules keep such
 * customers on the platform (`not_sent`); a partner whose override sends them sees `pending`
 * until a Web Connector session adds it, then `synced` with QuickBooks' ListID.
 */
function qbdStateOf(c: AltCustomerRow, there: RecordInTarget | undefined) {
  if (c.source_system !== ALTERNATIVE_SYSTEM) return { state: 'synced', listId: c.source_id };
  if (!there) return { state: 'not_sent', message: 'Customers created here stay here: the rules do not send them to QuickBooks.' };
  if (there.state === 'written') return { state: 'synced', listId: there.targetId };
  if (there.state === 'refused') return { state: 'needs_action', message: there.message };
  return { state: 'pending' };
}

/** One customer as the API answers for it alone: with where it stands in QuickBooks. */
export async function customerWithState(
  em: EntityManager,
  connection: Pick<Connection, 'id' | 'system'>,
  row: AltCustomerRow,
  changes: Pick<PlatformChanges, 'recordsThere'>,
) {
  return (await customersWithState(em, connection, [row], changes))[0];
}

/** customerWithState for a page of customers, their states read in one query. */
export async function customersWithState(
  em: EntityManager,
  connection: Pick<Connection, 'id' | 'system'>,
  rows: readonly AltCustomerRow[],
  changes: Pick<PlatformChanges, 'recordsThere'>,
) {
  const there = await changes.recordsThere(
    em,
    connection,
    'customer',
    rows.map((r) => r.id),
  );
  return rows.map((row) => ({ ...customerView(row), qbd: qbdStateOf(row, there.get(row.id)) }));
}
