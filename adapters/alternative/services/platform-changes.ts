import { partnerRuleSet } from '../../../core/plugins/partner-rule-set';
import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import type { Change } from '../../../core/changes/change';
import type { AppConfig } from '../../../core/config/app-config';
import { AppError } from '../../../core/errors/app-error';
import type { RoutedOutcome } from '../../../core/pipeline/flow-decision';
import { routeChanges } from '../../../core/pipeline/route-changes';
import type { FrameworkRegistry } from '../../../core/plugins/framework-registry';
import type { ServiceMetrics } from '../../../core/runtime/metrics/service-metrics';
import { TOKENS } from '../../../core/runtime/tokens';
import type { Connection } from '../../../core/store/entities/connection';
import type { Instant } from '../../../core/values/instant';
import type { ItemKind } from '../../../core/items/item-kind';
import type { RecordInTarget, RecordNews } from '../../../core/ports/adapter-port';
import { emitRecordEvents } from '../../../core/webhooks/record-events';
import { ALTERNATIVE_SYSTEM } from '../alternative-system';

/** A change made on the platform, as a route states it: the rest (source, when) is filled in. */
export type PlatformChange = Pick<Change, 'item' | 'operation' | 'sourceId' | 'payload' | 'targetId' | 'fieldGroups'>;

/**
 * Sends changes made on the platform through the connection's partner's rules, inside the
 * caller's transaction: a change that could not even be queued undoes the whole request.
 */
@injectable()
export class PlatformChanges {
  constructor(
    @inject(TOKENS.FrameworkRegistry) private readonly registry: FrameworkRegistry,
    @inject(TOKENS.AppConfig) private readonly config: AppConfig,
    @inject(TOKENS.ServiceMetrics) private readonly metrics: ServiceMetrics,
  ) {}

  async send(em: EntityManager, connection: Connection, change: PlatformChange, now: Date): Promise<RoutedOutcome | undefined> {
    const ruleSet = partnerRuleSet(this.registry, this.config, connection.partner.id);
    const full: Change = { ...change, source: ALTERNATIVE_SYSTEM, observedAt: now.toISOString() as Instant };
    const [outcome] = await routeChanges(
      { registry: this.registry, ruleSet, connectionId: connection.id, connectionSystem: connection.system, transaction: em, now, metrics: this.metrics },
      [full],
    );
    // A change the target refused as invalid is the caller's to fix (422, with the target's reason); anything else is ours.
    if (outcome?.outcome === 'failed' && outcome.errorKind === 'invalid') throw new AppError('invalid', outcome.message ?? `The ${change.item} is not valid.`);
    if (outcome?.outcome === 'failed') throw new AppError('internal', `The ${change.item} could not be queued for QuickBooks.`, { detail: outcome.message });
    return outcome;
  }

  /**
   * The webhook events of a change the platform's API made to its own ledger records (no routing
   * tells of those: the ledger is their source), in the caller's transaction, after the change was
   * sent on, so that their views show where it now stands in the accounting system.
   */
  async tell(em: EntityManager, connection: Connection, item: ItemKind, news: readonly { id: string; news: RecordNews }[], now: Date): Promise<void> {
    const context = { registry: this.registry, connectionSystem: connection.system };
    await emitRecordEvents(em, context, { connectionId: connection.id, owner: ALTERNATIVE_SYSTEM, item, news, now });
  }

  /**
   * What became of records sent from here, asked of the connection's own adapter (its port's
   * recordsInTarget), so these views never read the other system's operation names. Empty for
   * an adapter that keeps nothing pending.
   */
  async recordsThere(
    em: EntityManager,
    connection: Pick<Connection, 'id' | 'system'>,
    item: ItemKind,
    sourceIds: readonly string[],
  ): Promise<ReadonlyMap<string, RecordInTarget>> {
    const adapter = this.registry.adapters.get(connection.system);
    if (!adapter?.recordsInTarget || sourceIds.length === 0) return new Map();
    return adapter.recordsInTarget({ connectionId: connection.id, item, sourceIds, transaction: em });
  }
}
