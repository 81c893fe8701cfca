import sax from 'sax';

const NS = 'http://developer.intuit.com/';

const escape = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A call as QBWC writes it: SOAP 1.1, document/literal in Intuit's namespace, every parameter
 * present (empty ones as empty elements), qbXML entity-escaped, not in CDATA (../shared/reference/qbwc-qbxml.md §1.1).
 */
export function qbwcEnvelope(method: string, params: readonly (readonly [string, string | number])[]): string {
  const body =
    params.length === 0
      ? `<${method} xmlns="${NS}" />`
      : `<${method} xmlns="${NS}">${params.map(([k, v]) => (v === '' ? `<${k} />` : `<${k}>${escape(String(v))}</${k}>`)).join('')}</${method}>`;
  return `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body>${body}</soap:Body></soap:Envelope>`;
}

export interface SoapAnswer {
  /** The text of `<method>Result`, or its `<string>` children for authenticate. */
  readonly result: string | string[] | undefined;
  /** Set when the server answered a SOAP fault. */
  readonly fault?: string;
}

/** Reads a SOAP answer the strict way QBWC's .NET client would: in Intuit's namespace, or not at all. */
export function readSoapAnswer(xml: string, method: string): SoapAnswer {
  const parser = sax.parser(true, { xmlns: true });
  const path: { local: string; uri: string }[] = [];
  let result: string | string[] | undefined;
  let fault: string | undefined;
  let text = '';
  parser.onopentag = (tag) => {
    const t = tag as sax.QualifiedTag;
    path.push({ local: t.local, uri: t.uri });
    text = '';
    if (t.local === `${method}Result` && t.uri === NS && result === undefined) result = '';
  };
  parser.ontext = (t) => (text += t);
  parser.onclosetag = () => {
    const closed = path.pop()!;
    const parent = path[path.length - 1];
    if (closed.local === 'faultstring') fault = text;
    if (closed.local === 'string' && closed.uri === NS && parent?.local === `${method}Result`) result = [...(Array.isArray(result) ? result : []), text];
    else if (closed.local === `${method}Result` && closed.uri === NS && !Array.isArray(result)) result = text;
  };
  parser.write(xml).close();
  return { result, fault };
}
