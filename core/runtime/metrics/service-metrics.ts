import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { RoutedOutcome } from '../../pipeline/flow-decision';
import type { Database } from '../../store/open-database';

/**
 * The service's Prometheus registry and the core's own series. Adapters add theirs to
 * `registry` (one registry per service, never prom-client's global one, so two services in
 * one process, as in tests, do not share counts).
 */
export interface ServiceMetrics {
  readonly registry: Registry;
  /** Counts routed changes by item, direction and outcome (applied, deferred, skipped, denied, failed). */
  recordsRouted(target: string, outcomes: readonly RoutedOutcome[]): void;
}

interface OutboxRow {
  readonly connection_id: string;
  readonly depth: number;
  readonly oldest_seconds: number;
}

/** Builds the registry; outbox depth and age are read from PostgreSQL at each scrape, so every instance reports the same. */
export function createServiceMetrics(database: Database): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const records = new Counter({
    name: 'sync_records_total',
    help: 'Changes routed, by item, direction and outcome',
    labelNames: ['item', 'from', 'to', 'outcome'] as const,
    registers: [registry],
  });

  // prom-client runs every collect at once, so each gauge reads its own rows.
  const readOutbox = (): Promise<OutboxRow[]> =>
    database.orm.em
      .fork()
      .getConnection()
      .execute(
        `select connection_id, count(*)::int as depth, extract(epoch from (now() - min(created_at)))::float8 as oldest_seconds
       from outbox where state in ('pending', 'sent') group by connection_id`,
      );
  const outboxGauge = (name: string, help: string, valueOf: (row: OutboxRow) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['connection_id'] as const,
      registers: [registry],
      async collect() {
        const rows = await readOutbox();
        this.reset();
        for (const row of rows) this.set({ connection_id: row.connection_id }, valueOf(row));
      },
    });
  outboxGauge('outbox_pending_writes', 'Writes waiting for a Web Connector session, per connection', (r) => r.depth);
  outboxGauge('outbox_oldest_pending_seconds', 'Age of the oldest write still waiting, per connection', (r) => r.oldest_seconds);

  return {
    registry,
    recordsRouted(target, outcomes) {
      for (const o of outcomes) records.inc({ item: o.change.item, from: o.change.source, to: target, outcome: o.outcome });
    },
  };
}
