import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { alternativeAdapter } from '../../adapters/alternative/alternative-adapter';
import { ALTERNATIVE_SYSTEM } from '../../adapters/alternative/alternative-system';
import { createOwnCustomer } from '../../adapters/alternative/store/customer-ledger';
import { QBD_SYSTEM } from '../../adapters/qbd/qbd-system';
import type { Change } from '../../core/changes/change';
import type { Customer } from '../../core/items/customer';
import type { FrameworkRegistry } from '../../core/plugins/framework-registry';
import { TOKENS } from '../../core/runtime/tokens';
import { enqueue, markOutbox } from '../../core/store/outbox';
import { sendSql } from '../../core/store/send-sql';
import type { Instant } from '../../core/values/instant';
import { TestClock } from '../support/connected-company';
import { PartnerApi } from '../support/partner-api';
import { useTestService } from '../support/use-test-service';
import { adapterContract } from './adapter-contract';

const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
let service: ReturnType<typeof useTestService>;
const database = () => service.current.service.database.orm.em.fork() as EntityManager;

/** A QuickBooks customer as its change reaches the ledger (the whole record, first version). */
function customerChange(sourceId: string, payload: unknown): Change {
  return {
    item: 'customer',
    operation: 'upsert',
    source: QBD_SYSTEM,
    sourceId,
    sourceVersion: '1',
    observedAt: clock.read().toISOString() as Instant,
    payload,
  };
}

/**
 * The ledger is a target written in the caller's transaction: nothing to carry, no answer to
 * lose, and it reads nothing (the platform's own changes reach the pipeline through its routes).
 */
adapterContract('The Alternative ledger adapter', {
  adapter: alternativeAdapter,
  setUp: () => void (service = useTestService({ LOG_LEVEL: 'warn' }, clock.read)),
  registry: () => service.current.service.container.get<FrameworkRegistry>(TOKENS.FrameworkRegistry),
  database,
  now: clock.read,
  async connect() {
    const api = await PartnerApi.createPartner(service.current.url, 'Contract');
    return { connectionId: (await api.call('POST', '/api/connections', { companyName: 'Contract Books' })).body.id as string };
  },
  async change(_connection, n) {
    const sourceId = `8000${n}-${randomUUID().slice(0, 8)}`;
    const customer: Customer = { id: sourceId, name: `Contract Customer ${n}`, fullName: `Contract Customer ${n}`, isActive: true };
    return customerChange(sourceId, customer);
  },
  async malformed(_connection, n) {
    const sourceId = `8000${n}-${randomUUID().slice(0, 8)}`;
    return customerChange(sourceId, { id: sourceId, fullName: 42, isActive: 'yes' });
  },
  carry: async () => undefined,
  async held({ connectionId }, change) {
    const rows = await sendSql<{ id: string }[]>(database(), 'select id from alt_customer where connection_id = ? and source_system = ? and source_id = ?', [
      connectionId,
      change.source,
      change.sourceId,
    ]);
    return rows.map((r) => r.id);
  },
  exactlyOnce: { kind: 'synchronous' },
  readBack: {
    kind: 'reads-nothing',
    /**
     * A customer made on the platform that QuickBooks took: the outbox row left as the QBD
     * session leaves it once QuickBooks answered the CustomerAdd (done, with the ListID).
     */
    async sentElsewhere({ connectionId }, n) {
      const now = clock.read();
      const name = `Platform Customer ${n}`;
      const listId = `8000${n}-${randomUUID().slice(0, 8)}`;
      const ours = await database().transactional(async (tx) => {
        const em = tx as EntityManager;
        const id = await createOwnCustomer(em, { connectionId, system: ALTERNATIVE_SYSTEM, name, now });
        const row = await enqueue(em, {
          connectionId,
          source: ALTERNATIVE_SYSTEM,
          target: QBD_SYSTEM,
          item: 'customer',
          operation: 'customer-add',
          sourceId: id,
          payload: { id, name, fullName: name, isActive: true },
          now,
        });
        await markOutbox(em, row, { state: 'done', targetId: listId }, now);
        return id;
      });
      return { ours, echo: customerChange(listId, { id: listId, name, fullName: name, isActive: true }) };
    },
  },
  bookmarks: { kind: 'reads-nothing' },
});
