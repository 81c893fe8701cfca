import type { EntityManager } from '@mikro-orm/postgresql';
import type { Connection } from '../../../core/store/entities/connection';
import type { LocalDate } from '../../../core/values/instant';
import { addMoney, parseMoney, sumMoney } from '../../../core/values/money';
import type { PlatformChanges } from './platform-changes';
import { platformPayment } from './platform-payment';
import type { AltInvoiceRow } from '../store/invoice-ledger';
import { setOwnBalance } from '../store/own-invoices';
import { releaseKeptPayments } from '../store/payment-ledger';

/**
 * A platform invoice now on its way to the accounting system (the rules send it, or an edit made
 * it acceptable there): the payments kept here while it was platform-only follow it, and its
 * balance no longer counts them until the system's own balance is read back.
 */
export async function sendKeptPayments(em: EntityManager, changes: PlatformChanges, connection: Connection, invoice: AltInvoiceRow, now: Date): Promise<void> {
  const released = await releaseKeptPayments(em, invoice.id, now);
  if (released.length === 0) return;
  const restored = addMoney(parseMoney(invoice.balance), sumMoney(released.map((p) => parseMoney(p.amount))));
  await setOwnBalance(em, invoice.id, restored, parseMoney(invoice.total), now);
  for (const p of released) {
    const payment = platformPayment(
      { id: p.id, amount: parseMoney(p.amount), receivedOn: p.received_on as LocalDate, method: p.method, reference: p.reference },
      invoice,
    );
    await changes.send(em, connection, { item: 'payment', operation: 'upsert', sourceId: p.id, payload: payment }, now);
  }
}
