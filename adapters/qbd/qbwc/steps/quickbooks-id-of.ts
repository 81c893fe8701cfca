import type { EntityManager } from '@mikro-orm/postgresql';
import { latestRow } from '../../../../core/store/outbox';
import { UUID_PATTERN } from '../../../../core/validation/uuid';

/** Where a record another write needs stands in QuickBooks. */
export type QuickBooksId = { readonly id: string } | 'wait' | { readonly missing: string };

/**
 * The QuickBooks id (ListID / TxnID) of a customer or invoice a write refers to. Records that came
 * from QuickBooks carry it already; one made on the platform has it once our add of it is done,
 * must wait while that add is on its way, and is missing when nothing took it there.
 */
export async function quickBooksIdOf(em: EntityManager, connectionId: string, item: 'customer' | 'invoice', id: string): Promise<QuickBooksId> {
  const added = await latestRow(em, connectionId, item, id, `${item}-add`);
  // QuickBooks' own ids are `<hex>-<epoch>`, never UUIDs (../shared/reference/qbwc-qbxml.md §7.2); ours always are.
  if (!added) return UUID_PATTERN.test(id) ? { missing: `the ${item} exists only on the platform (the rules keep it there)` } : { id };
  if (added.state === 'done' && added.target_id) return { id: added.target_id };
  if (added.state === 'pending' || added.state === 'sent') return 'wait';
  return { missing: `the ${item} never reached QuickBooks (${added.message ?? added.state})` };
}
