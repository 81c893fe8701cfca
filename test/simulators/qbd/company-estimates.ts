import { Money, sumMoney } from '../../../core/values/money';
import { LineInput, SalesDocumentInput } from './company-inputs';
import { CompanyJournal } from './company-journal';
import { SimEstimate } from './sim-records';
import { notFound } from './sim-status-error';

/**
 * Estimates: quotes of lines to a customer. They owe nothing and no payment applies to them, so
 * they touch no balance. Made and edited as a user would in QuickBooks; EstimateAdd and
 * EstimateMod are not simulated (the sync only reads estimates).
 */
export class CompanyEstimates extends CompanyJournal {
  addEstimate(input: SalesDocumentInput & { isActive?: boolean }): SimEstimate {
    const estimate: SimEstimate = { ...this.newSalesDocument(input), isActive: input.isActive ?? true };
    this.estimates.set(estimate.txnId, estimate);
    return estimate;
  }

  estimate(txnId: string): SimEstimate {
    const estimate = this.estimates.get(txnId);
    if (!estimate) throw notFound(txnId);
    return estimate;
  }

  /** Edits an estimate as a user would in QuickBooks: a new TimeModified and EditSequence. */
  editEstimate(
    txnId: string,
    changes: Partial<Pick<SimEstimate, 'dueDate' | 'memo' | 'refNumber' | 'isActive' | 'salesTaxTotal'>> & { lines?: readonly LineInput[] },
  ): SimEstimate {
    const estimate = this.estimate(txnId);
    const { lines, ...rest } = changes;
    Object.assign(estimate, rest);
    if (lines) estimate.lines = this.lines(lines);
    this.touch(estimate);
    return estimate;
  }

  estimateSubtotal(estimate: SimEstimate): Money {
    return sumMoney(estimate.lines.map((l) => l.amount));
  }

  estimateTotal(estimate: SimEstimate): Money {
    return sumMoney([this.estimateSubtotal(estimate), estimate.salesTaxTotal]);
  }
}
