import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { QBO_ENDPOINTS, QboEndpoints } from '../../../../../adapters/qbo/qbo-endpoints';
import { insertQboConnection, readTokens } from '../../../../../adapters/qbo/store/qbo-connection-store';
import { AppError } from '../../../../../core/errors/app-error';
import { startService } from '../../../../../core/runtime/service';
import { sendSql } from '../../../../../core/store/send-sql';
import { FreshServiceData, freshServiceData } from '../../../../support/migrated-database-template';
import { insertQboConnectionRow, newApp, newTokenKey, qboConfigDir, qboEnv, UNREACHABLE_QBO } from '../qbo-test-env';

describe('QuickBooks Online at start-up', function () {
  this.timeout(90_000);
  // A service's data as after an earlier start (every migration applied): these tests are of what
  // a start checks, not of a first start, which initdb and the migrations make seconds longer.
  let data: FreshServiceData;
  const app = newApp();

  before(async () => {
    data = await freshServiceData('qbo-boot-');
  });
  after(async () => {
    await data.remove();
  });

  const start = (env: NodeJS.ProcessEnv) =>
    startService({ env: { PORT: '0', DATA_DIR: data.dataDir, DATABASE_URL: data.databaseUrl, LOG_LEVEL: 'error', ...env }, logSink: () => undefined });

  async function refusal(env: NodeJS.ProcessEnv): Promise<AppError> {
    try {
      const running = await start(env);
      await running.stop();
    } catch (error) {
      return AppError.from(error);
    }
    throw new Error('the service started');
  }

  it('refuses a partial set of QBO_* variables in one message that names each missing one and no value', async () => {
    const { CONFIG_DIR, QBO_CLIENT_ID } = qboEnv(UNREACHABLE_QBO, app);
    const error = await refusal({ CONFIG_DIR, QBO_CLIENT_ID, QBO_WEBHOOK_VERIFIER_TOKEN: 'verifier-secret-value' });
    expect(error.kind).to.equal('invalid');
    expect(error.problems.map((p) => p.at)).to.deep.equal(['environment: QBO_CLIENT_SECRET', 'environment: QBO_TOKEN_KEY']);
    expect(error.userMessage).not.to.contain('verifier-secret-value');
  });

  it('refuses to start when connections were stored with another token key, and starts again with the right one', async () => {
    const first = newTokenKey();
    const running = await start(qboEnv(UNREACHABLE_QBO, app, first));
    try {
      const em = running.database.orm.em.fork() as EntityManager;
      await sendSql(em, `insert into partner (id, name, api_key_hash) values ('6f1e0a52-8a3c-4c55-9d1b-3f8c2a7e4b10', 'Boot', 'hash-boot')`);
      const id = await insertQboConnectionRow(em, '6f1e0a52-8a3c-4c55-9d1b-3f8c2a7e4b10');
      const tokens = { accessToken: 'a', refreshToken: 'r', accessExpiresAt: new Date(), refreshExpiresAt: null };
      await insertQboConnection(em, running.container.get<QboEndpoints>(QBO_ENDPOINTS).tokenKey, id, '4620816365000000001', tokens, new Date());
    } finally {
      await running.stop();
    }
    const other = newTokenKey();
    const error = await refusal(qboEnv(UNREACHABLE_QBO, app, other));
    expect(error.problems).to.have.length(1);
    expect(error.problems[0].at).to.equal('environment: QBO_TOKEN_KEY');
    expect(error.problems[0].message).to.contain('1 QuickBooks Online connection was stored with another token key');
    expect(error.userMessage).not.to.contain(other).and.not.to.contain(first);
    const again = await start(qboEnv(UNREACHABLE_QBO, app, first));
    await again.stop();
    const simulated = await refusal({ CONFIG_DIR: qboConfigDir() });
    expect(simulated.problems[0].message).to.contain('set QBO_CLIENT_ID, QBO_CLIENT_SECRET and QBO_TOKEN_KEY');
  });

  it('in simulated mode keeps its generated token key in DATA_DIR, so a restart opens the tokens stored before', async () => {
    const own = await freshServiceData('qbo-simulated-');
    const run = () =>
      startService({
        env: { PORT: '0', DATA_DIR: own.dataDir, DATABASE_URL: own.databaseUrl, LOG_LEVEL: 'error', CONFIG_DIR: qboConfigDir() },
        logSink: () => undefined,
      });
    try {
      const first = await run();
      const em = first.database.orm.em.fork() as EntityManager;
      const endpoints = first.container.get<QboEndpoints>(QBO_ENDPOINTS);
      expect(endpoints.simulated).to.equal(true);
      await sendSql(em, `insert into partner (id, name, api_key_hash) values ('0b5e6a52-8a3c-4c55-9d1b-3f8c2a7e4b11', 'Sim', 'hash-sim')`);
      const id = await insertQboConnectionRow(em, '0b5e6a52-8a3c-4c55-9d1b-3f8c2a7e4b11');
      const tokens = { accessToken: 'sim-access', refreshToken: 'sim-refresh', accessExpiresAt: new Date('2026-12-02T12:00:00Z'), refreshExpiresAt: null };
      await insertQboConnection(em, endpoints.tokenKey, id, '1', tokens, new Date());
      await first.stop();
      const second = await run();
      try {
        const key = second.container.get<QboEndpoints>(QBO_ENDPOINTS).tokenKey;
        expect(await readTokens(second.database.orm.em.fork() as EntityManager, key, id)).to.deep.include({
          accessToken: 'sim-access',
          refreshToken: 'sim-refresh',
        });
      } finally {
        await second.stop();
      }
    } finally {
      await own.remove();
    }
  });
});
