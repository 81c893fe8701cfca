import type { EntityManager } from '@mikro-orm/postgresql';
import type { SyncRequests } from '../../../../../adapters/qbo/auth/sync-requests';
import { SYNC_REQUESTS } from '../../../../../adapters/qbo/auth/sync-requests';
import { QBO_CLIENT_OPTIONS } from '../../../../../adapters/qbo/client/qbo-clients';
import { QboSyncRunner } from '../../../../../adapters/qbo/sync/qbo-sync-runner';
import { sendSql } from '../../../../../core/store/send-sql';
import { type QboSimulator, startQboSimulator } from '../../../../simulators/qbo/qbo-simulator';
import { PartnerApi } from '../../../../support/partner-api';
import { type TestService, startTestService } from '../../../../support/test-service';
import { newApp, qboEnv } from '../qbo-test-env';

/** Where the browser ends up after a step: a 302's Location, resolved. */
async function follow(url: string, init: RequestInit = {}): Promise<URL> {
  const res = await fetch(url, { ...init, redirect: 'manual' });
  await res.arrayBuffer();
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`${url} answered ${res.status}, not a redirect`);
  return new URL(location, url);
}

/** Connects QuickBooks Online as a partner's browser would: the service's authorize URL, Connect on the simulator's page, the callback. */
async function connect(api: PartnerApi): Promise<void> {
  const started = await api.call('POST', '/api/connections/qbo');
  if (started.status !== 201) throw new Error(`POST /api/connections/qbo answered ${started.status}`);
  const authorize = new URL(started.body.authorizeUrl as string);
  const page = await (await fetch(authorize)).text();
  const realmId = /name="realmId" value="([^"]+)"/.exec(page)?.[1];
  if (!realmId) throw new Error('the consent page did not offer a company');
  const form = new URLSearchParams(authorize.searchParams);
  form.set('realmId', realmId);
  form.set('decision', 'connect');
  const callback = await follow(`${authorize.origin}${authorize.pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  await follow(callback.toString());
}

/** The syncs the webhook route asked for, when no job engine is bound in this branch's service. */
export class RequestedSyncs implements SyncRequests {
  readonly requested: { connectionId: string; reason: string }[] = [];
  async request(connectionId: string, reason: 'sync-now' | 'notification' | 'interval'): Promise<void> {
    this.requested.push({ connectionId, reason });
  }
}

export interface QboSyncEnv {
  readonly sim: QboSimulator;
  readonly service: TestService;
  readonly api: PartnerApi;
  readonly realmId: string;
  readonly connectionId: string;
  readonly app: ReturnType<typeof newApp>;
  readonly syncs: RequestedSyncs | undefined;
  db(): EntityManager;
  /** One sync of the connection, as the job engine runs it. */
  sync(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A running service connected to a simulated QuickBooks Online company through the real connect
 * flow, with short client backoffs (the throttle tests would otherwise wait seconds per try).
 */
export async function qboSyncEnv(company: { seed: number; customers: number; invoices: number; monthsOfHistory?: number }): Promise<QboSyncEnv> {
  const app = newApp();
  const sim = await startQboSimulator(app);
  const realmId = sim.createCompany(company);
  sim.nextAuthorizedRealm = realmId;
  const service = await startTestService({ ...qboEnv(sim, app), LOG_LEVEL: 'warn' });
  const container = service.service.container;
  container.bind(QBO_CLIENT_OPTIONS).toConstantValue({ backoffMs: [1, 1] });
  const syncs = container.isBound(SYNC_REQUESTS) ? undefined : new RequestedSyncs();
  if (syncs) container.bind(SYNC_REQUESTS).toConstantValue(syncs);
  const api = await PartnerApi.createPartner(service.url);
  await connect(api);
  const db = () => service.service.database.orm.em.fork() as EntityManager;
  const [row] = await sendSql<{ id: string }[]>(db(), `select id from connection where system = 'qbo'`);
  const runner = container.get(QboSyncRunner);
  return {
    sim,
    service,
    api,
    realmId,
    connectionId: row.id,
    app,
    syncs,
    db,
    sync: () => runner.sync({ connectionId: row.id, reason: 'sync-now', signal: new AbortController().signal }),
    async stop() {
      await service.stop();
      await sim.stop();
    },
  };
}
