import { AppError } from '../errors/app-error';

declare const instantBrand: unique symbol;
declare const localDateBrand: unique symbol;

/**
 * A moment in time, written in ISO 8601 with an explicit zone: `Z` or `±HH:MM`
 * (`2026-03-08T02:30:00-05:00`). The offset the source gave is kept, because QuickBooks'
 * local offsets matter when reasoning about its daylight-saving bug.
 */
export type Instant = string & { readonly [instantBrand]: true };

/**
 * A calendar date with no time (`2026-11-25`): a due date or transaction date, read in the
 * company's own time zone, exactly as QuickBooks stores it.
 */
export type LocalDate = string & { readonly [localDateBrand]: true };

const INSTANT_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

export function instantProblem(input: unknown): string | undefined {
  if (typeof input !== 'string') return 'must be a timestamp string with a zone, such as "2026-11-25T10:00:00-05:00"';
  const m = INSTANT_PATTERN.exec(input);
  if (!m) return 'must be an ISO 8601 timestamp with a zone (Z or ±HH:MM), such as "2026-11-25T10:00:00-05:00"';
  const [, y, mo, d, h, mi, s, , zone, zh, zm] = m;
  if (!isCalendarDate(+y, +mo, +d) || +h > 23 || +mi > 59 || +s > 59) return 'is not a real date and time';
  if (zone !== 'Z' && (+zh > 14 || +zm > 59)) return 'has an impossible zone offset';
  return undefined;
}

export function localDateProblem(input: unknown): string | undefined {
  if (typeof input !== 'string') return 'must be a date string such as "2026-11-25"';
  const m = DATE_PATTERN.exec(input);
  if (!m) return 'must be a date written YYYY-MM-DD';
  if (!isCalendarDate(+m[1], +m[2], +m[3])) return 'is not a real calendar date';
  return undefined;
}

export function parseInstant(input: unknown, at = 'timestamp'): Instant {
  const problem = instantProblem(input);
  if (problem) throw AppError.invalid('Not a timestamp.', [{ at, message: problem }]);
  return input as Instant;
}

export function parseLocalDate(input: unknown, at = 'date'): LocalDate {
  const problem = localDateProblem(input);
  if (problem) throw AppError.invalid('Not a date.', [{ at, message: problem }]);
  return input as LocalDate;
}

/** Milliseconds since the epoch, for ordering instants written with different offsets. */
export function instantToEpochMs(instant: Instant): number {
  return Date.parse(instant);
}

/** The current moment, in UTC. */
export function nowInstant(clock: () => Date = () => new Date()): Instant {
  return clock().toISOString() as Instant;
}
