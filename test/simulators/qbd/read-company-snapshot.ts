import { AppError, Problem } from '../../../core/errors/app-error';
import { FieldReader, isPlainObject, readObject } from '../../../core/validation/field-reader';
import { CompanySnapshot, SNAPSHOT_FORMAT, SNAPSHOT_VERSION } from './company-snapshot';
import { application, applicationOrder, defined, depositLine, id, journalLine, line, stamped, stringRecord, text, txnHeader } from './snapshot-fields';
import { referenceProblems } from './snapshot-references';

/** A file this broken lists this many problems, then how many more: a wall of them helps nobody. */
const SHOWN_PROBLEMS = 10;

function read(r: FieldReader): CompanySnapshot {
  r.raw('format');
  r.raw('version');
  const list = <T>(key: string, each: (r: FieldReader) => T, optional = false) => r.array(key, (e) => defined(each(e) as object) as T, { optional }) ?? [];
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
    // Optional: a file saved before the simulator had estimates holds none (its format is otherwise the same).
    estimates: list(
      'estimates',
      (t) => ({
        ...txnHeader(t),
        customerId: id(t, 'customerId'),
        dueDate: text(t, 'dueDate'),
        isActive: t.boolean('isActive'),
        lines: t.array('lines', line) ?? [],
        salesTaxTotal: t.money('salesTaxTotal'),
      }),
      true,
    ),
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
