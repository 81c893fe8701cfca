import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { QBO_ENDPOINTS, QboEndpoints } from '../../../../../adapters/qbo/qbo-endpoints';
import { replaceQboAccounts, qboAccountsOf } from '../../../../../adapters/qbo/store/qbo-account-store';
import {
  QboTokenSet,
  connectionsOfRealm,
  insertQboConnection,
  qboSettings,
  readTokens,
  saveTokens,
  tokenKeysInUse,
  updateQboAccounts,
} from '../../../../../adapters/qbo/store/qbo-connection-store';
import { createOAuthState, takeOAuthState } from '../../../../../adapters/qbo/store/qbo-oauth-states';
import { keyFingerprint } from '../../../../../adapters/qbo/store/token-cipher';
import { sendSql } from '../../../../../core/store/send-sql';
import { PartnerApi } from '../../../../support/partner-api';
import { useTestService } from '../../../../support/use-test-service';
import { newApp, insertQboConnectionRow, qboEnv, UNREACHABLE_QBO } from '../qbo-test-env';

const tokens = (n: number, now = new Date('2026-12-02T10:00:00Z')): QboTokenSet => ({
  accessToken: `access-${n}-eyJhbGciOi`,
  refreshToken: `AB11-refresh-${n}`,
  accessExpiresAt: new Date(now.getTime() + 3600_000),
  refreshExpiresAt: new Date(now.getTime() + 8_726_400_000),
});

describe('The QuickBooks Online connection store', function () {
  this.timeout(60_000);
  const service = useTestService({ LOG_LEVEL: 'warn', ...qboEnv(UNREACHABLE_QBO, newApp()) });
  const em = () => service.current.service.database.orm.em.fork() as EntityManager;
  const key = () => service.current.service.container.get<QboEndpoints>(QBO_ENDPOINTS).tokenKey;
  let partnerId: string;

  before(async () => {
    const api = await PartnerApi.createPartner(service.current.url, 'Online Store Tests');
    [{ id: partnerId }] = await sendSql<{ id: string }[]>(em(), 'select id from partner where name = ?', ['Online Store Tests']);
    expect(api.apiKey).to.be.a('string');
  });

  it('keeps tokens encrypted under the configured key and reads them back', async () => {
    const id = await insertQboConnectionRow(em(), partnerId);
    await insertQboConnection(em(), key(), id, '9130350000001', tokens(1), new Date());
    const [row] = await sendSql<Record<string, string>[]>(em(), 'select * from qbo_connection where connection_id = ?', [id]);
    expect(JSON.stringify(row)).not.to.contain('access-1').and.not.to.contain('refresh-1');
    expect(row.key_id).to.equal(keyFingerprint(key()));
    expect(await readTokens(em(), key(), id)).to.deep.equal({ realmId: '9130350000001', ...tokens(1) });
  });

  it('replaces them with the latest response, refresh token included', async () => {
    const id = await insertQboConnectionRow(em(), partnerId);
    await insertQboConnection(em(), key(), id, '9130350000002', tokens(1), new Date());
    await saveTokens(em(), key(), id, tokens(2), new Date());
    expect((await readTokens(em(), key(), id))?.refreshToken).to.equal('AB11-refresh-2');
    expect(await readTokens(em(), key(), '00000000-0000-4000-8000-000000000000')).to.equal(undefined);
  });

  it('finds the connections of a realm, and forgets them with the connection', async () => {
    const [a, b] = [await insertQboConnectionRow(em(), partnerId), await insertQboConnectionRow(em(), partnerId)];
    await insertQboConnection(em(), key(), a, '9130350000003', tokens(1), new Date('2026-12-01T00:00:00Z'));
    await insertQboConnection(em(), key(), b, '9130350000003', tokens(1), new Date('2026-12-02T00:00:00Z'));
    expect(await connectionsOfRealm(em(), '9130350000003')).to.deep.equal([a, b]);
    await sendSql(em(), 'delete from connection where id = ?', [a]);
    expect(await connectionsOfRealm(em(), '9130350000003')).to.deep.equal([b]);
    expect(await connectionsOfRealm(em(), 'no-such-realm')).to.deep.equal([]);
  });

  it('counts the connections each key sealed', async () => {
    const inUse = await tokenKeysInUse(em());
    expect([...inUse.keys()]).to.deep.equal([keyFingerprint(key())]);
    expect(inUse.get(keyFingerprint(key()))).to.be.greaterThan(0);
  });

  it('changes one account setting without touching the other', async () => {
    const id = await insertQboConnectionRow(em(), partnerId);
    await insertQboConnection(em(), key(), id, '9130350000004', tokens(1), new Date());
    expect(await qboSettings(em(), id)).to.deep.equal({ realmId: '9130350000004', paymentAccountId: null, depositAccountId: null });
    await updateQboAccounts(em(), id, { paymentAccountId: '4' }, new Date());
    await updateQboAccounts(em(), id, { depositAccountId: '35' }, new Date());
    expect(await qboSettings(em(), id)).to.deep.equal({ realmId: '9130350000004', paymentAccountId: '4', depositAccountId: '35' });
  });

  it('replaces the cached chart of accounts whole', async () => {
    const id = await insertQboConnectionRow(em(), partnerId);
    const funds = {
      id: '4',
      name: 'Undeposited Funds',
      full_name: 'Undeposited Funds',
      account_type: 'Other Current Asset',
      account_sub_type: 'UndepositedFunds',
      is_active: true,
    };
    const bank = { id: '35', name: 'Checking', full_name: 'Checking', account_type: 'Bank', account_sub_type: 'Checking', is_active: true };
    await replaceQboAccounts(em(), id, [funds, bank]);
    expect(await qboAccountsOf(em(), id)).to.deep.equal([bank, funds]);
    await replaceQboAccounts(em(), id, [funds]);
    expect(await qboAccountsOf(em(), id)).to.deep.equal([funds]);
  });

  it('replaces the chart of accounts from two transactions at once (the first sync and the dashboard): both succeed, one chart stays', async function () {
    // The embedded database has one connection: its transactions cannot overlap.
    if (!process.env.DATABASE_URL) this.skip();
    const id = await insertQboConnectionRow(em(), partnerId);
    const bank = (n: string) => ({ id: n, name: `Bank ${n}`, full_name: `Bank ${n}`, account_type: 'Bank', account_sub_type: 'Checking', is_active: true });
    let second: Promise<void> | undefined;
    await em().transactional(async (tx) => {
      await replaceQboAccounts(tx as EntityManager, id, [bank('1'), bank('2')]);
      second = em().transactional((other) => replaceQboAccounts(other as EntityManager, id, [bank('2'), bank('3')]));
      // The second waits on the first's rows before the first commits.
      while ((await sendSql<unknown[]>(em(), `select 1 from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`)).length === 0)
        await new Promise((r) => setTimeout(r, 20));
    });
    await second;
    expect((await qboAccountsOf(em(), id)).map((a) => a.id)).to.deep.equal(['2', '3']);
  });

  it('spends an OAuth state once, and not after it expired', async () => {
    const now = new Date();
    const state = await createOAuthState(em(), partnerId, now);
    expect(await takeOAuthState(em(), state, now)).to.equal(partnerId);
    expect(await takeOAuthState(em(), state, now)).to.equal(undefined);
    const late = await createOAuthState(em(), partnerId, now);
    expect(await takeOAuthState(em(), late, new Date(now.getTime() + 16 * 60_000))).to.equal(undefined);
    expect(await takeOAuthState(em(), 'made-up', now)).to.equal(undefined);
  });
});
