import { AppError } from '../../../core/errors/app-error';
import type { QboAccess, QboAccessSource } from './qbo-access';
import { QboFault, classifyFault, faultError, transientError } from './qbo-fault';
import { QboPace, Sleep, sleep } from './qbo-pace';
import { parseAnswer } from './parse-fault';

/** One call of the v3 API, after `/v3/company/{realmId}`. */
export interface QboRequest {
  readonly method: 'GET' | 'POST';
  /** e.g. `/query`, `/invoice/130`, `/payment`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  /** Intuit's idempotency key (reference §6.5): our outbox row id on every write, so a re-sent write is answered, not done twice. */
  readonly requestId?: string;
  /** What the partner is told was refused: "the payment", "a read of invoices". */
  readonly what: string;
}

export type QboJson = Record<string, unknown>;

export interface QboClientOptions {
  /** Waits before the 2nd, 3rd... try of a throttled, failed (5xx) or unanswered request; their count + 1 is the number of tries. */
  readonly backoffMs?: readonly number[];
  /** Intuit stops a request after 120 s (reference §8). */
  readonly timeoutMs?: number;
  readonly sleep?: Sleep;
}

/** 1 s, then 2 s, as Intuit's own JS client does (reference §8), then the job engine takes over. */
const DEFAULT_BACKOFF_MS = [1_000, 2_000];
const MINOR_VERSION = '75';

/**
 * A QuickBooks Online API client for one connection (global fetch). Every call waits for its
 * realm's turn (QboPace), carries the connection's bearer token, asks for JSON at minor version
 * 75, and reads the answer for a fault whatever its status. A 401 refreshes the token once and
 * tries again. Throttles, 5xx and lost answers are tried again after a short backoff (safe: reads
 * change nothing, and every write carries its requestid); past the last try the error is
 * transient and says when to come back, so the job engine retries the sync later and nothing is lost.
 */
export class QboClient {
  private readonly backoff: readonly number[];
  private readonly timeoutMs: number;
  private readonly sleep: Sleep;

  constructor(
    readonly connectionId: string,
    private readonly tokens: QboAccessSource,
    private readonly apiBaseUrl: string,
    private readonly pace: QboPace,
    options: QboClientOptions = {},
  ) {
    this.backoff = options.backoffMs ?? DEFAULT_BACKOFF_MS;
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.sleep = options.sleep ?? sleep;
  }

  /** The JSON body of a successful answer; an AppError (kind from the fault table) otherwise. */
  async send(request: QboRequest, signal?: AbortSignal): Promise<QboJson> {
    let access = await this.tokens.access(this.connectionId);
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.once(access, request, signal);
      if ('json' in outcome) return outcome.json;
      const { kind, retryAfterSeconds } = outcome.fault ? classifyFault(outcome.fault) : { kind: 'transient' as const, retryAfterSeconds: undefined };
      if (kind === 'unauthorized' && !refreshed) {
        // The token was refused before its time (revoked, or refreshed by another instance): once.
        access = await this.tokens.afterRejection(this.connectionId, access.accessToken);
        refreshed = true;
        attempt--;
        continue;
      }
      if (kind === 'unauthorized') {
        throw new AppError('needs-user-action', 'QuickBooks Online no longer accepts this connection: reconnect it from the Integrations page.', {
          detail: outcome.fault ? `HTTP ${outcome.fault.status} code ${outcome.fault.code ?? '-'}` : undefined,
        });
      }
      if (kind !== 'transient') throw faultError(outcome.fault!, request.what, outcome.tid);
      if (retryAfterSeconds !== undefined) this.pace.holdOff(access.realmId, this.backoff[attempt] ?? 0);
      if (attempt >= this.backoff.length) {
        if (outcome.fault) throw faultError(outcome.fault, request.what, outcome.tid);
        throw transientError(`QuickBooks Online did not answer ${request.what}.`, undefined, outcome.network ?? 'no answer', outcome.cause);
      }
      await this.sleep(this.backoff[attempt], signal);
    }
  }

  private url(realmId: string, request: QboRequest): string {
    const params = new URLSearchParams({ ...request.query, minorversion: MINOR_VERSION });
    if (request.requestId) params.set('requestid', request.requestId);
    return `${this.apiBaseUrl.replace(/\/$/, '')}/v3/company/${encodeURIComponent(realmId)}${request.path}?${params}`;
  }

  /** One try: the answer's JSON, its fault, or no answer at all (the network, a timeout). */
  private async once(
    access: QboAccess,
    request: QboRequest,
    signal?: AbortSignal,
  ): Promise<{ json: QboJson } | { fault?: QboFault; tid?: string | null; network?: string; cause?: unknown }> {
    await this.pace.turn(access.realmId, signal);
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    let body: string;
    try {
      response = await fetch(this.url(access.realmId, request), {
        method: request.method,
        headers: {
          Authorization: `Bearer ${access.accessToken}`,
          Accept: 'application/json',
          ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      body = await response.text();
    } catch (error) {
      // The job was stopped: give up now, as a transient failure the engine picks up again.
      if (signal?.aborted) throw transientError('The sync was stopped before QuickBooks Online answered.', undefined, String(signal.reason), error);
      return { network: error instanceof Error ? `${error.name}: ${error.message}` : String(error), cause: error };
    }
    const answer = parseAnswer(response.status, body);
    if ('json' in answer) return answer;
    return { fault: answer.fault, tid: response.headers.get('intuit_tid') };
  }
}
