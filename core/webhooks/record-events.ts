import type { EntityManager } from '@mikro-orm/postgresql';
import type { SystemId } from '../changes/system-id';
import type { ItemKind } from '../items/item-kind';
import type { FrameworkRegistry } from '../plugins/framework-registry';
import type { RecordNews } from '../ports/adapter-port';
import { eventAudience } from './webhook-events';
import { recordConnectionEvents } from './webhook-events';

/** What an emitter needs to reach the adapters' REST views: the registry, and the connection's own system. */
export interface WebhookContext {
  readonly registry: FrameworkRegistry;
  readonly connectionSystem: SystemId;
}

const attached = new WeakMap<EntityManager, WebhookContext>();

/**
 * Lets code deep in a transaction (a write's end, told by core's sync log) emit webhook events
 * without every caller passing the registry down: whoever opens the transaction attaches it, as
 * held-writes.ts does for the rows it holds. A transaction nobody attached emits no record event.
 */
export function attachWebhookContext(em: EntityManager, context: WebhookContext): void {
  attached.set(em, context);
}

export function webhookContextOf(em: EntityManager): WebhookContext | undefined {
  return attached.get(em);
}

/**
 * Writes the webhook events of news about one item's records, kept by the adapter `owner`, in
 * the caller's transaction and in the order given. Core names no event here: the owning adapter
 * turns the news into its REST views (AdapterPortV1.recordEvents), since only it knows their
 * shape; core passes it the connection system's recordsInTarget, which those views show. One
 * query when no endpoint listens, the views only for the types some endpoint takes.
 */
export async function emitRecordEvents(
  em: EntityManager,
  context: WebhookContext,
  input: { connectionId: string; owner: SystemId; item: ItemKind; news: readonly { id: string; news: RecordNews }[]; now: Date },
): Promise<void> {
  const adapter = context.registry.adapters.get(input.owner);
  if (!adapter?.recordEvents || input.news.length === 0) return;
  const audience = await eventAudience(em, input.connectionId);
  const system = context.registry.adapters.get(context.connectionSystem);
  const events = await adapter.recordEvents({
    connectionId: input.connectionId,
    item: input.item,
    news: input.news,
    transaction: em,
    wants: (type) => audience.wants(type),
    recordsThere: async (item, ids) =>
      system?.recordsInTarget && ids.length > 0
        ? system.recordsInTarget({ connectionId: input.connectionId, item, sourceIds: ids, transaction: em })
        : new Map(),
  });
  await recordConnectionEvents(em, input.connectionId, events, input.now);
}
