import { expect } from 'chai';
import { deletedInvoiceChange, invoiceChange, qboInvoice } from '../../../../../adapters/qbo/mapping/invoice-changes';
import type { QboInvoice } from '../../../../../adapters/qbo/mapping/qbo-records';
import type { Instant } from '../../../../../core/values/instant';

const at = '2026-11-25T15:00:00.000Z' as Instant;

/** As QBO answers (reference §5.2): amounts are JSON numbers, a subtotal line is added. */
const invoice = (over: Partial<QboInvoice> = {}): QboInvoice => ({
  Id: '130',
  SyncToken: '2',
  CustomerRef: { value: '58', name: 'Red Rock Diner' },
  DocNumber: '1037',
  TxnDate: '2026-10-01',
  DueDate: '2026-10-31',
  Line: [
    {
      Id: '1',
      LineNum: 1,
      Description: 'Sod',
      Amount: 10.1,
      DetailType: 'SalesItemLineDetail',
      SalesItemLineDetail: { ItemRef: { value: '5', name: 'Sod' }, Qty: 2, UnitPrice: 5.05 },
    },
    {
      Id: '2',
      LineNum: 2,
      Amount: 65.0,
      DetailType: 'SalesItemLineDetail',
      SalesItemLineDetail: { ItemRef: { value: '6', name: 'Rock' }, Qty: 1, UnitPrice: 65 },
    },
    { Amount: 75.1, DetailType: 'SubTotalLineDetail' },
  ],
  TxnTaxDetail: { TotalTax: 6.01 },
  TotalAmt: 81.11,
  Balance: 81.11,
  ...over,
});

describe('QBO invoice mapping', () => {
  it('makes an upsert versioned by SyncToken, with exact amounts and without the subtotal line', () => {
    const change = invoiceChange(invoice(), at);
    expect(change).to.deep.include({ item: 'invoice', operation: 'upsert', source: 'qbo', sourceId: '130', sourceVersion: '2' });
    expect(change.payload).to.deep.equal({
      id: '130',
      customerId: '58',
      number: '1037',
      txnDate: '2026-10-01',
      dueDate: '2026-10-31',
      memo: undefined,
      lines: [
        { id: '1', itemName: 'Sod', description: 'Sod', quantity: '2', rate: '5.05', amount: '10.10' },
        { id: '2', itemName: 'Rock', description: undefined, quantity: '1', rate: '65', amount: '65.00' },
      ],
      subtotal: '75.10',
      salesTax: '6.01',
      total: '81.11',
      balance: '81.11',
      status: 'open',
    });
  });

  it('follows the balance: partly paid, then paid', () => {
    expect(qboInvoice(invoice({ Balance: 1.11 })).status).to.equal('partially-paid');
    expect(qboInvoice(invoice({ Balance: 0 })).status).to.equal('paid');
  });

  it('takes a zero invoice with "Voided" in its private note for void, and not one whose note merely mentions it', () => {
    const zeroLines = [{ Id: '1', Amount: 0, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { Qty: 0 } }];
    const voided = invoice({ Line: zeroLines, TxnTaxDetail: { TotalTax: 0 }, TotalAmt: 0, Balance: 0, PrivateNote: 'Voided' });
    expect(qboInvoice(voided).status).to.equal('void');
    expect(qboInvoice({ ...invoice(), PrivateNote: 'Voided? no' }).status).to.equal('open');
  });

  it('flattens groups and counts a discount as a negative line', () => {
    const grouped = invoice({
      Line: [
        {
          Id: '3',
          DetailType: 'GroupLineDetail',
          Amount: 20,
          GroupLineDetail: { Line: [{ Id: '4', Amount: 20, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: { Qty: 4, UnitPrice: 5 } }] },
        },
        { Id: '5', Amount: 2.5, DetailType: 'DiscountLineDetail' },
      ],
      TxnTaxDetail: undefined,
      TotalAmt: 17.5,
      Balance: 17.5,
    });
    const mapped = qboInvoice(grouped);
    expect(mapped.lines.map((l) => [l.id, l.amount])).to.deep.equal([
      ['4', '20.00'],
      ['5', '-2.50'],
    ]);
    expect(mapped.total).to.equal('17.50');
  });

  it('refuses an invoice whose numbers do not agree, rather than guessing', () => {
    expect(() => qboInvoice(invoice({ TotalAmt: 90 }))).to.throw(/total/);
  });

  it('refuses an amount with a third decimal instead of rounding it', () => {
    expect(() => qboInvoice(invoice({ Balance: 1.005 }))).to.throw(/decimal/);
  });

  it('makes a tombstone a delete of the invoice', () => {
    const change = deletedInvoiceChange({ Id: '2359', status: 'Deleted', MetaData: { LastUpdatedTime: '2021-12-15T09:14:16-08:00' } }, at);
    expect(change).to.deep.include({ item: 'invoice', operation: 'delete', source: 'qbo', sourceId: '2359' });
    expect(change.payload).to.deep.equal({ reason: 'Deleted in QuickBooks Online at 2021-12-15T09:14:16-08:00.' });
  });
});
