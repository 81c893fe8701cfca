import type { EntityManager } from '@mikro-orm/postgresql';
import { ALTERNATIVE_SYSTEM } from '../../adapters/alternative/alternative-system';
import { createOwnCustomer } from '../../adapters/alternative/store/customer-ledger';
import { qboAdapter } from '../../adapters/qbo/qbo-adapter';
import { QBO_BOOKMARK, QboBookmark } from '../../adapters/qbo/sync/qbo-bookmark';
import type { Change } from '../../core/changes/change';
import type { Customer } from '../../core/items/customer';
import type { FrameworkRegistry } from '../../core/plugins/framework-registry';
import { TOKENS } from '../../core/runtime/tokens';
import { sendSql } from '../../core/store/send-sql';
import { readBookmark } from '../../core/store/sync-cursors';
import type { Instant } from '../../core/values/instant';
import { type QboService, startQboService } from '../integration/adapters/qbo/sync/qbo-sync-env';
import { adapterContract } from './adapter-contract';

let qbo: QboService;
const database = () => qbo.db();
const now = () => new Date();

interface QboConnection {
  readonly connectionId: string;
  readonly realmId: string;
}

type Json = Record<string, unknown>;
const nameOf = (change: Change) => (change.payload as Partial<Customer>).name;

/** A platform customer, as the customer route makes it, in its change to QBO (partner rules may send these). */
async function platformCustomer({ connectionId }: QboConnection, n: number, payload: (id: string, name: string) => unknown): Promise<Change> {
  const name = `Contract Customer ${n}`;
  const id = await createOwnCustomer(database(), { connectionId, system: ALTERNATIVE_SYSTEM, name, now: now() });
  return {
    item: 'customer',
    operation: 'upsert',
    source: ALTERNATIVE_SYSTEM,
    sourceId: id,
    observedAt: now().toISOString() as Instant,
    payload: payload(id, name),
  };
}

/** The ledger's record ids that came from QBO, of one table. */
async function storedFromQbo(connectionId: string, table: 'alt_customer' | 'alt_invoice'): Promise<Set<string>> {
  const rows = await sendSql<{ source_id: string }[]>(database(), `select source_id from ${table} where connection_id = ? and source_system = 'qbo'`, [
    connectionId,
  ]);
  return new Set(rows.map((r) => r.source_id));
}

/** The simulator's order for ORDERBY Id: by number (Ids are digit strings). */
const byId = (rows: Json[]) => [...rows].sort((a, b) => Number(a.Id) - Number(b.Id)).map((r) => String(r.Id));

/** The records the bookmark claims as read: every page before `start` of its phase, and every phase before it. */
function claimedBy(realmId: string, bookmark: QboBookmark): string[] {
  const books = qbo.sim.books(realmId);
  const customers = books.all('Customer');
  const active = byId(customers.filter((c) => c.Active !== false));
  const inactive = byId(customers.filter((c) => c.Active === false));
  const invoices = books.all('Invoice');
  switch (bookmark.phase) {
    case 'customers':
      return bookmark.active ? active.slice(0, bookmark.start - 1) : [...active, ...inactive.slice(0, bookmark.start - 1)];
    case 'invoices': {
      const newer = bookmark.to ? invoices.filter((i) => String(i.TxnDate) > bookmark.to!).map((i) => String(i.Id)) : [];
      const window = invoices.filter((i) => String(i.TxnDate) >= bookmark.from && (!bookmark.to || String(i.TxnDate) <= bookmark.to));
      return [...active, ...inactive, ...newer, ...byId(window).slice(0, bookmark.start - 1)];
    }
    default:
      return [...active, ...inactive, ...invoices.map((i) => String(i.Id))];
  }
}

/**
 * QBO is called by the service itself: apply queues writes in the outbox, and the connection's
 * sync (as the job engine runs it) carries them out against a simulated company. The sample write
 * is a platform customer sent to QBO (a Customer create), which the next sync reads back.
 */
adapterContract('The QuickBooks Online adapter', {
  adapter: qboAdapter,
  setUp() {
    before(async () => void (qbo = await startQboService()));
    after(() => qbo?.stop());
  },
  registry: () => qbo.service.service.container.get<FrameworkRegistry>(TOKENS.FrameworkRegistry),
  database: () => database() as EntityManager,
  now,
  async connect() {
    const connection = await qbo.connectCompany({ seed: 7, customers: 4, invoices: 6, monthsOfHistory: 12 });
    await qbo.sync(connection.connectionId);
    return connection;
  },
  change: (connection, n) => platformCustomer(connection, n, (id, name): Customer => ({ id, name, fullName: name, isActive: true, email: 'ap@example.com' })),
  malformed: (connection, n) => platformCustomer(connection, n, (id) => ({ id, fullName: 42, isActive: 'yes' })),
  carry: (connection) => qbo.sync(connection.connectionId),
  /** QBO keeps display names unique (6240), so a second create of one is refused, never stored twice. */
  async held({ realmId }, change) {
    return qbo.sim
      .books(realmId)
      .all('Customer')
      .filter((c) => c.DisplayName === nameOf(change))
      .map((c) => String(c.Id));
  },
  exactlyOnce: {
    kind: 'lost-answer',
    async carryLosingTheAnswer(connection) {
      qbo.sim.faults.loseAnswer((r) => r.method === 'POST' && r.path.endsWith('/customer'));
      await qbo.sync(connection.connectionId);
    },
  },
  readBack: {
    kind: 'reads-own-writes',
    readAgain: (connection) => qbo.sync(connection.connectionId),
    async atOrigin({ connectionId }, change) {
      const rows = await sendSql<{ id: string; source_system: string; source_id: string }[]>(
        database(),
        'select id, source_system, source_id from alt_customer where connection_id = ? and (id = ? or full_name = ?)',
        [connectionId, change.sourceId, nameOf(change)],
      );
      return rows.map((r) => ({ id: r.id, linkedTo: r.source_system === 'qbo' ? r.source_id : `still ${r.source_system} ${r.source_id}` }));
    },
  },
  bookmarks: {
    kind: 'pages',
    /** A first sync stopped (as the engine stops a job) while its (n+1)-th request is on its way: n answers are stored. */
    async cutAfter(n) {
      const connection = await qbo.connectCompany({ seed: 81, customers: 8, invoices: 24, monthsOfHistory: 36 });
      const stop = new AbortController();
      let seen = 0;
      qbo.sim.faults.loseAnswer((r) => {
        if (r.path.includes(`/company/${connection.realmId}/`) && ++seen === n + 1) stop.abort(new Error('cut by the contract'));
        return false;
      });
      const cut = await qbo.sync(connection.connectionId, stop.signal).then(
        () => false,
        () => true,
      );
      return cut ? connection : undefined;
    },
    async unstoredBehindBookmarks({ connectionId, realmId }) {
      const bookmark = await readBookmark(database(), connectionId, QBO_BOOKMARK);
      if (!bookmark) return {};
      const stored = new Set([...(await storedFromQbo(connectionId, 'alt_customer')), ...(await storedFromQbo(connectionId, 'alt_invoice'))]);
      return { [QBO_BOOKMARK.stream]: claimedBy(realmId, bookmark).filter((id) => !stored.has(id)) };
    },
    resume: (connection) => qbo.sync(connection.connectionId),
  },
});
