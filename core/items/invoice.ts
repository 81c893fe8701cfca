import { FieldReader, allPresent, readObject } from '../validation/field-reader';
import { LocalDate } from '../values/instant';
import { Money, ZERO_MONEY, addMoney, compareMoney, moneyToCents, sumMoney } from '../values/money';
import { ID_RULES } from './item-kind';

/** QuickBooks' QUANTYPE/PRICETYPE: up to 10 integer digits and 5 decimals, as a string. */
export const DECIMAL_RULES = { pattern: /^-?\d{1,10}(\.\d{1,5})?$/, patternHint: 'must be a decimal string with at most 5 decimals' };

export interface LineItem {
  readonly id: string;
  readonly itemName?: string;
  readonly description?: string;
  /** Exact decimal string; quantities may have up to 5 decimals. */
  readonly quantity?: string;
  readonly rate?: string;
  readonly amount: Money;
}

export const INVOICE_STATUSES = ['open', 'partially-paid', 'paid', 'void'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export interface Invoice {
  readonly id: string;
  readonly customerId: string;
  /** The invoice number people see (QuickBooks RefNumber). */
  readonly number?: string;
  readonly txnDate: LocalDate;
  readonly dueDate?: LocalDate;
  readonly memo?: string;
  readonly lines: readonly LineItem[];
  readonly subtotal: Money;
  readonly salesTax: Money;
  /** subtotal + salesTax. */
  readonly total: Money;
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

function readLine(r: FieldReader): LineItem {
  return {
    id: r.string('id', ID_RULES),
    itemName: r.string('itemName', { optional: true, max: 159 }),
    description: r.string('description', { optional: true, max: 4095, nonEmpty: false }),
    quantity: r.string('quantity', { optional: true, ...DECIMAL_RULES }),
    rate: r.string('rate', { optional: true, ...DECIMAL_RULES }),
    amount: r.money('amount'),
  };
}

/** Parses and checks that the numbers agree with each other, so no inconsistent invoice enters the ledger. */
export function parseInvoice(input: unknown, at = ''): Invoice {
  return readObject(
    'invoice',
    input,
    (r) => {
      const invoice: Invoice = {
        id: r.string('id', ID_RULES),
        customerId: r.string('customerId', ID_RULES),
        number: r.string('number', { optional: true, max: 21 }),
        txnDate: r.localDate('txnDate'),
        dueDate: r.localDate('dueDate', { optional: true }),
        memo: r.string('memo', { optional: true, max: 4095, nonEmpty: false }),
        lines: r.array('lines', readLine),
        subtotal: r.money('subtotal'),
        salesTax: r.money('salesTax'),
        total: r.money('total'),
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
  const lineAmounts = inv.lines?.map((l) => l?.amount);
  if (!allPresent([inv.subtotal, inv.salesTax, inv.total, inv.balance]) || !allPresent(lineAmounts)) return;
  if (compareMoney(addMoney(inv.subtotal, inv.salesTax), inv.total) !== 0) r.problem('total', 'must equal subtotal + salesTax');
  if (lineAmounts.length > 0 && compareMoney(sumMoney(lineAmounts), inv.subtotal) !== 0) {
    r.problem('subtotal', 'must equal the sum of the line amounts');
  }
  if (moneyToCents(inv.balance) < 0n || compareMoney(inv.balance, inv.total) > 0) {
    r.problem('balance', 'must be between 0 and the total');
  }
  if (inv.status && inv.status !== 'void' && invoiceStatusFor(inv.total, inv.balance) !== inv.status) {
    r.problem('status', `must be ${invoiceStatusFor(inv.total, inv.balance)} for this total and balance`);
  }
}
