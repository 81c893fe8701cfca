import { readObject } from '../validation/field-reader';
import { SalesDocument, checkSalesTotals, readSalesDocument } from './sales-document';

/**
 * A quote given to a customer: what an invoice would be, before anything is owed. It carries no
 * balance and no payments; `isActive` says whether the estimate is still open. Not a core item: a plugin registers it (see plugins/alternative-qbd), so an
 * installation without that plugin knows no estimates.
 */
export interface Estimate extends SalesDocument {
  /** Whether the estimate is still open (not yet accepted, declined or closed). */
  readonly isActive: boolean;
}

/** Groups that direction rules can address separately. */
export const ESTIMATE_FIELD_GROUPS = ['header', 'amounts', 'lines'] as const;

/** Parses an estimate and checks that its numbers agree, so no inconsistent estimate is stored. */
export function parseEstimate(input: unknown, at = ''): Estimate {
  return readObject(
    'estimate',
    input,
    (r) => {
      const estimate: Estimate = { ...readSalesDocument(r), isActive: r.boolean('isActive') };
      checkSalesTotals(r, estimate);
      return estimate;
    },
    at,
  );
}
