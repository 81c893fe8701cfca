import { DECIMAL_RULES } from '../../../core/items/sales-document';
import { FieldReader, readObject } from '../../../core/validation/field-reader';
import { extendedAmount } from '../../../core/values/extended-amount';
import { compareMoney } from '../../../core/values/money';
import type { InvoiceLineInput } from '../services/invoice-lines';
import type { InvoiceChangeInput, NewInvoiceInput } from '../services/invoice-writes';

/** Enough for any real invoice; bounds what one request can make the database write. */
export const MAX_INVOICE_LINES = 200;

function readLine(r: FieldReader): InvoiceLineInput {
  const line = {
    id: r.string('id', { optional: true, max: 64 }),
    item: r.string('item', { optional: true, max: 159 }),
    description: r.string('description', { max: 4095 }),
    quantity: r.string('quantity', { optional: true, ...DECIMAL_RULES }),
    rate: r.string('rate', { optional: true, ...DECIMAL_RULES }),
    amount: r.money('amount'),
  };
  // A priced line's amount is its quantity (1 when absent) times its rate, to the cent, as QuickBooks computes it.
  if (
    line.rate !== undefined &&
    line.amount !== undefined &&
    DECIMAL_RULES.pattern.test(line.rate) &&
    (line.quantity === undefined || DECIMAL_RULES.pattern.test(line.quantity))
  ) {
    const expected = extendedAmount(line.quantity ?? '1', line.rate);
    if (compareMoney(expected, line.amount) !== 0) r.problem('amount', `must be quantity x rate = ${expected}`);
  }
  return line;
}

const readLines = (r: FieldReader, optional: boolean) => {
  const lines = r.array('lines', readLine, { optional, minItems: 1 });
  if (lines && lines.length > MAX_INVOICE_LINES) r.problem('lines', `must hold at most ${MAX_INVOICE_LINES} lines`);
  return lines;
};

/** The body of `POST …/invoices`, every problem named at once. */
export function readNewInvoice(body: unknown): NewInvoiceInput {
  return readObject('invoice', body, (r) => ({
    customerId: r.string('customerId', { max: 36 }),
    // QuickBooks keeps an invoice number of at most 11 characters.
    number: r.string('number', { optional: true, max: 11 }),
    date: r.localDate('date', { optional: true }),
    dueDate: r.localDate('dueDate', { optional: true }),
    lines: readLines(r, false)!,
  }));
}

/** The body of `PATCH …/invoices/:invoiceId`. */
export function readInvoiceChange(body: unknown): InvoiceChangeInput {
  return readObject('invoice change', body, (r) => ({
    dueDate: r.localDate('dueDate', { optional: true }),
    lines: readLines(r, true),
  }));
}
