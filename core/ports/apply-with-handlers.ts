import { AppError } from '../errors/app-error';
import { usesSavepoints } from '../store/savepoints';
import type { AllowedChange, ApplyChangesInput, ApplyChangesOutput, ChangeOutcome } from './adapter-port';

/** How an adapter takes one change of one (item, operation). */
export type ChangeHandler = (input: ApplyChangesInput, allowed: AllowedChange) => Promise<Omit<ChangeOutcome, 'index'>>;

/**
 * How an adapter takes a run of changes of one (item, operation) together (a page of invoices
 * in a few statements). One outcome per change, in order; a throw sends the run back to the
 * one-change handler, change by change, so a bad record is found and only it fails.
 */
export type BatchHandler = (input: ApplyChangesInput, run: readonly AllowedChange[]) => Promise<Omit<ChangeOutcome, 'index'>[]>;

const keyOf = (a: AllowedChange) => `${a.change.item}:${a.change.operation}`;

/**
 * An adapter's `apply` from a table of handlers keyed `item:operation` (data, not a switch).
 * Each change, or each run handled as a batch, runs in a savepoint of the caller's transaction,
 * so one that fails is reported as failed and neither poisons the transaction nor the rest;
 * unless the caller chose a quick first try without savepoints (core/store/savepoints.ts), where
 * any failure is thrown for it to try again the careful way.
 */
export function applyWithHandlers(
  handlers: Readonly<Record<string, ChangeHandler>>,
  systemName: string,
  batchHandlers: Readonly<Record<string, BatchHandler>> = {},
): (input: ApplyChangesInput) => Promise<ApplyChangesOutput> {
  const one = async (input: ApplyChangesInput, index: number, allowed: AllowedChange): Promise<ChangeOutcome> => {
    const handler = handlers[keyOf(allowed)];
    if (!handler)
      return {
        index,
        outcome: 'failed',
        error: { kind: 'internal', message: `${systemName} cannot take ${allowed.change.item} ${allowed.change.operation} yet.` },
      };
    // Without savepoints a failure is the whole transaction's: its opener runs it again with them.
    if (!usesSavepoints(input.transaction)) return { index, ...(await handler(input, allowed)) };
    try {
      const outcome = await input.transaction.transactional((tx) => handler({ ...input, transaction: tx as typeof input.transaction }, allowed));
      return { index, ...outcome };
    } catch (error) {
      const e = AppError.from(error);
      return { index, outcome: 'failed', error: { kind: e.kind, message: e.userMessage } };
    }
  };

  return async (input) => {
    const results: ChangeOutcome[] = [];
    let start = 0;
    while (start < input.changes.length) {
      const key = keyOf(input.changes[start]);
      let end = start + 1;
      while (end < input.changes.length && keyOf(input.changes[end]) === key) end++;
      const run = input.changes.slice(start, end);
      const batch = batchHandlers[key];
      let done = false;
      if (batch && run.length > 1 && !usesSavepoints(input.transaction)) {
        (await batch(input, run)).forEach((o, i) => results.push({ index: start + i, ...o }));
        done = true;
      } else if (batch && run.length > 1) {
        try {
          const outcomes = await input.transaction.transactional((tx) => batch({ ...input, transaction: tx as typeof input.transaction }, run));
          outcomes.forEach((o, i) => results.push({ index: start + i, ...o }));
          done = true;
        } catch {
          // Rolled back to the savepoint: take the run one change at a time to isolate the bad one.
        }
      }
      if (!done) for (const [i, allowed] of run.entries()) results.push(await one(input, start + i, allowed));
      start = end;
    }
    return { results };
  };
}

/**
 * A handler that first checks the change's payload as a whole item of its kind (`parse` throws an
 * AppError): a write that could never become a record in the target fails now, with why, instead
 * of at the target's next contact days later.
 */
export function checkedHandler(parse: (payload: unknown) => unknown, handler: ChangeHandler): ChangeHandler {
  return async (input, allowed) => {
    try {
      parse(allowed.change.payload);
    } catch (error) {
      const e = AppError.from(error);
      return { outcome: 'failed', error: { kind: e.kind, message: e.userMessage } };
    }
    return handler(input, allowed);
  };
}
