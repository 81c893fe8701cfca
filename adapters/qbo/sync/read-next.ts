import type { SyncSettings } from '../../../core/config/app-config';
import type { LocalDate } from '../../../core/values/instant';
import type { QboClient } from '../client/qbo-client';
import { QboEntity, changesSince, queryPage } from '../client/qbo-calls';
import { QboBookmark, afterWindow, monthsBefore } from './qbo-bookmark';
import { CUSTOMER_STREAM, INVOICE_STREAM, QBO_STREAMS, QboStream } from './qbo-streams';

/** One record read, with the stream it belongs to. */
export interface ReadRecord {
  readonly stream: QboStream;
  readonly record: QboEntity;
}

/** What one read found, and where the bookmark stands once those records are stored. */
export interface ReadResult {
  readonly records: readonly ReadRecord[];
  readonly next: QboBookmark;
  /** Another read follows in this sync (a further page or window). */
  readonly more: boolean;
  /** For the partner's bar. */
  readonly phase: string;
  readonly percent: number;
}

export interface ReadContext {
  readonly client: QboClient;
  readonly sync: Readonly<SyncSettings>;
  readonly now: Date;
  readonly signal?: AbortSignal;
}

/** Re-read this much before a CDC bookmark: clocks and commit order differ a little; repeats are skipped by SyncToken. */
const OVERLAP_MS = 60_000;
/** CDC answers for the last 30 days only (reference §4): a day's margin. */
const CDC_DAYS = 29;
/** CDC answers at most 1000 objects (reference §4, UNVERIFIED whether per entity or in all). */
const CDC_CAP = 1000;

const todayOf = (now: Date) => now.toISOString().slice(0, 10) as LocalDate;
const minus = (time: string, ms: number) => new Date(Date.parse(time) - ms).toISOString();
const quoted = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function pageOf(stream: QboStream, rows: readonly QboEntity[]): ReadRecord[] {
  return rows.map((record) => ({ stream, record }));
}

/** Reads one page or one CDC answer, from the bookmark (none: the connection's first read). */
export async function readNext(ctx: ReadContext, bookmark: QboBookmark | undefined): Promise<ReadResult> {
  const { client, sync, now, signal } = ctx;
  const size = sync.pageSize;
  const current: QboBookmark = bookmark ?? { phase: 'customers', active: true, start: 1, cdcFrom: '' };
  switch (current.phase) {
    case 'customers': {
      const where = `Active = ${current.active}`;
      const { rows, time } = await queryPage(client, { entity: 'Customer', where, orderBy: 'Id', startPosition: current.start, maxResults: size }, signal);
      const cdcFrom = current.cdcFrom || minus(time ?? now.toISOString(), OVERLAP_MS);
      const full = rows.length >= size;
      const next: QboBookmark = full
        ? { ...current, start: current.start + rows.length, cdcFrom }
        : current.active
          ? { phase: 'customers', active: false, start: 1, cdcFrom }
          : {
              phase: 'invoices',
              window: 'recent',
              from: monthsBefore(todayOf(now), sync.initialWindowMonths),
              start: 1,
              found: 0,
              emptyWindows: 0,
              cdcFrom,
            };
      return { records: pageOf(CUSTOMER_STREAM, rows), next, more: true, phase: 'customers', percent: 5 };
    }
    case 'invoices': {
      const where = [`TxnDate >= ${quoted(current.from)}`, ...(current.to ? [`TxnDate <= ${quoted(current.to)}`] : [])].join(' AND ');
      const { rows } = await queryPage(client, { entity: 'Invoice', where, orderBy: 'Id', startPosition: current.start, maxResults: size }, signal);
      const seen = { ...current, start: current.start + rows.length, found: current.found + rows.length };
      const next = rows.length >= size ? seen : afterWindow(seen, sync.historyWindowMonths, todayOf(now));
      const recent = current.window === 'recent';
      const label = recent ? (sync.initialWindowMonths === 1 ? 'last month' : `last ${sync.initialWindowMonths} months`) : 'history';
      return { records: pageOf(INVOICE_STREAM, rows), next, more: true, phase: label, percent: recent ? 30 : 70 };
    }
    case 'changes': {
      if (now.getTime() - Date.parse(current.since) > CDC_DAYS * 86_400_000) {
        const next: QboBookmark = { phase: 'catch-up', entity: 0, since: current.since, until: now.toISOString(), start: 1 };
        return { records: [], next, more: true, phase: 'catching up', percent: 50 };
      }
      const entities = QBO_STREAMS.map((s) => s.entity);
      const { byEntity, time } = await changesSince(client, entities, current.since, signal);
      const records = QBO_STREAMS.flatMap((s) => pageOf(s, byEntity.get(s.entity) ?? []));
      if (records.length < CDC_CAP) {
        const since = time ? minus(time, OVERLAP_MS) : current.since;
        // Never backwards: a missing or odd `time` keeps the bookmark where it was.
        const next: QboBookmark = { phase: 'changes', since: Date.parse(since) > Date.parse(current.since) ? since : current.since };
        return { records, next, more: false, phase: 'up to date', percent: 100 };
      }
      // At the cap the answer may be cut: go on from the latest change it holds, or, when that does not move, by query.
      const latest = Math.max(
        ...records.map((r) => Date.parse(String((r.record.MetaData as { LastUpdatedTime?: string })?.LastUpdatedTime ?? ''))).filter(Number.isFinite),
      );
      const next: QboBookmark =
        Number.isFinite(latest) && latest > Date.parse(current.since)
          ? { phase: 'changes', since: new Date(latest).toISOString() }
          : { phase: 'catch-up', entity: 0, since: current.since, until: now.toISOString(), start: 1 };
      return { records, next, more: true, phase: 'changes', percent: 90 };
    }
    case 'catch-up': {
      const stream = QBO_STREAMS[current.entity];
      const where = `MetaData.LastUpdatedTime >= ${quoted(current.since)} AND MetaData.LastUpdatedTime <= ${quoted(current.until)}`;
      // Inactive customers too: a customer made inactive in the gap must be archived.
      const filter = stream === CUSTOMER_STREAM ? `${where} AND Active IN (true, false)` : where;
      const { rows } = await queryPage(client, { entity: stream.entity, where: filter, orderBy: 'Id', startPosition: current.start, maxResults: size }, signal);
      const next: QboBookmark =
        rows.length >= size
          ? { ...current, start: current.start + rows.length }
          : current.entity + 1 < QBO_STREAMS.length
            ? { ...current, entity: current.entity + 1, start: 1 }
            : { phase: 'changes', since: minus(current.until, OVERLAP_MS) };
      return { records: pageOf(stream, rows), next, more: true, phase: 'catching up', percent: 60 };
    }
  }
}
