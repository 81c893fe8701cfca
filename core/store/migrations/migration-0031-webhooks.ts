import { Migration } from '@mikro-orm/migrations';

/**
 * Webhooks (core/webhooks, ADR 0014). `webhook_endpoint`: a partner's receiver (events null means
 * every type; `failing_since` is the start of an unbroken run of failures, cleared by a success).
 * `webhook_event`: the event outbox, written in the transaction of the change it tells of; `seq`
 * orders a connection's events, and `xid` (the writing transaction) tells when every lower `seq`
 * is visible (core/webhooks/delivery/stream-head.ts). `webhook_delivery`: one event to one endpoint, written in the same
 * statement as the event, so that no event is ever without its deliveries. `webhook_stream`: who
 * sends a stream (one endpoint, one connection) right now, until when.
 */
export class Migration0031Webhooks extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table webhook_endpoint (
      id uuid primary key, partner_id uuid not null references partner (id) on delete cascade,
      url text not null, events text[], secret text not null, enabled boolean not null default true,
      disabled_at timestamptz, disabled_reason text, failing_since timestamptz,
      created_at timestamptz not null, updated_at timestamptz not null)`);
    this.addSql('create index webhook_endpoint_partner on webhook_endpoint (partner_id)');
    this.addSql(`create table webhook_event (
      seq bigserial primary key, id text not null unique, partner_id uuid not null references partner (id) on delete cascade,
      connection_id uuid references connection (id) on delete set null, type text not null,
      payload jsonb not null, created_at timestamptz not null, xid xid8 not null default pg_current_xact_id())`);
    this.addSql(`create table webhook_delivery (
      id uuid primary key, endpoint_id uuid not null references webhook_endpoint (id) on delete cascade,
      event_seq bigint not null references webhook_event (seq) on delete cascade,
      stream text not null, state text not null default 'pending', attempts int not null default 0,
      next_attempt_at timestamptz not null, last_attempt_at timestamptz, last_status int, last_error text,
      delivered_at timestamptz, created_at timestamptz not null)`);
    this.addSql(`create index webhook_delivery_stream on webhook_delivery (endpoint_id, stream, event_seq) where state = 'pending'`);
    this.addSql('create index webhook_delivery_endpoint on webhook_delivery (endpoint_id, event_seq desc)');
    this.addSql(`create table webhook_stream (
      endpoint_id uuid not null references webhook_endpoint (id) on delete cascade, stream text not null,
      holder text not null, lease_until timestamptz not null, primary key (endpoint_id, stream))`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table webhook_stream');
    this.addSql('drop table webhook_delivery');
    this.addSql('drop table webhook_event');
    this.addSql('drop table webhook_endpoint');
  }
}
