import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import { AppError } from '../../../core/errors/app-error';
import { TOKENS } from '../../../core/runtime/tokens';
import { qbdSettings } from '../store/qbd-settings';
import { closeSession, updateSession } from '../store/session-store';
import { partnerCounts } from './connection-progress';
import { hresultMessage, normaliseHresult } from './hresult-messages';
import { LiveSessions, hashTicket, logContextOf, sessionOfTicket } from './live-session';
import { SessionFailure } from './session-failure';

/** How a session ends: QuickBooks could not be opened, QBWC asks why it stopped, or closes it. */
@injectable()
export class SessionEnd {
  constructor(
    @inject(TOKENS.Clock) private readonly clock: () => Date,
    @inject(LiveSessions) private readonly sessions: LiveSessions,
    @inject(SessionFailure) private readonly failure: SessionFailure,
  ) {}

  /**
   * QuickBooks could not be opened. First time with a saved path: retry with '' (the open
   * company); otherwise 'done'. The reason is shown on the connection either way.
   */
  async connectionError(em: EntityManager, input: { ticket: string; hresult: string; message: string }): Promise<string> {
    const session = await this.sessions.find(em, input.ticket);
    if (!session) return 'done';
    await this.failure.fail(em, session, new AppError('needs-user-action', hresultMessage(input.hresult, input.message)), normaliseHresult(input.hresult));
    if ((await qbdSettings(em, session.connection_id)).companyFilePath && !session.summary.retriedOpenCompany) {
      await updateSession(em, session.ticket_hash, { summary: { ...session.summary, retriedOpenCompany: 1 } });
      return '';
    }
    return 'done';
  }

  async getLastError(em: EntityManager, ticket: string): Promise<string> {
    const session = await sessionOfTicket(em, ticket);
    if (!session || session.closed_at) return 'This session has ended or expired. Run Update Selected to start a new one.';
    return session.last_error ?? 'No error was recorded for this session.';
  }

  /** Ends the session, frees the company for the next one, and says in one line what happened. */
  async closeConnection(em: EntityManager, ticket: string): Promise<string> {
    const session = ticket ? await closeSession(em, hashTicket(ticket), this.clock()) : undefined;
    if (!session) return 'OK';
    logContextOf(session.connection_id, session.ticket_hash);
    if (session.last_error && session.percent < 100) return `Stopped: ${session.last_error}`;
    const counts = Object.entries(partnerCounts(session.summary)).map(([k, v]) => `${v} ${k}`);
    return `Complete: ${counts.length ? counts.join(', ') : 'nothing to do'} in ${session.summary.requests ?? 0} request(s).`;
  }
}
