import { expect } from 'chai';
import { MAX_INVOICE_TOTAL, checkInvoiceTotal } from '../../../../../adapters/alternative/services/invoice-lines';
import { AppError } from '../../../../../core/errors/app-error';
import { Money, parseMoney, sumMoney } from '../../../../../core/values/money';

describe('checkInvoiceTotal', () => {
  const refusal = (total: Money) => {
    try {
      checkInvoiceTotal(total);
    } catch (error) {
      expect(error).to.be.instanceOf(AppError);
      return (error as AppError).message;
    }
    return undefined;
  };

  it('takes a cent, and the most the ledger holds', () => {
    expect([refusal(parseMoney('0.01')), refusal(MAX_INVOICE_TOTAL)]).to.deep.equal([undefined, undefined]);
  });

  it('refuses nothing, less than nothing, and a cent more than the ledger holds', () => {
    expect(refusal(parseMoney('0.00'))).to.equal('lines must add up to more than 0.00 (they add up to 0.00).');
    expect(refusal(parseMoney('-0.01'))).to.equal('lines must add up to more than 0.00 (they add up to -0.01).');
    // A sum may pass what one amount may hold.
    expect(refusal(sumMoney([MAX_INVOICE_TOTAL, parseMoney('0.01')]))).to.equal(
      'lines add up to 10000000000000.00, more than an invoice can hold (9999999999999.99).',
    );
  });
});
