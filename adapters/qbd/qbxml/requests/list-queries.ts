import { AppError } from '../../../../core/errors/app-error';
import { Instant } from '../../../../core/values/instant';
import { QbxmlRequest, checkRequestId, newerVersion } from './qbxml-request';
import { QbxmlWriter } from './qbxml-writer';
import { IteratorStep, Range, RetTrim, checkIds, checkMaxReturned, modifiedRange, queryAttributes, writeRetTrim } from './query-parts';

export type ActiveStatus = 'ActiveOnly' | 'InactiveOnly' | 'All';

export const ACCOUNT_TYPES = [
  'AccountsPayable',
  'AccountsReceivable',
  'Bank',
  'CostOfGoodsSold',
  'CreditCard',
  'Equity',
  'Expense',
  'FixedAsset',
  'Income',
  'LongTermLiability',
  'NonPosting',
  'OtherAsset',
  'OtherCurrentAsset',
  'OtherCurrentLiability',
  'OtherExpense',
  'OtherIncome',
] as const;

export type ListSelection =
  | { readonly listIds: readonly string[] }
  | { readonly fullNames: readonly string[] }
  | {
      readonly maxReturned?: number;
      /** QuickBooks' default is ActiveOnly: a sync that must see deactivations sends All. */
      readonly activeStatus?: ActiveStatus;
      /** Flat From/ToModifiedDate: list queries do not nest them. */
      readonly modified?: Range<Instant>;
      /** Accounts only. */
      readonly accountTypes?: readonly (typeof ACCOUNT_TYPES)[number][];
    };

export interface ListQueryInput extends RetTrim {
  readonly requestId: string;
  readonly select?: ListSelection;
  readonly ownerIds?: readonly string[];
}

export interface CustomerQueryInput extends ListQueryInput {
  readonly step?: IteratorStep;
}

function buildListQuery(rqName: 'CustomerQueryRq' | 'AccountQueryRq', input: ListQueryInput, step: IteratorStep | undefined): QbxmlRequest {
  const requestId = checkRequestId(input.requestId);
  const { attributes, minVersion } = queryAttributes(requestId, step);
  let version = minVersion;
  const w = new QbxmlWriter().open(rqName, attributes);
  const select = input.select;
  if (select && 'listIds' in select) w.each('ListID', checkIds(select.listIds, 'ListID'));
  else if (select && 'fullNames' in select) {
    if (select.fullNames.length === 0 || select.fullNames.some((n) => n.length === 0 || n.length > 209))
      throw new AppError('invalid', 'FullName values must be 1-209 characters.');
    w.each('FullName', select.fullNames);
  } else if (select) {
    if (select.accountTypes && rqName !== 'AccountQueryRq') throw new AppError('invalid', `${rqName} has no AccountType filter.`);
    w.el('MaxReturned', checkMaxReturned(select.maxReturned));
    w.el('ActiveStatus', select.activeStatus);
    const modified = modifiedRange(select.modified);
    w.el('FromModifiedDate', modified?.from).el('ToModifiedDate', modified?.to);
    w.each('AccountType', select.accountTypes);
  }
  version = writeRetTrim(w, input, version);
  w.each('OwnerID', input.ownerIds);
  if (input.ownerIds?.length) version = newerVersion(version, '2.0');
  return { rqName, requestId, minVersion: version, xml: w.close(rqName).toString() };
}

/** CustomerQueryRq: (ListID+ | FullName+ | MaxReturned?, ActiveStatus?, From/ToModifiedDate?)?, IncludeRetElement*, OwnerID*. */
export function buildCustomerQuery(input: CustomerQueryInput): QbxmlRequest {
  return buildListQuery('CustomerQueryRq', input, input.step);
}

/** AccountQueryRq: as a customer query plus AccountType*; it has no iterator (the chart is small). */
export function buildAccountQuery(input: ListQueryInput): QbxmlRequest {
  return buildListQuery('AccountQueryRq', input, undefined);
}
