import { INTUIT_NS, SOAP11_NS } from './soap-namespaces';

/** What an operation returns: one string, an int (receiveResponseXML), or strings (authenticate). */
export type SoapResult = string | number | readonly string[];

/** SOAP 1.1's fault codes (§4.4.1), written as QNames in the envelope's namespace. */
export type FaultCode = 'Client' | 'Server' | 'VersionMismatch' | 'MustUnderstand';

const escapeXml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const envelope = (body: string) =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP11_NS}"><soap:Body>${body}</soap:Body></soap:Envelope>`;

/**
 * `<{method}Response><{method}Result>…` in Intuit's namespace, the shape QBWC's .NET client reads
 * (../shared/reference/qbwc-qbxml.md §1.1); authenticate's array as `<string>` children in that namespace (§1.3).
 */
export function soapResultEnvelope(method: string, result: SoapResult): string {
  const inner = Array.isArray(result) ? result.map((s) => `<string>${escapeXml(s)}</string>`).join('') : escapeXml(String(result));
  return envelope(`<${method}Response xmlns="${INTUIT_NS}"><${method}Result>${inner}</${method}Result></${method}Response>`);
}

/** A SOAP 1.1 fault: a QName code and one sentence for a person, nothing else. */
export function soapFaultEnvelope(code: FaultCode, message: string): string {
  return envelope(`<soap:Fault><faultcode>soap:${code}</faultcode><faultstring>${escapeXml(message)}</faultstring></soap:Fault>`);
}
