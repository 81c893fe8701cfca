import { AppError } from '../../../core/errors/app-error';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The companies (realm ids) a verified notification speaks of, from either payload: the legacy
 * `{ eventNotifications: [{ realmId, dataChangeEvent }] }` or the CloudEvents array whose events
 * carry `intuitaccountid` (reference §9.2, §9.3). Its entities are not read: a notification is a
 * hint that the company changed, and the sync's CDC finds what (reference §9.1).
 */
export function realmsOf(payload: unknown): string[] {
  const realms = new Set<string>();
  if (Array.isArray(payload)) {
    for (const event of payload) if (isObject(event) && typeof event.intuitaccountid === 'string') realms.add(event.intuitaccountid);
  } else if (isObject(payload) && Array.isArray(payload.eventNotifications)) {
    for (const n of payload.eventNotifications) if (isObject(n) && typeof n.realmId === 'string') realms.add(n.realmId);
  } else {
    throw new AppError('malformed', 'The notification is neither a legacy nor a CloudEvents payload.');
  }
  return [...realms];
}
