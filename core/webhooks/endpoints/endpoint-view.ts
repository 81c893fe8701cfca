import type { DeliveryRow } from './delivery-store';
import type { EndpointRow } from './endpoint-store';

const iso = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

/** An endpoint as GET /api/webhooks shows it: never its secret (that is shown once, at creation). */
export function endpointView(row: EndpointRow) {
  return {
    id: row.id,
    url: row.url,
    events: row.events,
    enabled: row.enabled,
    disabledAt: iso(row.disabled_at),
    disabledReason: row.disabled_reason,
    failingSince: iso(row.failing_since),
    createdAt: iso(row.created_at)!,
    stats: { pending: row.pending, failed: row.failed },
  };
}

/** A delivery as the deliveries list shows it; nextAttemptAt only while one is to come. */
export function deliveryView(row: DeliveryRow) {
  return {
    id: row.id,
    eventId: row.event_id,
    type: row.type,
    connectionId: row.connection_id,
    state: row.state,
    attempts: row.attempts,
    lastStatus: row.last_status,
    lastError: row.last_error,
    lastAttemptAt: iso(row.last_attempt_at),
    nextAttemptAt: row.state === 'pending' ? iso(row.next_attempt_at) : null,
    deliveredAt: iso(row.delivered_at),
    createdAt: iso(row.created_at)!,
  };
}
