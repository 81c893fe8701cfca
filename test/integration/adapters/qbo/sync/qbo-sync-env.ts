import type { EntityManager } from '@mikro-orm/postgresql';
import type { SyncRequests } from '../../../../../adapters/qbo/auth/sync-requests';
import { QboTokens } from '../../../../../adapters/qbo/auth/qbo-tokens';
import { QboClients } from '../../../../../adapters/qbo/client/qbo-clients';
import { QBO_ENDPOINTS, QboEndpoints } from '../../../../../adapters/qbo/qbo-endpoints';
import { QboSyncRunner } from '../../../../../adapters/qbo/sync/qbo-sync-runner';
import type { SyncJobEngine } from '../../../../../core/jobs/sync-job-engine';
import { TOKENS } from '../../../../../core/runtime/tokens';
import { sendSql } from '../../../../../core/store/send-sql';
import { type QboSimulator, startQboSimulator } from '../../../../simulators/qbo/qbo-simulator';
import { PartnerApi } from '../../../../support/partner-api';
import { type TestService, startTestService } from '../../../../support/test-service';
import { newApp, qboEnv } from '../qbo-test-env';
import { connectThroughSimulator } from '../qbo-connect-flow';

/** The syncs the webhook route asked for: the route's part ends at asking. */
export class RequestedSyncs implements SyncRequests {
  readonly requested: { connectionId: string; reason: string }[] = [];
  async request(connectionId: string, reason: 'sync-now' | 'notification' | 'interval'): Promise<void> {
    this.requested.push({ connectionId, reason });
  }
}

/** A running service in real mode against a QuickBooks Online simulator, with a partner, ready to connect companies. */
export interface QboService {
  readonly sim: QboSimulator;
  readonly service: TestService;
  readonly api: PartnerApi;
  readonly app: ReturnType<typeof newApp>;
  /** The clients the tests' syncs use (short backoffs). */
  readonly clients: QboClients;
  db(): EntityManager;
  /** A new simulated company, connected through the real connect flow. */
  connectCompany(company: { seed: number; customers: number; invoices: number; monthsOfHistory?: number }): Promise<{ realmId: string; connectionId: string }>;
  /** One sync of the connection, as the job engine runs it. */
  sync(connectionId: string, signal?: AbortSignal): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the simulator and a service that talks to it as if it were Intuit. The service's job
 * engine is stopped: these tests run each sync themselves, one at a time, with a runner whose
 * client backs off for a millisecond (the throttle tests would otherwise wait seconds per try).
 * How the engine schedules, coalesces and retries syncs is the engine's own tests' business.
 */
export async function startQboService(): Promise<QboService> {
  const app = newApp();
  const sim = await startQboSimulator(app);
  const service = await startTestService({ ...qboEnv(sim, app), LOG_LEVEL: 'warn' });
  const container = service.service.container;
  const engine = container.get<SyncJobEngine>(TOKENS.ConnectionSyncJobs);
  await engine.stop();
  const clients = new QboClients(container.get(QboTokens), container.get<QboEndpoints>(QBO_ENDPOINTS), { backoffMs: [1, 1] });
  const runner = new QboSyncRunner(
    service.service.database,
    container.get(TOKENS.Clock),
    container.get(TOKENS.FrameworkRegistry),
    container.get(TOKENS.AppConfig),
    container.get(TOKENS.SyncSettingsSource),
    container.get(TOKENS.ServiceMetrics),
    clients,
  );
  const api = await PartnerApi.createPartner(service.url);
  const db = () => service.service.database.orm.em.fork() as EntityManager;
  return {
    sim,
    service,
    api,
    app,
    clients,
    db,
    async connectCompany(company) {
      const realmId = sim.createCompany(company);
      sim.nextAuthorizedRealm = realmId;
      await connectThroughSimulator(api);
      const [row] = await sendSql<{ connection_id: string }[]>(db(), 'select connection_id from qbo_connection where realm_id = ?', [realmId]);
      return { realmId, connectionId: row.connection_id };
    },
    sync: (connectionId, signal = new AbortController().signal) => runner.sync({ connectionId, reason: 'sync-now', signal }),
    async stop() {
      await service.stop();
      await sim.stop();
    },
  };
}

export interface QboSyncEnv extends Omit<QboService, 'sync' | 'connectCompany'> {
  readonly realmId: string;
  readonly connectionId: string;
  /** One sync of the connection, as the job engine runs it. */
  sync(): Promise<void>;
}

/** A running service connected to one simulated company. */
export async function qboSyncEnv(company: { seed: number; customers: number; invoices: number; monthsOfHistory?: number }): Promise<QboSyncEnv> {
  const base = await startQboService();
  const { realmId, connectionId } = await base.connectCompany(company);
  return { ...base, realmId, connectionId, sync: () => base.sync(connectionId) };
}
