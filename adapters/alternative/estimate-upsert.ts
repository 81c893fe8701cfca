import type { Estimate } from '../../core/items/estimate';
import type { ChangeHandler } from '../../core/ports/apply-with-handlers';
import { estimateBySource, writeEstimate } from './store/estimate-ledger';

/**
 * An estimate from its source, into the platform's read-only estimates. The same version seen
 * again (an overlap re-read) changes nothing; a new version updates what the rules let through.
 */
export const upsertEstimate: ChangeHandler = async ({ transaction, connectionId, now }, { change, allowedGroups }) => {
  const known = await estimateBySource(transaction, connectionId, change.source, change.sourceId);
  if (known && change.sourceVersion && known.source_version === change.sourceVersion) return { outcome: 'skipped', targetId: known.id, effect: 'unchanged' };
  const write = { connectionId, system: change.source, version: change.sourceVersion, estimate: change.payload as Estimate, groups: allowedGroups, now };
  const id = await writeEstimate(transaction, write, known);
  return { outcome: 'applied', targetId: id, effect: known ? 'updated' : 'created' };
};
