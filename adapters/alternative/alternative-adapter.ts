import { AppError } from '../../core/errors/app-error';
import type { Customer } from '../../core/items/customer';
import type { AllowedChange, ApplyChangesInput, ChangeOutcome } from '../../core/ports/adapter-port';
import { defineAdapter } from '../../core/ports/define-adapter';
import { ALTERNATIVE_SYSTEM } from './alternative-system';
import { archiveCustomer, customerBySource, upsertCustomer } from './store/customer-ledger';
import { archiveInvoice, invoiceBySource, upsertInvoice } from './store/invoice-ledger';
import type { Invoice } from '../../core/items/invoice';
import { INVOICE_UNPAID } from './alternative-facts';

type Handler = (input: ApplyChangesInput, allowed: AllowedChange) => Promise<Omit<ChangeOutcome, 'index'>>;

/** How the ledger takes each (item, operation): data, not a switch. */
const HANDLERS: Readonly<Record<string, Handler>> = {
  'customer:upsert': async ({ transaction, connectionId, now }, { change, allowedGroups }) => {
    const known = await customerBySource(transaction, connectionId, change.source, change.sourceId);
    // The same version seen again (an overlap re-read, a repeated answer) changes nothing.
    if (known && change.sourceVersion && known.source_version === change.sourceVersion) return { outcome: 'skipped', targetId: known.id };
    const result = await upsertCustomer(transaction, { connectionId, system: change.source, version: change.sourceVersion, customer: change.payload as Customer, groups: allowedGroups, now });
    return { outcome: 'applied', targetId: result.id };
  },
  'customer:archive': async ({ transaction, connectionId, now }, { change }) => {
    const known = await customerBySource(transaction, connectionId, change.source, change.sourceId);
    if (!known) return { outcome: 'skipped' };
    if (known.archived_at) return { outcome: 'skipped', targetId: known.id };
    await archiveCustomer(transaction, known.id, now, false);
    return { outcome: 'applied', targetId: known.id };
  },
  'customer:delete': async ({ transaction, connectionId, now }, { change }) => {
    const known = await customerBySource(transaction, connectionId, change.source, change.sourceId);
    if (!known) return { outcome: 'skipped' };
    if (known.deleted_at) return { outcome: 'skipped', targetId: known.id };
    // Payments and invoices may still point at it: the ledger keeps the row, marked deleted.
    await archiveCustomer(transaction, known.id, now, true);
    return { outcome: 'applied', targetId: known.id };
  },
  'invoice:upsert': async ({ transaction, connectionId, now }, { change, allowedGroups }) => {
    const invoice = change.payload as Invoice;
    const known = await invoiceBySource(transaction, connectionId, change.source, change.sourceId);
    // Same version and same balance: nothing new (payments move the balance without a new version).
    if (known && change.sourceVersion && known.source_version === change.sourceVersion && known.balance === invoice.balance) return { outcome: 'skipped', targetId: known.id };
    const id = await upsertInvoice(transaction, { connectionId, system: change.source, version: change.sourceVersion, invoice, groups: allowedGroups, now });
    return { outcome: 'applied', targetId: id };
  },
  'invoice:archive': (input, allowed) => removeInvoice(input, allowed, false),
  'invoice:delete': (input, allowed) => removeInvoice(input, allowed, true),
};

/** Deleted or voided in the source: the ledger keeps the invoice, archived, for its history. */
async function removeInvoice({ transaction, connectionId, now }: ApplyChangesInput, { change }: AllowedChange, deleted: boolean): Promise<Omit<ChangeOutcome, 'index'>> {
  const known = await invoiceBySource(transaction, connectionId, change.source, change.sourceId);
  if (!known) return { outcome: 'skipped' };
  if (deleted ? known.deleted_at : known.archived_at) return { outcome: 'skipped', targetId: known.id };
  await archiveInvoice(transaction, known.id, now, deleted);
  return { outcome: 'applied', targetId: known.id };
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
  async apply(input) {
    const results: ChangeOutcome[] = [];
    for (const [index, allowed] of input.changes.entries()) {
      const handler = HANDLERS[`${allowed.change.item}:${allowed.change.operation}`];
      if (!handler) {
        results.push({ index, outcome: 'failed', error: { kind: 'internal', message: `The ledger cannot take ${allowed.change.item} ${allowed.change.operation} yet.` } });
        continue;
      }
      try {
        // A savepoint per change: one failing statement must not poison the caller's transaction.
        const outcome = await input.transaction.transactional((tx) => handler({ ...input, transaction: tx as typeof input.transaction }, allowed));
        results.push({ index, ...outcome });
      } catch (error) {
        const e = AppError.from(error);
        results.push({ index, outcome: 'failed', error: { kind: e.kind, message: e.userMessage } });
      }
    }
    return { results };
  },
});
