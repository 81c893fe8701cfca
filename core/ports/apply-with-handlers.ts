import { AppError } from '../errors/app-error';
import type { AllowedChange, ApplyChangesInput, ApplyChangesOutput, ChangeOutcome } from './adapter-port';

/** How an adapter takes one change of one (item, operation). */
export type ChangeHandler = (input: ApplyChangesInput, allowed: AllowedChange) => Promise<Omit<ChangeOutcome, 'index'>>;

/**
 * An adapter's `apply` from a table of handlers keyed `item:operation` (data, not a switch).
 * Each change runs in a savepoint of the caller's transaction, so one that fails is reported
 * as failed and neither poisons the transaction nor the rest of the batch.
 */
export function applyWithHandlers(handlers: Readonly<Record<string, ChangeHandler>>, systemName: string): (input: ApplyChangesInput) => Promise<ApplyChangesOutput> {
  return async (input) => {
    const results: ChangeOutcome[] = [];
    for (const [index, allowed] of input.changes.entries()) {
      const handler = handlers[`${allowed.change.item}:${allowed.change.operation}`];
      if (!handler) {
        results.push({ index, outcome: 'failed', error: { kind: 'internal', message: `${systemName} cannot take ${allowed.change.item} ${allowed.change.operation} yet.` } });
        continue;
      }
      try {
        const outcome = await input.transaction.transactional((tx) => handler({ ...input, transaction: tx as typeof input.transaction }, allowed));
        results.push({ index, ...outcome });
      } catch (error) {
        const e = AppError.from(error);
        results.push({ index, outcome: 'failed', error: { kind: e.kind, message: e.userMessage } });
      }
    }
    return { results };
  };
}
