import { expect } from 'chai';
import { MAX_INVOICE_LINES, readInvoiceChange, readNewInvoice } from '../../../../../adapters/alternative/api/invoice-input';
import { AppError } from '../../../../../core/errors/app-error';

/** The places a body was refused at; fails when it was taken. */
function problemsOf(read: () => unknown): string[] {
  try {
    read();
  } catch (error) {
    expect(error).to.be.instanceOf(AppError);
    return (error as AppError).problems.map((p) => `${p.at}: ${p.message}`);
  }
  return expect.fail('the body was taken');
}

describe('The invoice bodies of the partner API', () => {
  const customerId = '35711eee-9199-46ec-b709-346e9face405';

  it('takes a new invoice with priced and unpriced lines, amounts as exact Money strings', () => {
    const input = readNewInvoice({
      customerId,
      number: 'P-100',
      lines: [
        { item: 'Consulting', description: 'Setup', quantity: '3', rate: '19.995', amount: '59.99' },
        { description: 'Support', amount: '49.99' },
      ],
    });
    expect(input.lines.map((l) => l.amount)).to.deep.equal(['59.99', '49.99']);
    expect(input.date).to.equal(undefined);
  });

  it('refuses a priced line whose amount is not quantity x rate to the cent, naming the line', () => {
    const problems = problemsOf(() => readNewInvoice({ customerId, lines: [{ description: 'x', quantity: '3', rate: '19.995', amount: '59.98' }] }));
    expect(problems).to.deep.equal(['lines[0].amount: must be quantity x rate = 59.99']);
  });

  it('refuses every problem of a body at once: a long number, no lines, an amount that is not money', () => {
    expect(problemsOf(() => readNewInvoice({ customerId, number: 'TWELVE-CHARS', lines: [] })).map((p) => p.split(':')[0])).to.deep.equal(['number', 'lines']);
    expect(problemsOf(() => readNewInvoice({ customerId, lines: [{ description: 'x', amount: 1.5 }] }))[0]).to.match(/^lines\[0\]\.amount/);
  });

  it(`refuses more than ${MAX_INVOICE_LINES} lines`, () => {
    const lines = Array.from({ length: MAX_INVOICE_LINES + 1 }, () => ({ description: 'x', amount: '1.00' }));
    expect(problemsOf(() => readNewInvoice({ customerId, lines }))).to.deep.equal([`lines: must hold at most ${MAX_INVOICE_LINES} lines`]);
  });

  it('takes an edit with neither field, leaving that refusal to the service', () => {
    expect(readInvoiceChange({})).to.deep.equal({ dueDate: undefined, lines: undefined });
  });
});
