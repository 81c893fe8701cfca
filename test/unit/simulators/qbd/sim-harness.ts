import { QbxmlEvent, ResponseStatus } from '../../../../adapters/qbd/qbxml/reader/qbxml-events';
import { readQbxml } from '../../../../adapters/qbd/qbxml/reader/read-qbxml';
import { QbRecord } from '../../../../adapters/qbd/qbxml/records/qb-record';
import { buildQbxmlDocument } from '../../../../adapters/qbd/qbxml/requests/qbxml-document';
import { QbxmlRequest } from '../../../../adapters/qbd/qbxml/requests/qbxml-request';
import { QuickBooksCompany } from '../../../simulators/qbd/quickbooks-company';
import { QuickBooksSimulator } from '../../../simulators/qbd/quickbooks-simulator';
import { SimClock } from '../../../simulators/qbd/sim-clock';
import { schemaAvailability, schemaErrors } from '../../../support/qbxml-schema';

/** Every request document the simulator tests send; all are checked against the schema at the end, in one run. */
const SENT: { name: string; xml: string }[] = [];

after('every request the simulator tests sent is valid against the qbXML 13.0 schema', async function () {
  this.timeout(60_000);
  if (SENT.length === 0 || !schemaAvailability().available) return;
  const errors = await schemaErrors(SENT);
  if (errors.size > 0) throw new Error(`Requests not valid against the schema: ${JSON.stringify(Object.fromEntries(errors), null, 2)}`);
});

export interface Answer {
  readonly xml: string;
  readonly statuses: ResponseStatus[];
  readonly records: QbRecord[];
  readonly events: QbxmlEvent[];
}

/** Sends requests built by the product's own builders and reads the answer with its own reader. */
export async function ask(sim: QuickBooksSimulator, requests: QbxmlRequest[], onError: 'stopOnError' | 'continueOnError' = 'continueOnError'): Promise<Answer> {
  const request = buildQbxmlDocument({ version: '13.0', onError, requests });
  SENT.push({ name: requests.map((r) => r.requestId).join('+'), xml: request });
  const xml = await sim.process(request);
  const events: QbxmlEvent[] = [];
  for await (const e of readQbxml(xml)) events.push(e);
  return {
    xml,
    events,
    statuses: events.flatMap((e) => (e.kind === 'status' ? [e.status] : [])),
    records: events.flatMap((e) => (e.kind === 'record' ? [e.record] : [])),
  };
}

export function newCompany(start = '2026-11-02T15:00:00Z'): { company: QuickBooksCompany; sim: QuickBooksSimulator; clock: SimClock } {
  const clock = new SimClock(new Date(start));
  const company = new QuickBooksCompany(clock, 'Test Books');
  return { company, sim: new QuickBooksSimulator(company), clock };
}
