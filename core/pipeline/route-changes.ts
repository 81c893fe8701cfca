import type { EntityManager } from '@mikro-orm/postgresql';
import { firstValueFrom, from, toArray } from 'rxjs';
import type { Change } from '../changes/change';
import type { FrameworkRegistry } from '../plugins/framework-registry';
import type { RuleSet } from '../rules/direction-rule';
import { recordOutcomes } from '../store/sync-events';
import type { ServiceMetrics } from '../runtime/metrics/service-metrics';
import { applyInBatches } from './apply-in-batches';
import { decideFlow } from './decide-flow';
import type { RoutedOutcome } from './flow-decision';

export interface RouteInput {
  readonly registry: FrameworkRegistry;
  readonly ruleSet: RuleSet;
  readonly connectionId: string;
  /** The transaction the targets write in, with the caller's bookmark. */
  readonly transaction: EntityManager;
  readonly now: Date;
  readonly batchSize?: number;
  /** Counts what was routed where (GET /metrics). */
  readonly metrics?: Pick<ServiceMetrics, 'recordsRouted'>;
}

/**
 * Sends changes from their source to every other system whose adapter takes the item, through
 * the rules, in batches, inside the caller's transaction, and writes each outcome to the sync
 * log. A change no adapter takes is recorded as skipped.
 */
export async function routeChanges(input: RouteInput, changes: readonly Change[]): Promise<RoutedOutcome[]> {
  const outcomes: RoutedOutcome[] = [];
  const taken = new Set<Change>();
  for (const adapter of input.registry.adapters.values()) {
    const mine = changes.filter((c) => c.source !== adapter.system && adapter.writes.includes(c.item));
    if (mine.length === 0) continue;
    mine.forEach((c) => taken.add(c));
    const facts = adapter.factsOf ? await adapter.factsOf({ connectionId: input.connectionId, changes: mine, transaction: input.transaction }) : undefined;
    const factsByChange = new Map(mine.map((c, i) => [c, facts?.[i] ?? []]));
    const routed = await firstValueFrom(
      from(mine).pipe(
        decideFlow({
          ruleSet: input.ruleSet,
          catalog: input.registry.catalog,
          target: adapter.system,
          factsOf: (change) => factsByChange.get(change) ?? [],
        }),
        applyInBatches(
          async (decisions) =>
            (
              await adapter.apply({
                connectionId: input.connectionId,
                changes: decisions.map((d) => ({ change: d.change, allowedGroups: d.allowedGroups })),
                transaction: input.transaction,
                now: input.now,
              })
            ).results,
          input.batchSize ?? 50,
        ),
        toArray(),
      ),
    );
    await recordOutcomes(input.transaction, input.connectionId, adapter.system, routed, input.now);
    input.metrics?.recordsRouted(adapter.system, routed);
    outcomes.push(...routed);
  }
  const untaken = changes
    .filter((c) => !taken.has(c))
    .map((change): RoutedOutcome => ({ change, outcome: 'skipped', message: `No connected system takes ${change.item}.` }));
  return [...outcomes, ...untaken];
}
