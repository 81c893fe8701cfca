import { alternativeAdapter } from '../../adapters/alternative/alternative-adapter';
import { alternativeModule } from '../../adapters/alternative/alternative-module';
import { ALTERNATIVE_MIGRATIONS } from '../../adapters/alternative/store/alternative-migrations';
import { ALTERNATIVE_SYSTEM } from '../../adapters/alternative/alternative-system';
import { qbdAdapter } from '../../adapters/qbd/qbd-adapter';
import { qbdModule } from '../../adapters/qbd/qbd-module';
import { QBD_SYSTEM } from '../../adapters/qbd/qbd-system';
import { QBD_MIGRATIONS } from '../../adapters/qbd/store/qbd-migrations';
import { definePlugin } from '../../core/plugins/define-plugin';
import { DEFAULT_RULES, INVOICE_UNPAID } from './default-rules';
import { ESTIMATE_ITEM } from './estimate-item';

/** The product's own rules for Alternative Payments <-> QuickBooks Desktop. */
export const alternativeQbdPlugin = definePlugin({
  id: 'alternative-qbd',
  description: 'Default rules between Alternative Payments and QuickBooks Desktop',
  systems: [ALTERNATIVE_SYSTEM, QBD_SYSTEM],
  register(context) {
    context.registerCondition({
      name: INVOICE_UNPAID,
      item: 'invoice',
      description: 'The invoice still has a balance owing in Alternative (it is not paid).',
    });
    context.registerItem(ESTIMATE_ITEM);
    context.registerRules(DEFAULT_RULES);
    context.registerModule(alternativeModule);
    context.registerModule(qbdModule);
    context.registerMigrations(QBD_MIGRATIONS);
    context.registerMigrations(ALTERNATIVE_MIGRATIONS);
    context.registerAdapter(alternativeAdapter);
    context.registerAdapter(qbdAdapter);
  },
});
