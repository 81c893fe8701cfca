import { FieldReader, isPlainObject } from '../../../core/validation/field-reader';
import { Saved } from './company-snapshot';
import { SimDepositLine, SimJournalLine, SimLine, Stamped } from './sim-records';

// The parts of a saved company's records, read back; read-company-snapshot.ts reads the whole.

// Free text as QuickBooks keeps it: may be empty, may hold anything XML can carry.
export const text = (r: FieldReader, key: string) => r.string(key, { optional: true, nonEmpty: false });
export const id = (r: FieldReader, key: string) => r.string(key, { max: 100 });
/** Drops fields read as absent, so a reloaded record has exactly the keys the saved one had. */
export const defined = <T extends object>(record: T): T => Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;

export function stamped(r: FieldReader): Saved<Stamped> {
  return { created: r.instant('created'), modified: r.instant('modified'), editSequence: r.string('editSequence') };
}

export function line(r: FieldReader): SimLine {
  return defined({
    txnLineId: id(r, 'txnLineId'),
    itemName: text(r, 'itemName'),
    desc: text(r, 'desc'),
    quantity: text(r, 'quantity'),
    rate: text(r, 'rate'),
    amount: r.money('amount'),
  });
}

export function application(r: FieldReader) {
  return { invoiceId: id(r, 'invoiceId'), amount: r.money('amount') };
}

export function depositLine(r: FieldReader): SimDepositLine {
  const base = { txnLineId: id(r, 'txnLineId'), amount: r.money('amount'), memo: text(r, 'memo') };
  return r.has('paymentId')
    ? defined({ ...base, paymentId: id(r, 'paymentId') })
    : defined({ ...base, accountId: id(r, 'accountId'), entityId: r.string('entityId', { optional: true }) });
}

export function journalLine(r: FieldReader): SimJournalLine {
  return defined({
    txnLineId: id(r, 'txnLineId'),
    side: r.oneOf('side', ['debit', 'credit'] as const),
    accountId: id(r, 'accountId'),
    amount: r.money('amount'),
    entityId: r.string('entityId', { optional: true }),
    memo: text(r, 'memo'),
  });
}

export const txnHeader = (r: FieldReader) => ({
  ...stamped(r),
  txnId: id(r, 'txnId'),
  txnNumber: r.integer('txnNumber', { min: 0 }),
  txnDate: r.string('txnDate'),
  refNumber: text(r, 'refNumber'),
  memo: text(r, 'memo'),
});

export function applicationOrder(r: FieldReader): [string, string[]][] {
  const raw = r.raw('applicationOrder');
  const ok =
    Array.isArray(raw) &&
    raw.every(
      (e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && Array.isArray(e[1]) && e[1].every((x: unknown) => typeof x === 'string'),
    );
  if (!ok) r.problem('applicationOrder', 'must be a list of [receivable id, [payment or credit memo ids]]');
  return ok ? (raw as [string, string[]][]) : [];
}

export function stringRecord(r: FieldReader, key: string): Record<string, string> {
  const raw = r.raw(key);
  if (isPlainObject(raw) && Object.values(raw).every((v) => typeof v === 'string')) return { ...(raw as Record<string, string>) };
  r.problem(key, 'must map names to strings');
  return {};
}
