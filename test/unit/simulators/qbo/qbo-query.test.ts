import { expect } from 'chai';
import { QboSimulator } from '../../../simulators/qbo/qbo-simulator';
import { Api, simWithCompany } from './qbo-harness';

describe('The QuickBooks Online simulator', () => {
  describe('the query endpoint', () => {
    let sim: QboSimulator;
    let api: Api;
    let realmId: string;
    before(async () => {
      ({ sim, api, realmId } = await simWithCompany({ customers: 0 }));
      const books = sim.books(realmId);
      for (let i = 1; i <= 12; i++) {
        sim.clock.advance(60_000);
        const customer = books.addCustomer({ displayName: `Person ${String(i).padStart(2, '0')}` });
        books.addInvoice({ customerId: String(customer.Id), lines: [{ amount: `${i}.50` }], txnDate: `2026-11-${String(i).padStart(2, '0')}` });
      }
      books.deactivateCustomer(String(books.all('Customer')[0].Id));
    });
    after(() => sim.stop());

    it('pages with 1-based STARTPOSITION and MAXRESULTS; maxResults counts the page; past the end is an empty QueryResponse', async () => {
      const first = await api.query('SELECT * FROM Invoice ORDERBY Id STARTPOSITION 1 MAXRESULTS 5');
      expect(first.json.QueryResponse.startPosition).to.equal(1);
      expect(first.json.QueryResponse.maxResults).to.equal(5);
      const last = await api.query('select * from Invoice orderby Id startposition 11 maxresults 5');
      expect(last.json.QueryResponse.Invoice).to.have.length(2);
      expect(last.json.QueryResponse.maxResults).to.equal(2);
      const past = await api.query('SELECT * FROM Invoice STARTPOSITION 13 MAXRESULTS 5');
      expect(past.status).to.equal(200);
      expect(past.json.QueryResponse).to.deep.equal({});
      expect(past.json.time).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}-08:00$/);
    });

    it('defaults to 100 rows and refuses MAXRESULTS over 1000', async () => {
      expect((await api.query('SELECT * FROM Invoice')).json.QueryResponse.maxResults).to.equal(12);
      const over = await api.query('SELECT * FROM Invoice MAXRESULTS 1500');
      expect(over.status).to.equal(400);
      expect(over.json.Fault.Error[0].Detail).to.equal('QueryValidationError: value 1500 is too large. Max allowed value is 1000');
    });

    it('counts with COUNT(*) into totalCount', async () => {
      expect((await api.query("SELECT COUNT(*) FROM Invoice WHERE TxnDate >= '2026-11-06'")).json.QueryResponse).to.deep.equal({ totalCount: 7 });
    });

    it('filters with =, <, >, <=, >=, IN and LIKE joined by AND, and sorts with ORDERBY … DESC', async () => {
      const rows = (statement: string) => api.query(statement).then((r) => (r.json.QueryResponse.Invoice ?? []) as { DocNumber: string; TxnDate: string }[]);
      expect((await rows("SELECT * FROM Invoice WHERE TxnDate > '2026-11-03' AND TxnDate <= '2026-11-05'")).map((i) => i.TxnDate)).to.deep.equal([
        '2026-11-04',
        '2026-11-05',
      ]);
      expect((await rows("SELECT * FROM Invoice WHERE DocNumber IN ('1001', '1003')")).map((i) => i.DocNumber)).to.deep.equal(['1001', '1003']);
      expect((await rows("SELECT * FROM Invoice WHERE DocNumber LIKE '101%' ORDERBY DocNumber DESC")).map((i) => i.DocNumber)).to.deep.equal([
        '1012',
        '1011',
        '1010',
      ]);
      const customers = (await api.query("SELECT * FROM Customer WHERE DisplayName LIKE '%0_'")).json.QueryResponse.Customer as unknown[];
      expect(customers).to.equal(undefined);
      const firstInvoice = (await rows('SELECT * FROM Invoice ORDERBY Id MAXRESULTS 1'))[0] as unknown as { CustomerRef: { value: string } };
      expect(await rows(`SELECT * FROM Invoice WHERE CustomerRef = '${firstInvoice.CustomerRef.value}'`)).to.have.length(1);
    });

    it('compares MetaData.LastUpdatedTime as instants, whatever the offset written', async () => {
      const all = (await api.query('SELECT * FROM Invoice ORDERBY MetaData.LastUpdatedTime MAXRESULTS 1000')).json.QueryResponse.Invoice as {
        MetaData: { LastUpdatedTime: string };
      }[];
      const pivot = all[6].MetaData.LastUpdatedTime;
      const utc = new Date(pivot).toISOString().replace('.000Z', 'Z');
      const viaPacific = await api.query(`SELECT COUNT(*) FROM Invoice WHERE MetaData.LastUpdatedTime >= '${pivot}'`);
      const viaUtc = await api.query(`SELECT COUNT(*) FROM Invoice WHERE MetaData.LastUpdatedTime >= '${utc}'`);
      expect(viaPacific.json.QueryResponse.totalCount).to.equal(6);
      expect(viaUtc.json.QueryResponse.totalCount).to.equal(6);
    });

    it('hides inactive customers unless the statement names Active', async () => {
      expect((await api.query('SELECT COUNT(*) FROM Customer')).json.QueryResponse.totalCount).to.equal(11);
      expect((await api.query('SELECT COUNT(*) FROM Customer WHERE Active = false')).json.QueryResponse.totalCount).to.equal(1);
      expect((await api.query('SELECT COUNT(*) FROM Customer WHERE Active IN (true, false)')).json.QueryResponse.totalCount).to.equal(12);
    });

    it('lists accounts by AccountType, Undeposited Funds as Id "4"', async () => {
      const udf = (await api.query("SELECT * FROM Account WHERE AccountType = 'Other Current Asset'")).json.QueryResponse.Account;
      expect(udf.map((a: { Id: string; Name: string }) => [a.Id, a.Name])).to.deep.equal([['4', 'Undeposited Funds']]);
      const banks = (await api.query("SELECT * FROM Account WHERE AccountType = 'Bank'")).json.QueryResponse.Account;
      expect(banks.length).to.be.greaterThan(0);
    });

    it('answers syntax errors with 4000 QueryParserError and unqueryable properties with 4001', async () => {
      for (const bad of [
        'SELECT * FROM Invoice WHERE',
        "SELECT * FROM Invoice WHERE Id = '1' OR Id = '2'",
        'SELECT * FROM Invoice, Customer',
        'DELETE FROM Invoice',
      ]) {
        const answer = await api.query(bad);
        expect(answer.status, bad).to.equal(400);
        expect(answer.json.Fault.Error[0].code, bad).to.equal('4000');
        expect(answer.json.Fault.Error[0].Detail, bad).to.match(/^QueryParserError/);
      }
      const note = await api.query("SELECT * FROM Invoice WHERE PrivateNote = 'x'");
      expect(note.json.Fault.Error[0].code).to.equal('4001');
    });

    it('POSTs long statements as an application/text body', async () => {
      const res = await fetch(`${sim.url}/v3/company/${realmId}/query?minorversion=75`, {
        method: 'POST',
        headers: { authorization: `Bearer ${api.accessToken}`, 'content-type': 'application/text', accept: 'application/json' },
        body: 'SELECT COUNT(*) FROM Invoice',
      });
      expect(((await res.json()) as { QueryResponse: unknown }).QueryResponse).to.deep.equal({ totalCount: 12 });
    });
  });
});
