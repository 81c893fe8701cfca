import { envelopeRefusal } from './envelope-refusal';
import { EnvelopeEvent, ParameterPolicy, SoapEnvelopeReader } from './soap-envelope-reader';
import { SOAP_LIMITS, SoapLimits } from './soap-limits';

/**
 * Reads a SOAP request from its byte stream, one chunk at a time, and yields the envelope's
 * events of each chunk together as it is parsed: the consumer may await between them (look a
 * session up, hand text to another parser) and the next chunk is read only when it asks.
 * Refuses more than the body limit, bytes that are not UTF-8, and everything SoapEnvelopeReader
 * refuses. The events come a chunk at a time, not one by one: every step of an async generator
 * costs promises and a turn of the microtask queue, and with the ORM's async context tracking
 * on (AsyncLocalStorage) every promise costs hooks too; a call of a few events in one chunk
 * takes one step instead of one per event.
 *
 * @example
 * for await (const events of readSoapEnvelope(req, () => 4096)) for (const e of events) if (e.kind === 'method') …
 */
export async function* readSoapEnvelope(
  source: AsyncIterable<Uint8Array>,
  policy: ParameterPolicy,
  limits: SoapLimits = SOAP_LIMITS,
): AsyncGenerator<readonly EnvelopeEvent[]> {
  let ready: EnvelopeEvent[] = [];
  const reader = new SoapEnvelopeReader((event) => ready.push(event), policy, limits);
  // fatal: a lenient decoder would put U+FFFD in place of bad bytes and no one would know.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  const decode = (chunk?: Uint8Array) => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw envelopeRefusal('The request is not valid UTF-8 text.');
    }
  };
  for await (const chunk of source) {
    bytes += chunk.length;
    if (bytes > limits.maxBodyBytes) throw envelopeRefusal(`The request is larger than ${limits.maxBodyBytes} bytes.`);
    reader.write(decode(chunk));
    if (ready.length === 0) continue;
    const events = ready;
    ready = [];
    yield events;
  }
  reader.write(decode());
  reader.end();
  if (ready.length > 0) yield ready;
}
