import { ZERO_MONEY } from '../../../core/values/money';
import { JournalLineInput } from './quickbooks-company';
import { child, text } from './request-node';
import { journalEntryRet } from './ret-writers';
import { SimStatusError } from './sim-status-error';
import { WriteHandler, limited, ok, optionalAmount, refOf, refuseUnmodelled } from './write-parts';

/** JournalEntryAdd; QuickBooks' own refusals are in checkJournalLines. */
export const JOURNAL_ENTRY_WRITE_HANDLERS: Record<string, WriteHandler> = {
  JournalEntryAddRq(rq, { company }) {
    const add = child(rq, 'JournalEntryAdd')!;
    refuseUnmodelled(add, ['IsHomeCurrencyAdjustment', 'IsAmountsEnteredInHomeCurrency', 'CurrencyRef', 'ExchangeRate'], 'JournalEntryAdd');
    const lines = add.children
      .filter((l) => l.name === 'JournalDebitLine' || l.name === 'JournalCreditLine')
      .map((l): JournalLineInput => {
        refuseUnmodelled(l, ['TaxAmount', 'ItemSalesTaxRef'], l.name);
        const account = refOf(child(l, 'AccountRef'));
        // The schema lets a line leave out its account; UNVERIFIED code for QuickBooks' refusal.
        if (!account) throw new SimStatusError(3210, `A ${l.name} needs an AccountRef.`);
        const entity = refOf(child(l, 'EntityRef'));
        return {
          side: l.name === 'JournalDebitLine' ? 'debit' : 'credit',
          accountId: company.findAccount(account, 'JournalEntry').listId,
          // UNVERIFIED: a line without an Amount is taken as 0.00 (QuickBooks' form allows a memo-only line).
          amount: optionalAmount(l, 'Amount') ?? ZERO_MONEY,
          entityId: entity ? company.findCustomer(entity, 'JournalEntry').listId : undefined,
          memo: text(l, 'Memo'),
        };
      });
    const entry = company.addJournalEntry({
      txnDate: text(add, 'TxnDate'),
      refNumber: limited(text(add, 'RefNumber'), 11, 'RefNumber'),
      memo: text(add, 'Memo'),
      isAdjustment: text(add, 'IsAdjustment') === 'true',
      externalGuid: text(add, 'ExternalGUID'),
      lines,
    });
    return ok(rq, 'JournalEntryAddRs', journalEntryRet(company, entry, { includeLineItems: true }).lines());
  },
};
