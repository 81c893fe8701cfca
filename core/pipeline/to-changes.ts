import { OperatorFunction, mergeMap } from 'rxjs';
import type { Change } from '../changes/change';
import { AppError } from '../errors/app-error';
import type { RoutedOutcome } from './flow-decision';

/**
 * Maps each record a source read to the changes it makes, in order. A record whose mapping throws
 * becomes the outcome `unmappable` makes of it (a 'failed' one, with why), and the records after
 * it still flow: the error is caught inside the projection, never on the outer stream.
 *
 * @example
 * records$.pipe(toChanges((r) => invoiceChanges(r, at), (r, e) => failedOutcome(r.txnId, e.userMessage)));
 */
export function toChanges<R>(
  mapping: (record: R) => readonly Change[],
  unmappable: (record: R, error: AppError) => RoutedOutcome,
): OperatorFunction<R, Change | RoutedOutcome> {
  return mergeMap((record: R): readonly (Change | RoutedOutcome)[] => {
    try {
      return mapping(record);
    } catch (error) {
      return [unmappable(record, AppError.from(error))];
    }
  });
}
