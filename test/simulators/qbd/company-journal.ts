import { JournalLineInput } from './company-inputs';
import { CompanyDeposits } from './company-deposits';
import { checkJournalLines } from './journal-entry-rules';
import { SimJournalEntry } from './sim-records';
import { notFound } from './sim-status-error';

/** General journal entries; one with an A/R debit to a customer is a receivable (company-receivables.ts). */
export class CompanyJournal extends CompanyDeposits {
  /** JournalEntryAdd, after QuickBooks' checks (checkJournalLines). */
  addJournalEntry(input: {
    txnDate?: string;
    refNumber?: string;
    memo?: string;
    isAdjustment?: boolean;
    externalGuid?: string;
    lines: readonly JournalLineInput[];
  }): SimJournalEntry {
    checkJournalLines(this, input.lines);
    const entry: SimJournalEntry = {
      txnId: this.nextTxnId(),
      ...this.stamp(),
      txnNumber: ++this.txnNumber,
      txnDate: input.txnDate ?? this.clock.localDate(this.clock.now()),
      refNumber: input.refNumber,
      memo: input.memo,
      isAdjustment: input.isAdjustment,
      externalGuid: input.externalGuid,
      lines: input.lines.map((l) => ({
        txnLineId: this.nextTxnId(),
        side: l.side,
        accountId: l.accountId,
        amount: l.amount,
        entityId: l.entityId,
        memo: l.memo,
      })),
    };
    this.journalEntries.set(entry.txnId, entry);
    return entry;
  }

  journalEntry(txnId: string): SimJournalEntry {
    const entry = this.journalEntries.get(txnId);
    if (!entry) throw notFound(txnId);
    return entry;
  }
}
