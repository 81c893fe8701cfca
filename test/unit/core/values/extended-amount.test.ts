import { expect } from 'chai';
import fc from 'fast-check';
import { extendedAmount } from '../../../../core/values/extended-amount';
import { moneyToCents } from '../../../../core/values/money';

describe('extendedAmount', () => {
  it('multiplies exactly and rounds half a cent away from zero', () => {
    expect(extendedAmount('3', '19.995')).to.equal('59.99');
    expect(extendedAmount('3', '19.99')).to.equal('59.97');
    expect(extendedAmount('0.5', '0.01')).to.equal('0.01');
    expect(extendedAmount('-0.5', '0.01')).to.equal('-0.01');
    expect(extendedAmount('1.5', '0.00333')).to.equal('0.00');
    expect(extendedAmount('9999999999', '1.00001')).to.equal('10000099999.00');
  });

  it('agrees with integer arithmetic on whole cents for any quantity of whole units', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: -10_000_000, max: 10_000_000 }), (quantity, rateCents) => {
        const rate = `${rateCents < 0 ? '-' : ''}${Math.floor(Math.abs(rateCents) / 100)}.${String(Math.abs(rateCents) % 100).padStart(2, '0')}`;
        expect(moneyToCents(extendedAmount(String(quantity), rate))).to.equal(BigInt(quantity) * BigInt(rateCents));
      }),
    );
  });

  it('refuses what is not a decimal of at most 5 decimals', () => {
    expect(() => extendedAmount('1.000001', '1')).to.throw(RangeError);
    expect(() => extendedAmount('1e3', '1')).to.throw(RangeError);
  });
});
