import { expect } from 'chai';
import { invoiceChange } from '../../../../../adapters/qbd/mapping/invoice-changes';
import type { InvoiceRecord } from '../../../../../adapters/qbd/qbxml/records/invoice-record';
import type { Invoice } from '../../../../../core/items/invoice';
import type { Instant, LocalDate } from '../../../../../core/values/instant';
import type { Money } from '../../../../../core/values/money';

const at = '2026-11-25T10:00:00-05:00' as Instant;

function record(overrides: Partial<InvoiceRecord>): InvoiceRecord {
  return {
    type: 'InvoiceRet',
    txnId: '1A-1',
    timeCreated: at,
    timeModified: at,
    editSequence: '1',
    customerRef: { listId: '80-1', fullName: 'Acme' },
    txnDate: '2026-11-01' as LocalDate,
    linkedTxns: [],
    lines: [{ kind: 'line', txnLineId: 'L1', itemRef: { fullName: 'Work' }, amount: '100.00' as Money }],
    subtotal: '100.00' as Money,
    balanceRemaining: '100.00' as Money,
    ...overrides,
  } as InvoiceRecord;
}

const statusOf = (r: InvoiceRecord) => (invoiceChange(r, at).payload as Invoice).status;

describe('invoiceChange', () => {
  describe('with the marks QuickBooks leaves on a voided invoice', () => {
    it('is void when every amount is zero and the memo starts with "VOID:"', () => {
      const voided = record({
        memo: 'VOID: wrong customer',
        subtotal: '0.00' as Money,
        balanceRemaining: '0.00' as Money,
        lines: [{ kind: 'line', txnLineId: 'L1', amount: '0.00' as Money }] as InvoiceRecord['lines'],
      });
      expect(statusOf(voided)).to.equal('void');
    });

    it('is not void when only the memo says so and money is still owed', () => {
      expect(statusOf(record({ memo: 'VOID: but not really' }))).to.equal('open');
    });

    it('is paid, not void, when a zero invoice has an ordinary memo', () => {
      expect(statusOf(record({ memo: 'no charge', subtotal: '0.00' as Money, balanceRemaining: '0.00' as Money, lines: [] }))).to.equal('paid');
    });
  });
});
