import { Money, moneyFromCents, parseMoney } from '../../../core/values/money';
import { QboCompany } from './qbo-company';
import { QboFault } from './qbo-fault';
import { EntityName, refValue, SimEntity } from './qbo-records';

/** What one entity's write rules provide to the dispatcher (write-dispatch.ts). */
export interface EntityWriter {
  readonly entity: EntityName;
  /** Fields a client may write; everything else it sends must be read-only (ignored) or is 2010. */
  readonly writable: ReadonlySet<string>;
  /** Transactions can be deleted; name lists only made inactive (§6.4). */
  readonly deletable: boolean;
  /** Checks and completes the fields to store (defaults, computed totals, line Ids). */
  prepare(company: QboCompany, fields: Record<string, unknown>, existing: SimEntity | undefined, options: WriteOptions): Record<string, unknown>;
  /** Keeps the company's indexes in step after a create or update. */
  afterWrite?(company: QboCompany, row: SimEntity): void;
  /** Refuses a change to a locked object (a deposited payment, 6540). */
  guard?(company: QboCompany, row: SimEntity): void;
  beforeDelete?(company: QboCompany, row: SimEntity): void;
  /** `?operation=void` (or `operation=update&include=void`), when the entity supports it. */
  voidRow?(company: QboCompany, row: SimEntity): void;
}

export interface WriteOptions {
  /** The `include` query parameter (`allowduplicatedocnum`, `void`). */
  readonly include: readonly string[];
}

/** Output-only fields a client may send back from a read; ignored, never 2010. */
export const READ_ONLY = new Set([
  'Id',
  'SyncToken',
  'MetaData',
  'domain',
  'sparse',
  'status',
  'Balance',
  'BalanceWithJobs',
  'FullyQualifiedName',
  'TotalAmt',
  'UnappliedAmt',
  'CurrentBalance',
  'CurrentBalanceWithSubAccounts',
  'LinkedTxn',
  'CurrencyRef',
  'Classification',
  'Level',
  'HomeBalance',
  'HomeTotalAmt',
]);

/** An amount from a request: a JSON number (as QBO clients send) or a decimal string; at most 2 decimals. */
export function readMoney(value: unknown, element: string): Money {
  if (value === undefined || value === null || value === '') throw QboFault.required(element);
  const text = typeof value === 'number' ? String(value) : value;
  try {
    return parseMoney(typeof text === 'string' && /^-?\d*\.\d+$/.test(text) && text.startsWith('.') ? `0${text}` : text, element);
  } catch {
    throw new QboFault(
      400,
      '2010',
      'Request has invalid or unsupported property',
      `Property Name:${element} has an invalid amount: ${String(value)}`,
      'ValidationFault',
      element,
    );
  }
}

export function moneyOrZero(value: unknown, element: string): Money {
  return value === undefined || value === null ? moneyFromCents(0n) : readMoney(value, element);
}

/** A `YYYY-MM-DD` date, or the default. */
export function readDate(value: unknown, element: string, fallback: string): string {
  if (value === undefined || value === null || value === '') return fallback;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new QboFault(
      400,
      '2010',
      'Request has invalid or unsupported property',
      `Property Name:${element} is not a date (YYYY-MM-DD): ${String(value)}`,
      'ValidationFault',
      element,
    );
  }
  return value;
}

/** A reference that must name an existing, active object (2500 otherwise). */
export function readRef(company: QboCompany, value: unknown, entity: EntityName, element: string, required: boolean): { value: string } | undefined {
  const id = refValue(value);
  if (id === undefined) {
    if (required) throw QboFault.required(element);
    return undefined;
  }
  const target = company.get(entity, id);
  if (!target || target.fields.Active === false) throw QboFault.invalidReference(element, id);
  return { value: id };
}

/** `YYYY-MM-DD` plus days, on the calendar. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
