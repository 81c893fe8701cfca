import { entityJson } from './entity-json';
import { QboCompany } from './qbo-company';
import { QboFault } from './qbo-fault';
import { ENTITY_NAMES, NAME_LISTS } from './qbo-records';
import { fieldValue, FieldKind, QUERYABLE } from './query-fields';
import { parseQuery, QueryCondition, QueryValue } from './query-parser';

export const MAX_RESULTS = 1000;
export const DEFAULT_MAX_RESULTS = 100;

/** Runs one query statement; the answer is the `QueryResponse` object (§3). */
export function runQuery(company: QboCompany, statement: string): Record<string, unknown> {
  const query = parseQuery(statement);
  const entity = ENTITY_NAMES.find((name) => name === query.entity);
  if (!entity) throw QboFault.queryParser(`Invalid context declaration : ${query.entity}`);
  const fields = QUERYABLE[entity];
  const known = (name: string) => {
    if (!fields[name]) throw new QboFault(400, '4001', 'Invalid query', `QueryValidationError: property '${name}' is not queryable`, 'ValidationFault', name);
    return fields[name];
  };
  query.where.forEach((c) => known(c.field));
  query.orderBy.forEach((o) => known(o.field));
  const maxResults = query.maxResults ?? DEFAULT_MAX_RESULTS;
  if (maxResults > MAX_RESULTS) {
    // The live message (OBS ruckus#24); its code is UNVERIFIED.
    throw new QboFault(400, '4000', 'Error parsing query', `QueryValidationError: value ${maxResults} is too large. Max allowed value is ${MAX_RESULTS}`);
  }
  const startPosition = query.startPosition ?? 1;
  if (startPosition < 1) throw QboFault.queryParser('STARTPOSITION starts at 1');

  let rows = [...company.rows[entity].values()].map((row) => entityJson(company, row));
  // Name lists hide inactive rows unless the statement names Active (§3, OBS java#19).
  if (NAME_LISTS.has(entity) && !query.where.some((c) => c.field === 'Active')) rows = rows.filter((r) => r.Active !== false);
  rows = rows.filter((row) => query.where.every((c) => matches(company, fields[c.field], fieldValue(row, c.field), c)));
  if (query.select === 'count') return { totalCount: rows.length };

  // Without ORDERBY the order is unspecified live (UNVERIFIED); Id order here.
  const order = query.orderBy.length ? query.orderBy : [{ field: 'Id', descending: false }];
  rows.sort((a, b) => {
    for (const o of order) {
      const d = compare(company, fields[o.field], fieldValue(a, o.field), fieldValue(b, o.field));
      if (d !== 0) return o.descending ? -d : d;
    }
    return 0;
  });
  const page = rows.slice(startPosition - 1, startPosition - 1 + maxResults);
  if (page.length === 0) return {};
  const shown = query.select === '*' ? page : page.map((row) => project(row, query.select as readonly string[]));
  return { [entity]: shown, startPosition, maxResults: page.length };
}

/** A projection returns partial objects without SyncToken (OBS ruckus#437). */
function project(row: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { domain: 'QBO', sparse: true };
  for (const name of names) if (row[name] !== undefined) out[name] = row[name];
  return out;
}

function matches(company: QboCompany, kind: FieldKind, actual: unknown, c: QueryCondition): boolean {
  if (actual === undefined) return false;
  if (c.op === 'IN') return c.values.some((v) => compare(company, kind, actual, v) === 0);
  if (c.op === 'LIKE') {
    const pattern = String(c.values[0])
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replace(/%/g, '.*');
    return new RegExp(`^${pattern}$`, 'i').test(String(actual));
  }
  const d = compare(company, kind, actual, c.values[0]);
  return c.op === '=' ? d === 0 : c.op === '<' ? d < 0 : c.op === '>' ? d > 0 : c.op === '<=' ? d <= 0 : d >= 0;
}

function compare(company: QboCompany, kind: FieldKind, a: unknown, b: unknown): number {
  switch (kind) {
    case 'id':
    case 'number':
      return Number(a) - Number(b);
    case 'boolean':
      return asBoolean(a) === asBoolean(b) ? 0 : asBoolean(a) ? 1 : -1;
    case 'datetime':
      return time(company, a) - time(company, b);
    default: {
      // Dates compare as YYYY-MM-DD text; names case-insensitively (UNVERIFIED).
      const x = String(a).toLowerCase();
      const y = String(b).toLowerCase();
      return x < y ? -1 : x > y ? 1 : 0;
    }
  }
}

function asBoolean(value: unknown): boolean {
  return value === true || value === 'true';
}

function time(company: QboCompany, value: unknown): number {
  const parsed = company.clock.parse(String(value as QueryValue));
  if (!parsed) throw QboFault.queryParser(`Invalid date-time: ${String(value)}`);
  return parsed.getTime();
}
