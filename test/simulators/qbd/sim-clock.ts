/**
 * The QuickBooks machine's clock and time zone. QuickBooks writes timestamps in local wall
 * time with an offset and no `Z` (../shared/reference/qbwc-qbxml.md §4.5). The zone here follows US daylight-saving
 * rules (second Sunday of March to first Sunday of November, 2 a.m. local), with a standard
 * offset of -06:00 by default.
 *
 * The DST bug (../shared/reference/qbwc-qbxml.md §5.2, PEER/OBS): QuickBooks stamps the right wall-clock time but the
 * standard offset even during daylight-saving time, so the string names an instant one hour
 * off. With `dstBug` on, the simulator does the same.
 */
export class SimClock {
  private current: Date;

  constructor(
    start: Date,
    readonly standardOffsetMinutes = -360,
    public dstBug = false,
  ) {
    this.current = new Date(Math.floor(start.getTime() / 1000) * 1000);
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves time on; every change QuickBooks records gets a later stamp. */
  advance(seconds: number): Date {
    this.current = new Date(this.current.getTime() + seconds * 1000);
    return this.now();
  }

  set(date: Date): void {
    this.current = new Date(Math.floor(date.getTime() / 1000) * 1000);
  }

  isDst(instant: Date): boolean {
    const year = instant.getUTCFullYear();
    const start = nthSundayUtc(year, 2, 2, 2 - this.standardOffsetMinutes / 60);
    const end = nthSundayUtc(year, 10, 1, 2 - (this.standardOffsetMinutes + 60) / 60);
    return instant >= start && instant < end;
  }

  /** The true local offset at an instant, in minutes east of UTC. */
  offsetAt(instant: Date): number {
    return this.standardOffsetMinutes + (this.isDst(instant) ? 60 : 0);
  }

  /** `YYYY-MM-DDThh:mm:ss±hh:mm` as QuickBooks writes it (with its DST bug when turned on). */
  format(instant: Date): string {
    const wallOffset = this.offsetAt(instant);
    const wall = new Date(instant.getTime() + wallOffset * 60_000).toISOString().slice(0, 19);
    const written = this.dstBug ? this.standardOffsetMinutes : wallOffset;
    return `${wall}${formatOffset(written)}`;
  }

  /** The local calendar date of an instant. */
  localDate(instant: Date): string {
    return new Date(instant.getTime() + this.offsetAt(instant) * 60_000).toISOString().slice(0, 10);
  }

  /**
   * Reads a DATETIMETYPE from a request. With an offset QuickBooks converts; without one the
   * text is local wall time; a date alone is the start of that local day (../shared/reference/qbwc-qbxml.md §5.2).
   */
  parse(text: string): Date | undefined {
    const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:T(\d{1,2})(?::(\d{1,2})(?::(\d{1,2}))?)?)?([+-]\d{2}:\d{2})?$/.exec(text.trim());
    if (!m) return undefined;
    const [, y, mo, d, h = '0', mi = '0', s = '0', offset] = m;
    const wallUtc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
    if (offset) return new Date(wallUtc - parseOffset(offset) * 60_000);
    // Local wall time: try the standard offset, then correct if that instant falls in DST.
    const guess = new Date(wallUtc - this.standardOffsetMinutes * 60_000);
    return new Date(wallUtc - this.offsetAt(guess) * 60_000);
  }
}

function nthSundayUtc(year: number, month: number, n: number, hourUtc: number): Date {
  const first = new Date(Date.UTC(year, month, 1));
  const day = 1 + ((7 - first.getUTCDay()) % 7) + (n - 1) * 7;
  return new Date(Date.UTC(year, month, day, hourUtc));
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function parseOffset(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const [h, m] = text.slice(1).split(':').map(Number);
  return sign * (h * 60 + m);
}
