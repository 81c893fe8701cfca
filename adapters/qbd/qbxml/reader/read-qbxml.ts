import { StringDecoder } from 'node:string_decoder';
import { QbxmlEvent } from './qbxml-events';
import { QbxmlStreamReader } from './qbxml-stream-reader';
import type { XmlNode } from './xml-node';
import type { QbRecord } from '../records/qb-record';

/** Ret element name -> its reader, for answers trimmed by IncludeRetElement. */
export type RetReaders = Readonly<Record<string, (node: XmlNode) => QbRecord>>;

export type QbxmlSource = string | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>;

async function* chunksOf(source: QbxmlSource): AsyncIterable<string> {
  if (typeof source === 'string') {
    yield source;
    return;
  }
  // Bytes may split a UTF-8 character across chunks; the decoder keeps the partial bytes.
  const decoder = new StringDecoder('utf8');
  for await (const chunk of source as AsyncIterable<string | Uint8Array>) {
    yield typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * Reads a qbXML answer chunk by chunk and yields statuses and typed records as they complete:
 * memory holds one chunk and one record, not the document. Throws an AppError of kind
 * `malformed` on unreadable, hostile or truncated input.
 *
 * @example
 * for await (const e of readQbxml(responseXml)) if (e.kind === 'record') store(e.record);
 */
export async function* readQbxml(source: QbxmlSource, retReaders?: RetReaders): AsyncIterable<QbxmlEvent> {
  let pending: QbxmlEvent[] = [];
  const reader = new QbxmlStreamReader((event) => pending.push(event), retReaders);
  for await (const chunk of chunksOf(source)) {
    reader.write(chunk);
    if (pending.length > 0) {
      const ready = pending;
      pending = [];
      yield* ready;
    }
  }
  reader.end();
  yield* pending;
}
