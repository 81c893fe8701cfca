import { escapeXml } from '../../../simulators/qbd/answer-writer';
import { QuickBooksSimulator } from '../../../simulators/qbd/quickbooks-simulator';
import { RequestNode, child, parseRequest, text } from '../../../simulators/qbd/request-node';
import { schemaAvailability, schemaErrors } from '../../../support/qbxml-schema';

/**
 * Hand-written qbXML for the requests the product's builders do not make yet, and a reading of
 * the answers as plain element trees, so these tests see the simulator's element order as it
 * is. Every request and answer is checked against the 13.0 schema at the end, in one run.
 */
const DOCUMENTS: { name: string; xml: string }[] = [];

after('every hand-written request and its answer are valid against the qbXML 13.0 schema', async function () {
  this.timeout(60_000);
  if (DOCUMENTS.length === 0 || !schemaAvailability().available) return;
  const errors = await schemaErrors(DOCUMENTS);
  if (errors.size > 0) throw new Error(`Not valid against the schema: ${JSON.stringify(Object.fromEntries(errors), null, 2)}`);
});

/** An element with text, escaped; nothing for undefined, so optional fields read naturally. */
export const el = (name: string, value: string | undefined) => (value === undefined ? '' : `<${name}>${escapeXml(value)}</${name}>`);
export const ref = (name: string, r: { listId?: string; fullName?: string } | undefined) =>
  r ? `<${name}>${el('ListID', r.listId)}${el('FullName', r.fullName)}</${name}>` : '';

/** Sends request elements in one message set (continueOnError) and returns one Rs element per request. */
export async function exchange(sim: QuickBooksSimulator, ...requests: string[]): Promise<RequestNode[]> {
  const xml = `<?xml version="1.0" encoding="utf-8"?>\n<?qbxml version="13.0"?>\n<QBXML><QBXMLMsgsRq onError="continueOnError">${requests.join('')}</QBXMLMsgsRq></QBXML>`;
  const answer = await sim.process(xml);
  DOCUMENTS.push({ name: `request ${DOCUMENTS.length}`, xml }, { name: `answer ${DOCUMENTS.length + 1}`, xml: answer });
  return child(parseRequest(answer).root, 'QBXMLMsgsRs')!.children;
}

/** One request, its one Rs. */
export async function ask1(sim: QuickBooksSimulator, request: string): Promise<RequestNode> {
  return (await exchange(sim, request))[0];
}

export const statusOf = (rs: RequestNode) => ({ code: Number(rs.attributes.statusCode), message: rs.attributes.statusMessage });

/** The first Ret of an Rs (its first child). */
export const retOf = (rs: RequestNode) => rs.children[0];

/** The names of an element's children, in order: what schema-order tests compare. */
export const namesOf = (node: RequestNode) => node.children.map((c) => c.name);

export const refId = (node: RequestNode | undefined, name: string) => text(node && child(node, name), 'ListID');
