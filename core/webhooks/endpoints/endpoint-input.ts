import { FieldReader, readObject } from '../../validation/field-reader';
import { WEBHOOK_EVENT_TYPES, isWebhookEventType } from '../webhook-event-types';

const MAX_URL = 2048;

/** Each unknown type is named (types are ours, not a secret), so a typo is found at once. */
function readEvents(r: FieldReader): string[] | null {
  const raw = r.raw('events');
  if (raw === undefined || raw === null) return null;
  if (!Array.isArray(raw) || raw.length === 0 || raw.some((t) => typeof t !== 'string')) {
    r.problem('events', 'must be a non-empty list of event types, or left out (or null) for every type');
    return null;
  }
  const types = raw as string[];
  types.forEach((type, i) => {
    if (!isWebhookEventType(type)) r.problem(`events[${i}]`, `"${type.slice(0, 60)}" is not an event type; known types: ${WEBHOOK_EVENT_TYPES.join(', ')}`);
  });
  return [...new Set(types)];
}

/** `POST /api/webhooks` `{ url, events? }`: events null (or absent) means every type. */
export function readNewEndpoint(body: unknown): { url: string; events: string[] | null } {
  return readObject('webhook', body, (r) => ({ url: r.string('url', { max: MAX_URL }), events: readEvents(r) }));
}

/** `PATCH /api/webhooks/:id` `{ url?, events?, enabled? }`: only what is given changes; events null means every type again. */
export function readEndpointChange(body: unknown): { url?: string; events?: string[] | null; enabled?: boolean } {
  return readObject('webhook change', body, (r) => ({
    url: r.string('url', { optional: true, max: MAX_URL }),
    ...(r.raw('events') !== undefined ? { events: readEvents(r) } : {}),
    enabled: r.boolean('enabled', { optional: true }),
  }));
}
