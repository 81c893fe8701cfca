import { expect } from 'chai';
import { readQbxml } from '../../../../adapters/qbd/qbxml/reader/read-qbxml';
import {
  buildCompanyQuery,
  buildHostQuery,
  buildPreferencesQuery,
  buildReceivePaymentToDepositQuery,
} from '../../../../adapters/qbd/qbxml/requests/company-queries';
import { buildListDeletedQuery, buildTxnDeletedQuery } from '../../../../adapters/qbd/qbxml/requests/deleted-queries';
import { buildAccountQuery, buildCustomerQuery } from '../../../../adapters/qbd/qbxml/requests/list-queries';
import { buildTxnQuery } from '../../../../adapters/qbd/qbxml/requests/txn-queries';
import { buildCustomerAdd, buildDepositAdd, buildReceivePaymentAdd, buildTxnDel } from '../../../../adapters/qbd/qbxml/requests/write-requests';
import { ZERO_MONEY, compareMoney, Money } from '../../../../core/values/money';
import { generateCompany } from '../../../simulators/qbd/company-generator';
import { QuickBooksSimulator } from '../../../simulators/qbd/quickbooks-simulator';
import { schemaAvailability, schemaErrors } from '../../../support/qbxml-schema';
import { ask } from './sim-harness';

const NOW = new Date('2026-11-25T18:00:00Z');
const options = { seed: 42, customers: 40, invoices: 300, years: 3, now: NOW };

describe('generateCompany', () => {
  it('makes the same company from the same seed', () => {
    const a = generateCompany(options);
    const b = generateCompany(options);
    expect([...a.invoices.keys()]).to.deep.equal([...b.invoices.keys()]);
    expect([...a.invoices.values()].map((i) => a.invoiceBalance(i))).to.deep.equal([...b.invoices.values()].map((i) => b.invoiceBalance(i)));
  });

  it('spreads invoices over the years, with paid, partly paid, credited, open, deleted and inactive records', () => {
    const company = generateCompany(options);
    const invoices = [...company.invoices.values()];
    const years = new Set(invoices.map((i) => i.txnDate.slice(0, 4)));
    expect(years.size).to.be.at.least(3);
    const balances = invoices.map((i) => [company.invoiceBalance(i), company.invoiceTotal(i)] as const);
    expect(balances.filter(([b]) => b === '0.00').length, 'paid').to.be.greaterThan(50);
    expect(balances.filter(([b, t]) => b !== '0.00' && b !== t).length, 'partly paid or credited').to.be.greaterThan(30);
    expect(balances.filter(([b, t]) => b === t).length, 'open').to.be.greaterThan(20);
    expect(company.creditMemos.size, 'credit memos').to.be.greaterThan(10);
    expect(company.deletedTxns.length, 'deleted invoices').to.be.greaterThan(0);
    expect(company.deletedLists.length, 'deleted customers').to.be.greaterThan(0);
    expect(
      [...company.customers.values()].some((c) => !c.isActive),
      'inactive customers',
    ).to.equal(true);
    expect(company.deposits.size, 'deposits').to.be.greaterThan(5);
  });

  it('keeps every balance between zero and the total', () => {
    const company = generateCompany(options);
    for (const invoice of company.invoices.values()) {
      const balance = company.invoiceBalance(invoice);
      expect(compareMoney(balance, ZERO_MONEY)).to.be.at.least(0);
      expect(compareMoney(balance, company.invoiceTotal(invoice))).to.be.at.most(0);
    }
  });
});

describe("The simulator's answers against Intuit's qbXML 13.0 schema", () => {
  it('are valid for every kind of request, including errors, iterators and the HCP answer', async function () {
    const availability = schemaAvailability();
    if (!availability.available) return this.skip();
    const company = generateCompany({ ...options, invoices: 60 });
    const sim = new QuickBooksSimulator(company);
    sim.dataExt.set('{57F3B9B1-86F1-4fcc-B1EE-566DE1813D20}', new Map([['FileID', '{0E5F1B7A-3C2D-4E6F-8A9B-0C1D2E3F4A5B}']]));
    const invoice = [...company.invoices.values()].find((i) => company.invoiceBalance(i) !== '0.00')!;
    const checking = [...company.accounts.values()].find((a) => a.accountType === 'Bank')!;
    const answers: string[] = [sim.hcpResponse()];
    const record = async (...requests: Parameters<typeof ask>[1]) => answers.push((await ask(sim, requests)).xml);
    await record(
      buildHostQuery({ requestId: 'h' }),
      buildCompanyQuery({ requestId: 'c', ownerIds: ['{57F3B9B1-86F1-4fcc-B1EE-566DE1813D20}'] }),
      buildPreferencesQuery({ requestId: 'p' }),
    );
    await record(
      buildAccountQuery({ requestId: 'a', select: { activeStatus: 'All' } }),
      buildCustomerQuery({ requestId: 'cu', step: { iterator: 'Start' }, select: { maxReturned: 10, activeStatus: 'All' } }),
    );
    await record(
      buildTxnQuery('invoice', { requestId: 'i', step: { iterator: 'Start' }, select: { maxReturned: 20 }, includeLineItems: true, includeLinkedTxns: true }),
      buildTxnQuery('receivePayment', { requestId: 'r', select: { maxReturned: 20 }, includeLineItems: true }),
      buildTxnQuery('creditMemo', { requestId: 'cm', select: { maxReturned: 20 }, includeLineItems: true, includeLinkedTxns: true }),
    );
    await record(
      buildTxnDeletedQuery({ requestId: 'td', types: ['Invoice', 'ReceivePayment'] }),
      buildListDeletedQuery({ requestId: 'ld', types: ['Customer'] }),
      buildReceivePaymentToDepositQuery({ requestId: 'u' }),
    );
    await record(
      buildReceivePaymentAdd({
        requestId: 'pay',
        customer: { listId: invoice.customerId },
        totalAmount: '1.00' as Money,
        applyTo: [{ txnId: invoice.txnId, amount: '1.00' as Money }],
      }),
    );
    const waiting = company.paymentsToDeposit()[0];
    await record(buildDepositAdd({ requestId: 'dep', depositToAccount: { listId: checking.listId }, lines: [{ paymentTxnId: waiting.txnId }] }));
    await record(
      buildTxnDel({ requestId: 'del', txnDelType: 'Invoice', txnId: invoice.txnId }),
      buildCustomerAdd({ requestId: 'dup', name: [...company.customers.values()][0].name }),
    );
    await record(buildTxnQuery('invoice', { requestId: 'bad', step: { iterator: 'Continue', iteratorId: '{nope}' } }));
    for (const xml of answers) for await (const event of readQbxml(xml)) void event; // and our reader reads them all
    const errors = await schemaErrors(answers.map((xml, i) => ({ name: `answer ${i}`, xml })));
    expect(Object.fromEntries(errors)).to.deep.equal({});
  });
});
