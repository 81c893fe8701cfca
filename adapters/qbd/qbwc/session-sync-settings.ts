import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppConfig, SyncSettings } from '../../../core/config/app-config';
import { resolveSyncSettings } from '../../../core/config/resolve-sync-settings';
import { Connection } from '../../../core/store/entities/connection';
import type { SessionRow } from '../store/session-store';

/**
 * The sync settings a session started with (its plan keeps them, so every call and every
 * instance agrees); a session planned before plans kept them is resolved again.
 */
export async function syncSettingsOf(em: EntityManager, config: AppConfig, session: SessionRow): Promise<Readonly<SyncSettings>> {
  if (session.plan.sync) return session.plan.sync;
  const connection = await em.findOneOrFail(Connection, { id: session.connection_id });
  return resolveSyncSettings(config, { partnerId: connection.partner.id, connection });
}
