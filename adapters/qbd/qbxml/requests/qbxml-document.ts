import { AppError } from '../../../../core/errors/app-error';
import { QbxmlRequest } from './qbxml-request';
import { QbxmlVersion, compareVersions } from './qbxml-version';

export interface QbxmlDocumentInput {
  readonly version: QbxmlVersion;
  /** stopOnError for writes that depend on each other; continueOnError for independent reads. */
  readonly onError: 'stopOnError' | 'continueOnError';
  readonly requests: readonly QbxmlRequest[];
}

/**
 * The message set QuickBooks receives. Both the XML declaration and the qbxml processing
 * instruction are written: QuickBooks fails without them (../shared/reference/qbwc-qbxml.md §4.1).
 */
export function buildQbxmlDocument(input: QbxmlDocumentInput): string {
  if (input.requests.length === 0) throw new AppError('internal', 'A qbXML message set needs at least one request.');
  const ids = new Set<string>();
  for (const request of input.requests) {
    if (compareVersions(request.minVersion, input.version) > 0) {
      throw new AppError(
        'needs-user-action',
        `${request.rqName} needs qbXML ${request.minVersion}, but this QuickBooks speaks ${input.version}. Update QuickBooks to sync.`,
      );
    }
    if (ids.has(request.requestId)) throw new AppError('internal', `Two requests share the requestID ${request.requestId}.`);
    ids.add(request.requestId);
  }
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<?qbxml version="${input.version}"?>\n<QBXML><QBXMLMsgsRq onError="${input.onError}">` +
    input.requests.map((r) => r.xml).join('') +
    '</QBXMLMsgsRq></QBXML>'
  );
}
