import { expect } from 'chai';
import { CustomerRecord } from '../../../../adapters/qbd/qbxml/records/customer-record';
import { buildHostQuery } from '../../../../adapters/qbd/qbxml/requests/company-queries';
import { buildAccountQuery, buildCustomerQuery } from '../../../../adapters/qbd/qbxml/requests/list-queries';
import { buildCustomerAdd } from '../../../../adapters/qbd/qbxml/requests/write-requests';
import { QbHresultError, QuickBooksSimulator } from '../../../simulators/qbd/quickbooks-simulator';
import { oneInvoice as setup } from './one-invoice';
import { ask, newCompany } from './sim-harness';

describe('The QuickBooks company simulator', () => {
  describe('the message set', () => {
    it('with stopOnError leaves out the requests after a failure; with continueOnError answers them all', async () => {
      const { sim } = setup();
      const requests = () => [buildCustomerAdd({ requestId: 'dup', name: 'Smith & Sons' }), buildHostQuery({ requestId: 'host' })];
      expect((await ask(sim, requests(), 'stopOnError')).statuses.map((s) => s.requestId)).to.deep.equal(['dup']);
      expect((await ask(sim, requests(), 'continueOnError')).statuses.map((s) => s.requestId)).to.deep.equal(['dup', 'host']);
    });

    it('fails the whole set with 0x80040400 for unparsable XML, a missing or too new qbxml version, or a schema error', async () => {
      const { sim, company } = setup();
      const fails = async (xml: string, s = sim) => {
        try {
          await s.process(xml);
        } catch (error) {
          return (error as QbHresultError).hresult;
        }
        return 'answered';
      };
      const body = '<QBXML><QBXMLMsgsRq onError="stopOnError"><HostQueryRq/></QBXMLMsgsRq></QBXML>';
      expect(await fails('<QBXML><oops')).to.equal('0x80040400');
      expect(await fails(`<?xml version="1.0"?>${body}`)).to.equal('0x80040400');
      expect(await fails(`<?xml version="1.0"?><?qbxml version="14.0"?>${body}`)).to.equal('0x80040400');
      expect(await fails(`<?xml version="1.0"?><?qbxml version="13.0"?>${body}`)).to.equal('answered');
      const strict = new QuickBooksSimulator(company, { validate: async (xml) => (xml.includes('<Bogus') ? ['Element Bogus is not expected'] : []) });
      expect(
        await fails(
          `<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"><HostQueryRq><Bogus/></HostQueryRq></QBXMLMsgsRq></QBXML>`,
          strict,
        ),
      ).to.equal('0x80040400');
    });

    it("writes answers with QuickBooks' quirks: its header, one element per line, local offsets without Z", async () => {
      const { sim } = setup();
      const { xml } = await ask(sim, [buildAccountQuery({ requestId: 'a' })]);
      expect(xml.startsWith('<?xml version="1.0" ?>\n<QBXML>\n<QBXMLMsgsRs>\n')).to.equal(true);
      expect(xml.split('\n').every((line) => line === '' || /^<[^<]*>([^<]*<\/[^>]+>)?$/.test(line))).to.equal(true);
      expect(xml).to.match(/<TimeCreated>2026-11-02T09:00:00-06:00<\/TimeCreated>/);
      expect(xml).not.to.match(/T\d\d:\d\d:\d\dZ/);
    });
  });

  describe('faults on demand', () => {
    it('answers lock errors for the next writes, then works again', async () => {
      const { sim } = setup();
      sim.misbehaviour.lockNextWrites = 1;
      const locked = await ask(sim, [buildCustomerAdd({ requestId: 'a', name: 'Locked Out' })]);
      expect(locked.statuses[0].statusCode).to.equal(3180);
      expect(locked.statuses[0].meaning.retry).to.equal('next-session');
      expect((await ask(sim, [buildCustomerAdd({ requestId: 'b', name: 'Locked Out' })])).statuses[0].statusCode).to.equal(0);
    });

    it('cuts an answer in half, which the reader reports as truncated', async () => {
      const { sim } = setup();
      sim.misbehaviour.truncateNextAnswer = true;
      let message = '';
      await ask(sim, [buildAccountQuery({ requestId: 'a' })]).catch((e: Error) => (message = e.message));
      expect(message).to.match(/truncated|not readable/);
    });

    it('waits before answering when told to be slow', async () => {
      const { sim } = setup();
      sim.misbehaviour.delayMs = 120;
      const started = Date.now();
      await ask(sim, [buildHostQuery({ requestId: 'h' })]);
      expect(Date.now() - started).to.be.at.least(100);
    });

    it('reproduces the daylight-saving offset bug: right wall time, standard offset', async () => {
      const summer = newCompany('2026-07-01T15:00:00Z');
      summer.company.addCustomer({ name: 'Summer' });
      const honest = (await ask(summer.sim, [buildCustomerQuery({ requestId: 'c' })])).records[0] as CustomerRecord;
      expect(honest.timeCreated).to.equal('2026-07-01T10:00:00-05:00');
      summer.clock.dstBug = true;
      const buggy = (await ask(summer.sim, [buildCustomerQuery({ requestId: 'c' })])).records[0] as CustomerRecord;
      expect(buggy.timeCreated).to.equal('2026-07-01T10:00:00-06:00');
    });
  });
});
