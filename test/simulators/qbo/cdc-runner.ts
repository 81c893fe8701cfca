import { entityJson } from './entity-json';
import { QboCompany } from './qbo-company';
import { QboFault } from './qbo-fault';
import { ENTITY_NAMES, EntityName } from './qbo-records';

export const CDC_WINDOW_DAYS = 30;
export const CDC_MAX_OBJECTS = 1000;

/**
 * Change data capture (../shared/reference/qbo-api.md §4): full current objects changed at or
 * after `changedSince`, and tombstones of deleted ones, one block per requested entity.
 */
export function runCdc(company: QboCompany, entitiesParam: string | undefined, changedSinceParam: string | undefined): unknown {
  if (!entitiesParam) throw QboFault.required('entities');
  if (!changedSinceParam) throw QboFault.required('changedSince');
  const entities = entitiesParam.split(',').map((name) => {
    const entity = ENTITY_NAMES.find((e) => e.toLowerCase() === name.trim().toLowerCase());
    if (!entity)
      throw new QboFault(
        400,
        '2010',
        'Request has invalid or unsupported property',
        `Property Name:entities has an unsupported value: ${name}`,
        'ValidationFault',
        'entities',
      );
    return entity;
  });
  const since = company.clock.parse(changedSinceParam);
  if (!since)
    throw new QboFault(400, '2010', 'Request has invalid or unsupported property', `Property Name:changedSince is not a date-time: ${changedSinceParam}`);
  const now = company.clock.now();
  if (now.getTime() - since.getTime() > CDC_WINDOW_DAYS * 86_400_000) {
    // The live message (OBS QuickBooksSharp#19); the code is UNVERIFIED.
    throw new QboFault(
      400,
      '4000',
      'Error parsing query',
      `Operation cdc with changedSince date ${changedSinceParam} which is older than fixed days is not supported. Please pass a date which is within ${CDC_WINDOW_DAYS} days`,
    );
  }

  type Change = { entity: EntityName; at: number; json: unknown };
  const changes: Change[] = [];
  for (const entity of entities) {
    for (const row of company.rows[entity].values()) {
      // At-or-after: inclusive (UNVERIFIED), so a caller reusing the last stamp sees no gap.
      if (row.updated >= since) changes.push({ entity, at: row.updated.getTime(), json: entityJson(company, row) });
    }
    for (const t of company.tombstones) {
      if (t.entity === entity && t.at >= since) {
        changes.push({
          entity,
          at: t.at.getTime(),
          json: { Id: t.id, domain: 'QBO', status: 'Deleted', MetaData: { LastUpdatedTime: company.clock.stamp(t.at) } },
        });
      }
    }
  }
  // Over the cap (UNVERIFIED whether live truncates or faults): the oldest 1000 are kept, so a
  // caller moving changedSince to the newest stamp it got misses nothing.
  changes.sort((a, b) => a.at - b.at);
  const kept = changes.slice(0, CDC_MAX_OBJECTS);
  const blocks = entities.map((entity) => {
    const objects = kept.filter((c) => c.entity === entity).map((c) => c.json);
    // Types without changes come back as an empty block (UNVERIFIED, §4).
    return objects.length ? { [entity]: objects, startPosition: 1, maxResults: objects.length, totalCount: objects.length } : {};
  });
  return { CDCResponse: [{ QueryResponse: blocks }] };
}
