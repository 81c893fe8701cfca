import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import type { AppError } from '../../../../core/errors/app-error';
import type { ConnectionSyncJobs } from '../../../../core/jobs/connection-sync-jobs';
import { TOKENS } from '../../../../core/runtime/tokens';
import { sendSql } from '../../../../core/store/send-sql';
import { PartnerApi } from '../../../support/partner-api';
import { GOOD_DEFAULTS, writeConfigDir } from '../../../support/test-config-dir';
import { useTestService } from '../../../support/use-test-service';

describe('The service with no ServerDrivenSync bound (Web Connector only)', function () {
  this.timeout(30_000);
  // Only the Web Connector's plugin: the shipped defaults add QuickBooks Online, which syncs server-side.
  const service = useTestService({ LOG_LEVEL: 'warn', CONFIG_DIR: writeConfigDir({ 'defaults.json': GOOD_DEFAULTS }) });
  const em = () => service.current.service.database.orm.em.fork() as unknown as EntityManager;

  it('makes no sync queue: the job engine runs webhook deliveries only', async () => {
    const rows = await sendSql<{ name: string }[]>(em(), `select name from pgboss.queue where name not like '%pgboss%' order by name`);
    expect(rows.map((r) => r.name)).to.deep.equal(['webhook-retention', 'webhook-stream']);
  });

  it('refuses a sync request, as no system is synced by the server', async () => {
    const api = await PartnerApi.createPartner(service.current.url, 'Desktop only');
    const id = (await api.call('POST', '/api/connections', { companyName: 'Desk Books' })).body.id as string;
    const jobs = service.current.service.container.get<ConnectionSyncJobs>(TOKENS.ConnectionSyncJobs);
    const error = await jobs.request(id, 'sync-now').then(
      () => undefined,
      (e: AppError) => e,
    );
    expect(error?.kind).to.equal('invalid');
  });
});
