/**
 * Facts the Alternative ledger can state about its records, named as the rules name them.
 * The product plugin registers the conditions; the ledger says when they hold.
 */
export const INVOICE_UNPAID = 'invoice-unpaid';
