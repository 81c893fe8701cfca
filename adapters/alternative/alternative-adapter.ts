import type { RemovalPayload } from '../../core/changes/change';
import type { Customer } from '../../core/items/customer';
import type { AllowedChange, ApplyChangesInput, ChangeOutcome } from '../../core/ports/adapter-port';
import { ChangeHandler, applyWithHandlers } from '../../core/ports/apply-with-handlers';
import { defineAdapter } from '../../core/ports/define-adapter';
import { ALTERNATIVE_SYSTEM } from './alternative-system';
import { archiveCustomer, customerBySource, customersBySource, customersBySourceOrSent, relinkCustomer, upsertCustomers } from './store/customer-ledger';
import { paymentsReflected } from './store/payment-ledger';
import { sentRecordsAs } from '../../core/store/outbox';
import { AltInvoiceRow, invoiceBySource, invoicesBySource, lendInvoicesRead, takeLentInvoices } from './store/invoice-ledger';
import { archiveInvoice, relinkInvoice, upsertInvoices } from './store/invoice-upserts';
import type { Invoice } from '../../core/items/invoice';
import { INVOICE_UNPAID } from './alternative-facts';
import { upsertEstimate } from './estimate-upsert';
import { ledgerEvents } from './api/ledger-events';

/** How the ledger takes each (item, operation): data, not a switch. */
const HANDLERS: Readonly<Record<string, ChangeHandler>> = {
  'customer:upsert': async (input, allowed) => (await upsertCustomerRun(input, [allowed]))[0],
  // Payments and invoices may still point at a deleted customer: the ledger keeps the row, marked.
  'customer:archive': removal(customerBySource, archiveCustomer, false),
  'customer:delete': removal(customerBySource, archiveCustomer, true),
  'invoice:upsert': async (input, allowed) => (await upsertInvoiceRun(input, [allowed]))[0],
  // Deleted or voided in the source: the ledger keeps the invoice, archived, for its history.
  'invoice:archive': removal(invoiceBySource, archiveInvoice, false),
  'invoice:delete': removal(invoiceBySource, archiveInvoice, true),
  // Read-only on the platform: estimates come in, nothing here sends them back.
  'estimate:upsert': upsertEstimate,
};

/** One outcome per change of a run: applied (with the id written) for the fresh ones, skipped for the rest. */
function runOutcomes(
  run: readonly AllowedChange[],
  fresh: readonly AllowedChange[],
  ids: readonly string[],
  known: ReadonlyMap<string, { id: string }>,
): Omit<ChangeOutcome, 'index'>[] {
  const written = new Map(fresh.map((a, i) => [a, ids[i]]));
  return run.map((a) =>
    written.has(a)
      ? { outcome: 'applied', targetId: written.get(a), effect: known.has(a.change.sourceId) ? 'updated' : 'created' }
      : { outcome: 'skipped', targetId: known.get(a.change.sourceId)?.id, effect: 'unchanged' },
  );
}

/**
 * A page of customers from their source. One we created there ourselves (a partner rule sent
 * it) comes back under its new id: it is relinked, not added twice. The same version seen
 * again (an overlap re-read, a repeated answer) changes nothing.
 */
async function upsertCustomerRun(
  { transaction, connectionId, now }: ApplyChangesInput,
  run: readonly AllowedChange[],
): Promise<Omit<ChangeOutcome, 'index'>[]> {
  const source = run[0].change.source;
  const sourceIds = run.map((a) => a.change.sourceId);
  const read = await customersBySourceOrSent(transaction, connectionId, source, sourceIds);
  let known = read.known;
  const ours = read.sent;
  for (const [targetId, altId] of ours) await relinkCustomer(transaction, altId, source, targetId);
  if (ours.size > 0) known = await customersBySource(transaction, connectionId, source, sourceIds);
  const fresh = run.filter(({ change }) => !(change.sourceVersion && known.get(change.sourceId)?.source_version === change.sourceVersion));
  const writes = fresh.map(({ change, allowedGroups }) => ({ version: change.sourceVersion, customer: change.payload as Customer, groups: allowedGroups }));
  return runOutcomes(run, fresh, await upsertCustomers(transaction, { connectionId, system: source, now, writes, existing: known }), known);
}

/**
 * A page of invoices from their source. One made here and sent there (a partner rule) comes back
 * under its new id: relinked, not added twice. The same version with the same balance is nothing
 * new (payments move the balance without a new version): skipped. The rest are written together.
 */
async function upsertInvoiceRun({ transaction, connectionId, now }: ApplyChangesInput, run: readonly AllowedChange[]): Promise<Omit<ChangeOutcome, 'index'>[]> {
  const source = run[0].change.source;
  const sourceIds = run.map((a) => a.change.sourceId);
  let known = takeLentInvoices(transaction, connectionId, source, sourceIds) ?? (await invoicesBySource(transaction, connectionId, source, sourceIds));
  const ours = await sentRecordsAs(
    transaction,
    connectionId,
    source,
    'invoice',
    sourceIds.filter((id) => !known.has(id)),
  );
  for (const [targetId, altId] of ours) await relinkInvoice(transaction, altId, source, targetId);
  if (ours.size > 0) known = await invoicesBySource(transaction, connectionId, source, sourceIds);
  const fresh = run.filter(({ change }) => {
    const row = known.get(change.sourceId);
    return !(row && change.sourceVersion && row.source_version === change.sourceVersion && row.balance === (change.payload as Invoice).balance);
  });
  const writes = fresh.map(({ change, allowedGroups }) => ({ version: change.sourceVersion, invoice: change.payload as Invoice, groups: allowedGroups }));
  // The ledger now holds the source's own balance for the invoices skipped as unchanged, new
  // ones, and those whose balance the rules let through: it shows every payment the source had
  // taken before this read (what is owed, payment-ledger.ts). Not where the rules kept the old
  // balance. A new invoice has no payment yet; the others' are marked in the page's statement.
  const writing = new Set(fresh);
  const showingBalance = run.flatMap((a) => {
    const row = known.get(a.change.sourceId);
    if (!row) return [];
    return !writing.has(a) || a.allowedGroups.includes('*') || a.allowedGroups.includes('balance') ? [row.id] : [];
  });
  const ids = await upsertInvoices(transaction, { connectionId, system: source, now, writes, existing: known }, paymentsReflected(showingBalance, now));
  return runOutcomes(run, fresh, ids, known);
}

/** The log's words for a removal of a record this ledger never had. */
function neverSynced(item: string, name: string | undefined): string {
  const what = name ? `${item.charAt(0).toUpperCase()}${item.slice(1)} ${name}` : `This ${item}`;
  return `${what} was removed before it was ever synced here, so there was nothing to archive.`;
}

type Find = (
  em: ApplyChangesInput['transaction'],
  connectionId: string,
  system: string,
  sourceId: string,
) => Promise<{ id: string; archived_at: Date | null; deleted_at: Date | null } | undefined>;
type Archive = (em: ApplyChangesInput['transaction'], id: string, now: Date, deleted: boolean) => Promise<void>;

/** Archive or delete a ledger record found by its source id; unknown or already done is skipped. */
function removal(find: Find, archive: Archive, deleted: boolean): ChangeHandler {
  return async ({ transaction, connectionId, now }, { change }) => {
    const known = await find(transaction, connectionId, change.source, change.sourceId);
    // Removed before it was ever synced (older than the first sync's window): nothing to archive.
    if (!known) return { outcome: 'skipped', error: { kind: 'invalid', message: neverSynced(change.item, (change.payload as RemovalPayload).name) } };
    if (deleted ? known.deleted_at : known.archived_at) return { outcome: 'skipped', targetId: known.id, effect: 'unchanged' };
    await archive(transaction, known.id, now, deleted);
    return { outcome: 'applied', targetId: known.id };
  };
}

/** The Alternative Payments ledger as a sync target. */
export const alternativeAdapter = defineAdapter({
  portVersion: 1,
  system: ALTERNATIVE_SYSTEM,
  displayName: 'Alternative Payments',
  reads: [],
  writes: ['customer', 'invoice', 'estimate'],
  /** invoice-unpaid: the ledger's invoice is new or still owes something. One query for all the invoices. */
  async factsOf({ transaction, connectionId, changes }) {
    const invoices = changes.filter((c) => c.item === 'invoice');
    const read = new Map<string, { ids: string[]; rows: Map<string, AltInvoiceRow> }>();
    for (const source of new Set(invoices.map((c) => c.source))) {
      const ids = invoices.filter((c) => c.source === source).map((c) => c.sourceId);
      read.set(source, { ids, rows: await invoicesBySource(transaction, connectionId, source, ids) });
    }
    // The apply of this batch, next, writes from the same rows.
    lendInvoicesRead(transaction, connectionId, read);
    const bySource = new Map([...read].map(([source, { rows }]) => [source, rows]));
    return changes.map((c) => {
      if (c.item !== 'invoice') return [];
      const known = bySource.get(c.source)?.get(c.sourceId);
      return !known || known.status !== 'paid' ? [INVOICE_UNPAID] : [];
    });
  },
  /** Webhook events of the ledger's records, in the shapes of its REST API. */
  recordEvents: ledgerEvents,
  apply: applyWithHandlers(HANDLERS, 'The ledger', { 'customer:upsert': upsertCustomerRun, 'invoice:upsert': upsertInvoiceRun }),
});
