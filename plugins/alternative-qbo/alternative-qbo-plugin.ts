import { ALTERNATIVE_SYSTEM } from '../../adapters/alternative/alternative-system';
import { qboAdapter } from '../../adapters/qbo/qbo-adapter';
import { qboModule } from '../../adapters/qbo/qbo-module';
import { QBO_DISPLAY_NAME, QBO_SYSTEM } from '../../adapters/qbo/qbo-system';
import { QBO_MIGRATIONS } from '../../adapters/qbo/store/qbo-migrations';
import { definePlugin } from '../../core/plugins/define-plugin';
import { accountingSeedRules } from '../alternative-qbd/default-rules';

/** The product's default rules for Alternative Payments <-> QuickBooks Online: the same seed table as QuickBooks Desktop's. */
export const DEFAULT_QBO_RULES = accountingSeedRules(QBO_SYSTEM, QBO_DISPLAY_NAME);

/**
 * Alternative Payments <-> QuickBooks Online. The platform's side (the Alternative adapter, its
 * module and migrations, the invoice-unpaid condition the rules use) comes from `alternative-qbd`,
 * which must be loaded too (config/defaults.json lists both): a plugin registering them twice
 * would stop start-up with "registered twice".
 */
export const alternativeQboPlugin = definePlugin({
  id: 'alternative-qbo',
  description: 'Default rules between Alternative Payments and QuickBooks Online',
  systems: [ALTERNATIVE_SYSTEM, QBO_SYSTEM],
  register(context) {
    context.registerRules(DEFAULT_QBO_RULES);
    context.registerModule(qboModule);
    context.registerMigrations(QBO_MIGRATIONS);
    context.registerAdapter(qboAdapter);
  },
});
