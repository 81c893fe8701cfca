import { QboCompany } from './qbo-company';
import { QboFault } from './qbo-fault';
import { ENTITY_NAMES, SimEntity } from './qbo-records';
import { runQuery } from './query-runner';
import { dispatchWrite } from './write-dispatch';

/** SDKs stop at 30 items; over the cap QBO answers 1040 (../shared/reference/qbo-api.md §6.6, §8). */
export const MAX_BATCH_ITEMS = 30;

/**
 * `POST /batch`: items run in order, each on its own; one failing item is a Fault in its slot
 * and the others still happen (not transactional, OBS spike). HTTP 200 even when items fail.
 */
export function runBatch(company: QboCompany, body: unknown, beforeCheck: (row: SimEntity) => void): unknown {
  const items = (body as { BatchItemRequest?: unknown } | null)?.BatchItemRequest;
  if (!Array.isArray(items) || items.length === 0) throw QboFault.required('BatchItemRequest');
  if (items.length > MAX_BATCH_ITEMS)
    throw new QboFault(400, '1040', 'Batch size exceeds allowed limit', `Batch size ${items.length} exceeds the allowed limit of ${MAX_BATCH_ITEMS}`);
  const bIds = new Set<string>();
  return {
    BatchItemResponse: items.map((raw: Record<string, unknown>) => {
      const bId = String(raw?.bId ?? '');
      try {
        if (!bId || bIds.has(bId)) throw QboFault.required('bId');
        bIds.add(bId);
        if (typeof raw.Query === 'string') return { bId, QueryResponse: runQuery(company, raw.Query) };
        const entity = ENTITY_NAMES.find((name) => raw[name] !== undefined);
        if (!entity) throw QboFault.required('entity');
        const operation = String(raw.operation ?? 'create');
        const include = raw.optionsData === 'void' ? ['void'] : [];
        const answer = company.as('api', () => dispatchWrite(company, { entity, operation, include, body: raw[entity], beforeCheck }));
        return { bId, ...answer };
      } catch (error) {
        if (!(error instanceof QboFault)) throw error;
        return { bId, Fault: (error.body('') as { Fault: unknown }).Fault };
      }
    }),
  };
}
