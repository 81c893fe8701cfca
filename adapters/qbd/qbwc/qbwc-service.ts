import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import { TurnGate } from '../../../core/runtime/turn-gate';
import { TOKENS } from '../../../core/runtime/tokens';
import type { Database } from '../../../core/store/open-database';
import { clientVersionAnswer } from './client-version';
import { QbwcMetrics } from './qbwc-metrics';
import { SessionEnd } from './session-end';
import { AnswerIntake, SessionRunner } from './session-runner';
import { SessionStart } from './session-start';

/**
 * How many Web Connector calls work on the database at once; the others wait their turn in
 * order. About the database pool's size: more only interleave on the same connections and CPU
 * and make every call of a burst late, fewer leave the database idle between statements.
 */
export const QBWC_CALLS_AT_ONCE = 8;

/**
 * The Web Connector's callbacks, as the SOAP layer calls them. Stateless: every fact of a session
 * (ticket, plan, step, progress, the company's lease) is in PostgreSQL, so any server instance can
 * answer any call. Each call gets its own EntityManager and takes its turn at the gate; the work is
 * done by the session's units (start, runner, end).
 */
@injectable()
export class QbwcService {
  constructor(
    @inject(TOKENS.Database) private readonly database: Database,
    @inject(SessionStart) private readonly start: SessionStart,
    @inject(SessionRunner) private readonly runner: SessionRunner,
    @inject(SessionEnd) private readonly end: SessionEnd,
    @inject(QbwcMetrics) metrics: QbwcMetrics,
  ) {
    metrics.watchWaiting(() => this.gate.queued);
  }

  /**
   * QBWC calls of several statements take turns (see TurnGate), a few at a time. An incremental
   * session sends three through it: authenticate, then sendRequestXML, then the answer (a first
   * sync more pages after them, which the gate need not know of).
   */
  private readonly gate = new TurnGate(QBWC_CALLS_AT_ONCE);

  private em(): EntityManager {
    return this.database.orm.em.fork();
  }

  serverVersion(): string {
    return 'Alternative Payments QuickBooks sync 0.1';
  }

  /** '' to go on, 'W:' to warn, 'E:' to stop (../shared/reference/qbwc-qbxml.md §1.3). */
  clientVersion(version: string): string {
    return clientVersionAnswer(version);
  }

  /** See SessionStart.authenticate: [ticket, '' | path | 'nvu' | 'none' | 'busy', postponeSeconds, minimumRunEverySeconds]. */
  async authenticate(username: string, password: string, source = ''): Promise<string[]> {
    return this.gate.run(() => this.start.authenticate(this.em(), username, password, source), { callsAfter: 2 });
  }

  async sendRequestXML(input: {
    ticket: string;
    strHCPResponse: string;
    strCompanyFileName: string;
    qbXMLCountry: string;
    qbXMLMajorVers: number;
    qbXMLMinorVers: number;
  }): Promise<string> {
    return this.gate.run(() => this.runner.sendRequestXML(this.em(), input), { callsAfter: 1 });
  }

  /** See SessionRunner.beginAnswer; storing the answer takes its turn at the gate. */
  async beginAnswer(ticket: string): Promise<AnswerIntake> {
    // One statement, outside the turns: waiting twice in line would make this call twice as late.
    const intake = await this.runner.beginAnswer(this.em(), ticket);
    return { write: (text) => intake.write(text), finish: (input) => this.gate.run(() => intake.finish(input)) };
  }

  async connectionError(input: { ticket: string; hresult: string; message: string }): Promise<string> {
    return this.gate.run(() => this.end.connectionError(this.em(), input));
  }

  // The two calls below are one statement each, outside the turns: taking turns keeps calls of
  // many statements from interleaving, and one statement cannot interleave; in line, it waited
  // as long as a whole answer (benchmark 3: closeConnection p50 0.5 s in line, 15 ms outside, and
  // the company's lease freed that much sooner for the company's other computers). A close sent
  // while an answer of the same session is stored waits for that answer's lock on the session row.

  async getLastError(ticket: string): Promise<string> {
    return this.end.getLastError(this.em(), ticket);
  }

  async closeConnection(ticket: string): Promise<string> {
    return this.end.closeConnection(this.em(), ticket);
  }
}
