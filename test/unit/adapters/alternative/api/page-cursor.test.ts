import { expect } from 'chai';
import { decodeCursor, nextCursor } from '../../../../../adapters/alternative/api/page-cursor';
import { AppError } from '../../../../../core/errors/app-error';

const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
const UUID = '0b7c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d';

describe('Page cursors', () => {
  it('gives back what nextCursor wrote, for each kind of key', () => {
    const invoices = nextCursor([{ txnDate: '2026-02-28', id: UUID }], 1, (r) => r);
    expect(decodeCursor(invoices, ['txnDate', 'id'])).to.deep.equal({ txnDate: '2026-02-28', id: UUID });
    const payments = encode({ createdAt: '2026-11-25 15:00:00.123456+00', id: UUID });
    expect(decodeCursor(payments, ['createdAt', 'id'])).to.deep.equal({ createdAt: '2026-11-25 15:00:00.123456+00', id: UUID });
    expect(decodeCursor(encode({ id: '9223372036854775807' }), ['id'], 'serial')).to.deep.equal({ id: '9223372036854775807' });
    // A customer's name may hold a tab or a line break: the page after it must still be reachable.
    expect(decodeCursor(encode({ fullName: 'A\tB\nC', id: UUID }), ['fullName', 'id'])).to.deep.equal({ fullName: 'A\tB\nC', id: UUID });
  });

  it('refuses a forged cursor in words (422) before any query could fail on it', () => {
    const forged = [
      [encode({ id: '9999999999999999999' }), ['id'], 'serial'],
      [encode({ id: UUID }), ['id'], 'serial'],
      [encode({ id: 'abc' }), ['id'], 'uuid'],
      [encode({ id: '12345' }), ['id'], 'uuid'],
      [encode({ txnDate: '2026-13-45', id: UUID }), ['txnDate', 'id'], 'uuid'],
      [encode({ txnDate: '2026-02-30', id: UUID }), ['txnDate', 'id'], 'uuid'],
      [encode({ createdAt: 'yesterday', id: UUID }), ['createdAt', 'id'], 'uuid'],
      [encode({ createdAt: '2026-11-25 25:99:99+00', id: UUID }), ['createdAt', 'id'], 'uuid'],
      [encode({ fullName: 'A\u0000B', id: UUID }), ['fullName', 'id'], 'uuid'],
      [encode({ fullName: 'lone \uD800 surrogate', id: UUID }), ['fullName', 'id'], 'uuid'],
      [encode({ fullName: 'x'.repeat(301), id: UUID }), ['fullName', 'id'], 'uuid'],
      [encode({ id: 7 }), ['id'], 'serial'],
      [encode(['id']), ['id'], 'serial'],
      ['%%%', ['id'], 'serial'],
    ] as const;
    for (const [raw, fields, kind] of forged) {
      expect(() => decodeCursor(raw, fields, kind), String(Buffer.from(raw, 'base64url'))).to.throw(AppError, /not one this API gave out/);
      try {
        decodeCursor(raw, fields, kind);
      } catch (error) {
        expect((error as AppError).kind).to.equal('invalid');
      }
    }
  });
});
