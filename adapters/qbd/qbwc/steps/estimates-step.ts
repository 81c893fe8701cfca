import { estimateChange } from '../../mapping/estimate-changes';
import type { EstimateRecord } from '../../qbxml/records/estimate-record';
import { buildTxnQuery } from '../../qbxml/requests/txn-queries';
import { overlapStart } from './overlap';
import { defineQueryStep } from './query-step';
import { MODIFIED_SINCE } from './modified-since';
import type { SessionStep } from './session-step';

const readEstimates = defineQueryStep<EstimateRecord, string | undefined>({
  name: 'estimates',
  phase: 'estimates',
  stream: 'qbd:estimates',
  item: 'estimate',
  retType: 'EstimateRet',
  countsAs: 'estimates',
  ...MODIFIED_SINCE,
  request: ({ requestId, step, bookmark, pageSize }) => {
    const from = overlapStart(bookmark);
    return buildTxnQuery('estimate', {
      requestId,
      step,
      select: { maxReturned: pageSize, modified: from ? { from } : undefined },
      includeLineItems: true,
    });
  },
  idOf: (r) => r.txnId,
  toChanges: (record, observedAt) => [estimateChange(record, observedAt)],
});

/**
 * Estimates modified since the bookmark (all of them the first time), with their lines, paged
 * with an iterator. Planned only when the partner's rules let estimates flow out of QuickBooks
 * to a system that takes them: a partner without such a rule is never sent an EstimateQueryRq.
 */
export const estimatesStep: SessionStep = {
  ...readEstimates,
  isDue: async ({ flowsOut }) => flowsOut?.('estimate') ?? false,
};
