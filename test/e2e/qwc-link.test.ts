import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readQwc } from '../simulators/qbwc/qwc-reader';
import { PartnerApi } from '../support/partner-api';
import { useTestService } from '../support/use-test-service';

/** Every row of every table of ours, as text: where a leaked secret would show. */
async function everyRow(service: ReturnType<typeof useTestService>['current']): Promise<string> {
  const db = service.service.database.orm.em.fork().getConnection();
  const tables = (await db.execute(`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`)) as {
    table_name: string;
  }[];
  expect(tables.map((t) => t.table_name)).to.include('qbwc_install');
  const dumps = await Promise.all(tables.map(async (t) => JSON.stringify(await db.execute(`select * from "${t.table_name}"`))));
  return dumps.join('\n');
}

describe('QWC download links: kept hashed, never logged', function () {
  this.timeout(60_000);
  const service = useTestService();

  it('serves the QWC file by its link while the database holds only the hash of its token and the log names no token', async () => {
    const api = await PartnerApi.createPartner(service.current.url);
    const logsBefore = service.current.logs.length;
    const connection = (await api.call('POST', '/api/connections', { companyName: 'Hashed Links Ltd' })).body;
    const link = new URL(connection.install.qwcUrl);
    const token = link.pathname.split('/').pop()!;
    expect(token).to.match(/^[0-9a-f]{48}$/);

    const res = await fetch(link);
    expect(res.status).to.equal(200);
    expect(readQwc(await res.text()).fields.UserName).to.equal(connection.install.username);
    const unknown = 'ab'.repeat(24);
    expect((await fetch(`${service.current.url}/qwc/${unknown}`)).status).to.equal(404);

    const lines = service.current.logs.slice(logsBefore);
    const downloads = lines.filter((l) => l.msg === 'request' && String(l.path).startsWith('/qwc/'));
    expect(downloads.map((l) => [l.path, l.status])).to.deep.equal([
      ['/qwc/:token', 200],
      ['/qwc/:token', 404],
    ]);
    const logged = JSON.stringify(lines);
    expect(logged).not.to.include(token);
    expect(logged).not.to.include(unknown);

    const stored = await everyRow(service.current);
    expect(stored).not.to.include(token);
    expect(stored).to.include(createHash('sha256').update(token).digest('hex'));
  });
});
