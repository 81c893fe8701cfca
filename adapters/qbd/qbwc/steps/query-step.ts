import { concat, from } from 'rxjs';
import type { Change } from '../../../../core/changes/change';
import type { ItemKind } from '../../../../core/items/item-kind';
import type { RoutedOutcome } from '../../../../core/pipeline/flow-decision';
import { toChanges } from '../../../../core/pipeline/to-changes';
import { readCursor, writeCursor } from '../../../../core/store/sync-cursors';
import type { Instant } from '../../../../core/values/instant';
import type { QbRecord } from '../../qbxml/records/qb-record';
import type { QbxmlRequest } from '../../qbxml/requests/qbxml-request';
import { notePresent } from '../../store/presence';
import { settleLostAdds } from './lost-adds';
import { laterOf } from './overlap';
import { RequestContext, SessionStep, StepContext, countOutcomes, statusOf, unreadableRecord } from './session-step';

/** Where an iterator stands between two pages of one session: it, and what the pages have seen. */
export interface PageState {
  readonly iteratorId?: string;
  /** The latest TimeModified seen so far in this iteration. */
  readonly latest?: string;
  /** How many records this iteration has read. */
  readonly found: number;
}

/** What a finished iteration makes of its bookmark: the next one (stored, if any) and whether the step is done. */
export interface IterationEnd<B> {
  readonly next?: B;
  readonly done: boolean;
  readonly progress?: { readonly phase: string; readonly percent: number };
}

/**
 * A step that pages through one kind of QuickBooks record with an iterator, as data: the stream
 * its bookmark is kept under and how that bookmark reads and writes, the request for a page, how
 * a record becomes changes, and what happens after a page and at the end. One runner
 * (`defineQueryStep`) does the rest the same way for every such step: unreadable records are
 * logged with why, our own lost adds are settled by their ExternalGUID, the changes are routed,
 * the records noted present, and the bookmark moves only when the iteration ends, in the
 * transaction that stores its last page, never past what was read.
 */
/** A record a query step pages through: it has a TimeModified, and may carry our ExternalGUID. */
export type PagedRecord = QbRecord & { readonly timeModified: string; readonly externalGuid?: string };

export interface QueryStepDescriptor<R extends PagedRecord, B> {
  readonly name: string;
  readonly phase: string;
  /** The sync cursor the bookmark is kept under. */
  readonly stream: string;
  readonly item: ItemKind;
  /** The Ret element this step reads, and how counts name its records. */
  readonly retType: string;
  readonly countsAs: string;
  readonly bookmark: {
    /** The bookmark from its stored text (undefined: never stored) and the context (settings, today). */
    decode(raw: string | undefined, context: RequestContext): B;
    encode(bookmark: B): string;
    /** The latest TimeModified the bookmark covers, if it says. */
    latestOf(bookmark: B): string | undefined;
  };
  /** Whether the request may share a message set (message-batch.ts). */
  shares(bookmark: B): boolean;
  /**
   * A page's request; `pageSize` is the connection's sync setting, sent as MaxReturned. The
   * reference advises 100-500 records a page (../shared/reference/qbwc-qbxml.md §9, pitfall 6):
   * each page is one round trip and one transaction, and at 100 that fixed cost was a third of a
   * first sync (benchmark 1: 257 requests for 19,400 invoices, 109 at the default 250, which keeps
   * a page of invoices with their lines under half a megabyte).
   */
  request(input: {
    requestId: string;
    step: { iterator: 'Start' } | { iterator: 'Continue'; iteratorId: string };
    bookmark: B;
    pageSize: number;
  }): QbxmlRequest;
  idOf(record: R): string;
  toChanges(record: R, observedAt: Instant): readonly Change[];
  /** Extra bookkeeping for a stored page (e.g. which payments an invoice links to). */
  afterPage?(context: StepContext, records: readonly R[]): Promise<void>;
  /** The progress shown while pages remain. */
  progressOf?(bookmark: B, found: number, remaining: number, context: StepContext): { phase: string; percent: number };
  /** What the end of an iteration makes of the bookmark. */
  finish(bookmark: B, seen: PageState, context: StepContext): IterationEnd<B>;
}

const decodeState = (state: Readonly<Record<string, string>>): PageState => ({
  ...(state.iteratorId ? { iteratorId: state.iteratorId } : {}),
  ...(state.latest ? { latest: state.latest } : {}),
  found: Number(state.found ?? 0),
});

const encodeState = (state: PageState): Record<string, string> => ({
  ...(state.iteratorId ? { iteratorId: state.iteratorId } : {}),
  ...(state.latest ? { latest: state.latest } : {}),
  found: String(state.found),
});

/** A SessionStep from a query step's descriptor (see QueryStepDescriptor). */
export function defineQueryStep<R extends PagedRecord, B>(d: QueryStepDescriptor<R, B>): SessionStep {
  const bookmarkOf = async (context: RequestContext) => d.bookmark.decode(await readCursor(context.em, context.connectionId, d.stream), context);
  return {
    name: d.name,
    phase: d.phase,
    shares: async (context) => d.shares(await bookmarkOf(context)),
    async buildRequest(context) {
      const { iteratorId } = decodeState(context.state);
      const step = iteratorId ? { iterator: 'Continue' as const, iteratorId } : { iterator: 'Start' as const };
      return d.request({ requestId: context.requestId, step, bookmark: await bookmarkOf(context), pageSize: context.sync.pageSize });
    },
    async handleAnswer(context, events) {
      const { em, connectionId, requestId, now, route } = context;
      const status = statusOf(events, requestId);
      // The iterator died with an earlier QuickBooks session: start the query again.
      if (status.meaning.class === 'bad-iterator') return { done: false, counts: {}, state: {} };
      const bookmark = await bookmarkOf(context);
      const before = decodeState(context.state);
      const observedAt = now.toISOString() as Instant;
      const unreadable: RoutedOutcome[] = [];
      const read: R[] = [];
      let latest = before.latest ?? d.bookmark.latestOf(bookmark);
      // A plain loop: the page is already in memory (a cut envelope must store nothing), and
      // settling our lost adds needs all of its records before any of them is routed.
      for (const e of events) {
        if (e.kind === 'bad-record') unreadable.push(unreadableRecord(d.item, e.id ?? e.retName, e.error.userMessage, now));
        if (e.kind !== 'record' || e.record.type !== d.retType) continue;
        const record = e.record as R;
        read.push(record);
        latest = laterOf(latest, record.timeModified);
      }
      const externalGuids = read.map((r) => ({ id: d.idOf(r), externalGuid: r.externalGuid }));
      await settleLostAdds(em, connectionId, d.item, externalGuids, now);
      const changes = from(read).pipe(
        toChanges(
          (record) => d.toChanges(record, observedAt),
          (record, error) => unreadableRecord(d.item, d.idOf(record), error.userMessage, now),
        ),
      );
      // The unreadable records go first and nowhere; the router logs them with the routed ones.
      const outcomes = await route(concat(unreadable, changes));
      await d.afterPage?.(context, read);
      await notePresent(em, connectionId, d.item, read.map(d.idOf), now);
      const counts = countOutcomes(d.countsAs, outcomes);
      const seen: PageState = { latest, found: before.found + read.length };
      const remaining = status.iteratorRemainingCount ?? 0;
      if (remaining > 0 && status.iteratorId) {
        const progress = d.progressOf?.(bookmark, seen.found, remaining, context);
        return { done: false, counts, ...(progress ? { progress } : {}), state: encodeState({ ...seen, iteratorId: status.iteratorId }) };
      }
      const end = d.finish(bookmark, seen, context);
      if (end.next !== undefined) await writeCursor(em, connectionId, d.stream, d.bookmark.encode(end.next), now);
      return { done: end.done, counts, ...(end.progress ? { progress: end.progress } : {}) };
    },
  };
}
