import type { EntityManager } from '@mikro-orm/postgresql';
import type { FrameworkRegistry } from '../../../core/plugins/framework-registry';
import type { SyncEventRow } from '../../../core/store/sync-events';
import { ALTERNATIVE_SYSTEM } from '../alternative-system';
import { labelKey, recordLabels } from '../store/record-labels';
import { LoggedLine, lineText, recordWords, summaryText } from './event-words';

/**
 * A page of the sync log as the partner reads it: the stored fields (kept for scripts), and a
 * sentence naming the record, whether it needs the partner, and what to do. The records' names
 * come from the ledger in one query per kind, whatever the page's length.
 */
export async function eventViews(em: EntityManager, connectionId: string, rows: readonly SyncEventRow[], registry: FrameworkRegistry) {
  const labels = await recordLabels(
    em,
    connectionId,
    rows.map((r) => ({ item: r.item, sourceId: r.source_id })),
  );
  const nameOf = (system: string) => (system === ALTERNATIVE_SYSTEM || system === 'none' ? undefined : (registry.adapters.get(system)?.displayName ?? system));
  return rows.map((e) => {
    const line: LoggedLine = {
      item: e.item,
      operation: e.operation,
      outcome: e.outcome,
      effect: e.effect,
      message: e.message,
      fromName: nameOf(e.source),
      toName: nameOf(e.target),
      sourceId: e.source_id,
    };
    const label = labels.get(labelKey(e.item, e.source_id));
    const told = tell(line, e, registry, recordWords(e.item, label, e.source_id), label !== undefined);
    return {
      id: String(e.id),
      at: new Date(e.at).toISOString(),
      item: e.item,
      operation: e.operation,
      from: e.source,
      to: e.target,
      sourceId: e.source_id,
      outcome: e.outcome,
      message: e.message,
      effect: e.effect,
      record: label ? { name: label.name, customer: label.customer ?? null } : null,
      ...told,
    };
  });
}

/** The sentence, whether the line needs the partner, and what to do about it. */
function tell(
  line: LoggedLine,
  e: SyncEventRow,
  registry: FrameworkRegistry,
  record: string,
  labelled: boolean,
): { text: string; needsAttention: boolean; advice: string | null; summary: Record<string, number> | null } {
  const system = line.fromName ?? 'The accounting system';
  if (e.item === 'sync') return { text: `Sync finished — ${summaryText(e.counts ?? {})}.`, needsAttention: false, advice: null, summary: e.counts ?? {} };
  if (e.item === 'connection' && e.operation === 'quiet') {
    return {
      text: `${system} has not synced for three sync intervals: the connection is stale.`,
      needsAttention: true,
      advice: registry.adapters.get(e.source)?.quietAdvice ?? null,
      summary: null,
    };
  }
  if (e.item === 'connection') return { text: `${system} is syncing again.`, needsAttention: false, advice: null, summary: null };
  // A record this ledger never had has no name here: the line's own message names it.
  if (e.outcome === 'skipped' && e.message && !labelled) return { text: e.message, needsAttention: false, advice: null, summary: null };
  const failed = e.outcome === 'failed';
  return { text: lineText(line, record), needsAttention: failed, advice: failed ? adviceFor(line) : null, summary: null };
}

/** What to do about a line that failed, where its message does not already say. */
function adviceFor(line: LoggedLine): string {
  if (line.fromName && !line.toName) return `Check the record in ${line.fromName}; it is read again at the next sync.`;
  if (line.item === 'payment')
    return `Record it in ${line.toName ?? 'the accounting system'} by hand, or correct what it refused and contact support to send it again.`;
  return `Correct it in ${line.toName ?? 'the accounting system'}; the next sync reads it again.`;
}
