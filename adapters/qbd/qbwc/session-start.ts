import { partnerRuleSet } from '../../../core/plugins/partner-rule-set';
import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import type { AppConfig } from '../../../core/config/app-config';
import type { SyncSettingsSource } from '../../../core/config/sync-settings-source';
import type { FrameworkRegistry } from '../../../core/plugins/framework-registry';
import { endQuietSpell } from '../../../core/health/notice-quiet-connections';
import type { Logger } from '../../../core/runtime/logger';
import { TOKENS } from '../../../core/runtime/tokens';
import { sendSql } from '../../../core/store/send-sql';
import { sendTogether } from '../../../core/store/send-together';
import { emitConnectionEvent } from '../../../core/webhooks/connection-events';
import { QBD_SYSTEM } from '../qbd-system';
import { quickBooksFactsOf } from '../store/qbd-company-store';
import { takeCompanyForSignIn } from '../store/session-lease';
import { sessionInsert } from '../store/session-store';
import { generateToken } from './credentials';
import { hashTicket, logContextOf } from './live-session';
import { QbwcMetrics } from './qbwc-metrics';
import { BUSY_POSTPONE_SECONDS, LEASE_IDLE_SECONDS, PAUSED_POSTPONE_SECONDS } from './session-timing';
import { SignIn } from './sign-in';
import { planSteps } from './steps/session-steps';
import { flowsOutOfQuickBooks } from './steps/flows-out';

/** The partner paused the connection while this sign-in was starting its session. */
class PausedMeanwhile extends Error {}

/**
 * Signs a Web Connector in and starts its session: the sign-in, the company's lease, the plan
 * of steps, and the connection shown as starting afresh.
 */
@injectable()
export class SessionStart {
  constructor(
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(TOKENS.Clock) private readonly clock: () => Date,
    @inject(TOKENS.AppConfig) private readonly config: AppConfig,
    @inject(TOKENS.SyncSettingsSource) private readonly syncSettings: SyncSettingsSource,
    @inject(TOKENS.FrameworkRegistry) private readonly registry: FrameworkRegistry,
    @inject(QbwcMetrics) private readonly metrics: QbwcMetrics,
    @inject(SignIn) private readonly signIn: SignIn,
  ) {}

  /**
   * [ticket, '' | path | 'nvu' | 'none' | 'busy', postponeSeconds, minimumRunEverySeconds].
   * A new sign-in from an install ends that install's unfinished session (its Web Connector
   * gave up on it: a lost answer, a crash, a sleep), so it never waits for its own dead session;
   * another computer of the company is told busy while the holder is alive.
   */
  async authenticate(em: EntityManager, username: string, password: string, source = ''): Promise<string[]> {
    const signIn = await this.signIn.check(em, username, password, source);
    if (signIn.kind === 'throttled') {
      this.logger.warn('qbwc sign-in throttled', { source });
      return ['', 'busy', String(signIn.retryAfterSeconds)];
    }
    if (signIn.kind === 'refused') {
      this.logger.warn('qbwc authentication refused', { username: username.slice(0, 64), source });
      return ['', 'nvu'];
    }
    const { install, connection } = signIn;
    const sync = this.syncSettings.resolve({ partnerId: connection.partnerId, connection });
    const minimumRun = String(sync.intervalMinutes * 60);
    const paused = async () => {
      await sendSql(em, signIn.record.sql, signIn.record.params);
      return [generateToken(), 'none', String(PAUSED_POSTPONE_SECONDS), minimumRun];
    };
    if (connection.status === 'paused') return paused();

    const now = this.clock();
    const ticket = generateToken();
    const ticketHash = hashTicket(ticket);
    const fullSync = connection.fullSyncRequested;
    const started = await em
      .transactional(async (tx) => {
        const txEm = tx as EntityManager;
        // The sign-in is recorded with it, busy or not; undone with the transaction (sent again when paused meanwhile).
        const { company, superseded } = await takeCompanyForSignIn(
          txEm,
          {
            installId: install.id,
            connectionId: connection.id,
            ticketHash,
            now,
            ttlSeconds: LEASE_IDLE_SECONDS,
            reason: 'A new session from the same computer replaced this one.',
          },
          [signIn.record],
        );
        if (superseded > 0) this.logger.info('qbwc session superseded by a new sign-in from the same install', { installId: install.id, superseded });
        if (!company) return false;
        const ruleSet = partnerRuleSet(this.registry, this.config, connection.partnerId);
        const steps = await planSteps({ em: txEm, connectionId: connection.id, now, fullSync, flowsOut: flowsOutOfQuickBooks(this.registry, ruleSet) });
        const qbxmlVersion = company.qbxml_version ?? undefined;
        // The session, and in the same statement, without a read: a new session starts clean, and
        // whatever still stands in the way is found again and shown. The status is decided in the
        // statement, so a pause pressed since the connection was read is never overwritten: that
        // sign-in is undone.
        const [shown] = await sendTogether<{ status: string; was: string }[]>(txEm, [
          sessionInsert({
            ticketHash,
            connectionId: connection.id,
            installId: install.id,
            now,
            plan: { steps, fullSync, partnerId: connection.partnerId, qbxmlVersion, sync, company: quickBooksFactsOf(company) },
          }),
          {
            sql: `with before as (select id, status from connection where id = ? for update)
             update connection c set last_authenticated_at = ?, status = case when c.status in ('pending', 'error') then 'connected' else c.status end,
             progress_percent = 0, progress_phase = 'starting', progress_counts = '{}'::jsonb, last_error_code = null, last_error_message = null,
             updated_at = ? from before where c.id = before.id returning c.status, before.status as was`,
            params: [connection.id, now, now],
          },
        ]);
        if (shown.status === 'paused') throw new PausedMeanwhile();
        // Told when a sign-in makes it connected (the first one, or one after an error), not at every poll.
        if (shown.was !== 'connected') await emitConnectionEvent(txEm, connection.id, 'connection.connected', now);
        if (connection.quiet) await endQuietSpell(txEm, connection.id, QBD_SYSTEM, now);
        // The company file to open: the answer's second value ('' is whatever company is open).
        return { companyFilePath: company.company_file_path };
      })
      .catch((error: unknown) => {
        if (error instanceof PausedMeanwhile) return 'paused' as const;
        throw error;
      });
    if (started === 'paused') return paused();
    if (!started) {
      this.logger.info('qbwc busy: another session holds the company', { connectionId: connection.id, installId: install.id });
      this.metrics.leaseWait();
      return [generateToken(), 'busy', String(BUSY_POSTPONE_SECONDS), minimumRun];
    }
    logContextOf(connection.id, ticketHash);
    this.logger.info('qbwc session started', { installId: install.id });
    this.metrics.session('started');
    return [ticket, started.companyFilePath, '', minimumRun];
  }
}
