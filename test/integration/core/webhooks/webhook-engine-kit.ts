import { randomUUID } from 'node:crypto';
import { JobEngine } from '../../../../core/jobs/job-engine';
import { createLogger } from '../../../../core/runtime/logger';
import { sendSql } from '../../../../core/store/send-sql';
import { WebhookDeliveryEngine } from '../../../../core/webhooks/delivery/webhook-delivery-engine';
import { readAllowHosts } from '../../../../core/webhooks/outbound/allow-hosts';
import type { Connect } from '../../../../core/webhooks/outbound/vetted-agents';
import { createWebhookSender } from '../../../../core/webhooks/outbound/webhook-sender';
import type { Resolver } from '../../../../core/webhooks/outbound/webhook-resolver';
import { newWebhookSecret } from '../../../../core/webhooks/outbound/webhook-signature';
import type { JobsDatabase } from '../jobs/support/jobs-database';

/** A delivery engine on the test database, its own job engine, a movable clock, and a sender built from the given resolver. */
export async function startDeliveryEngine(
  db: JobsDatabase,
  options: { resolve: Resolver; allowHosts?: string; connect?: Connect; clock?: () => Date },
): Promise<{ engine: WebhookDeliveryEngine; stop(): Promise<void> }> {
  const logger = createLogger('error');
  const jobs = new JobEngine({ database: db.database, maintenanceSeconds: 1, logger });
  const sender = createWebhookSender({
    resolve: options.resolve,
    allow: readAllowHosts({ WEBHOOK_ALLOW_HOSTS: options.allowHosts ?? '' }),
    connect: options.connect,
  });
  const engine = new WebhookDeliveryEngine({
    database: db.database,
    jobs,
    sender,
    clock: options.clock ?? (() => new Date()),
    logger,
    userAgent: 'test',
    pumpMs: 50,
  });
  await engine.start();
  return {
    engine,
    async stop() {
      await engine.stop();
      await jobs.stop();
      sender.close();
    },
  };
}

/**
 * An endpoint row of the connection's partner, as the management API stores one after vetting
 * its URL (that API's own tests go through HTTP; here the engine is under test).
 */
export async function endpointFor(db: JobsDatabase, connectionId: string, url: string): Promise<{ id: string; secret: string; partnerId: string }> {
  const [row] = await sendSql<{ partner_id: string }[]>(db.em(), 'select partner_id from connection where id = ?', [connectionId]);
  const id = randomUUID();
  const secret = newWebhookSecret();
  await sendSql(db.em(), 'insert into webhook_endpoint (id, partner_id, url, secret, created_at, updated_at) values (?, ?, ?, ?, now(), now())', [
    id,
    row!.partner_id,
    url,
    secret,
  ]);
  return { id, secret, partnerId: row!.partner_id };
}

/** The endpoint's deliveries in event order. */
export function deliveryRows(db: JobsDatabase, endpointId: string) {
  return sendSql<{ state: string; attempts: number; last_error: string | null; last_status: number | null; next_attempt_at: Date }[]>(
    db.em(),
    'select state, attempts, last_error, last_status, next_attempt_at from webhook_delivery where endpoint_id = ? order by event_seq',
    [endpointId],
  );
}
