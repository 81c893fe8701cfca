import { partnerRuleSet } from '../../../../../core/plugins/partner-rule-set';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Change } from '../../../../../core/changes/change';
import type { AppConfig } from '../../../../../core/config/app-config';
import type { RoutedOutcome } from '../../../../../core/pipeline/flow-decision';
import { routeChanges } from '../../../../../core/pipeline/route-changes';
import type { FrameworkRegistry } from '../../../../../core/plugins/framework-registry';
import { TOKENS } from '../../../../../core/runtime/tokens';
import { Connection } from '../../../../../core/store/entities/connection';
import type { TestService } from '../../../../support/test-service';

/**
 * Routes changes read from QuickBooks as a session does (answer-store.ts): through the rules of
 * the connection's partner to the other systems, in the caller's transaction. A bench step run
 * uses it when a test needs what was read on the platform (invoices to pay, customers to bill).
 */
export async function routeThroughRules(
  test: TestService,
  transaction: EntityManager,
  connectionId: string,
  now: Date,
  changes: readonly Change[],
): Promise<RoutedOutcome[]> {
  const { container } = test.service;
  const registry = container.get<FrameworkRegistry>(TOKENS.FrameworkRegistry);
  const config = container.get<AppConfig>(TOKENS.AppConfig);
  const connection = await transaction.findOneOrFail(Connection, { id: connectionId });
  const ruleSet = partnerRuleSet(registry, config, connection.partner.id);
  return routeChanges({ registry, ruleSet, connectionId, connectionSystem: connection.system, transaction, now }, changes);
}
