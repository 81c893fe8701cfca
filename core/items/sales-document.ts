import { FieldReader, allPresent } from '../validation/field-reader';
import { LocalDate } from '../values/instant';
import { Money, addMoney, compareMoney, sumMoney } from '../values/money';
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

/**
 * What an invoice and an estimate share: a customer's document with numbered lines whose
 * amounts add up to the subtotal, and tax on top.
 */
export interface SalesDocument {
  readonly id: string;
  readonly customerId: string;
  /** The number people see (QuickBooks RefNumber). */
  readonly number?: string;
  readonly txnDate: LocalDate;
  readonly dueDate?: LocalDate;
  readonly memo?: string;
  readonly lines: readonly LineItem[];
  readonly subtotal: Money;
  readonly salesTax: Money;
  /** subtotal + salesTax. */
  readonly total: Money;
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

/** Reads the fields every sales document has, each problem noted on the reader. */
export function readSalesDocument(r: FieldReader): SalesDocument {
  return {
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
  };
}

/**
 * Checks that a document's numbers agree (total = subtotal + tax, lines add up to the subtotal).
 * False when some amount could not be read, so the caller skips checks built on them.
 */
export function checkSalesTotals(r: FieldReader, doc: SalesDocument): boolean {
  const lineAmounts = doc.lines?.map((l) => l?.amount);
  if (!allPresent([doc.subtotal, doc.salesTax, doc.total]) || !allPresent(lineAmounts)) return false;
  if (compareMoney(addMoney(doc.subtotal, doc.salesTax), doc.total) !== 0) r.problem('total', 'must equal subtotal + salesTax');
  if (lineAmounts.length > 0 && compareMoney(sumMoney(lineAmounts), doc.subtotal) !== 0) r.problem('subtotal', 'must equal the sum of the line amounts');
  return true;
}
