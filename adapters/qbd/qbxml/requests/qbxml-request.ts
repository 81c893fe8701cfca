import { AppError } from '../../../../core/errors/app-error';
import { QbxmlVersion, compareVersions } from './qbxml-version';

/** One request element, ready to go into a message set. */
export interface QbxmlRequest {
  /** e.g. `InvoiceQueryRq`. */
  readonly rqName: string;
  readonly requestId: string;
  /** The oldest qbXML version that has this message with every element it uses. */
  readonly minVersion: QbxmlVersion;
  /** The element's XML, elements in schema order, text escaped. */
  readonly xml: string;
}

/** The newer of two versions: a request needs the newest of the features it uses. */
export function newerVersion(a: QbxmlVersion, b: QbxmlVersion): QbxmlVersion {
  return compareVersions(a, b) >= 0 ? a : b;
}

const REQUEST_ID = /^[\x21-\x7E]{1,50}$/;

/** requestID is our correlation key: at most 50 plain ASCII characters (status 1060 otherwise). */
export function checkRequestId(requestId: string): string {
  if (!REQUEST_ID.test(requestId)) {
    throw new AppError('invalid', 'A qbXML requestID must be 1-50 printable ASCII characters without spaces.', { detail: requestId });
  }
  return requestId;
}
