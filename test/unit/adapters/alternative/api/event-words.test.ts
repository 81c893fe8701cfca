import { expect } from 'chai';
import { LoggedLine, lineText, recordWords, summaryText } from '../../../../../adapters/alternative/api/event-words';

const FROM_QUICKBOOKS = { fromName: 'QuickBooks Desktop', sourceId: '123-1', message: null, effect: null };
const TO_QUICKBOOKS = { toName: 'QuickBooks Desktop', sourceId: 'p-1', message: null, effect: null };
const line = (l: Partial<LoggedLine> & Pick<LoggedLine, 'item' | 'operation' | 'outcome'>): LoggedLine => ({ ...FROM_QUICKBOOKS, ...l });

describe('The sync log in words', () => {
  describe('recordWords', () => {
    it('names an invoice by number and customer, a payment by amount, customer and invoice, a payout by amount and day', () => {
      expect(recordWords('invoice', { name: '1011', customer: 'Café Ñandú & Sons' }, 'x')).to.equal('Invoice 1011 for Café Ñandú & Sons');
      expect(recordWords('payment', { name: '1011', customer: 'Café Ñandú & Sons', amount: '20.00' }, 'x')).to.equal(
        'Payment of 20.00 from Café Ñandú & Sons for invoice 1011',
      );
      expect(recordWords('deposit', { name: '2026-11-30', amount: '1250.00', date: '2026-11-30' }, 'x')).to.equal('Payout of 1250.00 on 2026-11-30');
      expect(recordWords('customer', { name: 'Łódź Bakery' }, 'x')).to.equal('Customer Łódź Bakery');
    });

    it('falls back to the id when the ledger has no name for it', () => {
      expect(recordWords('invoice', undefined, '123-1')).to.equal('Invoice 123-1');
    });
  });

  describe('lineText', () => {
    it('says added or updated from the source, and archived with why', () => {
      expect(lineText(line({ item: 'invoice', operation: 'upsert', outcome: 'applied', effect: 'created' }), 'Invoice 1011')).to.equal(
        'Invoice 1011 added from QuickBooks Desktop.',
      );
      expect(lineText(line({ item: 'invoice', operation: 'upsert', outcome: 'applied', effect: 'updated' }), 'Invoice 1011')).to.equal(
        'Invoice 1011 updated from QuickBooks Desktop.',
      );
      expect(lineText(line({ item: 'invoice', operation: 'delete', outcome: 'applied' }), 'Invoice 1011')).to.equal(
        'Invoice 1011 archived — deleted in QuickBooks Desktop.',
      );
      expect(lineText(line({ item: 'customer', operation: 'archive', outcome: 'applied' }), 'Customer A')).to.equal(
        'Customer A archived — made inactive in QuickBooks Desktop.',
      );
    });

    it('says what a write to the accounting system did, or why it did not, with the message', () => {
      const write = (l: Partial<LoggedLine> & Pick<LoggedLine, 'item' | 'operation' | 'outcome'>) => ({ ...TO_QUICKBOOKS, ...l }) as LoggedLine;
      expect(lineText(write({ item: 'payment', operation: 'add', outcome: 'applied' }), 'Payment P')).to.equal('Payment P recorded in QuickBooks Desktop.');
      expect(lineText(write({ item: 'deposit', operation: 'add', outcome: 'applied' }), 'Payout D')).to.equal('Payout D deposited in QuickBooks Desktop.');
      expect(lineText(write({ item: 'payment', operation: 'add', outcome: 'deferred' }), 'Payment P')).to.equal(
        'Payment P will go to QuickBooks Desktop at its next sync.',
      );
      expect(lineText(write({ item: 'payment', operation: 'add', outcome: 'failed', message: 'Refused (3210).' }), 'Payment P')).to.equal(
        'Payment P was not recorded in QuickBooks Desktop. Refused (3210).',
      );
      expect(lineText(write({ item: 'customer', operation: 'upsert', outcome: 'denied' }), 'Customer A')).to.equal(
        'Customer A stays where it is: your sync rules do not send it to QuickBooks Desktop.',
      );
    });

    it("says a record could not be read, with QuickBooks' reason", () => {
      expect(lineText(line({ item: 'invoice', operation: 'upsert', outcome: 'failed', message: 'It names no customer.' }), 'Invoice 9')).to.equal(
        'Invoice 9 could not be read from QuickBooks Desktop. It names no customer.',
      );
    });
  });

  describe('summaryText', () => {
    it('counts by record, the noun once, in the order added, updated, archived, then what needs attention', () => {
      const counts = {
        'invoice:delete:applied': 1,
        'invoice:upsert:applied:updated': 12,
        'invoice:archive:applied': 2,
        'payment:add:applied': 1,
        'customer:upsert:applied:created': 1,
        'payment:add:failed': 2,
      };
      expect(summaryText(counts)).to.equal('12 invoices updated, 3 archived, 1 customer added, 1 payment recorded, 2 needing attention');
    });

    it('says nothing new for a session that found nothing', () => {
      expect(summaryText({})).to.equal('nothing new');
    });
  });
});
