import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import { hashSecretToken } from '../../../core/runtime/http/secret-tokens';
import type { Change } from '../../../core/changes/change';
import type { AppConfig, SyncSettings } from '../../../core/config/app-config';
import { resolveSyncSettings } from '../../../core/config/resolve-sync-settings';
import { AppError } from '../../../core/errors/app-error';
import { recordOutcomes } from '../../../core/store/sync-events';
import type { RoutedOutcome } from '../../../core/pipeline/flow-decision';
import { routeChanges } from '../../../core/pipeline/route-changes';
import type { FrameworkRegistry } from '../../../core/plugins/framework-registry';
import type { Logger } from '../../../core/runtime/logger';
import { TOKENS } from '../../../core/runtime/tokens';
import type { ServiceMetrics } from '../../../core/runtime/metrics/service-metrics';
import { addLogContext } from '../../../core/runtime/log-context';
import { FifoGate } from '../../../core/runtime/fifo-gate';
import { QbwcMetrics } from './qbwc-metrics';
import { Connection } from '../../../core/store/entities/connection';
import type { Database } from '../../../core/store/open-database';
import { QbxmlEvent } from '../qbxml/reader/qbxml-events';
import { QbxmlStreamReader } from '../qbxml/reader/qbxml-stream-reader';
import { buildQbxmlDocument } from '../qbxml/requests/qbxml-document';
import { chooseQbxmlVersion } from '../qbxml/requests/qbxml-version';
import {
  BatchMember,
  SessionRow,
  acquireLease,
  createSession,
  lockSession,
  qbdCompany,
  releaseLease,
  sessionByTicketHash,
  endSessionsOf,
  updateSession,
} from '../store/qbd-store';
import { generateToken } from './credentials';
import { SignIn } from './sign-in';
import { hresultMessage, normaliseHresult } from './hresult-messages';
import { partnerCounts, showProgress } from './connection-progress';
import { readHostCompanyPreferences } from './read-hcp';
import { qbdSettings } from '../store/qbd-settings';
import { QBD_SYSTEM } from '../qbd-system';
import type { StepResult } from './steps/session-step';
import { SESSION_STEPS, planSteps } from './steps/session-steps';
import { flowsOutOfQuickBooks } from './steps/flows-out';
import { eventsOf, nextBatch } from './steps/message-batch';
import { holdWrites } from '../../../core/store/held-writes';
import { withoutSavepoints } from '../../../core/store/savepoints';
import { flushHeldWrites } from '../../../core/store/flush-held-writes';
import { recordSessionSummary } from '../../../core/store/sync-summary';
import { endQuietSpell } from '../../../core/health/notice-quiet-connections';

/** A ticket with no call for this long is dead, whatever became of its lease. */
export const TICKET_IDLE_SECONDS = 30 * 60;
/**
 * A session with no call for this long no longer keeps another computer from the company.
 * Between two calls of a live session QuickBooks runs one request: our requests are pages
 * (MaxReturned), which QuickBooks answers in seconds, and a big query "can take minutes"
 * (../shared/reference/qbwc-qbxml.md §9, pitfall 7; Conductor waits 90 s a request, a .NET SOAP client 100 s a call). Ten
 * minutes is several times the longest of these; the same computer never waits at all, since
 * its next sign-in supersedes its own dead session.
 */
export const LEASE_IDLE_SECONDS = 10 * 60;
/**
 * How many Web Connector calls work on the database at once; the others wait their turn in
 * order. About the database pool's size: more only interleave on the same connections and CPU
 * and make every call of a burst late, fewer leave the database idle between statements.
 */
export const QBWC_CALLS_AT_ONCE = 8;
/** A live session renews its lease and ticket at most this often. */
const RENEW_AFTER_SECONDS = 60;
/** Web Connectors older than this are refused; older than RECOMMENDED get a warning. */
export const MINIMUM_QBWC = '2.0.0.0';
export const RECOMMENDED_QBWC = '2.3.0.0';
/** 'none' answers ask QBWC to come back after this long. */
export const PAUSED_POSTPONE_SECONDS = 3600;
export const BUSY_POSTPONE_SECONDS = 120;

const hashTicket = hashSecretToken;

function compareDotted(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 4; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** QuickBooks' answer to one request, taken piece by piece as the envelope is read. */
export interface AnswerIntake {
  write(text: string): void;
  /** Once the envelope is complete: stores what the answer held; the percent for QBWC, or -1. */
  finish(input: { hresult: string; message: string }): Promise<number>;
}

/**
 * The Web Connector's callbacks. Stateless: every fact of a session (ticket, plan, step,
 * progress, the company's lease) is in PostgreSQL, so any server instance can answer any call.
 */
/** Names the connection and the ticket (12 hex of its hash, never the ticket) on every log line of this call. */
function logContextOf(connectionId: string, ticketHash: string): void {
  addLogContext({ connectionId, ticket: ticketHash.slice(0, 12) });
}

/** The session a ticket names, in whatever state, with its connection on the call's log lines. */
async function sessionOfTicket(em: EntityManager, ticket: string): Promise<SessionRow | undefined> {
  const session = ticket ? await sessionByTicketHash(em, hashTicket(ticket)) : undefined;
  if (session) logContextOf(session.connection_id, session.ticket_hash);
  return session;
}

@injectable()
export class QbwcService {
  constructor(
    @inject(TOKENS.Database) private readonly database: Database,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(TOKENS.Clock) private readonly clock: () => Date,
    @inject(TOKENS.FrameworkRegistry) private readonly registry: FrameworkRegistry,
    @inject(TOKENS.AppConfig) private readonly config: AppConfig,
    @inject(TOKENS.ServiceMetrics) private readonly serviceMetrics: ServiceMetrics,
    @inject(QbwcMetrics) private readonly metrics: QbwcMetrics,
    @inject(SignIn) private readonly signIn: SignIn,
  ) {}

  /** QBWC calls that use the database take turns (see FifoGate), a few at a time. */
  private readonly gate = new FifoGate(QBWC_CALLS_AT_ONCE);

  private em(): EntityManager {
    return this.database.orm.em.fork();
  }

  serverVersion(): string {
    return 'Alternative Payments QuickBooks sync 0.1';
  }

  /** '' to go on, 'W:' to warn, 'E:' to stop (../shared/reference/qbwc-qbxml.md §1.3). */
  clientVersion(version: string): string {
    if (!/^\d+(\.\d+){1,3}$/.test(version.trim())) return '';
    if (compareDotted(version, MINIMUM_QBWC) < 0)
      return `E:This QuickBooks Web Connector (${version}) is too old. Install version 2.3 or newer from Intuit, then run it again.`;
    if (compareDotted(version, RECOMMENDED_QBWC) < 0)
      return `W:This QuickBooks Web Connector (${version}) is old. It should work, but we recommend updating to version 2.3 or newer.`;
    return '';
  }

  /**
   * [ticket, '' | path | 'nvu' | 'none' | 'busy', postponeSeconds, minimumRunEverySeconds].
   * A new sign-in from an install ends that install's unfinished session (its Web Connector
   * gave up on it: a lost answer, a crash, a sleep), so it never waits for its own dead session;
   * another computer of the company is told busy while the holder is alive.
   */
  async authenticate(username: string, password: string, source = ''): Promise<string[]> {
    return this.gate.run(async () => {
      const em = this.em();
      const signIn = await this.signIn.check(em, username, password, source);
      if (signIn.kind === 'throttled') {
        this.logger.warn('qbwc sign-in throttled', { source });
        return ['', 'busy', String(signIn.retryAfterSeconds)];
      }
      if (signIn.kind === 'refused') {
        this.logger.warn('qbwc authentication refused', { username: username.slice(0, 64), source });
        return ['', 'nvu'];
      }
      const install = signIn.install;
      const connection = await em.findOneOrFail(Connection, { id: install.connection_id });
      const sync = resolveSyncSettings(this.config, { partnerId: connection.partner.id, connection });
      const minimumRun = String(sync.intervalMinutes * 60);
      if (connection.status === 'paused') return [generateToken(), 'none', String(PAUSED_POSTPONE_SECONDS), minimumRun];

      const now = this.clock();
      const ticket = generateToken();
      const ticketHash = hashTicket(ticket);
      const fullSync = !!connection.fullSyncRequestedAt;
      const started = await em.transactional(async (tx) => {
        const txEm = tx as EntityManager;
        const superseded = await endSessionsOf(txEm, install.id, now, 'A new session from the same computer replaced this one.');
        if (superseded > 0) this.logger.info('qbwc session superseded by a new sign-in from the same install', { installId: install.id, superseded });
        if (!(await acquireLease(txEm, connection.id, ticketHash, now, LEASE_IDLE_SECONDS))) return false;
        const steps = await planSteps({
          em: txEm,
          connectionId: connection.id,
          now,
          fullSync,
          flowsOut: flowsOutOfQuickBooks(this.registry, this.registry.ruleSetFor(this.config.partners.get(connection.partner.id)?.rules)),
        });
        const company = await qbdCompany(txEm, connection.id);
        const qbxmlVersion = company?.qbxml_version ?? undefined;
        await createSession(txEm, {
          ticketHash,
          connectionId: connection.id,
          installId: install.id,
          now,
          plan: { steps, fullSync, partnerId: connection.partner.id, qbxmlVersion, sync },
        });
        // In the same transaction, without a read: a new session starts clean, and whatever still
        // stands in the way is found again and shown.
        await txEm.nativeUpdate(
          Connection,
          { id: connection.id },
          {
            lastAuthenticatedAt: now,
            status: connection.status === 'pending' || connection.status === 'error' ? 'connected' : connection.status,
            progressPercent: 0,
            progressPhase: 'starting',
            progressCounts: {},
            lastErrorCode: null,
            lastErrorMessage: null,
            updatedAt: now,
          },
        );
        if (connection.quietSince) await endQuietSpell(txEm, connection.id, QBD_SYSTEM, now);
        // The company file to open: the answer's second value ('' is whatever company is open).
        return { companyFilePath: company?.company_file_path ?? '' };
      });
      if (!started) {
        this.logger.info('qbwc busy: another session holds the company', { connectionId: connection.id, installId: install.id });
        this.metrics.leaseWait();
        return [generateToken(), 'busy', String(BUSY_POSTPONE_SECONDS), minimumRun];
      }
      logContextOf(connection.id, ticketHash);
      this.logger.info('qbwc session started', { installId: install.id });
      this.metrics.session('started');
      return [ticket, started.companyFilePath, '', minimumRun];
    });
  }

  /**
   * The sync settings a session started with (its plan keeps them, so every call and every
   * instance agrees); a session planned before plans kept them is resolved again.
   */
  private async syncOf(em: EntityManager, session: SessionRow): Promise<Readonly<SyncSettings>> {
    if (session.plan.sync) return session.plan.sync;
    const connection = await em.findOneOrFail(Connection, { id: session.connection_id });
    return resolveSyncSettings(this.config, { partnerId: connection.partner.id, connection });
  }

  /** The live session of a ticket, with its lease renewed; undefined for unknown, closed or expired tickets. */
  private async session(em: EntityManager, ticket: string): Promise<SessionRow | undefined> {
    const now = this.clock();
    const session = await sessionOfTicket(em, ticket);
    if (!session || session.closed_at) return undefined;
    const idleMs = now.getTime() - new Date(session.last_seen_at).getTime();
    if (idleMs > TICKET_IDLE_SECONDS * 1000) return undefined;
    // Renewing the lease and the ticket on every call of a busy session would cost two writes a
    // call for nothing (they last minutes), so a renewal from the last minute stands.
    if (idleMs < RENEW_AFTER_SECONDS * 1000) return session;
    // Renewal fails only when another install took the lease after it lapsed: this session is over.
    if (!(await acquireLease(em, session.connection_id, session.ticket_hash, now, LEASE_IDLE_SECONDS))) return undefined;
    await updateSession(em, session.ticket_hash, { last_seen_at: now });
    return session;
  }

  async sendRequestXML(input: {
    ticket: string;
    strHCPResponse: string;
    strCompanyFileName: string;
    qbXMLCountry: string;
    qbXMLMajorVers: number;
    qbXMLMinorVers: number;
  }): Promise<string> {
    return this.gate.run(async () => {
      const em = this.em();
      const session = await this.session(em, input.ticket);
      if (!session) return '';
      try {
        const version = chooseQbxmlVersion({ major: input.qbXMLMajorVers, minor: input.qbXMLMinorVers });
        if (input.strHCPResponse.trim()) await readHostCompanyPreferences(em, session, input);
        // A later call of a session whose plan knows the version needs no read; the first call may just have learnt a new one.
        const firstCall = !session.summary.requests && session.step === 0;
        const agreed = (!firstCall && session.plan.qbxmlVersion) || (await qbdCompany(em, session.connection_id))?.qbxml_version;
        const batch = await nextBatch(session.plan.steps, session.step, session.step_state, {
          em,
          connectionId: session.connection_id,
          now: this.clock(),
          fullSync: session.plan.fullSync,
          sync: await this.syncOf(em, session),
          call: (session.summary.requests ?? 0) + 1,
          session: session.ticket_hash.slice(0, 8),
        });
        if (!batch) {
          // The plan is done (the last answer said 100); QBWC should not ask again, but if it does it gets a plain stop.
          await updateSession(em, session.ticket_hash, { step: session.plan.steps.length, last_error: 'Nothing is left to do in this session.' });
          return '';
        }
        const state = batch.head === session.step ? session.step_state : {};
        await updateSession(em, session.ticket_hash, {
          step: batch.head,
          step_state: state,
          pending_request_id: batch.requests[0].requestId,
          pending_batch: batch.members,
        });
        // The last answer already showed this step's phase; only steps passed over change it.
        if (batch.head !== session.step || firstCall)
          await showProgress(em, session.connection_id, this.clock(), {
            percent: session.percent,
            phase: SESSION_STEPS[session.plan.steps[batch.head]].phase,
            counts: partnerCounts(session.summary),
          });
        return buildQbxmlDocument({ version: (agreed as typeof version | null | undefined) ?? version, onError: 'continueOnError', requests: batch.requests });
      } catch (error) {
        await this.fail(em, session, AppError.from(error), 'SEND_FAILED');
        return '';
      }
    });
  }

  /**
   * Starts taking QuickBooks' answer for a session: the answer's text is written into the
   * session step's qbXML reader piece by piece as the envelope is read (so it is parsed once),
   * and `finish` stores what it held once the envelope is complete, never before.
   */
  async beginAnswer(ticket: string): Promise<AnswerIntake> {
    const em = this.em();
    // One statement, outside the turns: waiting twice in line would make this call twice as late.
    const session = await this.session(em, ticket);
    const stepName = session?.plan.steps[session.step];
    const step = stepName ? SESSION_STEPS[stepName] : undefined;
    const events: QbxmlEvent[] = [];
    const reader = step ? new QbxmlStreamReader((event) => events.push(event), step.retReaders) : undefined;
    let readError: unknown;
    return {
      write: (text) => {
        if (!reader || readError) return;
        try {
          reader.write(text);
        } catch (error) {
          readError = error; // the rest of the envelope is still read, so the call is answered in words
        }
      },
      finish: ({ hresult, message }) =>
        this.gate.run(async () => {
          if (!session) return -1;
          if (hresult.trim()) {
            await this.fail(em, session, new AppError('needs-user-action', hresultMessage(hresult, message)), normaliseHresult(hresult));
            return -1;
          }
          try {
            if (readError) throw readError;
            if (!reader) return session.percent; // the plan is done: nothing is awaited
            reader.end();
            return await this.applyAnswer(em, session, events);
          } catch (error) {
            await this.fail(em, session, AppError.from(error), 'RESPONSE_FAILED');
            return -1;
          }
        }),
    };
  }

  /**
   * Stores one answer with the session's progress, in one transaction that holds the session's
   * row. The steps of a message set take their parts in plan order; a step that needs another
   * request stops there (the answers after it are dropped and asked again). When a step fails,
   * the transaction is undone and the parts before it are stored again without it (no savepoint
   * a step on the common path), and the session ends with the reason.
   */
  private async applyAnswer(em: EntityManager, session: SessionRow, events: readonly QbxmlEvent[]): Promise<number> {
    const answered = events.find((e) => e.kind === 'status')?.status.requestId;
    // A repeated or stale answer (QBWC retried, or we moved on) changes nothing.
    if (!answered || answered !== session.pending_request_id) return session.percent;
    // Quick first: no savepoints. Any failure undoes it all, and the careful way below runs instead.
    const quick = await this.storeAnswer(em, session, answered, events, session.pending_batch, false).catch(() => undefined);
    if (quick && !('failedAt' in quick)) return quick.percent;
    const first = await this.storeAnswer(em, session, answered, events, session.pending_batch);
    if (!('failedAt' in first)) return first.percent;
    if (first.failedAt > 0) {
      const before = await this.storeAnswer(em, session, answered, events, session.pending_batch.slice(0, first.failedAt));
      if ('failedAt' in before) throw before.error;
    }
    throw first.error;
  }

  /** The transaction of applyAnswer for some of the answer's parts: the percent, or which part failed and why (nothing stored). */
  private async storeAnswer(
    em: EntityManager,
    session: SessionRow,
    answered: string,
    events: readonly QbxmlEvent[],
    members: readonly BatchMember[],
    savepoints = true,
  ): Promise<{ percent: number } | { failedAt: number; error: AppError }> {
    let failure: { failedAt: number; error: AppError } | undefined;
    try {
      const percent = await em.transactional(async (tx) => {
        const txEm = tx as EntityManager;
        const current = await lockSession(txEm, session.ticket_hash);
        // Superseded, or another call of this session got here first: this answer is not the one awaited.
        if (!current || current.closed_at) return -1;
        if (current.step !== session.step || current.pending_request_id !== answered) return session.percent;
        const now = this.clock();
        // The steps' sync-log rows and bookmarks go as one statement each at the end, with the data they cover.
        holdWrites(txEm);
        if (!savepoints) withoutSavepoints(txEm);
        const partnerId = session.plan.partnerId ?? (await txEm.findOneOrFail(Connection, { id: session.connection_id })).partner.id;
        const ruleSet = this.registry.ruleSetFor(this.config.partners.get(partnerId)?.rules);
        const sync = await this.syncOf(txEm, session);
        const route = (changes: readonly Change[]) =>
          routeChanges(
            { registry: this.registry, ruleSet, connectionId: session.connection_id, transaction: txEm, now, metrics: this.serviceMetrics },
            changes,
          );
        // Never routed, so no target: the log shows them going nowhere, with QuickBooks' reason.
        const logUnreadable = (outcomes: readonly RoutedOutcome[]) => recordOutcomes(txEm, session.connection_id, 'none', outcomes, now);
        const summary = { ...session.summary };
        let next = session.step;
        let state: Readonly<Record<string, string>> = {};
        let last: StepResult = { done: true, counts: {} };
        for (const [part, member] of members.entries()) {
          const step = SESSION_STEPS[session.plan.steps[member.step]];
          const ownState = member.step === session.step ? session.step_state : {};
          try {
            last =
              member.requestIds.length === 0
                ? { done: true, counts: {} } // it had nothing to ask
                : await step.handleAnswer(
                    {
                      em: txEm,
                      connectionId: session.connection_id,
                      requestId: member.requestId,
                      now,
                      state: ownState,
                      fullSync: session.plan.fullSync,
                      sync,
                      route,
                      logUnreadable,
                    },
                    eventsOf(events, member),
                  );
          } catch (error) {
            failure = { failedAt: part, error: AppError.from(error) };
            throw error;
          }
          for (const [k, v] of Object.entries(last.counts)) summary[k] = (summary[k] ?? 0) + v;
          next = last.done ? member.step + 1 : member.step;
          if (!last.done) {
            state = last.state ?? {};
            break;
          }
        }
        const finished = next >= session.plan.steps.length;
        // QBWC's bar: finished steps plus the share of the current one its own progress reports
        // (pages of an iterator), never going back, and 100 only when the plan is done.
        const within = last.done ? 0 : (last.progress?.percent ?? 0) / 100;
        const percent = finished ? 100 : Math.max(session.percent, Math.min(99, Math.floor((100 * (next + within)) / session.plan.steps.length)));
        summary.requests = (summary.requests ?? 0) + 1;
        await flushHeldWrites(txEm);
        await updateSession(txEm, session.ticket_hash, { step: next, percent, pending_request_id: null, pending_batch: [], summary, step_state: state });
        const phase = finished ? 'done' : (last.progress?.phase ?? SESSION_STEPS[session.plan.steps[next]]?.phase ?? 'working');
        // The partner sees the session's own bar (never going back between phases) and its counts so far.
        await showProgress(
          txEm,
          session.connection_id,
          now,
          { percent, phase, counts: partnerCounts(summary), answeredAt: now },
          finished ? { fullSync: session.plan.fullSync, recoveredFrom: session.last_error } : undefined,
        );
        if (finished)
          await recordSessionSummary(txEm, { connectionId: session.connection_id, source: QBD_SYSTEM, target: 'none', since: session.created_at, now });
        return percent;
      });
      if (percent === 100) this.metrics.session('completed');
      return { percent };
    } catch (error) {
      if (failure) return failure;
      throw error;
    }
  }

  /** Records a failure on the session (for getLastError) and on the connection (for the partner). */
  private async fail(em: EntityManager, session: SessionRow, error: AppError, code: string): Promise<void> {
    this.metrics.session('failed');
    this.logger.warn('qbwc session failed', { connectionId: session.connection_id, code, kind: error.kind, detail: error.detail, message: error.userMessage });
    await updateSession(em, session.ticket_hash, { last_error: error.userMessage });
    const connection = await em.findOneOrFail(Connection, { id: session.connection_id });
    connection.lastErrorCode = code;
    connection.lastErrorMessage = error.userMessage;
    connection.status = 'error';
    connection.updatedAt = this.clock();
    await em.flush();
  }

  /**
   * QuickBooks could not be opened. First time with a saved path: retry with '' (the open
   * company); otherwise 'done'. The reason is shown on the connection either way.
   */
  async connectionError(input: { ticket: string; hresult: string; message: string }): Promise<string> {
    return this.gate.run(async () => {
      const em = this.em();
      const session = await this.session(em, input.ticket);
      if (!session) return 'done';
      await this.fail(em, session, new AppError('needs-user-action', hresultMessage(input.hresult, input.message)), normaliseHresult(input.hresult));
      if ((await qbdSettings(em, session.connection_id)).companyFilePath && !session.summary.retriedOpenCompany) {
        await updateSession(em, session.ticket_hash, { summary: { ...session.summary, retriedOpenCompany: 1 } });
        return '';
      }
      return 'done';
    });
  }

  async getLastError(ticket: string): Promise<string> {
    return this.gate.run(async () => {
      const em = this.em();
      const session = await sessionOfTicket(em, ticket);
      if (!session || session.closed_at) return 'This session has ended or expired. Run Update Selected to start a new one.';
      return session.last_error ?? 'No error was recorded for this session.';
    });
  }

  /** Ends the session, frees the company for the next one, and says in one line what happened. */
  async closeConnection(ticket: string): Promise<string> {
    return this.gate.run(async () => {
      const em = this.em();
      const session = await sessionOfTicket(em, ticket);
      if (!session) return 'OK';
      if (!session.closed_at) {
        await updateSession(em, session.ticket_hash, { closed_at: this.clock() });
        await releaseLease(em, session.connection_id, session.ticket_hash);
      }
      if (session.last_error && session.percent < 100) return `Stopped: ${session.last_error}`;
      const counts = Object.entries(partnerCounts(session.summary)).map(([k, v]) => `${v} ${k}`);
      return `Complete: ${counts.length ? counts.join(', ') : 'nothing to do'} in ${session.summary.requests ?? 0} request(s).`;
    });
  }
}
