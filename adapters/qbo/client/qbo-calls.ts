import { AppError } from '../../../core/errors/app-error';
import type { QboClient, QboJson } from './qbo-client';

/** An entity as QBO sends it: only the fields this adapter reads are typed where it reads them (mapping/qbo-records.ts). */
export type QboEntity = QboJson & { readonly Id: string; readonly SyncToken?: string };

const isObject = (v: unknown): v is QboJson => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The answer's `time` (QBO's clock, with its offset): what a CDC bookmark is taken from. */
function timeOf(json: QboJson): string | undefined {
  return typeof json.time === 'string' ? json.time : undefined;
}

function entitiesOf(block: unknown, entity: string): QboEntity[] {
  const rows = isObject(block) ? block[entity] : undefined;
  if (rows === undefined) return [];
  if (!Array.isArray(rows) || !rows.every((r) => isObject(r) && typeof r.Id === 'string'))
    throw new AppError('malformed', `QuickBooks Online answered with ${entity} records that have no Id.`);
  return rows as QboEntity[];
}

/**
 * One page of a query (reference §3): 1-based STARTPOSITION, MAXRESULTS at most 1000. An empty
 * page comes back as `"QueryResponse":{}`; the caller stops at a page shorter than asked (a page
 * longer than asked was once seen and is taken whole).
 */
export async function queryPage(
  client: QboClient,
  input: { entity: string; where?: string; orderBy?: string; startPosition: number; maxResults: number },
  signal?: AbortSignal,
): Promise<{ rows: QboEntity[]; time?: string }> {
  const max = Math.min(1000, Math.max(1, input.maxResults));
  const statement = [
    `SELECT * FROM ${input.entity}`,
    input.where ? `WHERE ${input.where}` : '',
    input.orderBy ? `ORDERBY ${input.orderBy}` : '',
    `STARTPOSITION ${input.startPosition} MAXRESULTS ${max}`,
  ]
    .filter(Boolean)
    .join(' ');
  const json = await client.send({ method: 'GET', path: '/query', query: { query: statement }, what: `a read of ${input.entity} records` }, signal);
  return { rows: entitiesOf(json.QueryResponse, input.entity), time: timeOf(json) };
}

/**
 * Changes since a moment (reference §4): full objects and `status: "Deleted"` tombstones, per
 * entity, read by key (a block may be missing or empty), at most 1000 objects per answer.
 */
export async function changesSince(
  client: QboClient,
  entities: readonly string[],
  changedSince: string,
  signal?: AbortSignal,
): Promise<{ byEntity: Map<string, QboEntity[]>; time?: string }> {
  const json = await client.send(
    { method: 'GET', path: '/cdc', query: { entities: entities.join(','), changedSince }, what: 'a read of the latest changes' },
    signal,
  );
  const byEntity = new Map<string, QboEntity[]>(entities.map((e) => [e, []]));
  const responses = Array.isArray(json.CDCResponse) ? json.CDCResponse : [];
  for (const response of responses) {
    const blocks = isObject(response) && Array.isArray(response.QueryResponse) ? response.QueryResponse : [];
    for (const block of blocks) for (const entity of entities) byEntity.get(entity)!.push(...entitiesOf(block, entity));
  }
  return { byEntity, time: timeOf(json) };
}

/** One record by Id (a fresh SyncToken before a write: reference §6.3). */
export async function readEntity(client: QboClient, entity: string, id: string, signal?: AbortSignal): Promise<QboEntity> {
  const json = await client.send({ method: 'GET', path: `/${entity.toLowerCase()}/${encodeURIComponent(id)}`, what: `a read of ${entity} ${id}` }, signal);
  const record = json[entity];
  if (!isObject(record) || typeof record.Id !== 'string') throw new AppError('malformed', `QuickBooks Online answered a read of ${entity} ${id} without it.`);
  return record as QboEntity;
}

/** Creates (or, with Id and SyncToken, updates) a record; `requestId` makes a repeat answer the first one. */
export async function writeEntity(
  client: QboClient,
  input: { entity: string; body: QboJson; requestId: string; what: string; operation?: 'delete' },
  signal?: AbortSignal,
): Promise<QboEntity> {
  const json = await client.send(
    {
      method: 'POST',
      path: `/${input.entity.toLowerCase()}`,
      query: input.operation ? { operation: input.operation } : undefined,
      body: input.body,
      requestId: input.requestId,
      what: input.what,
    },
    signal,
  );
  const record = json[input.entity];
  if (!isObject(record) || typeof record.Id !== 'string') throw new AppError('malformed', `QuickBooks Online answered ${input.what} without the record.`);
  return record as QboEntity;
}
