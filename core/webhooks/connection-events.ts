import type { EntityManager } from '@mikro-orm/postgresql';
import { sendSql } from '../store/send-sql';
import { eventAudience, recordConnectionEvents } from './webhook-events';

/** The connection's event types (connection.connected, .sign_in_refused, .stale, .error). */
export type ConnectionEventType = 'connection.connected' | 'connection.sign_in_refused' | 'connection.stale' | 'connection.error';

interface ConnectionRow {
  id: string;
  system: string;
  company_name: string;
  status: string;
  last_sync_at: Date | string | null;
  last_error_code: string | null;
  last_error_message: string | null;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/**
 * Writes a connection event in the caller's transaction, read after the change that caused it.
 * Its data is the part every connection view shares (each adapter's GET of a connection answers
 * these fields under these names, plus its own), read here by core: the health watch and the job
 * engine that emit some of these events are core's and may not ask an adapter for its view, and
 * one shape for every accounting system serves a receiver better than two. `extra` says what
 * the event adds (e.g. where a refused sign-in came from).
 *
 * @example await emitConnectionEvent(tx, connectionId, 'connection.error', now);
 */
export async function emitConnectionEvent(
  em: EntityManager,
  connectionId: string,
  type: ConnectionEventType,
  now: Date,
  extra: Record<string, unknown> = {},
): Promise<void> {
  if (!(await eventAudience(em, connectionId)).wants(type)) return;
  const [c] = await sendSql<ConnectionRow[]>(
    em,
    'select id, system, company_name, status, last_sync_at, last_error_code, last_error_message from connection where id = ?',
    [connectionId],
  );
  if (!c) return;
  const data = {
    id: c.id,
    system: c.system,
    companyName: c.company_name,
    status: c.status,
    lastSyncAt: iso(c.last_sync_at),
    lastError: c.last_error_code ? { code: c.last_error_code, message: c.last_error_message ?? '' } : null,
    ...extra,
  };
  await recordConnectionEvents(em, connectionId, [{ type, data }], now);
}
