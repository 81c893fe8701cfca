import type { PluginMigration } from '../../../core/plugins/define-plugin';
import { Migration0003QbwcTransport } from './qbd-migration-0003';
import { Migration0005SessionStepState } from './qbd-migration-0005';
import { Migration0011QbdApplicationLinks } from './qbd-migration-0011';
import { Migration0012QbdPresence } from './qbd-migration-0012';
import { Migration0015QbdLinksByInvoice } from './qbd-migration-0015';
import { Migration0017InstallCredentials } from './qbd-migration-0017';
import { Migration0018QbwcSignIn } from './qbd-migration-0018';
import { Migration0019SessionBatches } from './qbd-migration-0019';
import { Migration0025QbdCompanySettings } from './qbd-migration-0025';
import { Migration0027QbdInvoicesToRefresh } from './qbd-migration-0027';
import { Migration0032QbdPresenceFirstSeen } from './qbd-migration-0032';
import { Migration0033QbdOneOpenSessionIndex } from './qbd-migration-0033';

/** The QuickBooks adapter's migrations, run after the core's by name. */
export const QBD_MIGRATIONS: readonly PluginMigration[] = [
  { name: '0003-qbwc-transport', class: Migration0003QbwcTransport },
  { name: '0005-session-step-state', class: Migration0005SessionStepState },
  { name: '0011-qbd-application-links', class: Migration0011QbdApplicationLinks },
  { name: '0012-qbd-presence', class: Migration0012QbdPresence },
  { name: '0015-qbd-links-by-invoice', class: Migration0015QbdLinksByInvoice },
  { name: '0017-install-credentials', class: Migration0017InstallCredentials },
  { name: '0018-qbwc-sign-in', class: Migration0018QbwcSignIn },
  { name: '0019-session-batches', class: Migration0019SessionBatches },
  { name: '0025-qbd-company-settings', class: Migration0025QbdCompanySettings },
  { name: '0027-qbd-invoices-to-refresh', class: Migration0027QbdInvoicesToRefresh },
  { name: '0032-qbd-presence-first-seen', class: Migration0032QbdPresenceFirstSeen },
  { name: '0033-qbd-one-open-session-index', class: Migration0033QbdOneOpenSessionIndex },
];
