import type { EntityManager } from '@mikro-orm/postgresql';
import { ObservableInput, concatMap, from, lastValueFrom, mergeAll, toArray } from 'rxjs';
import type { Change } from '../changes/change';
import type { SystemId } from '../changes/system-id';
import type { FrameworkRegistry } from '../plugins/framework-registry';
import type { AdapterPortV1 } from '../ports/adapter-port';
import type { RuleSet } from '../rules/direction-rule';
import type { ServiceMetrics } from '../runtime/metrics/service-metrics';
import { recordOutcomes } from '../store/sync-events';
import { RouteUnit, batchPerTarget } from './batch-per-target';
import type { RoutedOutcome } from './flow-decision';
import { BatchRouting, routeBatch } from './route-batch';

export interface RouteInput {
  readonly registry: FrameworkRegistry;
  readonly ruleSet: RuleSet;
  readonly connectionId: string;
  /** The connection's accounting system: its changes go only to the systems linked to it. */
  readonly connectionSystem: SystemId;
  /** The transaction the targets write in, with the caller's bookmark. */
  readonly transaction: EntityManager;
  readonly now: Date;
  /** Changes a target applies together (default 50). */
  readonly batchSize?: number;
  /** Counts what was routed where (GET /metrics). */
  readonly metrics?: Pick<ServiceMetrics, 'recordsRouted'>;
}

async function settle(routing: BatchRouting, unit: RouteUnit<AdapterPortV1>): Promise<readonly RoutedOutcome[]> {
  if (unit.kind === 'batch') return routeBatch(routing, unit.target, unit.changes);
  if (unit.kind === 'untaken') return [{ change: unit.change, outcome: 'skipped', message: `No connected system takes ${unit.change.item}.` }];
  // Never routed, so no target: the log shows it going nowhere, with the reason.
  await recordOutcomes(routing.transaction, routing.connectionId, 'none', [unit.outcome], routing.now);
  return [unit.outcome];
}

/**
 * Sends changes from their source to every other system of the connection whose adapter takes the item, as they
 * come: in batches per target, each batch's facts read, the rules asked, the allowed changes
 * applied and the outcomes written to the sync log before the next batch starts (one batch at a
 * time, so a slow target holds the stream back rather than piling up writes, and two targets
 * never write in the caller's transaction at once). A batch that fails marks only its own
 * changes failed. Outcomes decided upstream (a record that could not be read or mapped) are
 * logged as going nowhere and passed on; a change no adapter takes is 'skipped' and not logged.
 *
 * @example
 * const outcomes = await routeChanges(input, records$.pipe(toChanges(toChange, unmappable)));
 */
export async function routeChanges(input: RouteInput, changes: ObservableInput<Change | RoutedOutcome>): Promise<RoutedOutcome[]> {
  const linked = input.registry.linkedSystems(input.connectionSystem);
  const targets = [...input.registry.adapters.values()].filter((a) => linked.includes(a.system));
  const targetsOf = (change: Change) => targets.filter((a) => a.system !== change.source && a.writes.includes(change.item));
  const { registry, ruleSet, connectionId, transaction, now, metrics } = input;
  const webhooks = { registry, connectionSystem: input.connectionSystem };
  const routing: BatchRouting = { ruleSet, catalog: registry.catalog, connectionId, transaction, now, metrics, webhooks };
  return lastValueFrom(
    from(changes).pipe(
      batchPerTarget(targetsOf, input.batchSize ?? 50),
      concatMap((unit) => settle(routing, unit)),
      mergeAll(),
      toArray(),
    ),
  );
}
