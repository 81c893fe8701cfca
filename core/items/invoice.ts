import { FieldReader, allPresent, readObject } from '../validation/field-reader';
import { Money, ZERO_MONEY, compareMoney, moneyToCents } from '../values/money';
import { SalesDocument, checkSalesTotals, readSalesDocument } from './sales-document';

export const INVOICE_STATUSES = ['open', 'partially-paid', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export interface Invoice extends SalesDocument {
  /** What is still owed after payments and credits. */
  readonly balance: Money;
  readonly status: InvoiceStatus;
}

/** Groups that direction rules can address separately (e.g. amounts of unpaid invoices). */
export const INVOICE_FIELD_GROUPS = ['header', 'amounts', 'due-date', 'lines', 'balance', 'status'] as const;

/** The status an invoice's numbers imply: what "paid" means everywhere in the product. */
export function invoiceStatusFor(total: Money, balance: Money): Exclude<InvoiceStatus, 'void'> {
  // QuickBooks marks a zero-total invoice IsPaid as well, so nothing owed means paid.
  if (compareMoney(balance, ZERO_MONEY) <= 0) return 'paid';
  if (compareMoney(balance, total) >= 0) return 'open';
  return 'partially-paid';
}

/** Parses and checks that the numbers agree with each other, so no inconsistent invoice enters the ledger. */
export function parseInvoice(input: unknown, at = ''): Invoice {
  return readObject(
    'invoice',
    input,
    (r) => {
      const invoice: Invoice = {
        ...readSalesDocument(r),
        balance: r.money('balance'),
        status: r.oneOf('status', INVOICE_STATUSES),
      };
      checkInvoiceArithmetic(r, invoice);
      return invoice;
    },
    at,
  );
}

function checkInvoiceArithmetic(r: FieldReader, inv: Invoice): void {
  if (!checkSalesTotals(r, inv) || !allPresent([inv.balance])) return;
  if (moneyToCents(inv.balance) < 0n || compareMoney(inv.balance, inv.total) > 0) {
    r.problem('balance', 'must be between 0 and the total');
  }
  if (inv.status && inv.status !== 'void' && invoiceStatusFor(inv.total, inv.balance) !== inv.status) {
    r.problem('status', `must be ${invoiceStatusFor(inv.total, inv.balance)} for this total and balance`);
  }
}
