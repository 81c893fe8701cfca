import type { Change } from '../../../core/changes/change';
import { Invoice, invoiceStatusFor, parseInvoice } from '../../../core/items/invoice';
import type { LineItem } from '../../../core/items/sales-document';
import type { Instant } from '../../../core/values/instant';
import { Money, ZERO_MONEY, compareMoney, moneyFromCents, moneyToCents, sumMoney } from '../../../core/values/money';
import { QBO_SYSTEM } from '../qbo-system';
import { qboDecimal, qboMoney } from './qbo-decimal';
import type { QboInvoice, QboLine, QboTombstone } from './qbo-records';

/**
 * An invoice line as the core's lines. A group is its expanded lines; a discount is a line of
 * the negative amount (it lowers the subtotal, as it lowers QBO's total); the subtotal lines QBO
 * adds to its answers are left out (their amounts are the others' sum).
 */
function linesOf(line: QboLine, at: string, index: number): LineItem[] {
  const id = line.Id ?? `${index + 1}`;
  switch (line.DetailType) {
    case 'SubTotalLineDetail':
      return [];
    case 'GroupLineDetail':
      return (line.GroupLineDetail?.Line ?? []).flatMap((l, i) => linesOf(l, `${at}.GroupLineDetail.Line[${i}]`, i));
    case 'DiscountLineDetail': {
      const amount = moneyFromCents(-moneyToCents(qboMoney(line.Amount ?? 0, `${at}.Amount`)));
      return [{ id, description: line.Description ?? 'Discount', amount }];
    }
    default: {
      const detail = line.SalesItemLineDetail;
      return [
        {
          id,
          itemName: detail?.ItemRef?.name,
          description: line.Description,
          quantity: qboDecimal(detail?.Qty, `${at}.SalesItemLineDetail.Qty`),
          rate: qboDecimal(detail?.UnitPrice, `${at}.SalesItemLineDetail.UnitPrice`),
          amount: line.Amount === undefined ? ZERO_MONEY : qboMoney(line.Amount, `${at}.Amount`),
        },
      ];
    }
  }
}

/**
 * QBO keeps a voided invoice with zero amounts and "Voided" in its private note (reference §5.2,
 * observed; no status field says so). Both must hold, so an invoice whose note merely mentions
 * the word is not taken for void.
 */
function isVoided(record: QboInvoice, total: Money): boolean {
  return compareMoney(total, ZERO_MONEY) === 0 && /\bvoided\b/i.test(record.PrivateNote ?? '');
}

/** A QBO invoice as the core's invoice. Throws an invalid AppError when its numbers do not agree. */
export function qboInvoice(record: QboInvoice): Invoice {
  const lines = (record.Line ?? []).flatMap((l, i) => linesOf(l, `Line[${i}]`, i));
  const total = qboMoney(record.TotalAmt, 'TotalAmt');
  const balance = qboMoney(record.Balance ?? record.TotalAmt, 'Balance');
  return parseInvoice({
    id: record.Id,
    customerId: record.CustomerRef?.value,
    number: record.DocNumber,
    txnDate: record.TxnDate,
    dueDate: record.DueDate,
    memo: record.CustomerMemo?.value,
    lines,
    subtotal: sumMoney(lines.map((l) => l.amount)),
    salesTax: record.TxnTaxDetail?.TotalTax === undefined ? ZERO_MONEY : qboMoney(record.TxnTaxDetail.TotalTax, 'TxnTaxDetail.TotalTax'),
    total,
    balance,
    status: isVoided(record, total) ? 'void' : invoiceStatusFor(total, balance),
  });
}

/** The change a QBO invoice makes: an upsert of what it is now, versioned by its SyncToken. */
export function invoiceChange(record: QboInvoice, observedAt: Instant): Change {
  return {
    item: 'invoice',
    operation: 'upsert',
    source: QBO_SYSTEM,
    sourceId: record.Id,
    sourceVersion: record.SyncToken,
    observedAt,
    payload: qboInvoice(record),
  };
}

/** An invoice QBO reports deleted (a CDC tombstone): archived on the platform. */
export function deletedInvoiceChange(record: QboTombstone, observedAt: Instant): Change {
  const when = record.MetaData?.LastUpdatedTime;
  return {
    item: 'invoice',
    operation: 'delete',
    source: QBO_SYSTEM,
    sourceId: record.Id,
    observedAt,
    payload: { reason: when ? `Deleted in QuickBooks Online at ${when}.` : 'Deleted in QuickBooks Online.' },
  };
}
