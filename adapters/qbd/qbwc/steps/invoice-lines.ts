import type { LineItem } from '../../../../core/items/sales-document';
import type { SalesLineGroupRecord, SalesLineRecord } from '../../qbxml/records/sales-lines';
import type { InvoiceLineInput } from '../../qbxml/requests/invoice-writes';
import { qbText } from '../../qbxml/requests/qb-text';

/** A decimal as a comparable string: "19.990" and "19.99" are one rate. */
const decimal = (v: string | undefined) => (v === undefined ? '' : v.includes('.') ? v.replace(/0+$/, '').replace(/\.$/, '') : v);

/** Platform lines as QuickBooks takes them, or the positions of those without an item (QuickBooks needs one). */
export function quickBooksLines(lines: readonly LineItem[]): { lines: InvoiceLineInput[] } | { withoutItem: number[] } {
  const withoutItem = lines.flatMap((l, i) => (l.itemName?.trim() ? [] : [i + 1]));
  if (withoutItem.length) return { withoutItem };
  return { lines: lines.map((l) => ({ item: l.itemName!, description: l.description, quantity: l.quantity, rate: l.rate, amount: l.amount })) };
}

/** Whether QuickBooks' lines already say what we would write (then no InvoiceMod of lines is needed). */
export function sameLines(ours: readonly InvoiceLineInput[], theirs: readonly (SalesLineRecord | SalesLineGroupRecord)[]): boolean {
  if (ours.length !== theirs.length) return false;
  return ours.every((o, i) => {
    const t = theirs[i];
    return (
      t.kind === 'line' &&
      (t.itemRef?.fullName ?? '').toLowerCase() === o.item.toLowerCase() &&
      // Compared as written: QuickBooks keeps Latin-1 text, so ours went there transliterated.
      (t.desc ?? '') === (o.description ? qbText(o.description, { field: 'Desc', max: 4095, overflow: 'truncate' }) : '') &&
      decimal(t.quantity) === decimal(o.quantity) &&
      decimal(t.rate) === decimal(o.rate) &&
      t.amount === o.amount
    );
  });
}

export const withoutItemProblem = (positions: readonly number[]) =>
  `QuickBooks needs an item on every invoice line; line${positions.length > 1 ? 's' : ''} ${positions.join(', ')} ha${positions.length > 1 ? 've' : 's'} none. Edit the invoice and give each line the QuickBooks item it is sold under (for example "Services").`;
