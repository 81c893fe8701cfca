import { INVOICE_UNPAID } from '../../adapters/alternative/alternative-facts';
import { ALTERNATIVE_SYSTEM as ALT } from '../../adapters/alternative/alternative-system';
import { QBD_SYSTEM as QBD } from '../../adapters/qbd/qbd-system';
import { DirectionRule } from '../../core/rules/direction-rule';

/** Holds while an invoice still has something owing on the Alternative side (the ledger states it). */
export { INVOICE_UNPAID };

/**
 * The product's seed rules between Alternative and one accounting system, one row per line of
 * the table in DEVELOPERS.md: every accounting plugin builds its table here, so the systems
 * cannot drift apart. Anything not listed falls to the framework's deny-all row: nothing created
 * in Alternative goes to the accounting system.
 *
 * @example accountingSeedRules('qbo', 'QuickBooks Online')
 */
export function accountingSeedRules(system: string, name: string): readonly DirectionRule[] {
  const from = `${system}->${ALT}` as const;
  const to = `${ALT}->${system}` as const;
  return [
    { item: 'customer', operation: 'upsert', flow: from, note: `Customers come from ${name}; ones created in Alternative stay there.` },
    { item: 'customer', operation: 'archive', flow: from, note: `Made inactive in ${name}: archived in Alternative.` },
    { item: 'customer', operation: 'delete', flow: from, note: `Deleted in ${name}: deleted or archived in Alternative.` },

    {
      item: 'invoice',
      operation: 'upsert',
      flow: from,
      note: `Invoices and their lines come from ${name}; invoices made or edited in Alternative stay there (an override may send them).`,
    },
    { item: 'invoice', operation: 'upsert', fieldGroup: 'amounts', flow: 'none', note: 'A paid invoice keeps its amounts.' },
    { item: 'invoice', operation: 'upsert', fieldGroup: 'amounts', when: INVOICE_UNPAID, flow: from, note: `Amounts of unpaid invoices follow ${name}.` },
    { item: 'invoice', operation: 'upsert', fieldGroup: 'lines', flow: 'none', note: 'A paid invoice keeps its lines.' },
    { item: 'invoice', operation: 'upsert', fieldGroup: 'lines', when: INVOICE_UNPAID, flow: from, note: `Lines of unpaid invoices follow ${name}.` },
    { item: 'invoice', operation: 'upsert', fieldGroup: 'due-date', flow: 'none', note: 'A paid invoice keeps its due date.' },
    {
      item: 'invoice',
      operation: 'upsert',
      fieldGroup: 'due-date',
      when: INVOICE_UNPAID,
      flow: from,
      note: `Due dates of unpaid invoices follow ${name}.`,
    },
    {
      item: 'invoice',
      operation: 'archive',
      flow: from,
      note: `Archived in ${name}: archived in Alternative (a voided invoice arrives as an upsert with status void).`,
    },
    { item: 'invoice', operation: 'delete', flow: from, note: `Deleted in ${name}: archived in Alternative.` },
    { item: 'invoice', operation: 'status', flow: 'both', note: 'Paid in either system shows paid in the other.' },

    { item: 'payment', operation: 'upsert', flow: to, note: `Alternative payments become payments in ${name}.` },
    { item: 'payment', operation: 'delete', flow: to, note: `A failed Alternative payment is reverted in ${name}.` },

    { item: 'deposit', operation: 'upsert', flow: to, note: `Alternative payouts become deposits in ${name}.` },

    { item: 'account', operation: 'upsert', flow: from, note: 'The chart of accounts feeds the account dropdowns.' },
    { item: 'account', operation: 'archive', flow: from, note: 'Inactive accounts are no longer offered.' },
    { item: 'account', operation: 'delete', flow: from, note: 'Deleted accounts are no longer offered.' },
  ];
}

/** The product's default rules for Alternative <-> QuickBooks Desktop. */
export const DEFAULT_RULES: readonly DirectionRule[] = accountingSeedRules(QBD, 'QuickBooks');
