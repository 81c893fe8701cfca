import { expect } from 'chai';
import { date, int, list, money, nullable, obj, str } from '../../../../../../core/runtime/http/openapi/api-description';
import { schemaProblems } from '../../../../../../core/runtime/http/openapi/schema-problems';

const messages = (...args: Parameters<typeof schemaProblems>) => schemaProblems(...args).map((p) => `${p.at}: ${p.message}`);

describe('schemaProblems', () => {
  const payment = obj({ amount: money(), date: date(), method: nullable(str()), lines: list(obj({ quantity: int(undefined, { minimum: 1 }) })) }, [
    'amount',
    'lines',
  ]);

  it('accepts an example that fits its schema', () => {
    expect(messages(payment, { amount: '125.00', date: '2026-11-21', method: null, lines: [{ quantity: 2 }] }, 'payment')).to.deep.equal([]);
  });

  describe('with money', () => {
    it('refuses a number, and a string without two decimals', () => {
      expect(messages(money(), 125, 'amount')).to.deep.equal(['amount: is integer, the schema says string']);
      expect(messages(money(), '125.5', 'amount')).to.deep.equal(['amount: "125.5" does not match ^-?\\d+\\.\\d{2}$']);
    });
  });

  it('names each missing, unknown, null or mistyped field by its path, all at once', () => {
    expect(messages(payment, { date: '2026-02-30', method: 7, lines: [{ quantity: 0 }, { quantity: 'two' }], note: 'x' }, 'payment')).to.deep.equal([
      'payment.amount: is required by the schema but missing',
      'payment.date: "2026-02-30" is not a date',
      'payment.method: is integer, the schema says string',
      'payment.lines[0].quantity: is below 1',
      'payment.lines[1].quantity: is string, the schema says integer',
      'payment.note: is not a property of the schema',
    ]);
    expect(messages(obj({ id: str() }), { id: null }, 'customer')).to.deep.equal(['customer.id: is null, which the schema does not allow (nullable)']);
  });

  it('checks enums, lengths and the formats it knows', () => {
    expect(messages(str(undefined, { enum: ['open', 'paid'] }), 'void', 'status')).to.deep.equal(['status: is "void", not one of open, paid']);
    expect(messages(str(undefined, { maxLength: 3 }), 'Café', 'name')).to.deep.equal(['name: is longer than 3']);
    expect(messages(str(undefined, { format: 'date-time' }), '2026-11-25 15:02', 'at')).to.deep.equal(['at: "2026-11-25 15:02" is not a date-time']);
    expect(messages(str(undefined, { format: 'uuid' }), '2b0c7f4e-5d1a-4c8b-9e36-7a1f0d2c4b58', 'id')).to.deep.equal([]);
  });

  it('checks every value of a map against its one schema, and the named properties against theirs', () => {
    const counts = { type: 'object', properties: { total: { type: 'string' } }, additionalProperties: { type: 'integer', minimum: 1 } };
    expect(messages(counts, { total: 'x', 'invoices applied': 3 }, 'c')).to.deep.equal([]);
    expect(messages(counts, { total: 4, 'invoices applied': 0, other: 'y' }, 'c')).to.deep.equal([
      'c.total: is integer, the schema says string',
      'c.invoices applied: is below 1',
      'c.other: is string, the schema says integer',
    ]);
  });

  it('reports a keyword or format it cannot check rather than passing it', () => {
    expect(messages({ type: 'object', patternProperties: {} }, {}, 'x')).to.deep.equal([
      'x: the schema uses "patternProperties", which this checker cannot check',
    ]);
    expect(messages(str(undefined, { format: 'email' }), 'a@b.example', 'email')).to.deep.equal(['email: format "email" is not one this checker knows']);
  });
});
