import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import { AppError } from '../../../core/errors/app-error';
import { Connection } from '../../../core/store/entities/connection';
import type { Partner } from '../../../core/store/entities/partner';
import { hasLiveWrite } from '../../../core/store/outbox';
import { UUID_PATTERN } from '../../../core/validation/uuid';
import type { LocalDate } from '../../../core/values/instant';
import { Money, ZERO_MONEY, addMoney, compareMoney, parseMoney, subtractMoney } from '../../../core/values/money';
import { ALTERNATIVE_SYSTEM } from '../alternative-system';
import { PlatformChanges } from './platform-changes';
import { platformPayment } from './platform-payment';
import { lockInvoice } from '../store/invoice-ledger';
import { setOwnBalance } from '../store/own-invoices';
import { InvoiceToPay, createPayment, lockInvoiceToPay, markPaymentFailed, paymentById } from '../store/payment-ledger';

/** Why a payment stays on the platform: the API shows it as the payment's QuickBooks state. */
export const KEPT_HERE = 'The invoice exists only on the platform, so this payment stays here too.';

/** A succeeded payment of one invoice, as a partner records it; `date` defaults to today. */
export interface NewPaymentInput {
  readonly invoiceId: string;
  readonly amount: Money;
  readonly date?: LocalDate;
  readonly method?: string;
  readonly reference?: string;
}

/** An invoice made on the platform that no write is taking anywhere: its payments stay here. */
async function onlyHere(em: EntityManager, connectionId: string, invoice: InvoiceToPay): Promise<boolean> {
  return invoice.source_system === ALTERNATIVE_SYSTEM && !(await hasLiveWrite(em, connectionId, 'invoice', invoice.id));
}

/**
 * Payments received on the platform, each call one transaction. A payment is recorded here at
 * once and flows to QuickBooks through the rules at the next Web Connector session, unless its
 * invoice exists only here: then it stays here, in the invoice's own balance.
 */
@injectable()
export class PaymentWrites {
  constructor(@inject(PlatformChanges) private readonly changes: PlatformChanges) {}

  /** Records the payment, never more than is still owed, and returns its id. */
  async record(em: EntityManager, connection: Connection, input: NewPaymentInput, now: Date): Promise<string> {
    return em.transactional(async (tx) => {
      const trx = tx as EntityManager;
      const invoice = UUID_PATTERN.test(input.invoiceId) ? await lockInvoiceToPay(trx, connection.id, input.invoiceId) : undefined;
      if (!invoice || invoice.deleted_at) throw new AppError('invalid', 'invoiceId: no such invoice on this connection.');
      if (compareMoney(input.amount, ZERO_MONEY) <= 0) throw new AppError('invalid', 'amount must be more than 0.00.');
      // QuickBooks' balance does not show the payments made here that it has not taken and been read back with yet.
      const owed = subtractMoney(parseMoney(invoice.balance), invoice.unreflected);
      if (compareMoney(input.amount, owed) > 0) {
        const left = compareMoney(owed, ZERO_MONEY) > 0 ? owed : ZERO_MONEY;
        const pending =
          compareMoney(invoice.unreflected, ZERO_MONEY) > 0
            ? ` (QuickBooks' balance ${parseMoney(invoice.balance)} less ${invoice.unreflected} of payments not yet in QuickBooks)`
            : '';
        throw new AppError('invalid', `amount is more than is still owed on this invoice: ${left}${pending}.`, {
          problems: [{ at: 'amount', message: `at most ${left}` }],
        });
      }
      const receivedOn = input.date ?? (now.toISOString().slice(0, 10) as LocalDate);
      const keptReason = (await onlyHere(trx, connection.id, invoice)) ? KEPT_HERE : undefined;
      const { method, reference, amount } = input;
      const paymentId = await createPayment(trx, {
        connectionId: connection.id,
        invoiceId: invoice.id,
        amount,
        receivedOn,
        method,
        reference,
        keptReason,
        now,
      });
      if (keptReason) {
        await setOwnBalance(trx, invoice.id, subtractMoney(parseMoney(invoice.balance), amount), parseMoney(invoice.total), now);
        return paymentId;
      }
      const payment = platformPayment({ id: paymentId, amount, receivedOn, method, reference }, invoice);
      await this.changes.send(trx, connection, { item: 'payment', operation: 'upsert', sourceId: paymentId, payload: payment }, now);
      return paymentId;
    });
  }

  /**
   * Fails a payment of one of the partner's connections (again: nothing more happens). One kept
   * here gives its money back to the invoice's own balance; one that flowed on is taken back there.
   * Returns the payment's connection, for the answer.
   */
  async fail(em: EntityManager, partner: Partner, paymentId: string, now: Date): Promise<Connection> {
    const found = UUID_PATTERN.test(paymentId) ? await paymentById(em, paymentId) : undefined;
    const connection = found && (await em.findOne(Connection, { id: found.connection_id, partner }));
    if (!found || !connection) throw new AppError('not-found', 'No such payment.');
    if (found.status === 'failed') return connection;
    await em.transactional(async (tx) => {
      const trx = tx as EntityManager;
      // Failed already by a call that ran meanwhile: nothing more to do.
      if (!(await markPaymentFailed(trx, found.id, now))) return;
      if (found.kept_reason) {
        // Nothing left the platform: the invoice's own balance takes the money back.
        const invoice = (await lockInvoice(trx, connection.id, found.invoice_id))!;
        await setOwnBalance(trx, invoice.id, addMoney(parseMoney(invoice.balance), parseMoney(found.amount)), parseMoney(invoice.total), now);
        return;
      }
      await this.changes.send(trx, connection, { item: 'payment', operation: 'delete', sourceId: found.id, payload: { reason: 'The payment failed.' } }, now);
    });
    return connection;
  }
}
