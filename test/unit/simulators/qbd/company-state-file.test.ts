import { expect } from 'chai';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../../core/errors/app-error';
import { Money } from '../../../../core/values/money';
import { generateCompany } from '../../../simulators/qbd/company-generator';
import { companyFromSnapshot, snapshotOf } from '../../../simulators/qbd/company-snapshot';
import { loadCompanyState, saveCompanyState } from '../../../simulators/qbd/company-state-file';
import { QuickBooksCompany } from '../../../simulators/qbd/quickbooks-company';
import { QuickBooksSimulator } from '../../../simulators/qbd/quickbooks-simulator';
import { readCompanySnapshot } from '../../../simulators/qbd/read-company-snapshot';

const NOW = new Date('2026-11-25T18:00:00Z');
const OWNER = '{57F3B9B1-86F1-4fcc-B1EE-566DE1813D20}';

/** A generated company with what the generator never makes: a journal receivable, a re-applied payment, a name in another list, a data extension, the DST bug. */
function busyCompany(): QuickBooksCompany {
  const company = generateCompany({ seed: 7, customers: 20, invoices: 120, years: 2, now: NOW });
  const customer = [...company.customers.values()].find((c) => c.isActive)!;
  const entry = company.addJournalEntry({
    lines: [
      { side: 'debit', accountId: company.accountsReceivable.listId, entityId: customer.listId, amount: '40.00' as Money },
      { side: 'credit', accountId: [...company.accounts.values()].find((a) => a.name === 'Sales')!.listId, amount: '40.00' as Money },
    ],
  });
  const payment = company.receivePayment({
    customerId: customer.listId,
    totalAmount: '10.00' as Money,
    applications: [{ invoiceId: entry.txnId, amount: '10.00' as Money }],
  });
  company.addCreditMemo({
    customerId: customer.listId,
    lines: [{ itemName: 'Discount', amount: '5.00' as Money }],
    applications: [{ invoiceId: entry.txnId, amount: '5.00' as Money }],
  });
  // Modifying a payment re-links it after the credit memo: answers list it second from now on.
  company.modifyPayment(payment.txnId, payment.editSequence, { memo: 'moved', applications: [{ invoiceId: entry.txnId, amount: '10.00' as Money }] });
  company.otherNames.add('Acme Supplies');
  company.dataExt.set(OWNER, new Map([['FileID', '{0E5F1B7A-3C2D-4E6F-8A9B-0C1D2E3F4A5B}']]));
  company.clock.dstBug = true;
  return company;
}

const QUERIES = [
  '<AccountQueryRq requestID="1"><ActiveStatus>All</ActiveStatus></AccountQueryRq>',
  '<CustomerQueryRq requestID="2"><ActiveStatus>All</ActiveStatus></CustomerQueryRq>',
  '<InvoiceQueryRq requestID="3"><IncludeLineItems>true</IncludeLineItems><IncludeLinkedTxns>true</IncludeLinkedTxns></InvoiceQueryRq>',
  '<CreditMemoQueryRq requestID="4"><IncludeLineItems>true</IncludeLineItems><IncludeLinkedTxns>true</IncludeLinkedTxns></CreditMemoQueryRq>',
  '<ReceivePaymentQueryRq requestID="5"><IncludeLineItems>true</IncludeLineItems></ReceivePaymentQueryRq>',
  '<DepositQueryRq requestID="6"><IncludeLineItems>true</IncludeLineItems></DepositQueryRq>',
  '<JournalEntryQueryRq requestID="7"><IncludeLineItems>true</IncludeLineItems></JournalEntryQueryRq>',
  '<TxnDeletedQueryRq requestID="8"><TxnDelType>Invoice</TxnDelType><TxnDelType>ReceivePayment</TxnDelType></TxnDeletedQueryRq>',
  '<ListDeletedQueryRq requestID="9"><ListDelType>Customer</ListDelType></ListDeletedQueryRq>',
  '<ReceivePaymentToDepositQueryRq requestID="10"></ReceivePaymentToDepositQueryRq>',
  `<CompanyQueryRq requestID="11"><OwnerID>${OWNER}</OwnerID></CompanyQueryRq>`,
];
/** What a company's next writes get: the ids, TxnNumbers and EditSequences must go on from the saved counters. */
const WRITES = [
  '<CustomerAddRq requestID="20"><CustomerAdd><Name>Brand New</Name></CustomerAdd></CustomerAddRq>',
  '<CustomerAddRq requestID="21"><CustomerAdd><Name>Acme Supplies</Name></CustomerAdd></CustomerAddRq>',
];
const document = (requests: string) =>
  `<?xml version="1.0" encoding="utf-8"?>\n<?qbxml version="13.0"?>\n<QBXML><QBXMLMsgsRq onError="continueOnError">${requests}</QBXMLMsgsRq></QBXML>`;

async function answers(company: QuickBooksCompany): Promise<string[]> {
  const sim = new QuickBooksSimulator(company);
  const result = [sim.hcpResponse()];
  for (const request of [...QUERIES, ...WRITES]) result.push(await sim.process(document(request)));
  return result;
}

const reloaded = (company: QuickBooksCompany) => companyFromSnapshot(readCompanySnapshot(JSON.parse(JSON.stringify(snapshotOf(company))), 'company.json'));

describe('A saved simulated company', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-company-'));

  it('answers every query, and its next writes, exactly as the company it was saved from', async () => {
    const company = busyCompany();
    const copy = reloaded(company);
    const original = await answers(company);
    expect(await answers(copy)).to.deep.equal(original);
    // Not two equal refusals: every query answered in full, and only the clashing name was refused.
    expect(original.join('').match(/<InvoiceRet>/g)).to.have.length(company.invoices.size);
    expect(original.filter((a) => a.includes('statusSeverity="Error"'))).to.have.length(1);
    expect(original.at(-1)).to.include('statusCode="3100"');
  });

  it('is saved again as the same file it was loaded from', () => {
    const company = busyCompany();
    const written = (c: QuickBooksCompany) => JSON.parse(JSON.stringify(snapshotOf(c)));
    expect(written(reloaded(company))).to.deep.equal(written(company));
  });

  it('keeps balances, the deposit lock and deletions working after a reload', () => {
    const copy = reloaded(busyCompany());
    const deposited = [...copy.deposits.values()][0].lines.find((l) => 'paymentId' in l) as { paymentId: string };
    expect(() => copy.deleteTxn('ReceivePayment', deposited.paymentId)).to.throw(/deposited/);
    const paid = [...copy.invoices.values()].find((i) => copy.invoiceBalance(i) === '0.00' && copy.applicationsTo(i.txnId).length > 0)!;
    copy.deleteTxn('Invoice', paid.txnId);
    expect(copy.deletedTxns.at(-1)!.txnId).to.equal(paid.txnId);
  });

  describe('in a state file', () => {
    const at = (name: string) => join(dir, name);
    it('comes back from the file it was saved to, leaving no temporary file beside it', async () => {
      const company = busyCompany();
      const file = join(dir, 'nested', 'company.json');
      saveCompanyState(file, company);
      expect(readdirSync(join(dir, 'nested'))).to.deep.equal(['company.json']);
      expect(await answers(loadCompanyState(file)!)).to.deep.equal(await answers(company));
    });

    it('is not there yet: nothing is loaded', () => {
      expect(loadCompanyState(join(dir, 'absent.json'))).to.equal(undefined);
    });

    const refused = (name: string, content: string): AppError => {
      const file = at(name);
      writeFileSync(file, content);
      try {
        loadCompanyState(file);
      } catch (error) {
        expect(error).to.be.instanceOf(AppError);
        return error as AppError;
      }
      throw new Error('the file was loaded');
    };

    it('cut short is refused with one sentence that says what to do', () => {
      const full = JSON.stringify(snapshotOf(busyCompany()));
      const error = refused('cut.json', full.slice(0, full.length / 2));
      expect(error.kind).to.equal('invalid');
      expect(error.userMessage).to.match(/cut\.json is not a simulated QuickBooks company file \(it is not whole JSON.*--fresh/);
    });

    it('of another version is refused, naming both versions', () => {
      const error = refused('v2.json', JSON.stringify({ ...snapshotOf(busyCompany()), version: 2 }));
      expect(error.userMessage).to.match(/format version 2; this simulator reads version 1 only\. Start a new company with --fresh/);
    });

    it('of another kind is refused', () => {
      expect(refused('other.json', '{"name":"not a company"}').userMessage).to.match(/other\.json is not a simulated QuickBooks company file/);
    });

    it('with damaged records is refused, listing where', () => {
      const snapshot = JSON.parse(JSON.stringify(snapshotOf(busyCompany())));
      snapshot.invoices[3].lines[0].amount = 12.5;
      snapshot.customers[0].modified = 'yesterday';
      snapshot.payments[0].customerId = 'nobody';
      delete snapshot.counters;
      const error = refused('damaged.json', JSON.stringify(snapshot));
      expect(error.userMessage).to.include('damaged.json is damaged');
      expect(error.problems.map((p) => p.at)).to.include.members(
        ['counters', 'invoices[3].lines[0].amount', 'customers[0].modified'].map((p) => `${at('damaged.json')}: ${p}`),
      );
      // References are checked once the records read.
      delete snapshot.invoices[3].lines[0].amount;
      snapshot.invoices[3].lines[0].amount = '12.50';
      snapshot.customers[0].modified = snapshot.customers[0].created;
      snapshot.counters = snapshotOf(busyCompany()).counters;
      expect(refused('dangling.json', JSON.stringify(snapshot)).problems.map((p) => p.at)).to.deep.equal([`${at('dangling.json')}: payments[0].customerId`]);
    });
  });
});
