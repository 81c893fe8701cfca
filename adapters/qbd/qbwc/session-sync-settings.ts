import type { EntityManager } from '@mikro-orm/postgresql';
import { BUILT_IN_SYNC, SyncSettings } from '../../../core/config/app-config';
import type { SyncSettingsSource } from '../../../core/config/sync-settings-source';
import { Connection } from '../../../core/store/entities/connection';
import type { SessionRow } from '../store/session-store';

const SETTINGS = Object.keys(BUILT_IN_SYNC) as (keyof SyncSettings)[];

/**
 * The sync settings a session started with (its plan keeps them, so every call and every
 * instance agrees). A session planned before its plan kept them all (before pageSize, say)
 * takes what it lacks from the settings resolved now.
 */
export async function syncSettingsOf(em: EntityManager, source: SyncSettingsSource, session: SessionRow): Promise<Readonly<SyncSettings>> {
  const kept = session.plan.sync;
  if (kept && SETTINGS.every((key) => kept[key] !== undefined)) return kept;
  const connection = await em.findOneOrFail(Connection, { id: session.connection_id });
  return { ...source.resolve({ partnerId: connection.partner.id, connection }), ...kept };
}
