import { AppError, Problem } from '../../../core/errors/app-error';
import { FieldReader, isPlainObject, readObject } from '../../../core/validation/field-reader';
import { CompanySnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION, Saved } from './company-snapshot';
import { SimDepositLine, SimJournalLine, SimLine, Stamped } from './sim-records';

/** A file this broken lists this many problems, then how many more: a wall of them helps nobody. */
const SHOWN_PROBLEMS = 10;

// Free text as QuickBooks keeps it: may be empty, may hold anything XML can carry.
const text = (r: FieldReader, key: string) => r.string(key, { optional: true, nonEmpty: false });
const id = (r: FieldReader, key: string) => r.string(key, { max: 100 });
/** Drops fields read as absent, so a reloaded record has exactly the keys the saved one had. */
const defined = <T extends object>(record: T): T => Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;

function stamped(r: FieldReader): Saved<Stamped> {
  return { created: r.instant('created'), modified: r.instant('modified'), editSequence: r.string('editSequence') };
}

function line(r: FieldReader): SimLine {
  return defined({
    txnLineId: id(r, 'txnLineId'),
    itemName: text(r, 'itemName'),
    desc: text(r, 'desc'),
    quantity: text(r, 'quantity'),
    rate: text(r, 'rate'),
    amount: r.money('amount'),
  });
}

function application(r: FieldReader) {
  return { invoiceId: id(r, 'invoiceId'), amount: r.money('amount') };
}

function depositLine(r: FieldReader): SimDepositLine {
  const base = { txnLineId: id(r, 'txnLineId'), amount: r.money('amount'), memo: text(r, 'memo') };
  return r.has('paymentId')
    ? defined({ ...base, paymentId: id(r, 'paymentId') })
    : defined({ ...base, accountId: id(r, 'accountId'), entityId: r.string('entityId', { optional: true }) });
}

function journalLine(r: FieldReader): SimJournalLine {
  return defined({
    txnLineId: id(r, 'txnLineId'),
    side: r.oneOf('side', ['debit', 'credit'] as const),
    accountId: id(r, 'accountId'),
    amount: r.money('amount'),
    entityId: r.string('entityId', { optional: true }),
    memo: text(r, 'memo'),
  });
}

const txnHeader = (r: FieldReader) => ({
  ...stamped(r),
  txnId: id(r, 'txnId'),
  txnNumber: r.integer('txnNumber', { min: 0 }),
  txnDate: r.string('txnDate'),
  refNumber: text(r, 'refNumber'),
  memo: text(r, 'memo'),
});

function read(r: FieldReader): CompanySnapshot {
  r.raw('format');
  r.raw('version');
  const list = <T>(key: string, each: (r: FieldReader) => T) => r.array(key, (e) => defined(each(e) as object) as T) ?? [];
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    companyName: r.string('companyName'),
    clock: r.object('clock', (c) => ({
      now: c.instant('now'),
      standardOffsetMinutes: c.integer('standardOffsetMinutes', { min: -840, max: 840 }),
      dstBug: c.boolean('dstBug'),
    })),
    counters: r.object('counters', (c) => ({
      list: c.integer('list', { min: 0 }),
      txn: c.integer('txn', { min: 0 }),
      txnNumber: c.integer('txnNumber', { min: 0 }),
      editSequence: c.integer('editSequence', { min: 0 }),
    })),
    accounts: list('accounts', (a) => ({
      ...stamped(a),
      listId: id(a, 'listId'),
      name: a.string('name'),
      fullName: a.string('fullName'),
      parentId: a.string('parentId', { optional: true }),
      isActive: a.boolean('isActive'),
      accountType: a.string('accountType'),
      specialAccountType: a.string('specialAccountType', { optional: true }),
      accountNumber: text(a, 'accountNumber'),
    })),
    customers: list('customers', (c) => ({
      ...stamped(c),
      listId: id(c, 'listId'),
      name: c.string('name'),
      fullName: c.string('fullName'),
      parentId: c.string('parentId', { optional: true }),
      isActive: c.boolean('isActive'),
      companyName: text(c, 'companyName'),
      firstName: text(c, 'firstName'),
      lastName: text(c, 'lastName'),
      email: text(c, 'email'),
      phone: text(c, 'phone'),
      externalGuid: text(c, 'externalGuid'),
    })),
    invoices: list('invoices', (t) => ({
      ...txnHeader(t),
      customerId: id(t, 'customerId'),
      dueDate: text(t, 'dueDate'),
      externalGuid: text(t, 'externalGuid'),
      lines: t.array('lines', line) ?? [],
      salesTaxTotal: t.money('salesTaxTotal'),
    })),
    creditMemos: list('creditMemos', (t) => ({
      ...txnHeader(t),
      customerId: id(t, 'customerId'),
      lines: t.array('lines', line) ?? [],
      salesTaxTotal: t.money('salesTaxTotal'),
      applications: t.array('applications', application) ?? [],
    })),
    payments: list('payments', (t) => ({
      ...txnHeader(t),
      customerId: id(t, 'customerId'),
      totalAmount: t.money('totalAmount'),
      paymentMethod: text(t, 'paymentMethod'),
      depositToAccountId: id(t, 'depositToAccountId'),
      externalGuid: text(t, 'externalGuid'),
      applications: t.array('applications', application) ?? [],
    })),
    deposits: list('deposits', (t) => ({
      ...txnHeader(t),
      depositToAccountId: id(t, 'depositToAccountId'),
      externalGuid: text(t, 'externalGuid'),
      lines: t.array('lines', depositLine) ?? [],
    })),
    journalEntries: list('journalEntries', (t) => ({
      ...txnHeader(t),
      isAdjustment: t.boolean('isAdjustment', { optional: true }),
      externalGuid: text(t, 'externalGuid'),
      lines: t.array('lines', journalLine) ?? [],
    })),
    items: r.stringList('items') ?? [],
    otherNames: r.stringList('otherNames') ?? [],
    deletedTxns: list('deletedTxns', (d) => ({
      txnDelType: d.string('txnDelType'),
      txnId: id(d, 'txnId'),
      created: d.instant('created'),
      deleted: d.instant('deleted'),
      refNumber: text(d, 'refNumber'),
    })),
    deletedLists: list('deletedLists', (d) => ({
      listDelType: d.string('listDelType'),
      listId: id(d, 'listId'),
      created: d.instant('created'),
      deleted: d.instant('deleted'),
      fullName: text(d, 'fullName'),
    })),
    applicationOrder: applicationOrder(r),
    dataExt: list('dataExt', (d) => ({ ownerId: d.string('ownerId'), values: stringRecord(d, 'values') })),
  };
}

function applicationOrder(r: FieldReader): [string, string[]][] {
  const raw = r.raw('applicationOrder');
  const ok =
    Array.isArray(raw) &&
    raw.every(
      (e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && Array.isArray(e[1]) && e[1].every((x: unknown) => typeof x === 'string'),
    );
  if (!ok) r.problem('applicationOrder', 'must be a list of [receivable id, [payment or credit memo ids]]');
  return ok ? (raw as [string, string[]][]) : [];
}

function stringRecord(r: FieldReader, key: string): Record<string, string> {
  const raw = r.raw(key);
  if (isPlainObject(raw) && Object.values(raw).every((v) => typeof v === 'string')) return { ...(raw as Record<string, string>) };
  r.problem(key, 'must map names to strings');
  return {};
}

/** What the records name must exist: a file edited by hand could otherwise fail deep inside a query. */
function referenceProblems(s: CompanySnapshot, file: string): Problem[] {
  const problems: Problem[] = [];
  const customers = new Set(s.customers.map((c) => c.listId));
  const accounts = new Set(s.accounts.map((a) => a.listId));
  const payments = new Set(s.payments.map((p) => p.txnId));
  const receivables = new Set([...s.invoices.map((i) => i.txnId), ...s.journalEntries.map((j) => j.txnId)]);
  const check = (ok: boolean, at: string, message: string) => ok || problems.push({ at: `${file}: ${at}`, message });
  for (const [key, records] of [
    ['invoices', s.invoices],
    ['creditMemos', s.creditMemos],
    ['payments', s.payments],
  ] as const) {
    records.forEach((t, i) => check(customers.has(t.customerId), `${key}[${i}].customerId`, 'names no customer of the company'));
  }
  for (const [key, records] of [
    ['creditMemos', s.creditMemos],
    ['payments', s.payments],
  ] as const) {
    records.forEach((t, i) =>
      t.applications.forEach((a, j) =>
        check(receivables.has(a.invoiceId), `${key}[${i}].applications[${j}].invoiceId`, 'names no invoice or journal entry of the company'),
      ),
    );
  }
  s.payments.forEach((p, i) => check(accounts.has(p.depositToAccountId), `payments[${i}].depositToAccountId`, 'names no account of the company'));
  s.deposits.forEach((d, i) =>
    d.lines.forEach((l, j) =>
      check(
        'paymentId' in l ? payments.has(l.paymentId) : accounts.has(l.accountId),
        `deposits[${i}].lines[${j}]`,
        'names no payment or account of the company',
      ),
    ),
  );
  s.journalEntries.forEach((e, i) =>
    e.lines.forEach((l, j) => check(accounts.has(l.accountId), `journalEntries[${i}].lines[${j}].accountId`, 'names no account of the company')),
  );
  return problems;
}

/**
 * Checks a parsed state file and returns the snapshot it holds. A file of another kind or
 * another version, or one that does not hold a whole company, is refused with one AppError that
 * says what is wrong (and what to do), never with a stack trace from deep inside a query.
 */
export function readCompanySnapshot(input: unknown, file: string): CompanySnapshot {
  const startOver = 'Start a new company with --fresh, or name another file with --state.';
  if (!isPlainObject(input) || input.format !== SNAPSHOT_FORMAT) {
    throw new AppError('invalid', `${file} is not a simulated QuickBooks company file. ${startOver}`);
  }
  if (input.version !== SNAPSHOT_VERSION) {
    throw new AppError(
      'invalid',
      `${file} holds a simulated company of format version ${JSON.stringify(input.version)}; this simulator reads version ${SNAPSHOT_VERSION} only. ${startOver}`,
    );
  }
  let snapshot: CompanySnapshot;
  try {
    snapshot = readObject('simulated company file', input, read, `${file}:`);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    throw damaged(file, error.problems, startOver);
  }
  const problems = referenceProblems(snapshot, file);
  if (problems.length > 0) throw damaged(file, problems, startOver);
  return snapshot;
}

function damaged(file: string, problems: readonly Problem[], startOver: string): AppError {
  const shown = problems.slice(0, SHOWN_PROBLEMS).map((p) => `  - ${p.at}: ${p.message}`);
  const more = problems.length > SHOWN_PROBLEMS ? [`  … and ${problems.length - SHOWN_PROBLEMS} more`] : [];
  return new AppError('invalid', [`${file} is damaged: it does not hold a whole simulated company. ${startOver}`, ...shown, ...more].join('\n'), { problems });
}
