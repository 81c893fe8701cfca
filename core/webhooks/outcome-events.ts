import type { EntityManager } from '@mikro-orm/postgresql';
import type { SystemId } from '../changes/system-id';
import type { ItemKind } from '../items/item-kind';
import type { RoutedOutcome } from '../pipeline/flow-decision';
import type { RecordNews } from '../ports/adapter-port';
import { WebhookContext, emitRecordEvents } from './record-events';

/** What an applied change did to the target's record: an upsert's effect, or a removal that archived it. */
function newsOf(o: RoutedOutcome): RecordNews | undefined {
  if (o.outcome !== 'applied' || !o.targetId) return undefined;
  if (o.change.operation === 'archive' || o.change.operation === 'delete') return 'archived';
  // 'unchanged' (a re-read of the same version) is no news: no event, as it gets no log line.
  return o.effect === 'created' || o.effect === 'updated' ? o.effect : undefined;
}

/**
 * The webhook events of one routed batch, in the batch's order: runs of the same item go to the
 * target's adapter together (one set of view queries a run, not one per record).
 */
export async function emitOutcomeEvents(
  em: EntityManager,
  context: WebhookContext,
  input: { connectionId: string; target: SystemId; outcomes: readonly RoutedOutcome[]; now: Date },
): Promise<void> {
  const runs: { item: ItemKind; news: { id: string; news: RecordNews }[] }[] = [];
  for (const o of input.outcomes) {
    const news = newsOf(o);
    if (!news) continue;
    const last = runs[runs.length - 1];
    const entry = { id: o.targetId!, news };
    if (last?.item === o.change.item) last.news.push(entry);
    else runs.push({ item: o.change.item, news: [entry] });
  }
  for (const run of runs)
    await emitRecordEvents(em, context, { connectionId: input.connectionId, owner: input.target, item: run.item, news: run.news, now: input.now });
}
