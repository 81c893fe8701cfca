import { Migration0001PartnersAndConnections } from './migration-0001-partners-and-connections';
import { Migration0002ConnectionSettings } from './migration-0002-connection-settings';
import { Migration0004CursorsAndEvents } from './migration-0004-cursors-and-events';
import { Migration0008Outbox } from './migration-0008-outbox';
import { Migration0013OutboxLookups } from './migration-0013-outbox-lookups';
import { Migration0016PartnerKeyRotation } from './migration-0016-partner-key-rotation';
import { Migration0020IdempotencyKeys } from './migration-0020-idempotency-keys';
import { Migration0022OutboxProgress } from './migration-0022-outbox-progress';
import { Migration0024PartnerView } from './migration-0024-partner-view';
import { Migration0030ConnectionSyncRuns } from './migration-0030-connection-sync-runs';
import { Migration0031Webhooks } from './migration-0031-webhooks';

/**
 * The core's migrations, in the order they run; plugins add their own (see PluginContext),
 * and all run sorted by name, so names start with a sequence number shared by everyone. Listed explicitly (not found by glob) so that the
 * compiled service needs no file scanning; names are stored in the migrations table, so never
 * rename one that has shipped. A migration's name already applied but no longer listed is
 * passed over (0026 moved into the QuickBooks adapter's 0025: core names no system's columns).
 */
export const MIGRATIONS = [
  { name: '0001-partners-and-connections', class: Migration0001PartnersAndConnections },
  { name: '0002-connection-settings', class: Migration0002ConnectionSettings },
  { name: '0004-cursors-and-events', class: Migration0004CursorsAndEvents },
  { name: '0008-outbox', class: Migration0008Outbox },
  { name: '0013-outbox-lookups', class: Migration0013OutboxLookups },
  { name: '0016-partner-key-rotation', class: Migration0016PartnerKeyRotation },
  { name: '0020-idempotency-keys', class: Migration0020IdempotencyKeys },
  { name: '0022-outbox-progress', class: Migration0022OutboxProgress },
  { name: '0024-partner-view', class: Migration0024PartnerView },
  { name: '0030-connection-sync-runs', class: Migration0030ConnectionSyncRuns },
  { name: '0031-webhooks', class: Migration0031Webhooks },
];
