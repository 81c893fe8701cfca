import { INVOICE_UNPAID } from '../../adapters/alternative/alternative-facts';
import { ALTERNATIVE_SYSTEM as ALT } from '../../adapters/alternative/alternative-system';
import { QBD_SYSTEM as QBD } from '../../adapters/qbd/qbd-system';
import { DirectionRule } from '../../core/rules/direction-rule';

const FROM_QBD = `${QBD}->${ALT}` as const;
const TO_QBD = `${ALT}->${QBD}` as const;

/** Holds while an invoice still has something owing on the Alternative side (the ledger states it). */
export { INVOICE_UNPAID };

/**
 * The product's default rules, one row per line of the table in DEVELOPERS.md. Anything not
 * listed falls to the framework's deny-all row: nothing created in Alternative goes to QuickBooks.
 */
export const DEFAULT_RULES: readonly DirectionRule[] = [
  { item: 'customer', operation: 'upsert', flow: FROM_QBD, note: 'Customers come from QuickBooks; ones created in Alternative stay there.' },
  { item: 'customer', operation: 'archive', flow: FROM_QBD, note: 'Made inactive in QuickBooks: archived in Alternative.' },
  { item: 'customer', operation: 'delete', flow: FROM_QBD, note: 'Deleted in QuickBooks: deleted or archived in Alternative.' },

  {
    item: 'invoice',
    operation: 'upsert',
    flow: FROM_QBD,
    note: 'Invoices and their lines come from QuickBooks; invoices made or edited in Alternative stay there (an override may send them).',
  },
  { item: 'invoice', operation: 'upsert', fieldGroup: 'amounts', flow: 'none', note: 'A paid invoice keeps its amounts.' },
  { item: 'invoice', operation: 'upsert', fieldGroup: 'amounts', when: INVOICE_UNPAID, flow: FROM_QBD, note: 'Amounts of unpaid invoices follow QuickBooks.' },
  { item: 'invoice', operation: 'upsert', fieldGroup: 'lines', flow: 'none', note: 'A paid invoice keeps its lines.' },
  { item: 'invoice', operation: 'upsert', fieldGroup: 'lines', when: INVOICE_UNPAID, flow: FROM_QBD, note: 'Lines of unpaid invoices follow QuickBooks.' },
  { item: 'invoice', operation: 'upsert', fieldGroup: 'due-date', flow: 'none', note: 'A paid invoice keeps its due date.' },
  {
    item: 'invoice',
    operation: 'upsert',
    fieldGroup: 'due-date',
    when: INVOICE_UNPAID,
    flow: FROM_QBD,
    note: 'Due dates of unpaid invoices follow QuickBooks.',
  },
  {
    item: 'invoice',
    operation: 'archive',
    flow: FROM_QBD,
    note: 'Archived in QuickBooks: archived in Alternative (a voided invoice arrives as an upsert with status void).',
  },
  { item: 'invoice', operation: 'delete', flow: FROM_QBD, note: 'Deleted in QuickBooks: archived in Alternative.' },
  { item: 'invoice', operation: 'status', flow: 'both', note: 'Paid in either system shows paid in the other.' },

  { item: 'payment', operation: 'upsert', flow: TO_QBD, note: 'Alternative payments become ReceivePayments in QuickBooks.' },
  { item: 'payment', operation: 'delete', flow: TO_QBD, note: 'A failed Alternative payment is reverted in QuickBooks.' },

  { item: 'deposit', operation: 'upsert', flow: TO_QBD, note: 'Alternative payouts become deposits in QuickBooks.' },

  { item: 'account', operation: 'upsert', flow: FROM_QBD, note: 'The chart of accounts feeds the account dropdowns.' },
  { item: 'account', operation: 'archive', flow: FROM_QBD, note: 'Inactive accounts are no longer offered.' },
  { item: 'account', operation: 'delete', flow: FROM_QBD, note: 'Deleted accounts are no longer offered.' },
];
