import { ALTERNATIVE_SYSTEM } from '../../adapters/alternative/alternative-system';
import { qboModule } from '../../adapters/qbo/qbo-module';
import { QBO_SYSTEM } from '../../adapters/qbo/qbo-system';
import { QBO_MIGRATIONS } from '../../adapters/qbo/store/qbo-migrations';
import { definePlugin } from '../../core/plugins/define-plugin';

/**
 * QuickBooks Online beside Alternative Payments. (Helper "connect"'s placeholder until helper
 * "adapter"'s plugin, which adds the adapter, its rules and its sync, replaces this file.)
 */
export const alternativeQboPlugin = definePlugin({
  id: 'alternative-qbo',
  description: 'Alternative Payments <-> QuickBooks Online',
  systems: [ALTERNATIVE_SYSTEM, QBO_SYSTEM],
  register(context) {
    context.registerModule(qboModule);
    context.registerMigrations(QBO_MIGRATIONS);
  },
});
