import { expect } from 'chai';
import { QboSimulator } from '../../../simulators/qbo/qbo-simulator';
import { Api, Json, simWithCompany } from './qbo-harness';

describe('The QuickBooks Online simulator', () => {
  describe('payments and deposits', () => {
    let sim: QboSimulator;
    let api: Api;
    let realmId: string;
    let customerId: string;
    let invoice: Json;
    beforeEach(async () => {
      ({ sim, api, realmId } = await simWithCompany({ customers: 0 }));
      customerId = String(sim.books(realmId).addCustomer({ displayName: 'Payer' }).Id);
      invoice = sim.books(realmId).addInvoice({ customerId, lines: [{ amount: '100.00' }] });
    });
    afterEach(() => sim.stop());

    const pay = (total: number, applied: number, extra: Json = {}) =>
      api.post('payment', {
        CustomerRef: { value: customerId },
        TotalAmt: total,
        Line: [{ Amount: applied, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }],
        ...extra,
      });

    it('applies a payment through Line[].LinkedTxn: the invoice Balance drops and the rest is UnappliedAmt in Undeposited Funds', async () => {
      const payment = (await pay(65, 55)).json.Payment;
      expect(payment).to.include({ TotalAmt: 65, UnappliedAmt: 10 });
      expect(payment.DepositToAccountRef).to.deep.equal({ value: '4', name: 'Undeposited Funds' });
      const after = (await api.get(`invoice/${invoice.Id}`)).json.Invoice;
      expect(after).to.include({ Balance: 45, SyncToken: '1' });
      expect(after.LinkedTxn).to.deep.equal([{ TxnId: payment.Id, TxnType: 'Payment' }]);
      expect((await api.get(`customer/${customerId}`)).json.Customer.Balance).to.equal(35);
    });

    it('refuses over-applying an invoice and linking another customer’s invoice', async () => {
      expect((await pay(150, 150)).json.Fault.Error[0].code).to.equal('6000');
      const other = String(sim.books(realmId).addCustomer({ displayName: 'Other' }).Id);
      const wrong = await api.post('payment', {
        CustomerRef: { value: other },
        TotalAmt: 5,
        Line: [{ Amount: 5, LinkedTxn: [{ TxnId: invoice.Id, TxnType: 'Invoice' }] }],
      });
      expect(wrong.json.Fault.Error[0].code).to.equal('620');
    });

    it('restores the invoice balance when the payment is deleted', async () => {
      const payment = (await pay(100, 100)).json.Payment;
      expect((await api.get(`invoice/${invoice.Id}`)).json.Invoice.Balance).to.equal(0);
      await api.post('payment', { Id: payment.Id, SyncToken: payment.SyncToken }, { operation: 'delete' });
      expect((await api.get(`invoice/${invoice.Id}`)).json.Invoice).to.include({ Balance: 100, SyncToken: '2' });
    });

    it('deposits payments into a bank account; a deposited payment cannot change (6540) until the deposit is deleted', async () => {
      const payment = (await pay(100, 100)).json.Payment;
      const deposit = await api.post('deposit', {
        DepositToAccountRef: { value: '35' },
        Line: [{ Amount: 100, LinkedTxn: [{ TxnId: payment.Id, TxnType: 'Payment', TxnLineId: '0' }] }],
      });
      expect(deposit.status).to.equal(200);
      expect(deposit.json.Deposit).to.include({ TotalAmt: 100 });
      expect(deposit.json.Deposit.DepositToAccountRef).to.deep.equal({ value: '35', name: 'Checking' });
      const refused = await api.post('payment', { Id: payment.Id, SyncToken: payment.SyncToken }, { operation: 'delete' });
      expect(refused.json.Fault.Error[0]).to.include({ code: '6540' });
      const edit = await api.post('payment', { Id: payment.Id, SyncToken: payment.SyncToken, sparse: true, PrivateNote: 'x' });
      expect(edit.json.Fault.Error[0].code).to.equal('6540');
      const accounts = (await api.query("SELECT * FROM Account WHERE Id IN ('4', '35')")).json.QueryResponse.Account as Json[];
      expect(accounts.map((a) => [a.Id, a.CurrentBalance])).to.deep.equal([
        ['4', 0],
        ['35', 100],
      ]);
      const d = deposit.json.Deposit;
      await api.post('deposit', { Id: d.Id, SyncToken: d.SyncToken }, { operation: 'delete' });
      expect((await api.post('payment', { Id: payment.Id, SyncToken: payment.SyncToken }, { operation: 'delete' })).status).to.equal(200);
    });

    it('refuses a deposit into a non-bank account, or of a payment already deposited', async () => {
      const payment = (await pay(100, 100)).json.Payment;
      const deposit = (to: string) =>
        api.post('deposit', { DepositToAccountRef: { value: to }, Line: [{ Amount: 100, LinkedTxn: [{ TxnId: payment.Id, TxnType: 'Payment' }] }] });
      expect((await deposit('4')).json.Fault.Error[0].Detail).to.match(/Select a bank account/);
      expect((await deposit('35')).status).to.equal(200);
      expect((await deposit('36')).json.Fault.Error[0].code).to.equal('6000');
    });

    it('voids a payment with operation=update&include=void: its invoices are open again', async () => {
      const payment = (await pay(100, 100)).json.Payment;
      const voided = await api.post('payment', { Id: payment.Id, SyncToken: payment.SyncToken, sparse: true }, { operation: 'update', include: 'void' });
      expect(voided.json.Payment).to.include({ TotalAmt: 0, PrivateNote: 'Voided' });
      expect((await api.get(`invoice/${invoice.Id}`)).json.Invoice.Balance).to.equal(100);
    });

    it('lets the bookkeeper pay an invoice as a QBO Payment', async () => {
      const payment = sim.books(realmId).payInvoice(String(invoice.Id), '30.00');
      expect(payment).to.include({ TotalAmt: 30, UnappliedAmt: 0 });
      expect(sim.books(realmId).get('Invoice', String(invoice.Id))).to.include({ Balance: 70 });
    });
  });
});
