import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import type { AppError } from '../../../core/errors/app-error';
import type { Logger } from '../../../core/runtime/logger';
import { TOKENS } from '../../../core/runtime/tokens';
import { sendSql } from '../../../core/store/send-sql';
import { emitConnectionEvent } from '../../../core/webhooks/connection-events';
import { SessionRow, updateSession } from '../store/session-store';
import { QbwcMetrics } from './qbwc-metrics';

/** How a session that cannot go on is recorded, wherever it failed (sending, answering, opening QuickBooks). */
@injectable()
export class SessionFailure {
  constructor(
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(TOKENS.Clock) private readonly clock: () => Date,
    @inject(QbwcMetrics) private readonly metrics: QbwcMetrics,
  ) {}

  /** Records a failure on the session (for getLastError) and on the connection (for the partner). */
  async fail(em: EntityManager, session: SessionRow, error: AppError, code: string): Promise<void> {
    this.metrics.session('failed');
    this.logger.warn('qbwc session failed', { connectionId: session.connection_id, code, kind: error.kind, detail: error.detail, message: error.userMessage });
    await updateSession(em, session.ticket_hash, { last_error: error.userMessage });
    // A connection the partner paused while this session ran stays paused (an error would be
    // turned into connected by the next sign-in); the reason is shown either way.
    const now = this.clock();
    await em.transactional(async (tx) => {
      const [row] = await sendSql<{ status: string; was: string }[]>(
        tx as EntityManager,
        `with before as (select id, status from connection where id = ? for update)
         update connection c set last_error_code = ?, last_error_message = ?, status = case when c.status = 'paused' then c.status else 'error' end, updated_at = ?
           from before where c.id = before.id returning c.status, before.status as was`,
        [session.connection_id, code, error.userMessage, now],
      );
      // Told when the failure turns the connection to error; the failures after it, until it works again, are the same news.
      if (row && row.status === 'error' && row.was !== 'error') await emitConnectionEvent(tx as EntityManager, session.connection_id, 'connection.error', now);
    });
  }
}
