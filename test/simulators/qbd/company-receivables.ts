import { Money, ZERO_MONEY, compareMoney, subtractMoney, sumMoney } from '../../../core/values/money';
import { LineInput, SalesDocumentInput, SimReceivable } from './company-inputs';
import { CompanyLists } from './company-lists';
import { InvoiceLineChange, changedLines } from './invoice-lines';
import { SimApplication, SimCreditMemo, SimInvoice, SimJournalEntry, SimJournalLine, SimLine, SimPayment } from './sim-records';
import { SimStatusError, notFound } from './sim-status-error';

/**
 * Invoices, and what a customer owes on them and on journal entries: receivables, what is
 * applied to them and what is left.
 */
export class CompanyReceivables extends CompanyLists {
  protected lines(inputs: readonly LineInput[]): SimLine[] {
    return inputs.map((l) => ({ txnLineId: this.nextTxnId(), ...l }));
  }

  /** What a new invoice or estimate starts with: new ids and stamps, today's date unless given, its lines. */
  protected newSalesDocument(input: SalesDocumentInput) {
    this.customer(input.customerId);
    return {
      ...this.newTxnHeader(input.customerId, input.txnDate),
      dueDate: input.dueDate,
      refNumber: input.refNumber,
      memo: input.memo,
      lines: this.lines(input.lines),
      salesTaxTotal: input.salesTaxTotal ?? ZERO_MONEY,
    };
  }

  addInvoice(input: SalesDocumentInput & { externalGuid?: string }): SimInvoice {
    const invoice: SimInvoice = { ...this.newSalesDocument(input), externalGuid: input.externalGuid };
    this.invoices.set(invoice.txnId, invoice);
    return invoice;
  }

  invoice(txnId: string): SimInvoice {
    const invoice = this.invoices.get(txnId);
    if (!invoice) throw notFound(txnId);
    return invoice;
  }

  /**
   * Voids an invoice as QuickBooks does: the record stays, every line's amount (and quantity)
   * becomes zero, so its total and balance are 0.00, and "VOID:" is put before the memo.
   * UNVERIFIED: the reference is silent on how a voided invoice reads back in qbXML 13.0 (it has
   * no IsVoid element); the zeroed amounts and the "VOID:" memo are what QuickBooks' UI shows.
   * Payments and credits applied to it are unapplied (they stay as unused amounts).
   */
  voidInvoice(txnId: string): SimInvoice {
    const invoice = this.invoice(txnId);
    this.unapplyAllFrom(txnId);
    invoice.lines = invoice.lines.map((l) => ({ ...l, amount: ZERO_MONEY, ...(l.quantity !== undefined ? { quantity: '0' } : {}) }));
    invoice.salesTaxTotal = ZERO_MONEY;
    invoice.memo = `VOID:${invoice.memo ? ` ${invoice.memo}` : ''}`;
    this.touch(invoice);
    return invoice;
  }

  /** Edits an invoice as a user would in QuickBooks: a new TimeModified and EditSequence. */
  editInvoice(txnId: string, changes: Partial<Pick<SimInvoice, 'dueDate' | 'memo' | 'refNumber'>> & { lines?: readonly LineInput[] }): SimInvoice {
    const invoice = this.invoice(txnId);
    const { lines, ...rest } = changes;
    const newLines = lines && this.lines(lines);
    // Checked before anything changes, so a refused edit leaves the invoice as it was.
    if (newLines) this.checkInvoiceTotal(invoice, newLines);
    Object.assign(invoice, rest);
    if (newLines) invoice.lines = newLines;
    this.touch(invoice);
    return invoice;
  }

  /** InvoiceMod: the EditSequence must be current (3200); the line rules are in changedLines. */
  modifyInvoice(
    txnId: string,
    editSequence: string,
    changes: { txnDate?: string; refNumber?: string; dueDate?: string; memo?: string; lines?: readonly InvoiceLineChange[] },
  ): SimInvoice {
    const invoice = this.invoice(txnId);
    this.checkEditSequence(invoice, editSequence);
    const { lines: lineChanges, ...fields } = changes;
    const lines = lineChanges ? changedLines(invoice.lines, lineChanges, () => this.nextTxnId()) : invoice.lines;
    if (lineChanges) this.checkInvoiceTotal(invoice, lines);
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(invoice, { [key]: value });
    invoice.lines = lines;
    this.touch(invoice);
    return invoice;
  }

  private checkInvoiceTotal(invoice: SimInvoice, lines: readonly SimLine[]): void {
    const total = sumMoney([...lines.map((l) => l.amount), invoice.salesTaxTotal]);
    if (compareMoney(total, this.invoiceApplied(invoice)) < 0) {
      throw new SimStatusError(3210, 'The invoice total cannot be less than the payments and credits applied to it.');
    }
  }

  invoiceSubtotal(invoice: SimInvoice): Money {
    return sumMoney(invoice.lines.map((l) => l.amount));
  }

  invoiceTotal(invoice: SimInvoice): Money {
    return sumMoney([this.invoiceSubtotal(invoice), invoice.salesTaxTotal]);
  }

  /** What payments and credit memos have applied to an invoice (positive here; QuickBooks reports it negative). */
  invoiceApplied(invoice: SimInvoice): Money {
    return sumMoney(this.applicationsTo(invoice.txnId).map((a) => a.amount));
  }

  invoiceBalance(invoice: SimInvoice): Money {
    return subtractMoney(this.invoiceTotal(invoice), this.invoiceApplied(invoice));
  }

  /** Every payment and credit application to a receivable, with the transaction it came from. */
  applicationsTo(invoiceId: string): (SimApplication & { from: SimPayment | SimCreditMemo; type: 'ReceivePayment' | 'CreditMemo' })[] {
    const result = [];
    for (const from of this.appliedBy.get(invoiceId) ?? []) {
      const type = this.payments.has(from.txnId) ? ('ReceivePayment' as const) : ('CreditMemo' as const);
      for (const a of from.applications) if (a.invoiceId === invoiceId) result.push({ ...a, from, type });
    }
    return result;
  }

  /** An invoice, or a journal entry with an A/R debit to a customer, by TxnID. */
  receivable(txnId: string): SimReceivable | undefined {
    const invoice = this.invoices.get(txnId);
    if (invoice)
      return {
        txnId,
        type: 'Invoice',
        customerId: invoice.customerId,
        txnDate: invoice.txnDate,
        refNumber: invoice.refNumber,
        total: this.invoiceTotal(invoice),
      };
    const entry = this.journalEntries.get(txnId);
    const debit = entry && this.receivableDebit(entry);
    if (!entry || !debit) return undefined;
    return { txnId, type: 'JournalEntry', customerId: debit.entityId!, txnDate: entry.txnDate, refNumber: entry.refNumber, total: debit.amount };
  }

  /** What is still owed on a receivable: its total less what payments and credits apply to it. */
  receivableBalance(receivable: SimReceivable): Money {
    return subtractMoney(receivable.total, sumMoney(this.applicationsTo(receivable.txnId).map((a) => a.amount)));
  }

  /** The line that makes a journal entry an open receivable: a debit to A/R naming a customer. */
  receivableDebit(entry: SimJournalEntry): SimJournalLine | undefined {
    return entry.lines.find((l) => l.side === 'debit' && l.entityId !== undefined && this.isReceivablesAccount(l.accountId));
  }

  /** A receivable goes (deleted or voided): what was applied to it stays on the payments and credits as unused. */
  protected unapplyAllFrom(txnId: string): void {
    for (const t of this.appliedBy.get(txnId) ?? []) {
      t.applications = t.applications.filter((a) => a.invoiceId !== txnId);
      this.touch(t);
    }
    this.appliedBy.delete(txnId);
  }
}
