import { partnerRuleSet } from '../../../core/plugins/partner-rule-set';
import type { ObservableInput } from 'rxjs';
import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import type { Change } from '../../../core/changes/change';
import type { AppConfig } from '../../../core/config/app-config';
import { AppError } from '../../../core/errors/app-error';
import type { RoutedOutcome } from '../../../core/pipeline/flow-decision';
import { routeChanges } from '../../../core/pipeline/route-changes';
import type { FrameworkRegistry } from '../../../core/plugins/framework-registry';
import type { ServiceMetrics } from '../../../core/runtime/metrics/service-metrics';
import { TOKENS } from '../../../core/runtime/tokens';
import { Connection } from '../../../core/store/entities/connection';
import { flushHeldWrites } from '../../../core/store/flush-held-writes';
import { holdWrites } from '../../../core/store/held-writes';
import { withoutSavepoints } from '../../../core/store/savepoints';
import { recordSessionSummary } from '../../../core/store/sync-summary';
import { attachWebhookContext } from '../../../core/webhooks/record-events';
import { QBD_SYSTEM } from '../qbd-system';
import { QbxmlEvent } from '../qbxml/reader/qbxml-events';
import { BatchMember, SessionRow, lockSession, sessionUpdate } from '../store/session-store';
import { partnerCounts, progressUpdate } from './connection-progress';
import { QbwcMetrics } from './qbwc-metrics';
import { syncSettingsOf } from './session-sync-settings';
import type { SyncSettingsSource } from '../../../core/config/sync-settings-source';
import { eventsOf } from './steps/message-batch';
import type { StepResult } from './steps/session-step';
import { SESSION_STEPS } from './steps/session-steps';

/** Stores QuickBooks' answer to a session's message set: the steps' data, the session's progress, the partner's bar. */
@injectable()
export class AnswerStore {
  constructor(
    @inject(TOKENS.Clock) private readonly clock: () => Date,
    @inject(TOKENS.FrameworkRegistry) private readonly registry: FrameworkRegistry,
    @inject(TOKENS.AppConfig) private readonly config: AppConfig,
    @inject(TOKENS.SyncSettingsSource) private readonly syncSettings: SyncSettingsSource,
    @inject(TOKENS.ServiceMetrics) private readonly serviceMetrics: ServiceMetrics,
    @inject(QbwcMetrics) private readonly metrics: QbwcMetrics,
  ) {}

  /**
   * Stores one answer with the session's progress, in one transaction that holds the session's
   * row. The steps of a message set take their parts in plan order; a step that needs another
   * request stops there (the answers after it are dropped and asked again). When a step fails,
   * the transaction is undone and the parts before it are stored again without it (no savepoint
   * a step on the common path), and the session ends with the reason.
   */
  async apply(em: EntityManager, session: SessionRow, events: readonly QbxmlEvent[]): Promise<number> {
    const answered = events.find((e) => e.kind === 'status')?.status.requestId;
    // A repeated or stale answer (QBWC retried, or we moved on) changes nothing.
    if (!answered || answered !== session.pending_request_id) return session.percent;
    // Quick first: no savepoints. Any failure undoes it all, and the careful way below runs instead.
    const quick = await this.store(em, session, answered, events, session.pending_batch, false).catch(() => undefined);
    if (quick && !('failedAt' in quick)) return quick.percent;
    const first = await this.store(em, session, answered, events, session.pending_batch);
    if (!('failedAt' in first)) return first.percent;
    if (first.failedAt > 0) {
      const before = await this.store(em, session, answered, events, session.pending_batch.slice(0, first.failedAt));
      if ('failedAt' in before) throw before.error;
    }
    throw first.error;
  }

  /** The transaction of apply for some of the answer's parts: the percent, or which part failed and why (nothing stored). */
  private async store(
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
        // Webhook events of writes this session finishes find their views through the registry (record-events.ts).
        attachWebhookContext(txEm, { registry: this.registry, connectionSystem: QBD_SYSTEM });
        if (!savepoints) withoutSavepoints(txEm);
        const partnerId = session.plan.partnerId ?? (await txEm.findOneOrFail(Connection, { id: session.connection_id })).partner.id;
        const ruleSet = partnerRuleSet(this.registry, this.config, partnerId);
        const sync = await syncSettingsOf(txEm, this.syncSettings, session);
        const route = (changes: ObservableInput<Change | RoutedOutcome>) =>
          routeChanges(
            {
              registry: this.registry,
              ruleSet,
              connectionId: session.connection_id,
              connectionSystem: QBD_SYSTEM,
              transaction: txEm,
              now,
              metrics: this.serviceMetrics,
            },
            changes,
          );
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
        const phase = finished ? 'done' : (last.progress?.phase ?? SESSION_STEPS[session.plan.steps[next]]?.phase ?? 'working');
        // The sync log, the bookmarks, the session and the partner's view of it (the session's own
        // bar, never going back between phases, and its counts so far) in one statement.
        await flushHeldWrites(txEm, [
          sessionUpdate(session.ticket_hash, { step: next, percent, pending_request_id: null, pending_batch: [], summary, step_state: state }),
          progressUpdate(
            session.connection_id,
            now,
            { percent, phase, counts: partnerCounts(summary), answeredAt: now },
            finished ? { fullSync: session.plan.fullSync, recoveredFrom: session.last_error } : undefined,
          ),
        ]);
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
}
