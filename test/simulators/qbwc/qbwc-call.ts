import { qbwcEnvelope, readSoapAnswer } from './soap-envelope';
import type { CallRecord } from './web-connector-options';

/**
 * One SOAP call as the Web Connector makes it, recorded in `calls`; anything but HTTP 200 with
 * a text/xml envelope holding the method's result fails it, as it fails QBWC.
 */
export async function callQbwc(
  target: { readonly appUrl: string; readonly fetchImpl?: typeof fetch },
  method: string,
  params: readonly (readonly [string, string | number])[],
  calls: CallRecord[],
  stallMs?: number,
): Promise<string | string[] | undefined> {
  if (stallMs) await new Promise((r) => setTimeout(r, stallMs));
  const response = await (target.fetchImpl ?? fetch)(target.appUrl, {
    method: 'POST',
    headers: {
      'Content-Type': 'text/xml; charset=utf-8',
      SOAPAction: `"http://developer.intuit.com/${method}"`,
      'User-Agent': 'Mozilla/4.0 (compatible; MSIE 6.0; MS Web Services Client Protocol 2.0.50727.1433)',
    },
    body: qbwcEnvelope(method, params),
  });
  const text = await response.text();
  // Reference §1: every reply is HTTP 200 with one SOAP envelope; anything else fails the call.
  if (response.status !== 200) throw new Error(`${method} answered HTTP ${response.status}: QBWC takes that as a failed call`);
  const contentType = response.headers.get('content-type') ?? '';
  if (!contentType.startsWith('text/xml')) throw new Error(`QBWC1012-like: ${method} answered ${contentType}, not text/xml`);
  const answer = readSoapAnswer(text, method);
  calls.push({ method, result: answer.result, fault: answer.fault });
  if (answer.fault || answer.result === undefined) throw new Error(`${method} failed: ${answer.fault ?? `no ${method}Result in the answer`}`);
  return answer.result;
}
