import { expect } from 'chai';
import { QboSimulator } from '../../../simulators/qbo/qbo-simulator';
import { Json, startSim } from './qbo-harness';

describe('The QuickBooks Online simulator', () => {
  describe('the bookkeeper', () => {
    let sim: QboSimulator;
    let realmId: string;
    beforeEach(async () => {
      sim = await startSim();
      realmId = sim.createCompany({ seed: 8, customers: 0, invoices: 0 });
    });
    afterEach(() => sim.stop());

    it('edits an invoice’s due date keeping its lines, then its lines, each edit a new SyncToken', () => {
      const books = sim.books(realmId);
      const customerId = String(books.addCustomer({ displayName: 'Edited' }).Id);
      const invoice = books.addInvoice({ customerId, lines: [{ amount: '30.00', qty: '3', unitPrice: '10.00', description: 'Hours' }], dueDate: '2026-12-31' });
      const later = books.editInvoice(String(invoice.Id), { dueDate: '2027-01-15' });
      expect(later).to.include({ DueDate: '2027-01-15', TotalAmt: 30, SyncToken: '1' });
      expect((later.Line as Json[])[0]).to.deep.include({ Description: 'Hours', Amount: 30 });
      const relined = books.editInvoice(String(invoice.Id), { lines: [{ amount: '12.34' }, { amount: '0.66' }] });
      expect(relined).to.include({ TotalAmt: 13, Balance: 13, SyncToken: '2', DueDate: '2027-01-15' });
    });

    it('deactivates a customer, who then shows Active false and stays readable', () => {
      const books = sim.books(realmId);
      const customer = books.addCustomer({ displayName: 'Leaving' });
      expect(books.deactivateCustomer(String(customer.Id))).to.include({ Active: false, SyncToken: '1' });
      expect(books.get('Customer', String(customer.Id))).to.include({ DisplayName: 'Leaving' });
    });

    it('refuses what QBO refuses, with the same faults as the API', () => {
      const books = sim.books(realmId);
      const customerId = String(books.addCustomer({ displayName: 'Strict' }).Id);
      const invoice = books.addInvoice({ customerId, lines: [{ amount: '10.00' }] });
      expect(() => books.payInvoice(String(invoice.Id), '11.00'))
        .to.throw()
        .with.property('code', '6000');
      const payment = books.payInvoice(String(invoice.Id), '10.00');
      books.depositPayments([String(payment.Id)]);
      expect(() => books.deletePayment(String(payment.Id)))
        .to.throw()
        .with.property('code', '6540');
    });
  });
});
