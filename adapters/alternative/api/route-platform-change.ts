import type { EntityManager } from '@mikro-orm/postgresql';
import type { Change } from '../../../core/changes/change';
import type { AppConfig } from '../../../core/config/app-config';
import { AppError } from '../../../core/errors/app-error';
import type { RoutedOutcome } from '../../../core/pipeline/flow-decision';
import { routeChanges } from '../../../core/pipeline/route-changes';
import type { FrameworkRegistry } from '../../../core/plugins/framework-registry';
import type { Connection } from '../../../core/store/entities/connection';
import type { ServiceMetrics } from '../../../core/runtime/metrics/service-metrics';

/**
 * Sends one change made on the platform through the connection's partner's rules, inside the
 * caller's transaction: a change that could not even be queued undoes the whole request.
 */
export async function routePlatformChange(
  wiring: { readonly registry: FrameworkRegistry; readonly config: AppConfig; readonly metrics: ServiceMetrics },
  em: EntityManager,
  connection: Connection,
  change: Change,
  now: Date,
): Promise<RoutedOutcome | undefined> {
  const ruleSet = wiring.registry.ruleSetFor(wiring.config.partners.get(connection.partner.id)?.rules);
  const [outcome] = await routeChanges({ registry: wiring.registry, ruleSet, connectionId: connection.id, transaction: em, now, metrics: wiring.metrics }, [change]);
  if (outcome?.outcome === 'failed') throw new AppError('internal', `The ${change.item} could not be queued for QuickBooks.`, { detail: outcome.message });
  return outcome;
}
