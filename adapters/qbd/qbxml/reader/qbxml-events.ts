import { AppError } from '../../../../core/errors/app-error';
import { QbRecord } from '../records/qb-record';
import { StatusMeaning } from '../status-codes';

/** The status attributes of one `…Rs` element, read the moment the element opens. */
export interface ResponseStatus {
  /** The response element's name, e.g. `InvoiceQueryRs`. */
  readonly rsName: string;
  readonly requestId?: string;
  readonly statusCode: number;
  readonly statusSeverity: string;
  readonly statusMessage?: string;
  readonly retCount?: number;
  readonly iteratorRemainingCount?: number;
  readonly iteratorId?: string;
  readonly meaning: StatusMeaning;
}

/** What the reader emits, in document order. */
export type QbxmlEvent =
  | { readonly kind: 'status'; readonly status: ResponseStatus }
  | { readonly kind: 'record'; readonly rsName: string; readonly requestId?: string; readonly record: QbRecord }
  /** One record whose values could not be read; the rest of the document is still read. */
  | {
      readonly kind: 'bad-record';
      readonly rsName: string;
      readonly requestId?: string;
      readonly retName: string;
      readonly error: AppError;
      /** Its TxnID or ListID, when that much could be read. */ readonly id?: string;
    };
