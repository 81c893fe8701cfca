import { AppError } from '../../core/errors/app-error';
import type { Customer } from '../../core/items/customer';
import type { AllowedChange, ApplyChangesInput, ChangeOutcome } from '../../core/ports/adapter-port';
import { defineAdapter } from '../../core/ports/define-adapter';
import { ALTERNATIVE_SYSTEM } from './alternative-system';
import { archiveCustomer, customerBySource, upsertCustomer } from './store/customer-ledger';

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
};

/** The Alternative Payments ledger as a sync target. */
export const alternativeAdapter = defineAdapter({
  portVersion: 1,
  system: ALTERNATIVE_SYSTEM,
  displayName: 'Alternative Payments',
  reads: [],
  writes: ['customer'],
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
