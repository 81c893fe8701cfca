import { QbxmlRequest, checkRequestId } from './qbxml-request';
import { QbxmlWriter } from './qbxml-writer';
import { RetTrim, writeRetTrim } from './query-parts';

export interface SimpleQueryInput extends RetTrim {
  readonly requestId: string;
}

function buildSimpleQuery(rqName: string, input: SimpleQueryInput, ownerIds?: readonly string[]): QbxmlRequest {
  const requestId = checkRequestId(input.requestId);
  const w = new QbxmlWriter().open(rqName, { requestID: requestId });
  const version = writeRetTrim(w, input, ownerIds?.length ? '2.0' : '1.0');
  w.each('OwnerID', ownerIds);
  return { rqName, requestId, minVersion: version, xml: w.close(rqName).toString() };
}

/** HostQueryRq: which QuickBooks this is and the qbXML versions it speaks. */
export function buildHostQuery(input: SimpleQueryInput): QbxmlRequest {
  return buildSimpleQuery('HostQueryRq', input);
}

/** CompanyQueryRq; with our OwnerID it also returns the FileID data extension we placed. */
export function buildCompanyQuery(input: SimpleQueryInput & { readonly ownerIds?: readonly string[] }): QbxmlRequest {
  return buildSimpleQuery('CompanyQueryRq', input, input.ownerIds);
}

/** PreferencesQueryRq: multicurrency, auto-apply, unattended access rights, closing date. */
export function buildPreferencesQuery(input: SimpleQueryInput): QbxmlRequest {
  return buildSimpleQuery('PreferencesQueryRq', input);
}

/** ReceivePaymentToDepositQueryRq: the payments waiting in Undeposited Funds (no filters, no iterator). */
export function buildReceivePaymentToDepositQuery(input: SimpleQueryInput): QbxmlRequest {
  return buildSimpleQuery('ReceivePaymentToDepositQueryRq', input);
}
