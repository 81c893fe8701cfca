import type { Customer } from '../../core/items/customer';
import type { ApplyChangesInput } from '../../core/ports/adapter-port';
import { ChangeHandler, applyWithHandlers } from '../../core/ports/apply-with-handlers';
import { defineAdapter } from '../../core/ports/define-adapter';
import { ALTERNATIVE_SYSTEM } from './alternative-system';
import { archiveCustomer, customerBySource, relinkCustomer, upsertCustomer } from './store/customer-ledger';
import { sentRecordAs } from '../../core/store/outbox';
import { archiveInvoice, invoiceBySource, upsertInvoice } from './store/invoice-ledger';
import type { Invoice } from '../../core/items/invoice';
import { INVOICE_UNPAID } from './alternative-facts';

/** How the ledger takes each (item, operation): data, not a switch. */
const HANDLERS: Readonly<Record<string, ChangeHandler>> = {
  'customer:upsert': async ({ transaction, connectionId, now }, { change, allowedGroups }) => {
    let known = await customerBySource(transaction, connectionId, change.source, change.sourceId);
    if (!known) {
      // A customer we created there (a partner rule sent it) comes back under its new id: the same customer.
      const ours = await sentRecordAs(transaction, connectionId, change.source, 'customer', change.sourceId);
      if (ours) await relinkCustomer(transaction, ours, change.source, change.sourceId);
      known = ours ? await customerBySource(transaction, connectionId, change.source, change.sourceId) : undefined;
    }
    // The same version seen again (an overlap re-read, a repeated answer) changes nothing.
    if (known && change.sourceVersion && known.source_version === change.sourceVersion) return { outcome: 'skipped', targetId: known.id };
    const result = await upsertCustomer(transaction, { connectionId, system: change.source, version: change.sourceVersion, customer: change.payload as Customer, groups: allowedGroups, now });
    return { outcome: 'applied', targetId: result.id };
  },
  // Payments and invoices may still point at a deleted customer: the ledger keeps the row, marked.
  'customer:archive': removal(customerBySource, archiveCustomer, false),
  'customer:delete': removal(customerBySource, archiveCustomer, true),
  'invoice:upsert': async ({ transaction, connectionId, now }, { change, allowedGroups }) => {
    const invoice = change.payload as Invoice;
    const known = await invoiceBySource(transaction, connectionId, change.source, change.sourceId);
    // Same version and same balance: nothing new (payments move the balance without a new version).
    if (known && change.sourceVersion && known.source_version === change.sourceVersion && known.balance === invoice.balance) return { outcome: 'skipped', targetId: known.id };
    const id = await upsertInvoice(transaction, { connectionId, system: change.source, version: change.sourceVersion, invoice, groups: allowedGroups, now });
    return { outcome: 'applied', targetId: id };
  },
  // Deleted or voided in the source: the ledger keeps the invoice, archived, for its history.
  'invoice:archive': removal(invoiceBySource, archiveInvoice, false),
  'invoice:delete': removal(invoiceBySource, archiveInvoice, true),
};

type Find = (em: ApplyChangesInput['transaction'], connectionId: string, system: string, sourceId: string) => Promise<{ id: string; archived_at: Date | null; deleted_at: Date | null } | undefined>;
type Archive = (em: ApplyChangesInput['transaction'], id: string, now: Date, deleted: boolean) => Promise<void>;

/** Archive or delete a ledger record found by its source id; unknown or already done is skipped. */
function removal(find: Find, archive: Archive, deleted: boolean): ChangeHandler {
  return async ({ transaction, connectionId, now }, { change }) => {
    const known = await find(transaction, connectionId, change.source, change.sourceId);
    if (!known) return { outcome: 'skipped' };
    if (deleted ? known.deleted_at : known.archived_at) return { outcome: 'skipped', targetId: known.id };
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
  writes: ['customer', 'invoice'],
  /** invoice-unpaid: the ledger's invoice is new or still owes something. */
  async factsOf({ transaction, connectionId, change }) {
    if (change.item !== 'invoice') return [];
    const known = await invoiceBySource(transaction, connectionId, change.source, change.sourceId);
    return !known || known.status !== 'paid' ? [INVOICE_UNPAID] : [];
  },
  apply: applyWithHandlers(HANDLERS, 'The ledger'),
});
