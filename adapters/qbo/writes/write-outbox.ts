import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../../core/errors/app-error';
import { Connection } from '../../../core/store/entities/connection';
import { OutboxRow, markOutbox, nextDue } from '../../../core/store/outbox';
import { recordFinishedWrite } from '../../../core/store/sync-events';
import { WebhookContext, attachWebhookContext } from '../../../core/webhooks/record-events';
import type { QboClient } from '../client/qbo-client';
import { QBO_SYSTEM } from '../qbo-system';
import { customerCreateWriter } from './customer-create-writer';
import { depositCreateWriter } from './deposit-create-writer';
import { invoicePaidWriter } from './invoice-paid-writer';
import { paymentCreateWriter } from './payment-create-writer';
import { paymentDeleteWriter } from './payment-delete-writer';
import { qboWriteSettings } from './qbo-write-settings';
import { QboWriter, WriteEnd, requestIdOf } from './qbo-writer';

/** The writes, by outbox operation (qbo-adapter.ts names the same operations when it queues them). */
export const QBO_WRITERS: ReadonlyMap<string, QboWriter> = new Map(
  [customerCreateWriter, paymentCreateWriter, paymentDeleteWriter, depositCreateWriter, invoicePaidWriter].map((w) => [w.operation, w]),
);

/** Rows one sync may pass over as waiting; the rest waits for the next sync. */
const MAX_PASSED_OVER = 100;

export interface OutboxRun {
  readonly counts: Record<string, number>;
  /** Something the partner must choose first was shown on the connection. */
  readonly problemShown: boolean;
}

/** A write ends here: its row says so, and the sync log, in one transaction. */
async function settle(
  em: EntityManager,
  row: OutboxRow,
  writer: QboWriter,
  end: Exclude<WriteEnd, 'wait'>,
  now: Date,
  webhooks?: WebhookContext,
): Promise<void> {
  await em.transactional(async (tx) => {
    // The write's webhook events (a payment posted...) go in this transaction, with its row.
    if (webhooks) attachWebhookContext(tx as EntityManager, webhooks);
    await markOutbox(tx as EntityManager, row.id, end, now);
    if (end.state !== 'cancelled')
      await recordFinishedWrite(
        tx as EntityManager,
        row,
        { operation: writer.logAs, outcome: end.state === 'done' ? 'applied' : 'failed', message: end.message ?? null },
        now,
      );
  });
}

/**
 * Carries the connection's QBO outbox rows out, oldest first, one request (or two) each. A row is
 * marked sent, under its own id as requestid, before its request leaves, and settled after the
 * answer; a transient failure (throttle past the client's tries, no answer) stops the writes and
 * is thrown for the job engine to retry the sync later: the row stays sent and its re-send gets
 * QBO's first answer. A refusal needs the partner and the next row goes on.
 */
export async function writeOutbox(input: {
  em: EntityManager;
  client: QboClient;
  connectionId: string;
  clock: () => Date;
  signal?: AbortSignal;
  /** Where the webhook events of finished writes find their views; absent: none are written. */
  webhooks?: WebhookContext;
}): Promise<OutboxRun> {
  const { em, client, connectionId, clock, signal } = input;
  const settings = await qboWriteSettings(em, connectionId);
  const counts: Record<string, number> = {};
  const passedOver: string[] = [];
  let blocked: readonly string[] = [];
  let problemShown = false;
  for (;;) {
    if (signal?.aborted) throw new AppError('transient', 'The sync was stopped.', { detail: String(signal.reason) });
    const row = passedOver.length < MAX_PASSED_OVER ? await nextDue(em, connectionId, QBO_SYSTEM, passedOver, blocked) : undefined;
    if (!row) return { counts, problemShown };
    const writer = QBO_WRITERS.get(row.operation);
    const now = clock();
    if (!writer) {
      await markOutbox(em, row.id, { state: 'needs-action', message: `No writer takes the operation "${row.operation}".` }, now);
      continue;
    }
    if (writer.needs === 'deposit-account' && !settings.depositAccountId) {
      await em.nativeUpdate(
        Connection,
        { id: connectionId },
        {
          lastErrorCode: 'CHOOSE_DEPOSIT_ACCOUNT',
          lastErrorMessage: 'A payout is waiting: choose the QuickBooks Online bank account payouts are deposited to in the connection settings.',
        },
      );
      problemShown = true;
      blocked = [...QBO_WRITERS.values()].filter((w) => w.needs === 'deposit-account').map((w) => w.operation);
      continue;
    }
    if (row.state === 'pending') await markOutbox(em, row.id, { state: 'sent', request: { id: requestIdOf(row), kind: writer.logAs } }, now);
    let end: WriteEnd;
    try {
      end = await writer.write({ em, client, connectionId, settings, now, signal }, row);
    } catch (error) {
      const e = AppError.from(error);
      // Try again later, as it is (its requestid unchanged); a connection-wide problem stops the sync.
      if (e.kind === 'transient' || e.kind === 'needs-user-action' || e.kind === 'unauthorized') throw e;
      end = { state: 'needs-action', message: writer.refusal?.(e) ?? e.userMessage };
    }
    if (end === 'wait') {
      // Not sent after all: back to pending, so it is not mistaken for one whose answer was lost.
      if (row.state === 'pending') await markOutbox(em, row.id, { state: 'pending' }, clock());
      passedOver.push(row.id);
      continue;
    }
    await settle(em, row, writer, end, clock(), input.webhooks);
    const key = end.state === 'done' ? writer.what : end.state === 'needs-action' ? `${writer.what} needing action` : undefined;
    if (key) counts[key] = (counts[key] ?? 0) + 1;
  }
}
