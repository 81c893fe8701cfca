import { expect } from 'chai';
import fc from 'fast-check';
import { AppError } from '../../../../core/errors/app-error';
import { addMoney, compareMoney, moneyFromCents, moneyToCents, parseMoney, subtractMoney, sumMoney } from '../../../../core/values/money';

describe('Money', () => {
  describe('parseMoney', () => {
    it('normalises 0, 1 or 2 decimals to exactly two', () => {
      expect(parseMoney('12')).to.equal('12.00');
      expect(parseMoney('12.5')).to.equal('12.50');
      expect(parseMoney('-0.07')).to.equal('-0.07');
      expect(parseMoney('9999999999999.99')).to.equal('9999999999999.99');
    });

    it('refuses a JS number, so no float ever becomes money', () => {
      expect(() => parseMoney(12.34)).to.throw(AppError, /not a number/);
    });

    it('gives every spelling of an amount the one canonical form, whether or not it was canonical already', () => {
      const spelling = fc.tuple(
        fc.boolean(),
        fc.nat({ max: 20 }),
        fc.bigInt({ min: 0n, max: 9_999_999_999_999n }),
        fc.constantFrom('', '.5', '.05', '.50', '.00', '.0'),
      );
      fc.assert(
        fc.property(spelling, ([negative, zeros, whole, fraction]) => {
          const digits = `${'0'.repeat(zeros)}${whole}`;
          fc.pre(digits.length <= 13);
          const cents = BigInt(digits) * 100n + BigInt(fraction === '' ? 0 : Number(fraction.slice(1).padEnd(2, '0')));
          const parsed = parseMoney(`${negative ? '-' : ''}${digits}${fraction}`);
          expect(parsed).to.equal(moneyFromCents(negative ? -cents : cents));
          expect(moneyToCents(parsed)).to.equal(negative ? -cents : cents);
        }),
      );
      expect(parseMoney('-0.00')).to.equal('0.00');
      expect(parseMoney('007.10')).to.equal('7.10');
    });

    it('refuses more than two decimals, thousands separators and junk', () => {
      for (const bad of ['1.234', '1,000.00', '', ' ', 'abc', '1e3', '.5', '12.', '99999999999999']) {
        expect(() => parseMoney(bad), bad).to.throw(AppError);
      }
    });
  });

  describe('arithmetic', () => {
    it('is exact where floats are not (0.1 + 0.2)', () => {
      expect(addMoney(parseMoney('0.10'), parseMoney('0.20'))).to.equal('0.30');
    });

    it('round-trips through cents, negatives included', () => {
      for (const cents of [0n, 1n, -1n, 99n, -100n, 123456789012345n]) {
        expect(moneyToCents(moneyFromCents(cents))).to.equal(cents);
      }
      expect(moneyFromCents(-5n)).to.equal('-0.05');
    });

    it('subtracts and compares', () => {
      const a = parseMoney('100.00');
      const b = parseMoney('0.01');
      expect(subtractMoney(a, b)).to.equal('99.99');
      expect(compareMoney(a, b)).to.equal(1);
      expect(compareMoney(b, a)).to.equal(-1);
      expect(compareMoney(a, parseMoney('100'))).to.equal(0);
    });

    it('adds a million cents without drift', () => {
      const cent = parseMoney('0.01');
      expect(sumMoney(Array.from({ length: 1_000_000 }, () => cent))).to.equal('10000.00');
    });
  });
});
