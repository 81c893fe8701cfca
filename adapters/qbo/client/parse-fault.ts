import type { QboFault } from './qbo-fault';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A key read case-insensitively: 401 bodies write `fault.error[].message` (reference §7.1). */
function field(o: Json, name: string): unknown {
  const lower = name.toLowerCase();
  const key = Object.keys(o).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : o[key];
}

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

function fromJsonFault(status: number, fault: Json): QboFault {
  const errors = field(fault, 'Error');
  const first = (Array.isArray(errors) ? errors : [errors]).find(isObject) ?? {};
  return {
    status,
    code: text(field(first, 'code')),
    type: text(field(fault, 'type')),
    message: text(field(first, 'Message')) ?? 'Fault',
    detail: text(field(first, 'Detail')),
    element: text(field(first, 'element')) || undefined,
  };
}

/** A Fault at the top, or inside a QueryResponse or a CDCResponse block (reference §7.1). */
function jsonFault(body: Json): Json | undefined {
  const top = field(body, 'Fault');
  if (isObject(top)) return top;
  const query = field(body, 'QueryResponse');
  if (isObject(query) && isObject(field(query, 'Fault'))) return field(query, 'Fault') as Json;
  const cdc = field(body, 'CDCResponse');
  for (const block of Array.isArray(cdc) ? cdc : []) if (isObject(block) && isObject(field(block, 'Fault'))) return field(block, 'Fault') as Json;
  return undefined;
}

function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The throttle and auth faults that came back as XML (reference §7.1): read with patterns, never evaluated. */
function xmlFault(status: number, body: string): QboFault | undefined {
  if (!/<Fault[\s>]/.test(body)) return undefined;
  const pick = (re: RegExp) => {
    const m = re.exec(body);
    return m ? decodeXml(m[1]).trim() : undefined;
  };
  return {
    status,
    code: pick(/<Error[^>]*\bcode="([^"]*)"/),
    type: pick(/<Fault[^>]*\btype="([^"]*)"/),
    message: pick(/<Message>([\s\S]*?)<\/Message>/) ?? 'Fault',
    detail: pick(/<Detail>([\s\S]*?)<\/Detail>/),
    element: pick(/<Error[^>]*\belement="([^"]*)"/) || undefined,
  };
}

/**
 * Reads an answer: its JSON body when it is a success, or the fault it holds. Any status may
 * hold a Fault (200 included); a body that is neither JSON nor an XML fault is a fault of its
 * status with the first words of the body, so a proxy's HTML page is not taken for data.
 */
export function parseAnswer(status: number, body: string): { readonly json: Json } | { readonly fault: QboFault } {
  let parsed: unknown;
  try {
    parsed = body.trim() === '' ? {} : JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  if (isObject(parsed)) {
    const fault = jsonFault(parsed);
    if (fault) return { fault: fromJsonFault(status, fault) };
    if (status >= 200 && status < 300) return { json: parsed };
    return { fault: { status, message: `HTTP ${status}` } };
  }
  const xml = xmlFault(status, body);
  if (xml) return { fault: xml };
  const snippet = body.replace(/\s+/g, ' ').trim().slice(0, 120);
  return { fault: { status, message: status >= 200 && status < 300 ? 'The answer was not JSON' : `HTTP ${status}`, detail: snippet || undefined } };
}
