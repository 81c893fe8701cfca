import { expect } from 'chai';
import { TestClock } from '../../support/connected-company';
import { useTestService } from '../../support/use-test-service';
import { faultTally } from './fault-tally';

/** Nothing a stranger may see: a stack frame, a file path, SQL, a host or a port. */
export function expectNothingInternal(what: string, body: string): void {
  expect(body, what).not.to.match(/\n\s+at |\.[jt]s:\d|\/work\/|\/home\/|node_modules|\b(select|insert into|update \w+ set|delete from)\b/i);
  expect(body, what).not.to.match(/127\.0\.0\.1|localhost|ECONNREFUSED|:\d{4,5}\b|root:x:0:0|lolololol/);
}

const TABLES = ['partner', 'connection', 'qbwc_install', 'qbwc_session', 'alt_customer', 'alt_invoice', 'alt_payment', 'alt_payout', 'outbox', 'sync_event'];

/**
 * The hostile-input-*.test.ts files' service, started for the enclosing `describe` (call it
 * there), with `expectRefused` to send one hostile request and `jsonError` to check a JSON refusal.
 */
export function useHostileInputService() {
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
  const service = useTestService({ LOG_LEVEL: 'warn' }, clock.read);

  async function rowCounts(): Promise<Record<string, number>> {
    const db = service.current.service.database.orm.em.fork().getConnection();
    const counts: Record<string, number> = {};
    for (const table of TABLES) counts[table] = (await db.execute(`select count(*)::int as n from ${table}`))[0].n as number;
    return counts;
  }

  /** Sends one hostile request; it must be refused in words, leave every table as it was, and the service must still answer. */
  async function expectRefused(what: string, send: () => Promise<Response>, check: (res: Response, body: string) => void): Promise<void> {
    const before = await rowCounts();
    const res = await send();
    const body = await res.text();
    check(res, body);
    expect(await rowCounts(), `${what}: nothing stored`).to.deep.equal(before);
    expect((await fetch(`${service.current.url}/health`)).status, `${what}: still up`).to.equal(200);
    faultTally.cases += 1;
    faultTally.faultsSurvived += 1;
  }

  const jsonError = (what: string, statuses: number[]) => (res: Response, body: string) => {
    expect(res.status, `${what}: ${body}`).to.be.oneOf(statuses);
    const error = JSON.parse(body).error;
    expect(error.kind, what).to.be.a('string');
    expect(error.message, what).to.be.a('string').and.not.equal('');
    expect(error.requestId, what).to.be.a('string');
  };

  return { clock, service, expectRefused, jsonError };
}
