import { AppError } from '../../../../core/errors/app-error';
import { LocalDate } from '../../../../core/values/instant';
import { Money, compareMoney, sumMoney } from '../../../../core/values/money';
import { qbText } from './qb-text';
import { QbxmlRequest, checkRequestId } from './qbxml-request';
import { QbxmlWriter } from './qbxml-writer';
import { RefInput, writeRef } from './query-parts';
import { checkDate, checkPositive, externalGuid } from './write-parts';

export interface JournalLineInput {
  readonly side: 'debit' | 'credit';
  readonly account: RefInput;
  readonly amount: Money;
  /** The customer of an Accounts Receivable line (QuickBooks requires one there). */
  readonly entity?: RefInput;
  readonly memo?: string;
}

export interface JournalEntryAddInput {
  readonly requestId: string;
  readonly txnDate?: LocalDate;
  /** At most 11 characters; QuickBooks numbers the entry itself when absent and the preference is on. */
  readonly refNumber?: string;
  readonly memo?: string;
  readonly externalGuid?: string;
  readonly lines: readonly JournalLineInput[];
}

/**
 * JournalEntryAddRq: TxnDate?, RefNumber?, Memo?, ExternalGUID?, (JournalDebitLine |
 * JournalCreditLine)+, each line AccountRef, Amount, Memo?, EntityRef?. Debits must equal credits:
 * refused here rather than by QuickBooks, so an unbalanced entry never reaches a company file.
 *
 * @example buildJournalEntryAdd({ requestId: '1', lines: [
 *   { side: 'debit', account: { listId: ar }, entity: { listId: customer }, amount: '40.00' },
 *   { side: 'credit', account: { listId: bank }, amount: '40.00' }] })
 */
export function buildJournalEntryAdd(input: JournalEntryAddInput): QbxmlRequest {
  const requestId = checkRequestId(input.requestId);
  const side = (s: JournalLineInput['side']) => input.lines.filter((l) => l.side === s).map((l) => checkPositive(l.amount, 'JournalEntryAdd line Amount'));
  const debits = side('debit');
  const credits = side('credit');
  if (debits.length === 0 || credits.length === 0) throw new AppError('invalid', 'A journal entry needs at least one debit and one credit line.');
  if (compareMoney(sumMoney(debits), sumMoney(credits)) !== 0)
    throw new AppError('invalid', `A journal entry must balance: debits ${sumMoney(debits)}, credits ${sumMoney(credits)}.`);
  const { guid, version } = externalGuid(input.externalGuid, '1.0');
  const w = new QbxmlWriter().open('JournalEntryAddRq', { requestID: requestId }).open('JournalEntryAdd');
  w.el('TxnDate', checkDate(input.txnDate, 'JournalEntryAdd/TxnDate'));
  w.el('RefNumber', input.refNumber && qbText(input.refNumber, { field: 'JournalEntryAdd/RefNumber', max: 11, overflow: 'refuse' }));
  w.el('Memo', input.memo && qbText(input.memo, { field: 'JournalEntryAdd/Memo', max: 4095, overflow: 'truncate' }));
  w.el('ExternalGUID', guid);
  for (const line of input.lines) {
    const name = line.side === 'debit' ? 'JournalDebitLine' : 'JournalCreditLine';
    w.open(name);
    writeRef(w, 'AccountRef', line.account, 159);
    w.el('Amount', line.amount);
    w.el('Memo', line.memo && qbText(line.memo, { field: `${name}/Memo`, max: 4095, overflow: 'truncate' }));
    writeRef(w, 'EntityRef', line.entity);
    w.close(name);
  }
  w.close('JournalEntryAdd').close('JournalEntryAddRq');
  return { rqName: 'JournalEntryAddRq', requestId, minVersion: version, xml: w.toString() };
}
