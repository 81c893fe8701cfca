import { SimClock } from '../qbd/sim-clock';

/**
 * Simulated time for QuickBooks Online: token lifetimes, the CDC 30-day window and MetaData
 * stamps all read it. It follows `now()` (real time by default, so the CLI's clock runs) plus
 * whatever tests added with `advance(ms)`. QBO writes times in US Pacific with the offset of the
 * day, `-08:00` in winter and `-07:00` in summer (../shared/reference/qbo-api.md §10).
 */
export class QboClock {
  private advancedMs = 0;
  // The QBD simulator's zone rules, with Pacific standard time; used only to format and parse.
  private readonly zone = new SimClock(new Date(0), -480);

  constructor(private readonly base: () => Date = () => new Date()) {}

  now(): Date {
    return new Date(this.base().getTime() + this.advancedMs);
  }

  /** Moves simulated time on by `ms` milliseconds. */
  advance(ms: number): Date {
    this.advancedMs += ms;
    return this.now();
  }

  /** MetaData stamps: seconds precision with the Pacific offset, `2015-01-16T15:08:12-08:00`. */
  stamp(instant: Date): string {
    return this.zone.format(new Date(Math.floor(instant.getTime() / 1000) * 1000));
  }

  /** The response `time`: milliseconds and the Pacific offset, `2017-09-29T09:17:31.892-07:00`. */
  responseTime(instant = this.now()): string {
    const seconds = this.stamp(instant);
    const ms = String(instant.getTime() % 1000).padStart(3, '0');
    return `${seconds.slice(0, 19)}.${ms}${seconds.slice(19)}`;
  }

  /** The company's local calendar date (QBO companies here are all on Pacific time). */
  localDate(instant = this.now()): string {
    return this.zone.localDate(instant);
  }

  /**
   * Reads a date-time from a query or `changedSince`. An offset (`-07:00`, `-0700` or `Z`) is
   * honoured; without one the time is Pacific wall time (seen on CDC, UNVERIFIED for /query).
   */
  parse(text: string): Date | undefined {
    const trimmed = text.trim().replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
    const fractionless = trimmed.replace(/\.\d+(?=$|Z|[+-]\d{2}:\d{2}$)/, '');
    if (fractionless.endsWith('Z')) {
      const date = new Date(trimmed);
      return Number.isNaN(date.getTime()) ? undefined : date;
    }
    const parsed = this.zone.parse(fractionless);
    const fraction = /\.(\d{1,3})/.exec(trimmed.slice(19))?.[1];
    return parsed && fraction ? new Date(parsed.getTime() + Number(fraction.padEnd(3, '0'))) : parsed;
  }
}
