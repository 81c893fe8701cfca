import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { createQbdCompany, qbdCompany, recordQuickBooksFacts } from '../../../../../adapters/qbd/store/qbd-company-store';
import { PartnerApi } from '../../../../support/partner-api';
import { useTestService } from '../../../../support/use-test-service';

const BRACED_GUID = /^\{[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}\}$/;

describe('The QuickBooks company behind a connection (qbd-company-store)', function () {
  this.timeout(30_000);
  const service = useTestService({ LOG_LEVEL: 'warn' });
  const em = () => service.current.service.database.orm.em.fork() as EntityManager;

  /** A connection made through the partner API, which makes its company (createQbdCompany) with it. */
  async function connectionId(companyFilePath?: string): Promise<string> {
    const api = await PartnerApi.createPartner(service.current.url, 'Companies');
    return (await api.call('POST', '/api/connections', { companyName: 'Company Books', companyFilePath })).body.id as string;
  }

  it('makes a company with a braced GUID file id and the company file to open, and no QuickBooks facts yet', async () => {
    const c = await connectionId('  C:\\Books\\Acme Ltd.QBW ');
    const company = await qbdCompany(em(), c);
    expect(company?.file_id).to.match(BRACED_GUID);
    expect(company).to.deep.include({
      connection_id: c,
      company_file_path: 'C:\\Books\\Acme Ltd.QBW',
      product_name: null,
      country: null,
      qbxml_version: null,
      company_name: null,
      company_file_name: null,
      payment_account_id: null,
      deposit_account_id: null,
    });
  });

  it("gives each connection's company a file id of its own, and an empty path when none is given", async () => {
    const [a, b] = [await qbdCompany(em(), await connectionId()), await qbdCompany(em(), await connectionId())];
    expect(a!.file_id).to.not.equal(b!.file_id);
    expect([a!.company_file_path, b!.company_file_path]).to.deep.equal(['', '']);
  });

  it('refuses a second company for a connection and keeps the first', async () => {
    const c = await connectionId('first.QBW');
    const first = await qbdCompany(em(), c);
    const outcome = await createQbdCompany(em(), c, 'second.QBW').then(
      () => 'made',
      () => 'refused',
    );
    expect(outcome).to.equal('refused');
    expect(await qbdCompany(em(), c)).to.deep.equal(first);
  });

  it('reads nothing for a connection it does not know', async () => {
    expect(await qbdCompany(em(), randomUUID())).to.equal(undefined);
  });

  it('records what QuickBooks tells of itself, and keeps a fact it does not tell again', async () => {
    const c = await connectionId();
    await recordQuickBooksFacts(em(), c, {
      product: 'QuickBooks Pro 2024',
      country: 'US',
      version: '16.0',
      companyName: 'Acme Ltd',
      companyFileName: 'C:\\Books\\Acme Ltd.QBW',
    });
    await recordQuickBooksFacts(em(), c, { version: '13.0', companyName: 'Acme Limited' });
    await recordQuickBooksFacts(em(), c, {});
    expect(await qbdCompany(em(), c)).to.deep.include({
      product_name: 'QuickBooks Pro 2024',
      country: 'US',
      qbxml_version: '13.0',
      company_name: 'Acme Limited',
      company_file_name: 'C:\\Books\\Acme Ltd.QBW',
      company_file_path: '',
    });
  });

  it("records facts only when QuickBooks' company file is the connection's (its file id, in any case), else nothing", async () => {
    const c = await connectionId();
    const { file_id: fileId } = (await qbdCompany(em(), c))!;
    expect(await recordQuickBooksFacts(em(), c, { product: 'QuickBooks Pro 2024', fileId: fileId.toLowerCase() })).to.deep.include({
      product_name: 'QuickBooks Pro 2024',
    });
    expect(await recordQuickBooksFacts(em(), c, { product: 'QuickBooks Premier', fileId: `{${randomUUID().toUpperCase()}}` })).to.equal(undefined);
    expect(await qbdCompany(em(), c)).to.deep.include({ product_name: 'QuickBooks Pro 2024' });
  });

  it("records facts on the connection's own company only", async () => {
    const [c, other] = [await connectionId(), await connectionId()];
    await recordQuickBooksFacts(em(), c, { product: 'QuickBooks Enterprise', country: 'CA' });
    expect(await qbdCompany(em(), other)).to.deep.include({ product_name: null, country: null });
  });
});
