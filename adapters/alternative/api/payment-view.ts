import type { EntityManager } from '@mikro-orm/postgresql';
import type { Connection } from '../../../core/store/entities/connection';
import type { AltPaymentRow } from '../store/payment-ledger';
import type { AltPayoutRow } from '../store/payout-ledger';
import { depositState, paymentState } from './payment-states';
import type { PlatformChanges } from '../services/platform-changes';

/** Payments as the API shows them, their QuickBooks states read in one query for the page. */
export async function paymentViews(
  em: EntityManager,
  connection: Pick<Connection, 'id' | 'system'>,
  payments: readonly AltPaymentRow[],
  changes: Pick<PlatformChanges, 'recordsThere'>,
) {
  const there = await changes.recordsThere(
    em,
    connection,
    'payment',
    payments.map((p) => p.id),
  );
  return payments.map((p) => {
    const qbd = p.kept_reason ? { state: 'not_sent', message: p.kept_reason } : paymentState(there.get(p.id));
    return { id: p.id, invoiceId: p.invoice_id, amount: p.amount, date: p.received_on, method: p.method, reference: p.reference, status: p.status, qbd };
  });
}

/** Payouts as the deposit list shows them, their deposits' QuickBooks states read in one query for the page. */
export async function depositViews(
  em: EntityManager,
  connection: Pick<Connection, 'id' | 'system'>,
  payouts: readonly AltPayoutRow[],
  changes: Pick<PlatformChanges, 'recordsThere'>,
) {
  const deposits = await changes.recordsThere(
    em,
    connection,
    'deposit',
    payouts.map((p) => p.id),
  );
  return payouts.map((p) => ({ id: p.id, date: p.paid_on, total: p.total, paymentIds: p.payment_ids, qbd: depositState(deposits.get(p.id)) }));
}
