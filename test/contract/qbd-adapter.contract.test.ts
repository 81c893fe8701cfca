import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { ALTERNATIVE_SYSTEM } from '../../adapters/alternative/alternative-system';
import { createOwnCustomer } from '../../adapters/alternative/store/customer-ledger';
import { qbdAdapter } from '../../adapters/qbd/qbd-adapter';
import type { InvoiceBookmark } from '../../adapters/qbd/qbwc/steps/invoice-windows';
import type { Change } from '../../core/changes/change';
import type { Customer } from '../../core/items/customer';
import type { FrameworkRegistry } from '../../core/plugins/framework-registry';
import { TOKENS } from '../../core/runtime/tokens';
import { sendSql } from '../../core/store/send-sql';
import { type Instant, instantToEpochMs } from '../../core/values/instant';
import { TestClock, connectedCompany } from '../support/connected-company';
import { useTestService } from '../support/use-test-service';
import { adapterContract } from './adapter-contract';

const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
let service: ReturnType<typeof useTestService>;
const database = () => service.current.service.database.orm.em.fork() as EntityManager;

type Company = Awaited<ReturnType<typeof connectedCompany>>;
interface QbdConnection {
  readonly connectionId: string;
  readonly env: Company;
}

const connectionOf = (env: Company): QbdConnection => ({ connectionId: env.connection.id as string, env });
const nameOf = (change: Change) => (change.payload as Partial<Customer>).name;

/** Runs one Web Connector session, as its next poll a little later; it must end as a session ends, not cut. */
async function session({ env }: QbdConnection, minutes = 5): Promise<void> {
  env.later(minutes);
  expect((await env.connector.runSession()).ended).to.equal('closed');
}

/** A platform customer, as the customer route makes it, in its change to QuickBooks (partner rules may send these). */
async function platformCustomer({ connectionId }: QbdConnection, n: number, payload: (id: string, name: string) => unknown): Promise<Change> {
  const name = `Contract Customer ${n}`;
  const id = await createOwnCustomer(database(), { connectionId, system: ALTERNATIVE_SYSTEM, name, now: clock.read() });
  return {
    item: 'customer',
    operation: 'upsert',
    source: ALTERNATIVE_SYSTEM,
    sourceId: id,
    observedAt: clock.read().toISOString() as Instant,
    payload: payload(id, name),
  };
}

/** The ledger's record ids that came from QuickBooks, of one table. */
async function storedFromQuickBooks(connectionId: string, table: 'alt_customer' | 'alt_invoice'): Promise<Set<string>> {
  return new Set(
    (
      await sendSql<{ source_id: string }[]>(database(), `select source_id from ${table} where connection_id = ? and source_system = 'qbd'`, [connectionId])
    ).map((r) => r.source_id),
  );
}

/** The records a bookmark claims as read, by its stream; streams not listed here are not checked by the contract. */
function claimedBy(env: Company, stream: string, value: string): string[] | undefined {
  const upTo = (at: Date, latest: string | undefined) => latest !== undefined && at.getTime() <= instantToEpochMs(latest as Instant);
  if (stream === 'qbd:customers') return [...env.company.customers.values()].filter((c) => upTo(c.modified, value)).map((c) => c.listId);
  if (stream !== 'qbd:invoices') return undefined;
  const bookmark = JSON.parse(value) as InvoiceBookmark;
  const invoices = [...env.company.invoices.values()];
  // The recent window and the history windows after `to` are read whole; incremental reads go up to `latest`.
  if (bookmark.phase === 'recent') return [];
  if (bookmark.phase === 'history') return invoices.filter((i) => i.txnDate > bookmark.to!).map((i) => i.txnId);
  return invoices.filter((i) => upTo(i.modified, bookmark.latest)).map((i) => i.txnId);
}

/**
 * QuickBooks is pull-driven: apply queues writes in the outbox, and the running service carries
 * them when the Web Connector simulator calls, against a simulated company. The sample write is
 * a platform customer sent to QuickBooks (a CustomerAdd).
 */
adapterContract('The QuickBooks Desktop adapter', {
  adapter: qbdAdapter,
  setUp: () => void (service = useTestService({ LOG_LEVEL: 'warn' }, clock.read)),
  registry: () => service.current.service.container.get<FrameworkRegistry>(TOKENS.FrameworkRegistry),
  database,
  now: clock.read,
  async connect() {
    const env = await connectedCompany(service.current, clock, { seed: 7, customers: 4, invoices: 6, years: 1 });
    expect((await env.connector.runSession()).closeMessage).to.match(/^Complete/);
    return connectionOf(env);
  },
  change: (connection, n) => platformCustomer(connection, n, (id, name): Customer => ({ id, name, fullName: name, isActive: true, email: 'ap@example.com' })),
  malformed: (connection, n) => platformCustomer(connection, n, (id) => ({ id, fullName: 42, isActive: 'yes' })),
  carry: (connection) => session(connection),
  /**
   * QuickBooks keeps customer names unique, so a second add of one is refused (3100), not
   * stored twice: each CustomerAdd of the name beyond the records counts as a record too.
   */
  async held({ env }, change) {
    const name = nameOf(change);
    const records = [...env.company.customers.values()].filter((c) => c.name === name).map((c) => c.listId);
    const adds = env.quickBooks.log.filter((l) => l.requestXml.includes('<CustomerAddRq') && l.requestXml.includes(`<Name>${name}</Name>`)).length;
    return [...records, ...Array.from({ length: Math.max(0, adds - records.length) }, () => 'another CustomerAdd of the same name')];
  },
  exactlyOnce: {
    kind: 'lost-answer',
    async carryLosingTheAnswer({ env }) {
      env.later(5);
      // The outbox goes first in a session: its first answer is the CustomerAdd's.
      expect((await env.connector.runSession({ loseReceiveAnswer: 1 })).ended).to.equal('dropped');
      env.later(0.1); // the Web Connector runs again seconds later; its new sign-in replaces the dead session
    },
  },
  readBack: {
    kind: 'reads-own-writes',
    readAgain: (connection) => session(connection, 10),
    async atOrigin({ connectionId }, change) {
      const rows = await sendSql<{ id: string; source_system: string; source_id: string }[]>(
        database(),
        'select id, source_system, source_id from alt_customer where connection_id = ? and (id = ? or full_name = ?)',
        [connectionId, change.sourceId, nameOf(change)],
      );
      return rows.map((r) => ({ id: r.id, linkedTo: r.source_system === 'qbd' ? r.source_id : `still ${r.source_system} ${r.source_id}` }));
    },
  },
  bookmarks: {
    kind: 'pages',
    async cutAfter(n) {
      const env = await connectedCompany(service.current, clock, { seed: 81, customers: 8, invoices: 24, years: 3 });
      const cut = await env.connector.runSession({ loseReceiveAnswer: n });
      return cut.ended === 'dropped' ? connectionOf(env) : undefined;
    },
    async unstoredBehindBookmarks({ connectionId, env }) {
      const stored = {
        'qbd:customers': await storedFromQuickBooks(connectionId, 'alt_customer'),
        'qbd:invoices': await storedFromQuickBooks(connectionId, 'alt_invoice'),
      };
      const cursors = await sendSql<{ stream: string; value: string }[]>(database(), 'select stream, value from sync_cursor where connection_id = ?', [
        connectionId,
      ]);
      const unstored: Record<string, string[]> = {};
      for (const { stream, value } of cursors) {
        const claimed = claimedBy(env, stream, value);
        if (claimed) unstored[stream] = claimed.filter((id) => !stored[stream as keyof typeof stored].has(id));
      }
      return unstored;
    },
    async resume({ env }) {
      for (let attempt = 0; attempt < 4; attempt++) {
        env.later(0.1);
        if ((await env.connector.runSession()).closeMessage?.startsWith('Complete')) return;
      }
      throw new Error('the sync did not complete within four more sessions');
    },
  },
});
