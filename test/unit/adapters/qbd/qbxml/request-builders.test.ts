import { expect } from 'chai';
import { qbText } from '../../../../../adapters/qbd/qbxml/requests/qb-text';
import { buildQbxmlDocument } from '../../../../../adapters/qbd/qbxml/requests/qbxml-document';
import { QbxmlRequest } from '../../../../../adapters/qbd/qbxml/requests/qbxml-request';
import { chooseQbxmlVersion } from '../../../../../adapters/qbd/qbxml/requests/qbxml-version';
import { buildCustomerQuery, buildAccountQuery } from '../../../../../adapters/qbd/qbxml/requests/list-queries';
import { buildTxnQuery } from '../../../../../adapters/qbd/qbxml/requests/txn-queries';
import { buildTxnDeletedQuery } from '../../../../../adapters/qbd/qbxml/requests/deleted-queries';
import { buildCustomerAdd, buildDepositAdd, buildReceivePaymentAdd, buildTxnDel } from '../../../../../adapters/qbd/qbxml/requests/write-requests';
import { buildJournalEntryAdd } from '../../../../../adapters/qbd/qbxml/requests/journal-entry-add';
import { buildReceivePaymentMod } from '../../../../../adapters/qbd/qbxml/requests/receive-payment-mod';
import { buildCompanyQuery, buildHostQuery, buildReceivePaymentToDepositQuery } from '../../../../../adapters/qbd/qbxml/requests/company-queries';
import { AppError } from '../../../../../core/errors/app-error';
import { Instant, LocalDate } from '../../../../../core/values/instant';
import { Money } from '../../../../../core/values/money';
import { schemaAvailability, schemaErrors } from '../../../../support/qbxml-schema';

const m = (s: string) => s as Money;
const at = (s: string) => s as Instant;
const d = (s: string) => s as LocalDate;

function refused(build: () => unknown, message: RegExp): void {
  expect(build).to.throw(AppError, message);
}

describe('qbXML request builders', () => {
  describe('text QuickBooks cannot store', () => {
    it('turns typographic punctuation plain and strips accents outside Latin-1, keeping Latin-1 as is', () => {
      expect(qbText('“Zoë’s” — Łódź… ő', { field: 'f', max: 100, overflow: 'refuse' })).to.equal('"Zoë\'s" - Lódz... o');
    });

    it('refuses scripts it cannot transliterate, naming the characters, never writing "?"', () => {
      refused(() => qbText('Москва', { field: 'Memo', max: 100, overflow: 'truncate' }), /Memo has characters QuickBooks cannot store \(М о с к в\)/);
      refused(() => qbText('東京', { field: 'Name', max: 100, overflow: 'refuse' }), /cannot store/);
    });

    it('drops control characters XML cannot carry', () => {
      expect(qbText('a\u0000b\u0007c\td', { field: 'f', max: 10, overflow: 'refuse' })).to.equal('abc\td');
    });

    it('cuts free text to the limit but refuses an over-long name or number', () => {
      expect(qbText('x'.repeat(5000), { field: 'Memo', max: 4095, overflow: 'truncate' })).to.have.length(4095);
      refused(
        () => buildReceivePaymentAdd({ requestId: 'r', customer: { listId: '1' }, totalAmount: m('1.00'), refNumber: 'x'.repeat(21) }),
        /RefNumber is 21 characters long; QuickBooks keeps at most 20/,
      );
    });
  });

  it('escapes &, < and > in text and " in attributes, and never writes &apos;', () => {
    const xml = buildCustomerAdd({ requestId: 'a"b', name: "O'Brien & <Sons>" }).xml;
    expect(xml).to.include('requestID="a&quot;b"').and.include("<Name>O'Brien &amp; &lt;Sons&gt;</Name>").and.not.include('&apos;');
  });

  describe('refuses requests QuickBooks would reject', () => {
    it('both date filters at once', () => {
      refused(
        () => buildTxnQuery('invoice', { requestId: 'r', select: { modified: { from: at('2026-01-01T00:00:00Z') }, txnDate: { from: d('2026-01-01') } } }),
        /not both/,
      );
    });
    it('a range that ends before it starts', () => {
      refused(() => buildTxnQuery('invoice', { requestId: 'r', select: { txnDate: { from: d('2026-02-01'), to: d('2026-01-01') } } }), /starts after it ends/);
    });
    it('a deposit selected by RefNumber (deposits have none)', () => {
      refused(() => buildTxnQuery('deposit', { requestId: 'r', select: { refNumbers: ['1'] } }), /cannot select by RefNumber/);
    });
    it('PaidStatus on payments, and IncludeLinkedTxns on payments', () => {
      refused(() => buildTxnQuery('receivePayment', { requestId: 'r', select: { paidStatus: 'PaidOnly' } }), /no PaidStatus/);
      refused(() => buildTxnQuery('receivePayment', { requestId: 'r', includeLinkedTxns: true }), /no IncludeLinkedTxns/);
    });
    it('an iterator Continue without its id, and MaxReturned 0', () => {
      refused(() => buildCustomerQuery({ requestId: 'r', step: { iterator: 'Continue', iteratorId: '' } }), /needs the iteratorID/);
      refused(() => buildCustomerQuery({ requestId: 'r', select: { maxReturned: 0 } }), /at least 1/);
    });
    it('a requestID longer than 50 characters', () => {
      refused(() => buildHostQuery({ requestId: 'x'.repeat(51) }), /1-50 printable ASCII/);
    });
    it('a payment applied twice to one invoice, or for more than its total', () => {
      const base = { requestId: 'r', customer: { listId: '1' }, totalAmount: m('10.00') };
      refused(
        () =>
          buildReceivePaymentAdd({
            ...base,
            applyTo: [
              { txnId: 'i', amount: m('5.00') },
              { txnId: 'i', amount: m('5.00') },
            ],
          }),
        /each invoice only once/,
      );
      refused(() => buildReceivePaymentAdd({ ...base, applyTo: [{ txnId: 'i', amount: m('10.01') }] }), /more than the payment/);
      refused(() => buildReceivePaymentAdd({ ...base, totalAmount: m('0.00') }), /more than 0.00/);
    });
    it('a customer name with a colon (the job separator), and an unbraced ExternalGUID', () => {
      refused(() => buildCustomerAdd({ requestId: 'r', name: 'A:B' }), /must not contain ":"/);
      refused(() => buildCustomerAdd({ requestId: 'r', name: 'A', externalGuid: '3F2504E0-4F89-11D3-9A0C-0305E82C3301' }), /braced GUID/);
    });
    it('a deposit carrying one payment twice', () => {
      refused(() => buildDepositAdd({ requestId: 'r', depositToAccount: { listId: 'b' }, lines: [{ paymentTxnId: 'p' }, { paymentTxnId: 'p' }] }), /only once/);
    });
    it('a journal entry that does not balance, or has no credit', () => {
      const debit = { side: 'debit' as const, account: { listId: 'ar' }, entity: { listId: 'c' }, amount: m('10.00') };
      refused(
        () => buildJournalEntryAdd({ requestId: 'r', lines: [debit, { side: 'credit', account: { listId: 'b' }, amount: m('9.99') }] }),
        /must balance: debits 10.00, credits 9.99/,
      );
      refused(() => buildJournalEntryAdd({ requestId: 'r', lines: [debit] }), /at least one debit and one credit/);
      refused(
        () => buildJournalEntryAdd({ requestId: 'r', lines: [debit, { side: 'credit', account: { listId: 'b' }, amount: m('0.00') }] }),
        /more than 0.00/,
      );
    });
    it('a payment change without its EditSequence or with a transaction twice', () => {
      refused(() => buildReceivePaymentMod({ requestId: 'r', txnId: 'p', editSequence: '', applyTo: [{ txnId: 'j', amount: m('1.00') }] }), /EditSequence/);
      refused(
        () =>
          buildReceivePaymentMod({
            requestId: 'r',
            txnId: 'p',
            editSequence: '1',
            applyTo: [
              { txnId: 'j', amount: m('1.00') },
              { txnId: 'j', amount: m('1.00') },
            ],
          }),
        /only once/,
      );
      refused(() => buildReceivePaymentMod({ requestId: 'r', txnId: 'p', editSequence: '1', applyTo: [] }), /at least one/);
    });
  });

  describe('versions', () => {
    it('picks 13.0 when QuickBooks says nothing, and the newest supported one otherwise', () => {
      expect(chooseQbxmlVersion()).to.equal('13.0');
      expect(chooseQbxmlVersion({ major: 16, minor: 0 })).to.equal('13.0');
      expect(chooseQbxmlVersion({ major: 11, minor: 0 })).to.equal('11.0');
      expect(chooseQbxmlVersion({ major: 13, supported: ['1.0', '2.0', '12.0'] })).to.equal('12.0');
    });

    it('records the version each request needs, and refuses a message set too new for QuickBooks', () => {
      const iterated = buildCustomerQuery({ requestId: 'r', step: { iterator: 'Start' } });
      expect(iterated.minVersion).to.equal('5.0');
      const guid = buildReceivePaymentAdd({
        requestId: 'p',
        customer: { listId: '1' },
        totalAmount: m('1.00'),
        externalGuid: '{3F2504E0-4F89-11D3-9A0C-0305E82C3301}',
      });
      expect(guid.minVersion).to.equal('9.0');
      expect(() => buildQbxmlDocument({ version: '4.0', onError: 'stopOnError', requests: [iterated] })).to.throw(AppError, /needs qbXML 5.0/);
      expect(buildQbxmlDocument({ version: '5.0', onError: 'stopOnError', requests: [iterated] })).to.include('<?qbxml version="5.0"?>');
    });
  });

  it('every variant the builders can produce is valid against the qbXML 13.0 schema', async function () {
    const availability = schemaAvailability();
    if (!availability.available) return this.skip();
    const from = at('2026-10-01T00:00:00.250Z');
    const variants: QbxmlRequest[] = [
      buildHostQuery({ requestId: 'h' }),
      buildCompanyQuery({ requestId: 'c', ownerIds: ['0'] }),
      buildReceivePaymentToDepositQuery({ requestId: 'u', includeRetElements: ['TxnID', 'Amount'] }),
      buildAccountQuery({ requestId: 'a1', select: { listIds: ['8000-1', '8000-2'] } }),
      buildAccountQuery({
        requestId: 'a2',
        select: { maxReturned: 10, activeStatus: 'ActiveOnly', modified: { from }, accountTypes: ['Bank', 'OtherCurrentAsset'] },
        includeRetElements: ['ListID'],
      }),
      buildCustomerQuery({ requestId: 'c1', select: { fullNames: ['Zoë Café:Renovation'] } }),
      buildCustomerQuery({ requestId: 'c2', step: { iterator: 'Stop', iteratorId: '{x}' }, select: { maxReturned: 5, activeStatus: 'All' }, ownerIds: ['0'] }),
      buildTxnQuery('invoice', { requestId: 'i1', select: { refNumbers: ['1001'] }, includeLineItems: false }),
      buildTxnQuery('invoice', {
        requestId: 'i2',
        step: { iterator: 'Start' },
        select: { maxReturned: 1, txnDate: { to: d('2026-01-01') }, customerListIds: ['1', '2'], paidStatus: 'NotPaidOnly' },
        includeLineItems: true,
        includeLinkedTxns: true,
        includeRetElements: ['TxnID'],
        ownerIds: ['0'],
      }),
      buildTxnQuery('invoice', { requestId: 'i3', select: { modified: {} } }),
      buildTxnQuery('creditMemo', {
        requestId: 'cm',
        step: { iterator: 'Start' },
        select: { maxReturned: 3, modified: { from, to: at('2026-11-01T00:00:00-04:00') } },
        includeLineItems: true,
        includeLinkedTxns: true,
      }),
      buildTxnQuery('receivePayment', { requestId: 'rp', select: { txnIds: ['1-1'] }, includeLineItems: true }),
      buildTxnQuery('deposit', {
        requestId: 'dq',
        step: { iterator: 'Start' },
        select: { maxReturned: 5, txnDate: { from: d('2026-11-21'), to: d('2026-11-21') } },
        includeLineItems: true,
      }),
      buildTxnDeletedQuery({ requestId: 'td', types: ['Deposit'], deleted: { to: from }, includeRetElements: ['TxnID'] }),
      buildReceivePaymentAdd({
        requestId: 'p1',
        customer: { fullName: 'Smith' },
        arAccount: { fullName: 'Accounts Receivable' },
        totalAmount: m('10.00'),
        paymentMethod: { fullName: 'Visa' },
      }),
      buildDepositAdd({
        requestId: 'd1',
        depositToAccount: { fullName: 'Checking' },
        lines: [
          { paymentTxnId: 'p', paymentTxnLineId: 'l' },
          { account: { listId: 'x' }, entity: { fullName: 'Smith' }, amount: m('-1.00') },
        ],
      }),
      buildTxnDel({ requestId: 'x1', txnDelType: 'Deposit', txnId: '1-2' }),
      buildCustomerAdd({ requestId: 'ca', name: 'Acme', companyName: 'Acme Inc', phone: '555', externalGuid: '{3F2504E0-4F89-11D3-9A0C-0305E82C3301}' }),
      buildJournalEntryAdd({
        requestId: 'je',
        txnDate: d('2026-11-25'),
        refNumber: 'R-1',
        memo: 'Return',
        externalGuid: '{3F2504E0-4F89-11D3-9A0C-0305E82C3301}',
        lines: [
          { side: 'debit', account: { listId: 'ar' }, entity: { listId: 'c' }, amount: m('10.00'), memo: 'owed again' },
          { side: 'credit', account: { fullName: 'Checking' }, amount: m('10.00') },
        ],
      }),
      buildTxnQuery('journalEntry', { requestId: 'jq', select: { txnDate: { from: d('2026-11-25'), to: d('2026-11-25') } }, includeLineItems: true }),
      buildReceivePaymentMod({ requestId: 'pm', txnId: '1-1', editSequence: '1764000000', applyTo: [{ txnId: '2-2', amount: m('10.00') }] }),
    ];
    const documents = variants.map((request) => ({
      name: request.requestId,
      xml: buildQbxmlDocument({ version: '13.0', onError: 'continueOnError', requests: [request] }),
    }));
    expect(Object.fromEntries(await schemaErrors(documents))).to.deep.equal({});
  });
});
