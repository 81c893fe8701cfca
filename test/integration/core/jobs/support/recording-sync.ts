import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../../../../core/errors/app-error';
import type { ServerDrivenSync, SyncReason } from '../../../../../core/jobs/server-driven-sync';
import type { Database } from '../../../../../core/store/open-database';
import { sendSql } from '../../../../../core/store/send-sql';

/** What one call does: succeed (setting last_sync_at, as an adapter does), throw, wait until released, or run until aborted. */
export type Step = 'ok' | 'until-aborted' | AppError | { hold: Promise<void> };

export interface SyncCall {
  readonly connectionId: string;
  readonly reason: SyncReason;
  ended: boolean;
}

/**
 * A ServerDrivenSync that records every call and what was running at once per connection. Strict:
 * a call for a connection with no steps left fails the test (through `unexpected`).
 */
export class RecordingSync implements ServerDrivenSync {
  readonly calls: SyncCall[] = [];
  readonly unexpected: string[] = [];
  /** The most runs of one connection seen at once (across every engine sharing this object). */
  maxAtOnce = 0;
  private readonly running = new Map<string, number>();
  private readonly steps = new Map<string, Step[]>();

  constructor(
    readonly system: string,
    private readonly database: Database,
  ) {}

  /** The next calls for a connection, in order. */
  plan(connectionId: string, ...steps: Step[]): void {
    this.steps.set(connectionId, [...(this.steps.get(connectionId) ?? []), ...steps]);
  }

  callsFor(connectionId: string): SyncCall[] {
    return this.calls.filter((c) => c.connectionId === connectionId);
  }

  async sync(input: { connectionId: string; reason: SyncReason; signal: AbortSignal }): Promise<void> {
    const call: SyncCall = { connectionId: input.connectionId, reason: input.reason, ended: false };
    this.calls.push(call);
    const now = (this.running.get(input.connectionId) ?? 0) + 1;
    this.running.set(input.connectionId, now);
    this.maxAtOnce = Math.max(this.maxAtOnce, now);
    try {
      const step = this.steps.get(input.connectionId)?.shift();
      if (step === undefined) {
        this.unexpected.push(`${input.connectionId} (${input.reason})`);
        return;
      }
      if (step instanceof AppError) throw step;
      if (step === 'until-aborted') {
        await new Promise((resolve) => input.signal.addEventListener('abort', resolve));
        throw input.signal.reason;
      }
      if (step !== 'ok') await step.hold;
      const em = this.database.orm.em.fork() as unknown as EntityManager;
      await sendSql(em, 'update connection set last_sync_at = now() where id = ?', [input.connectionId]);
    } finally {
      this.running.set(input.connectionId, this.running.get(input.connectionId)! - 1);
      call.ended = true;
    }
  }
}

/** A promise and the function that settles it. */
export function gate(): { hold: Promise<void>; open: () => void } {
  let open!: () => void;
  const hold = new Promise<void>((resolve) => (open = resolve));
  return { hold, open };
}
