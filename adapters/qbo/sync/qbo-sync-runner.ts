import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import type { AppConfig } from '../../../core/config/app-config';
import type { SyncSettingsSource } from '../../../core/config/sync-settings-source';
import type { ServerDrivenSync, SyncReason } from '../../../core/jobs/server-driven-sync';
import { AppError } from '../../../core/errors/app-error';
import { partnerRuleSet } from '../../../core/plugins/partner-rule-set';
import type { FrameworkRegistry } from '../../../core/plugins/framework-registry';
import type { ServiceMetrics } from '../../../core/runtime/metrics/service-metrics';
import { TOKENS } from '../../../core/runtime/tokens';
import { Connection } from '../../../core/store/entities/connection';
import type { Database } from '../../../core/store/open-database';
import { readBookmark } from '../../../core/store/sync-cursors';
import { QboClients } from '../client/qbo-clients';
import { QBO_SYSTEM } from '../qbo-system';
import { writeOutbox } from '../writes/write-outbox';
import { finishSync } from './finish-sync';
import { QBO_BOOKMARK } from './qbo-bookmark';
import { readAccounts } from './read-accounts';
import { readNext } from './read-next';
import { storePage } from './store-page';

/**
 * One sync of one QBO connection, as the job engine runs it (ServerDrivenSync, system 'qbo';
 * never two at once for a connection). Writes first, so the reads that follow bring back QBO's
 * own numbers after them; then reads from the bookmark: the first sync's customers and invoice
 * windows, afterwards CDC. Each page is stored with its bookmark in one transaction, so a sync
 * cut anywhere (a crash, a throttle past the client's tries) loses nothing and repeats little.
 */
@injectable()
export class QboSyncRunner implements ServerDrivenSync {
  readonly system = QBO_SYSTEM;

  constructor(
    @inject(TOKENS.Database) private readonly database: Database,
    @inject(TOKENS.Clock) private readonly clock: () => Date,
    @inject(TOKENS.FrameworkRegistry) private readonly registry: FrameworkRegistry,
    @inject(TOKENS.AppConfig) private readonly config: AppConfig,
    @inject(TOKENS.SyncSettingsSource) private readonly syncSettings: SyncSettingsSource,
    @inject(TOKENS.ServiceMetrics) private readonly metrics: ServiceMetrics,
    @inject(QboClients) private readonly clients: QboClients,
  ) {}

  async sync(input: { connectionId: string; reason: SyncReason; signal: AbortSignal }): Promise<void> {
    const { connectionId, signal } = input;
    const em = this.database.orm.em.fork() as EntityManager;
    const connection = await em.findOne(Connection, { id: connectionId });
    if (!connection || connection.system !== QBO_SYSTEM) throw new AppError('internal', `Connection ${connectionId} is not a QuickBooks Online connection.`);
    // Paused by the partner (a webhook or an old job may still ask): nothing to do until resumed.
    if (connection.status === 'paused') return;
    const startedAt = this.clock();
    const client = this.clients.clientFor(connectionId);
    // The accounts first (a write's checks and the partner's dropdowns read them); a webhook's
    // sync is about the records it names and leaves them to the interval.
    if (input.reason !== 'notification') await readAccounts(em, client, connectionId, signal);
    const webhooks = { registry: this.registry, connectionSystem: connection.system };
    const written = await writeOutbox({ em, client, connectionId, clock: this.clock, signal, webhooks });
    const sync = this.syncSettings.resolve({ partnerId: connection.partner.id, connection });
    const route = {
      registry: this.registry,
      ruleSet: partnerRuleSet(this.registry, this.config, connection.partner.id),
      connectionId,
      connectionSystem: connection.system,
      metrics: this.metrics,
    };
    const counts: Record<string, number> = { ...written.counts };
    let bookmark = await readBookmark(em, connectionId, QBO_BOOKMARK);
    for (;;) {
      if (signal.aborted) throw new AppError('transient', 'The sync was stopped.', { detail: String(signal.reason) });
      const read = await readNext({ client, sync, now: this.clock(), signal }, bookmark);
      await storePage(em, route, read, counts, this.clock());
      bookmark = read.next;
      if (!read.more) break;
    }
    await finishSync(em, { connectionId, startedAt, now: this.clock(), counts, problemShown: written.problemShown });
  }
}
