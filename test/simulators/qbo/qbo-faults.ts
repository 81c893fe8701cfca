import { EntityName } from './qbo-records';
import { TokenStore } from './token-store';

/** Which request a one-shot fault targets: a path fragment (case-insensitive), a pattern over the path, or a predicate. */
export type RequestMatch = string | RegExp | ((request: { method: string; path: string; query: Record<string, string> }) => boolean);

type MatchedRequest = { method: string; path: string; query: Record<string, string> };

function matches(m: RequestMatch, request: MatchedRequest): boolean {
  return typeof m === 'string' ? request.path.toLowerCase().includes(m.toLowerCase()) : m instanceof RegExp ? m.test(request.path) : m(request);
}

export const REQUESTS_PER_MINUTE = 500;
export const CONCURRENT_REQUESTS = 10;

/**
 * Faults tests turn on (`sim.faults`), and QBO's own throttling (§8): past 500 requests in a
 * minute of simulated time, or 10 at once, per realm ⇒ 429 code 3001.
 */
export class QboFaults {
  private throttled: { xml: boolean }[] = [];
  private readonly lost: RequestMatch[] = [];
  private readonly failures: { match: RequestMatch; status: number; afterWrite: boolean }[] = [];
  private readonly stale = new Set<string>();
  private readonly recent = new Map<string, number[]>();
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly tokens: TokenStore,
    private readonly rateLimits: boolean,
  ) {}

  /** The next `n` API calls answer 429 / 3001 (as XML with `xml`, as throttles have come live). */
  throttle(n: number, options: { xml?: boolean } = {}): void {
    for (let i = 0; i < n; i++) this.throttled.push({ xml: options.xml === true });
  }

  /** The next request matching is performed, then its socket destroyed without an answer. */
  loseAnswer(match: RequestMatch): void {
    this.lost.push(match);
  }

  /**
   * The next request matching answers a SystemFault (code 10000) with `status` (500 by default):
   * before doing anything, or with `afterWrite` once the write has happened (a 5xx that still wrote).
   */
  serverError(match: RequestMatch, options: { status?: number; afterWrite?: boolean } = {}): void {
    this.failures.push({ match, status: options.status ?? 500, afterWrite: options.afterWrite === true });
  }

  /** A bookkeeper edits this object (SyncToken bump) just before our next write to it reaches QBO. */
  staleOnce(entity: EntityName, id: string): void {
    this.stale.add(`${entity}/${id}`);
  }

  /** Every access token issued so far expires now; refresh tokens still work. */
  expireAccessTokens(): void {
    this.tokens.expireAllAccess();
  }

  takeThrottle(): { xml: boolean } | undefined {
    return this.throttled.shift();
  }

  takeLoseAnswer(request: MatchedRequest): boolean {
    const index = this.lost.findIndex((m) => matches(m, request));
    if (index >= 0) this.lost.splice(index, 1);
    return index >= 0;
  }

  takeServerError(request: MatchedRequest, afterWrite: boolean): number | undefined {
    const index = this.failures.findIndex((f) => f.afterWrite === afterWrite && matches(f.match, request));
    return index >= 0 ? this.failures.splice(index, 1)[0].status : undefined;
  }

  takeStale(entity: EntityName, id: string): boolean {
    return this.stale.delete(`${entity}/${id}`);
  }

  /** Admits one request of a realm at `nowMs`, or says it is throttled. Call `leave` when done. */
  enter(realmId: string, nowMs: number): boolean {
    if (!this.rateLimits) return true;
    const recent = (this.recent.get(realmId) ?? []).filter((t) => t > nowMs - 60_000);
    this.recent.set(realmId, recent);
    const busy = this.inFlight.get(realmId) ?? 0;
    if (recent.length >= REQUESTS_PER_MINUTE || busy >= CONCURRENT_REQUESTS) return false;
    recent.push(nowMs);
    this.inFlight.set(realmId, busy + 1);
    return true;
  }

  leave(realmId: string): void {
    if (!this.rateLimits) return;
    this.inFlight.set(realmId, Math.max(0, (this.inFlight.get(realmId) ?? 1) - 1));
  }
}
