import { AppError } from '../errors/app-error';
import { ItemCatalog } from '../items/item-catalog';
import { ItemKind } from '../items/item-kind';
import { FieldReader, isPlainObject, readObject } from '../validation/field-reader';
import { Instant } from '../values/instant';
import { SYSTEM_ID_RULES, SystemId } from './system-id';

export const CHANGE_OPERATIONS = ['upsert', 'archive', 'delete', 'status'] as const;
export type ChangeOperation = (typeof CHANGE_OPERATIONS)[number];

/** What a `status` change carries: the new status, one of the item's statuses. */
export interface StatusPayload {
  readonly status: string;
}

/** What an archive or delete carries: nothing but an optional reason for the log. */
export interface RemovalPayload {
  readonly reason?: string;
  /** How the source names the record (a number, a name), for the log when the target never had it. */
  readonly name?: string;
}

/**
 * One observed change of one record in one system, on its way to another system.
 *
 * @example
 * const change: Change = {
 *   item: 'customer', operation: 'archive', source: 'qbd', sourceId: '80000001-1446673838',
 *   sourceVersion: '1446673900', observedAt: '2026-11-25T10:00:00-05:00' as Instant, payload: {},
 * };
 */
export interface Change<P = unknown> {
  readonly item: ItemKind;
  readonly operation: ChangeOperation;
  readonly source: SystemId;
  /** The record's id in the source system (QuickBooks ListID / TxnID). */
  readonly sourceId: string;
  /** The source's version of the record (QuickBooks EditSequence), to drop stale repeats. */
  readonly sourceVersion?: string;
  /**
   * The record's id in the target system, when the source knows it: a record that came from the
   * target and was edited in the source. Absent for records the source made itself.
   */
  readonly targetId?: string;
  /** The field groups an upsert touches (an edit of some fields); absent: the whole record. */
  readonly fieldGroups?: readonly string[];
  readonly observedAt: Instant;
  /** upsert: the whole item; status: StatusPayload; archive/delete: RemovalPayload. */
  readonly payload: P;
}

/**
 * Validates a change envelope and its payload against the item catalog: the item must be
 * known, an upsert must carry a valid item with the same id, a status must be one the item has.
 */
export function parseChange(input: unknown, catalog: ItemCatalog): Change {
  return readObject('change', input, (r) => {
    const item = r.string('item');
    const operation = r.oneOf('operation', CHANGE_OPERATIONS);
    const sourceId = r.string('sourceId', { max: 64 });
    const envelope = {
      item,
      operation,
      source: r.string('source', SYSTEM_ID_RULES),
      sourceId,
      sourceVersion: r.string('sourceVersion', { optional: true, max: 64 }),
      targetId: r.string('targetId', { optional: true, max: 64 }),
      observedAt: r.instant('observedAt'),
    };
    const raw = r.raw('payload');
    let payload: unknown = raw;
    if (item !== undefined && !catalog.has(item)) r.problem('item', `must be a known item (${catalog.kinds.join(', ')})`);
    else if (item !== undefined && operation !== undefined) payload = readPayload(r, catalog, envelope.item, operation, sourceId, raw);
    return { ...envelope, payload };
  });
}

function readPayload(r: FieldReader, catalog: ItemCatalog, item: string, operation: ChangeOperation, sourceId: string, raw: unknown): unknown {
  const descriptor = catalog.get(item);
  if (operation === 'upsert') {
    const parsed = collect(r, () => descriptor.parse(raw, 'payload')) as { id?: unknown } | undefined;
    if (parsed && parsed.id !== sourceId) r.problem('payload.id', 'must equal sourceId');
    return parsed;
  }
  if (!isPlainObject(raw)) {
    r.problem('payload', 'must be an object');
    return raw;
  }
  if (operation === 'status') {
    if (!descriptor.statuses) {
      r.problem('operation', `"${item}" has no status to change`);
      return raw;
    }
    return collect(r, () => readObject('status', raw, (p) => ({ status: p.oneOf('status', descriptor.statuses!) }), 'payload'));
  }
  return collect(r, () =>
    readObject(
      'removal',
      raw,
      (p) => withoutUndefined({ reason: p.string('reason', { optional: true, max: 500 }), name: p.string('name', { optional: true, max: 200 }) }),
      'payload',
    ),
  );
}

/** Runs a nested parse and moves its problems into the outer reader, so one error lists all. */
function collect<T>(r: FieldReader, parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof AppError) || error.kind !== 'invalid') throw error;
    r.adopt(error.problems);
    return undefined;
  }
}

/** An object without its undefined fields: an optional field that was not sent is not there. */
function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
