import { expect } from 'chai';
import { QboSimulator } from '../../../simulators/qbo/qbo-simulator';
import { Api, Json, simWithCompany } from './qbo-harness';

describe('The QuickBooks Online simulator', () => {
  describe('writes', () => {
    let sim: QboSimulator;
    let api: Api;
    let realmId: string;
    beforeEach(async () => {
      ({ sim, api, realmId } = await simWithCompany({ customers: 0 }));
    });
    afterEach(() => sim.stop());

    const line = (amount: number, extra: Json = {}) => ({
      Amount: amount,
      DetailType: 'SalesItemLineDetail',
      SalesItemLineDetail: { ItemRef: { value: '1' }, ...extra },
    });
    const newCustomer = async (name = 'Amy Lee') => (await api.post('customer', { DisplayName: name })).json.Customer as Json;
    const newInvoice = async (customerId: string, lines = [line(100)], extra: Json = {}) =>
      (await api.post('invoice', { CustomerRef: { value: customerId }, Line: lines, ...extra })).json.Invoice as Json;

    it('creates with a server-assigned digit Id, SyncToken "0", Pacific MetaData, domain QBO and no empty fields', async () => {
      const answer = await api.post('customer', { DisplayName: 'Amy Lee', CompanyName: '', PrimaryEmailAddr: { Address: 'amy@example.com' } });
      expect(answer.status).to.equal(200);
      const customer = answer.json.Customer;
      expect(customer.Id).to.match(/^\d+$/);
      expect(customer).to.include({ SyncToken: '0', domain: 'QBO', sparse: false, Active: true, Balance: 0, FullyQualifiedName: 'Amy Lee' });
      expect(customer.MetaData.CreateTime).to.equal('2026-12-01T10:00:00-08:00');
      expect(customer.MetaData.LastUpdatedTime).to.equal(customer.MetaData.CreateTime);
      expect(customer).not.to.have.property('CompanyName');
      expect(Object.values(customer)).not.to.include(null);
    });

    it('computes TotalAmt and Balance exactly, shown as JSON numbers, with line Ids and a subtotal line', async () => {
      const customer = await newCustomer();
      const invoice = await newInvoice(customer.Id, [line(0.1), line(0.2, { Qty: 2, UnitPrice: 0.1 })]);
      expect(invoice.TotalAmt).to.equal(0.3);
      expect(invoice.Balance).to.equal(0.3);
      expect(invoice.DocNumber).to.equal('1001');
      expect(invoice.Line.map((l: Json) => [l.Id, l.DetailType, l.Amount])).to.deep.equal([
        ['1', 'SalesItemLineDetail', 0.1],
        ['2', 'SalesItemLineDetail', 0.2],
        [undefined, 'SubTotalLineDetail', 0.3],
      ]);
      expect(invoice.CustomerRef).to.deep.equal({ value: customer.Id, name: 'Amy Lee' });
      expect(
        (await api.post('invoice', { CustomerRef: { value: customer.Id }, Line: [line(10, { Qty: 3, UnitPrice: 3 })] })).json.Fault.Error[0].code,
      ).to.equal('6070');
    });

    it('refuses a duplicate DisplayName (6240 with the Id) and a duplicate DocNumber (6140) unless allowduplicatedocnum', async () => {
      const customer = await newCustomer();
      const dup = await api.post('customer', { DisplayName: 'amy lee' });
      expect(dup.status).to.equal(400);
      expect(dup.json.Fault.Error[0]).to.include({ code: '6240', Detail: `The name supplied already exists. : Id=${customer.Id}` });
      await newInvoice(customer.Id, [line(5)], { DocNumber: 'A-1' });
      expect((await api.post('invoice', { CustomerRef: { value: customer.Id }, Line: [line(5)], DocNumber: 'A-1' })).json.Fault.Error[0].code).to.equal('6140');
      expect(
        (await api.post('invoice', { CustomerRef: { value: customer.Id }, Line: [line(5)], DocNumber: 'A-1' }, { include: 'allowduplicatedocnum' })).status,
      ).to.equal(200);
      expect(
        (await api.post('invoice', { CustomerRef: { value: customer.Id }, Line: [line(5)], DocNumber: 'X'.repeat(22) })).json.Fault.Error[0].code,
      ).to.equal('2050');
    });

    it('keeps omitted fields on a sparse update, but a sent Line array replaces all lines', async () => {
      const customer = await newCustomer();
      const invoice = await newInvoice(customer.Id, [line(10), line(20)], { PrivateNote: 'keep me' });
      sim.clock.advance(5000);
      const answer = await api.post('invoice', { Id: invoice.Id, SyncToken: invoice.SyncToken, sparse: true, DueDate: '2027-01-31', Line: [line(7)] });
      const updated = answer.json.Invoice;
      expect(updated).to.include({ SyncToken: '1', PrivateNote: 'keep me', DueDate: '2027-01-31', TotalAmt: 7 });
      expect(updated.Line).to.have.length(2);
      expect(updated.MetaData.LastUpdatedTime).to.equal('2026-12-01T10:00:05-08:00');
    });

    it('clears omitted writable fields on a full update', async () => {
      const customer = (await api.post('customer', { DisplayName: 'Ben', CompanyName: 'Ben Inc', Notes: 'n' })).json.Customer;
      const full = (await api.post('customer', { Id: customer.Id, SyncToken: customer.SyncToken, DisplayName: 'Ben' })).json.Customer;
      expect(full).not.to.have.property('CompanyName');
      expect(full).not.to.have.property('Notes');
      expect(full.SyncToken).to.equal('1');
    });

    it('answers a stale SyncToken with 400 ValidationFault 5010, and a missing one with 2020', async () => {
      const customer = await newCustomer();
      await api.post('customer', { Id: customer.Id, SyncToken: '0', sparse: true, Notes: 'first' });
      const stale = await api.post('customer', { Id: customer.Id, SyncToken: '0', sparse: true, Notes: 'second' });
      expect(stale.status).to.equal(400);
      expect(stale.json.Fault.type).to.equal('ValidationFault');
      expect(stale.json.Fault.Error[0]).to.include({ code: '5010', Message: 'Stale Object Error' });
      expect((await api.post('customer', { Id: customer.Id, sparse: true, Notes: 'x' })).json.Fault.Error[0].code).to.equal('2020');
    });

    it('deletes a transaction (status Deleted), after which reading it is 610; name lists cannot be deleted', async () => {
      const customer = await newCustomer();
      const invoice = await newInvoice(customer.Id);
      const deleted = await api.post('invoice', { Id: invoice.Id, SyncToken: invoice.SyncToken }, { operation: 'delete' });
      expect(deleted.json.Invoice).to.deep.equal({ domain: 'QBO', status: 'Deleted', Id: invoice.Id });
      const read = await api.get(`invoice/${invoice.Id}`);
      expect(read.status).to.equal(400);
      expect(read.json.Fault.Error[0].code).to.equal('610');
      const refused = await api.post('customer', { Id: customer.Id, SyncToken: customer.SyncToken }, { operation: 'delete' });
      expect(refused.json.Fault.Error[0]).to.include({ code: '500', Message: 'Unsupported Operation' });
    });

    it('voids an invoice: zero amounts, "Voided" in PrivateNote, lines kept', async () => {
      const customer = await newCustomer();
      const invoice = await newInvoice(customer.Id, [line(40, { Qty: 2, UnitPrice: 20 })]);
      const voided = (await api.post('invoice', { Id: invoice.Id, SyncToken: invoice.SyncToken }, { operation: 'void' })).json.Invoice;
      expect(voided).to.include({ TotalAmt: 0, Balance: 0, PrivateNote: 'Voided', SyncToken: '1' });
      expect(voided.Line[0]).to.include({ Amount: 0 });
      expect((await api.post('customer', { Id: customer.Id, SyncToken: customer.SyncToken }, { operation: 'void' })).json.Fault.Error[0].code).to.equal('500');
    });

    it('refuses unknown properties (2010), missing required ones (2020) and inactive references (2500)', async () => {
      const customer = await newCustomer();
      expect((await api.post('customer', { DisplayName: 'Z', Colour: 'red' })).json.Fault.Error[0].code).to.equal('2010');
      expect((await api.post('invoice', { Line: [line(1)] })).json.Fault.Error[0].code).to.equal('2020');
      sim.books(realmId).deactivateCustomer(customer.Id);
      expect((await api.post('invoice', { CustomerRef: { value: customer.Id }, Line: [line(1)] })).json.Fault.Error[0].code).to.equal('2500');
    });
  });
});
