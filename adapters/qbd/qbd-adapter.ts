import type { AllowedChange, ApplyChangesInput, ChangeOutcome } from '../../core/ports/adapter-port';
import { defineAdapter } from '../../core/ports/define-adapter';
import { enqueue, markOutbox, openRowsFor } from '../../core/store/outbox';
import { QBD_SYSTEM } from './qbd-system';

type Handler = (input: ApplyChangesInput, allowed: AllowedChange) => Promise<Omit<ChangeOutcome, 'index'>>;

/** QuickBooks cannot be called: every write waits in the outbox for the next Web Connector session. */
const HANDLERS: Readonly<Record<string, Handler>> = {
  'payment:upsert': async ({ transaction, connectionId, now }, { change }) => {
    await enqueue(transaction, { connectionId, target: QBD_SYSTEM, item: 'payment', operation: 'receive-payment', sourceId: change.sourceId, payload: change.payload, now });
    return { outcome: 'deferred' };
  },
  /** A failed payment: never sent yet means cancel; otherwise delete it in QuickBooks at the next session. */
  'payment:delete': async ({ transaction, connectionId, now }, { change }) => {
    const open = await openRowsFor(transaction, connectionId, 'payment', change.sourceId);
    const unsent = open.find((r) => r.operation === 'receive-payment' && r.state === 'pending');
    if (unsent) {
      await markOutbox(transaction, unsent.id, { state: 'cancelled', message: 'The payment failed before it reached QuickBooks.' }, now);
      return { outcome: 'applied' };
    }
    await enqueue(transaction, { connectionId, target: QBD_SYSTEM, item: 'payment', operation: 'delete-payment', sourceId: change.sourceId, payload: change.payload, now });
    return { outcome: 'deferred' };
  },
};

/** QuickBooks Desktop as a sync target: writes become outbox rows that Web Connector sessions carry out. */
export const qbdAdapter = defineAdapter({
  portVersion: 1,
  system: QBD_SYSTEM,
  displayName: 'QuickBooks Desktop',
  reads: ['customer', 'invoice', 'account'],
  writes: ['payment'],
  async apply(input) {
    const results: ChangeOutcome[] = [];
    for (const [index, allowed] of input.changes.entries()) {
      const handler = HANDLERS[`${allowed.change.item}:${allowed.change.operation}`];
      results.push(
        handler
          ? { index, ...(await handler(input, allowed)) }
          : { index, outcome: 'failed', error: { kind: 'internal', message: `QuickBooks cannot take ${allowed.change.item} ${allowed.change.operation} yet.` } },
      );
    }
    return { results };
  },
});
