import { AppError } from '../../../../core/errors/app-error';
import { Instant } from '../../../../core/values/instant';
import { QbxmlRequest, checkRequestId } from './qbxml-request';
import { QbxmlWriter } from './qbxml-writer';
import { Range, RetTrim, modifiedRange, writeRetTrim } from './query-parts';

/** The deletion types this product asks about (the schema lists many more). */
export const TXN_DEL_TYPES = ['Invoice', 'ReceivePayment', 'CreditMemo', 'Deposit'] as const;
export const LIST_DEL_TYPES = ['Customer', 'Account'] as const;

export interface DeletedQueryInput<T extends string> extends RetTrim {
  readonly requestId: string;
  readonly types: readonly T[];
  /** QuickBooks keeps deletions for about 90 days; older ones are not returned at all. */
  readonly deleted?: Range<Instant>;
}

function buildDeletedQuery(rqName: string, typeElement: string, input: DeletedQueryInput<string>): QbxmlRequest {
  const requestId = checkRequestId(input.requestId);
  if (input.types.length === 0) throw new AppError('invalid', `${rqName} needs at least one ${typeElement}.`);
  const w = new QbxmlWriter().open(rqName, { requestID: requestId }).each(typeElement, input.types);
  const range = modifiedRange(input.deleted);
  w.group('DeletedDateRangeFilter', range !== undefined, () => w.el('FromDeletedDate', range!.from).el('ToDeletedDate', range!.to));
  const version = writeRetTrim(w, input, '2.0');
  return { rqName, requestId, minVersion: version, xml: w.close(rqName).toString() };
}

/** TxnDeletedQueryRq: TxnDelType+, DeletedDateRangeFilter?, IncludeRetElement* (no iterator). */
export function buildTxnDeletedQuery(input: DeletedQueryInput<(typeof TXN_DEL_TYPES)[number]>): QbxmlRequest {
  return buildDeletedQuery('TxnDeletedQueryRq', 'TxnDelType', input);
}

/** ListDeletedQueryRq: ListDelType+, DeletedDateRangeFilter?, IncludeRetElement* (no iterator). */
export function buildListDeletedQuery(input: DeletedQueryInput<(typeof LIST_DEL_TYPES)[number]>): QbxmlRequest {
  return buildDeletedQuery('ListDeletedQueryRq', 'ListDelType', input);
}
