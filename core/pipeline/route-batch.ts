import type { EntityManager } from '@mikro-orm/postgresql';
import type { Change } from '../changes/change';
import { AppError } from '../errors/app-error';
import type { ItemCatalog } from '../items/item-catalog';
import type { AdapterPortV1 } from '../ports/adapter-port';
import type { RuleSet } from '../rules/direction-rule';
import type { ServiceMetrics } from '../runtime/metrics/service-metrics';
import { usesSavepoints } from '../store/savepoints';
import { recordOutcomes } from '../store/sync-events';
import type { WebhookContext } from '../webhooks/record-events';
import { emitOutcomeEvents } from '../webhooks/outcome-events';
import { decideFlow } from './decide-flow';
import type { FlowDecision, RoutedOutcome } from './flow-decision';

/** What routing one batch needs: the rules, and where and when it writes. */
export interface BatchRouting {
  readonly ruleSet: RuleSet;
  readonly catalog: ItemCatalog;
  readonly connectionId: string;
  /** The caller's transaction: the target writes in it, with the caller's bookmark. */
  readonly transaction: EntityManager;
  readonly now: Date;
  readonly metrics?: Pick<ServiceMetrics, 'recordsRouted'>;
  /** Where the target's webhook events find their views; absent: none are written. */
  readonly webhooks?: WebhookContext;
}

const deniedOutcome = (d: FlowDecision): RoutedOutcome => ({
  change: d.change,
  outcome: 'denied',
  message: `No rule lets ${d.change.item} ${d.change.operation} flow from ${d.change.source} to ${d.target}.`,
});

/** Decides and applies one batch; throws when the facts cannot be read or the target throws. */
async function decideAndApply(routing: BatchRouting, adapter: AdapterPortV1, changes: readonly Change[]): Promise<RoutedOutcome[]> {
  const { connectionId, transaction, now } = routing;
  // One lookup a batch, not one a change: the facts of the records this batch is about to write.
  const facts = adapter.factsOf ? await adapter.factsOf({ connectionId, changes, transaction }) : [];
  const early: RoutedOutcome[] = [];
  const toApply: FlowDecision[] = [];
  for (const [i, change] of changes.entries()) {
    try {
      const decision = decideFlow({ ruleSet: routing.ruleSet, catalog: routing.catalog, target: adapter.system }, change, facts[i] ?? []);
      if (decision.allowedGroups.length === 0) early.push(deniedOutcome(decision));
      else toApply.push(decision);
    } catch (error) {
      const e = AppError.from(error);
      early.push({ change, outcome: 'failed', message: e.userMessage, errorKind: e.kind });
    }
  }
  if (toApply.length === 0) return early;
  const allowed = toApply.map((d) => ({ change: d.change, allowedGroups: d.allowedGroups }));
  const { results } = await adapter.apply({ connectionId, changes: allowed, transaction, now });
  return [
    ...early,
    ...toApply.map((d, index): RoutedOutcome => {
      const result = results.find((r) => r.index === index);
      if (!result) return { change: d.change, outcome: 'failed', message: 'The target gave no outcome for this change.' };
      return {
        change: d.change,
        outcome: result.outcome,
        targetId: result.targetId,
        ...(result.effect ? { effect: result.effect } : {}),
        message: result.error?.message,
        ...(result.error ? { errorKind: result.error.kind } : {}),
      };
    }),
  ];
}

/**
 * Routes one batch of changes to one target: reads the facts of their records there, asks the
 * rules about each change, applies what may flow, and writes every outcome to the sync log. The
 * outcomes come denials (and changes that could not be decided) first, then what the target did,
 * in input order. A batch that throws marks its own changes failed and the caller goes on with
 * the next; in a transaction without savepoints the throw is passed on instead, since the
 * whole transaction is then the unit its opener runs again (core/store/savepoints.ts).
 */
export async function routeBatch(routing: BatchRouting, adapter: AdapterPortV1, changes: readonly Change[]): Promise<RoutedOutcome[]> {
  let outcomes: RoutedOutcome[];
  try {
    outcomes = await decideAndApply(routing, adapter, changes);
  } catch (error) {
    if (!usesSavepoints(routing.transaction)) throw error;
    const e = AppError.from(error);
    outcomes = changes.map((change): RoutedOutcome => ({ change, outcome: 'failed', message: e.userMessage, errorKind: e.kind }));
  }
  await recordOutcomes(routing.transaction, routing.connectionId, adapter.system, outcomes, routing.now);
  if (routing.webhooks)
    await emitOutcomeEvents(routing.transaction, routing.webhooks, { connectionId: routing.connectionId, target: adapter.system, outcomes, now: routing.now });
  routing.metrics?.recordsRouted(adapter.system, outcomes);
  return outcomes;
}
