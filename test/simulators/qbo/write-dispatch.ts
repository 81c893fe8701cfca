import { entityJson } from './entity-json';
import { QboCompany } from './qbo-company';
import { QboFault } from './qbo-fault';
import { EntityName, SimEntity } from './qbo-records';
import { READ_ONLY, WriteOptions } from './write-common';
import { WRITERS } from './write-registry';

export interface WriteRequest {
  readonly entity: EntityName;
  /** The `operation` query parameter: create, update, delete, void (absent: create or update by Id). */
  readonly operation?: string;
  readonly include: readonly string[];
  readonly body: unknown;
  /** Called before the SyncToken check: lets faults.staleOnce slip a bookkeeper edit in. */
  readonly beforeCheck?: (row: SimEntity) => void;
}

/**
 * One create / update / delete / void (../shared/reference/qbo-api.md §6): finds the object,
 * checks its SyncToken (5010 when stale), merges full or sparse, and answers as QBO does.
 */
export function dispatchWrite(company: QboCompany, request: WriteRequest): Record<string, unknown> {
  const writer = WRITERS[request.entity];
  if (!writer) throw QboFault.unsupportedOperation(request.operation ?? 'create');
  if (!request.body || typeof request.body !== 'object' || Array.isArray(request.body)) {
    throw new QboFault(400, '2010', 'Request has invalid or unsupported property', 'Request body must be a JSON object');
  }
  const body = request.body as Record<string, unknown>;
  const options: WriteOptions = { include: request.include };
  const operation = (request.operation ?? (body.Id === undefined ? 'create' : 'update')).toLowerCase();
  const voiding = operation === 'void' || (operation === 'update' && request.include.includes('void'));

  if (operation === 'create') {
    if (body.Id !== undefined) throw QboFault.invalidProperty('Id');
    const fields = writer.prepare(company, pickWritable(body, writer.writable), undefined, options);
    const row = company.insert(writer.entity, fields);
    writer.afterWrite?.(company, row);
    return { [writer.entity]: entityJson(company, row) };
  }
  if (!['update', 'delete', 'void'].includes(operation)) throw QboFault.unsupportedOperation(operation);
  if ((operation === 'delete' && !writer.deletable) || (voiding && !writer.voidRow))
    throw QboFault.unsupportedOperation(operation === 'delete' ? 'Delete' : 'void');

  if (body.Id === undefined || body.Id === '') throw QboFault.required('Id');
  const row = company.get(writer.entity, String(body.Id));
  if (!row) throw QboFault.notFound(writer.entity, String(body.Id));
  if (body.SyncToken === undefined || body.SyncToken === null || body.SyncToken === '') throw QboFault.required('SyncToken');
  request.beforeCheck?.(row);
  if (String(body.SyncToken) !== String(row.syncToken)) throw QboFault.stale();
  writer.guard?.(company, row);

  if (operation === 'delete') {
    writer.beforeDelete?.(company, row);
    company.remove(row);
    return { [writer.entity]: { domain: 'QBO', status: 'Deleted', Id: row.id } };
  }
  if (voiding) {
    writer.voidRow!(company, row);
    company.touch(row, 'Void');
    return { [writer.entity]: entityJson(company, row) };
  }
  // Sparse keeps omitted fields (a sent Line array still replaces all lines); full clears them.
  const sent = pickWritable(body, writer.writable);
  const merged = body.sparse === true ? { ...row.fields, ...sent } : { ...kept(row.fields, writer.writable), ...sent };
  row.fields = writer.prepare(company, merged, row, options);
  writer.afterWrite?.(company, row);
  company.touch(row);
  return { [writer.entity]: entityJson(company, row) };
}

/** Writable fields from a body; read-only ones are ignored; anything else is 2010. */
function pickWritable(body: Record<string, unknown>, writable: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (writable.has(key)) out[key] = value;
    else if (!READ_ONLY.has(key))
      throw new QboFault(400, '2010', 'Request has invalid or unsupported property', `Property Name:Unrecognized field "${key}"`, 'ValidationFault', key);
  }
  return out;
}

/** On a full update, only server-kept fields (not client-writable) survive. */
function kept(fields: Record<string, unknown>, writable: ReadonlySet<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !writable.has(key)));
}
