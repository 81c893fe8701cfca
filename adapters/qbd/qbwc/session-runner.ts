import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import { AppError } from '../../../core/errors/app-error';
import { sendTogether } from '../../../core/store/send-together';
import { TOKENS } from '../../../core/runtime/tokens';
import { QbxmlEvent } from '../qbxml/reader/qbxml-events';
import { QbxmlStreamReader } from '../qbxml/reader/qbxml-stream-reader';
import { buildQbxmlDocument } from '../qbxml/requests/qbxml-document';
import { chooseQbxmlVersion } from '../qbxml/requests/qbxml-version';
import { qbdCompany } from '../store/qbd-company-store';
import { sessionUpdate, updateSession } from '../store/session-store';
import { AnswerStore } from './answer-store';
import { partnerCounts, progressUpdate } from './connection-progress';
import { hresultMessage, normaliseHresult } from './hresult-messages';
import { LiveSessions } from './live-session';
import { readHostCompanyPreferences } from './read-hcp';
import { SessionFailure } from './session-failure';
import { syncSettingsOf } from './session-sync-settings';
import type { SyncSettingsSource } from '../../../core/config/sync-settings-source';
import { nextBatch } from './steps/message-batch';
import { SESSION_STEPS } from './steps/session-steps';

/** QuickBooks' answer to one request, taken piece by piece as the envelope is read. */
export interface AnswerIntake {
  write(text: string): void;
  /** Once the envelope is complete: stores what the answer held; the percent for QBWC, or -1. */
  finish(input: { hresult: string; message: string }): Promise<number>;
}

/** A live session's exchange with QuickBooks: the next message set of requests, then its answer. */
@injectable()
export class SessionRunner {
  constructor(
    @inject(TOKENS.Clock) private readonly clock: () => Date,
    @inject(TOKENS.SyncSettingsSource) private readonly syncSettings: SyncSettingsSource,
    @inject(LiveSessions) private readonly sessions: LiveSessions,
    @inject(AnswerStore) private readonly answers: AnswerStore,
    @inject(SessionFailure) private readonly failure: SessionFailure,
  ) {}

  async sendRequestXML(
    em: EntityManager,
    input: { ticket: string; strHCPResponse: string; strCompanyFileName: string; qbXMLCountry: string; qbXMLMajorVers: number; qbXMLMinorVers: number },
  ): Promise<string> {
    const session = await this.sessions.find(em, input.ticket, true);
    if (!session) return '';
    try {
      const version = chooseQbxmlVersion({ major: input.qbXMLMajorVers, minor: input.qbXMLMinorVers });
      const told = input.strHCPResponse.trim() ? await readHostCompanyPreferences(em, session, input) : undefined;
      // A later call of a session whose plan knows the version needs no read; the first call may just have learnt a new one.
      const firstCall = !session.summary.requests && session.step === 0;
      const agreed = (!firstCall && session.plan.qbxmlVersion) || (told ?? (await qbdCompany(em, session.connection_id)))?.qbxml_version;
      const batch = await nextBatch(session.plan.steps, session.step, session.step_state, {
        em,
        connectionId: session.connection_id,
        now: this.clock(),
        fullSync: session.plan.fullSync,
        sync: await syncSettingsOf(em, this.syncSettings, session),
        call: (session.summary.requests ?? 0) + 1,
        session: session.ticket_hash.slice(0, 8),
      });
      if (!batch) {
        // The plan is done (the last answer said 100); QBWC should not ask again, but if it does it gets a plain stop.
        await updateSession(em, session.ticket_hash, { step: session.plan.steps.length, last_error: 'Nothing is left to do in this session.' });
        return '';
      }
      const state = batch.head === session.step ? session.step_state : {};
      const pending = sessionUpdate(session.ticket_hash, {
        step: batch.head,
        step_state: state,
        pending_request_id: batch.requests[0].requestId,
        pending_batch: batch.members,
      });
      // The last answer already showed this step's phase; only steps passed over change it.
      const shown =
        batch.head !== session.step || firstCall
          ? [
              progressUpdate(session.connection_id, this.clock(), {
                percent: session.percent,
                phase: SESSION_STEPS[session.plan.steps[batch.head]].phase,
                counts: partnerCounts(session.summary),
              }),
            ]
          : [];
      await sendTogether(em, [pending, ...shown]);
      return buildQbxmlDocument({ version: (agreed as typeof version | null | undefined) ?? version, onError: 'continueOnError', requests: batch.requests });
    } catch (error) {
      await this.failure.fail(em, session, AppError.from(error), 'SEND_FAILED');
      return '';
    }
  }

  /**
   * Starts taking QuickBooks' answer for a session: the answer's text is written into the
   * session step's qbXML reader piece by piece as the envelope is read (so it is parsed once),
   * and `finish` stores what it held once the envelope is complete, never before.
   */
  async beginAnswer(em: EntityManager, ticket: string): Promise<AnswerIntake> {
    const session = await this.sessions.find(em, ticket);
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
      finish: async ({ hresult, message }) => {
        if (!session) return -1;
        if (hresult.trim()) {
          await this.failure.fail(em, session, new AppError('needs-user-action', hresultMessage(hresult, message)), normaliseHresult(hresult));
          return -1;
        }
        try {
          if (readError) throw readError;
          if (!reader) return session.percent; // the plan is done: nothing is awaited
          reader.end();
          return await this.answers.apply(em, session, events);
        } catch (error) {
          await this.failure.fail(em, session, AppError.from(error), 'RESPONSE_FAILED');
          return -1;
        }
      },
    };
  }
}
