import { expect } from 'chai';
import { QboSimulator } from '../../../simulators/qbo/qbo-simulator';
import { Json, startSim } from './qbo-harness';

describe('The QuickBooks Online simulator', () => {
  describe('createCompany', () => {
    let sim: QboSimulator;
    beforeEach(async () => {
      sim = await startSim();
    });
    afterEach(() => sim.stop());

    it('makes the same books from the same seed', () => {
      const a = sim.books(sim.createCompany({ seed: 5, customers: 6, invoices: 40 }));
      const b = sim.books(sim.createCompany({ seed: 5, customers: 6, invoices: 40 }));
      const strip = (rows: Json[]) => rows.map((r) => ({ ...r, CustomerRef: undefined, DepositToAccountRef: undefined }));
      expect(strip(a.all('Invoice'))).to.deep.equal(strip(b.all('Invoice')));
      expect(a.all('Payment').length).to.equal(b.all('Payment').length);
    });

    it('has Undeposited Funds as Id "4", a bank account, and a history spread back over the months asked for', () => {
      const books = sim.books(sim.createCompany({ seed: 2, customers: 8, invoices: 80, monthsOfHistory: 24 }));
      expect(books.get('Account', '4')).to.include({ Name: 'Undeposited Funds', AccountType: 'Other Current Asset', AccountSubType: 'UndepositedFunds' });
      expect(books.all('Account').some((a) => a.AccountType === 'Bank')).to.equal(true);
      const dates = books
        .all('Invoice')
        .map((i) => String(i.TxnDate))
        .sort();
      expect(dates[0] < '2025-03-01').to.equal(true);
      expect(dates.at(-1)! > '2026-06-01').to.equal(true);
      expect(dates.at(-1)! <= '2026-12-01').to.equal(true);
      const created = (books.all('Invoice') as Json[]).map((i) => Date.parse(i.MetaData.CreateTime));
      expect(created.every((t, k) => k === 0 || t >= created[k - 1])).to.equal(true);
    });

    it('leaves invoices paid, partly paid and open, payments deposited and undeposited, and some voided or deleted', () => {
      const books = sim.books(sim.createCompany({ seed: 4, customers: 10, invoices: 120 }));
      const invoices = books.all('Invoice') as Json[];
      const paid = invoices.filter((i) => i.Balance === 0 && i.TotalAmt > 0).length;
      const partly = invoices.filter((i) => i.Balance > 0 && i.Balance < i.TotalAmt).length;
      const open = invoices.filter((i) => i.Balance === i.TotalAmt && i.TotalAmt > 0).length;
      const voided = invoices.filter((i) => i.PrivateNote === 'Voided').length;
      expect(
        [paid, partly, open, voided].every((n) => n > 0),
        JSON.stringify({ paid, partly, open, voided }),
      ).to.equal(true);
      expect(invoices.length).to.be.lessThan(120);
      const deposited = new Set((books.all('Deposit') as Json[]).flatMap((d) => d.Line.map((l: Json) => l.LinkedTxn[0].TxnId)));
      const payments = books.all('Payment');
      expect(payments.some((p) => deposited.has(p.Id))).to.equal(true);
      expect(payments.some((p) => !deposited.has(p.Id))).to.equal(true);
    });
  });
});
