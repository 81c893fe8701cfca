import type { Database } from '../../core/store/open-database';
import { sendSql } from '../../core/store/send-sql';

/**
 * STAND-IN until the delivery engine lands (core/webhooks/delivery/): writes what a failed run of
 * attempts would leave on a delivery, so the dashboard's display of a failure can be tested
 * without the engine. Used ONLY by the dashboard's browser test; to be replaced by a real
 * receiver on 127.0.0.1 that answers 503 once the engine sends deliveries.
 */
export async function standInFailedDelivery(database: Database, deliveryId: string, at: Date): Promise<void> {
  await sendSql(
    database.orm.em.fork(),
    `update webhook_delivery set state = 'failed', attempts = 10, last_status = 503, last_error = 'HTTP 503', last_attempt_at = ? where id = ?`,
    [at, deliveryId],
  );
}
