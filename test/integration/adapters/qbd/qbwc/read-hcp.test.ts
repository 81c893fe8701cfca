import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { readHostCompanyPreferences } from '../../../../../adapters/qbd/qbwc/read-hcp';
import { OWNER_ID } from '../../../../../adapters/qbd/qbwc/qwc-file';
import { qbdCompany, quickBooksFactsOf } from '../../../../../adapters/qbd/store/qbd-company-store';
import type { SessionRow } from '../../../../../adapters/qbd/store/session-store';
import { QUICKBOOKS_2014, hcpResponse } from '../../../../simulators/qbd/company-info';
import { generateCompany } from '../../../../simulators/qbd/company-generator';
import { PartnerApi } from '../../../../support/partner-api';
import { useTestService } from '../../../../support/use-test-service';
import { countStatements } from '../../../store/count-statements';

describe("A session's first call: what QuickBooks tells of itself (read-hcp)", function () {
  this.timeout(30_000);
  const service = useTestService({ LOG_LEVEL: 'warn' });
  const em = () => service.current.service.database.orm.em.fork() as EntityManager;
  const quickBooks = generateCompany({ seed: 3, customers: 1, invoices: 0, years: 1, now: new Date('2026-12-01T12:00:00Z') });

  async function connectionId(): Promise<string> {
    const api = await PartnerApi.createPartner(service.current.url, 'Facts');
    return (await api.call('POST', '/api/connections', { companyName: 'Facts Books' })).body.id as string;
  }

  /** A session as authenticate plans it: with what the connection knew of its company then. */
  async function sessionOf(connection: string): Promise<SessionRow> {
    const company = await qbdCompany(em(), connection);
    return { connection_id: connection, plan: { steps: [], fullSync: false, company: quickBooksFactsOf(company!) } } as unknown as SessionRow;
  }

  const hcp = (fileId: string, host = QUICKBOOKS_2014) => ({
    strHCPResponse: hcpResponse(quickBooks, host, new Map([[OWNER_ID, new Map([['FileID', fileId]])]])),
    strCompanyFileName: 'C:\\Books\\Facts.QBW',
    qbXMLCountry: 'US',
    qbXMLMajorVers: 13,
    qbXMLMinorVers: 0,
  });

  async function read(session: SessionRow, input: ReturnType<typeof hcp>): Promise<{ statements: string[]; error?: Error }> {
    const reader = em();
    const statements = countStatements(reader);
    try {
      await readHostCompanyPreferences(reader, session, input);
      return { statements: statements.sent };
    } catch (error) {
      return { statements: statements.sent, error: error as Error };
    } finally {
      statements.stop();
    }
  }

  it('records the facts the first time, and writes nothing when a later session hears the same', async () => {
    const c = await connectionId();
    const fileId = (await qbdCompany(em(), c))!.file_id;
    const first = await read(await sessionOf(c), hcp(fileId));
    expect(first.statements).to.have.length(1);
    expect(await qbdCompany(em(), c)).to.include({
      product_name: QUICKBOOKS_2014.productName,
      country: 'US',
      qbxml_version: '13.0',
      company_file_name: 'C:\\Books\\Facts.QBW',
    });
    const again = await read(await sessionOf(c), hcp(fileId.toLowerCase()));
    expect(again, 'the same facts, the file id in another case').to.deep.equal({ statements: [] });
  });

  it('records what changed (QuickBooks upgraded) in the statement that checks the file', async () => {
    const c = await connectionId();
    const fileId = (await qbdCompany(em(), c))!.file_id;
    await read(await sessionOf(c), hcp(fileId));
    const upgraded = await read(await sessionOf(c), hcp(fileId, { ...QUICKBOOKS_2014, productName: 'QuickBooks Pro 2024' }));
    expect(upgraded.statements).to.have.length(1);
    expect((await qbdCompany(em(), c))?.product_name).to.equal('QuickBooks Pro 2024');
  });

  it("refuses another connection's company file even when every other fact is as known", async () => {
    const c = await connectionId();
    const fileId = (await qbdCompany(em(), c))!.file_id;
    await read(await sessionOf(c), hcp(fileId));
    const other = (await qbdCompany(em(), await connectionId()))!.file_id;
    const refused = await read(await sessionOf(c), hcp(other));
    expect(refused.error?.message).to.match(/different company file/);
    expect(refused.statements).to.have.length(1);
  });
});
