import type { PluginMigration } from '../../../core/plugins/define-plugin';
import { Migration0006AlternativeCustomers } from './alternative-migration-0006';
import { Migration0007AlternativeInvoices } from './alternative-migration-0007';
import { Migration0009AlternativePayments } from './alternative-migration-0009';
import { Migration0010AlternativePayouts } from './alternative-migration-0010';
import { Migration0014AlternativeListOrders } from './alternative-migration-0014';
import { Migration0021PaymentReflection } from './alternative-migration-0021';
import { Migration0023PaymentsKeptHere } from './alternative-migration-0023';
import { Migration0028AlternativeEstimates } from './alternative-migration-0028';

/** The Alternative ledger's migrations, run with everyone's by name. */
export const ALTERNATIVE_MIGRATIONS: readonly PluginMigration[] = [
  { name: '0006-alternative-customers', class: Migration0006AlternativeCustomers },
  { name: '0007-alternative-invoices', class: Migration0007AlternativeInvoices },
  { name: '0009-alternative-payments', class: Migration0009AlternativePayments },
  { name: '0010-alternative-payouts', class: Migration0010AlternativePayouts },
  { name: '0014-alternative-list-orders', class: Migration0014AlternativeListOrders },
  { name: '0021-payment-reflection', class: Migration0021PaymentReflection },
  { name: '0023-payments-kept-here', class: Migration0023PaymentsKeptHere },
  { name: '0028-alternative-estimates', class: Migration0028AlternativeEstimates },
];
