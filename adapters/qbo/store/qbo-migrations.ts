import type { PluginMigration } from '../../../core/plugins/define-plugin';
import { Migration0029QboConnection } from './qbo-migration-0029';

/** QuickBooks Online's migrations (the plugin registers them; names sort after the core's and QBD's). */
export const QBO_MIGRATIONS: readonly PluginMigration[] = [{ name: '0029-qbo-connection', class: Migration0029QboConnection }];
