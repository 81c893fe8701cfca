import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import { AppError } from '../../../core/errors/app-error';
import type { Deposit } from '../../../core/items/deposit';
import type { Connection } from '../../../core/store/entities/connection';
import { UUID_PATTERN } from '../../../core/validation/uuid';
import type { LocalDate } from '../../../core/values/instant';
import { Money, sumMoney } from '../../../core/values/money';
import { PlatformChanges } from './platform-changes';
import { paymentsByIds } from '../store/payment-ledger';
import { alreadyPaidOut, createPayout } from '../store/payout-ledger';

/**
 * The most payments one payout may carry. A bank payout of a payments platform is daily and
 * per merchant; 500 keeps the payout's one transaction (and the DepositAdd it becomes) short,
 * where 20,000 held the embedded database's only connection for 38 s.
 */
export const MAX_PAYOUT_PAYMENTS = 500;

const KEPT_PAYOUT = 'Its payments stayed on the platform (their invoices exist only there), so QuickBooks needs no deposit for them.';

/** A payout a partner makes: the payments it carries, and the day (today when absent). */
export interface NewPayoutInput {
  readonly paymentIds: readonly string[];
  readonly date?: LocalDate;
}

/** A payout as made, and whether QuickBooks needs a deposit for it (and why not). */
export interface PayoutMade {
  readonly id: string;
  readonly paidOn: LocalDate;
  readonly total: Money;
  readonly deposit: { readonly needed: boolean; readonly message: string };
}

/** Payouts of succeeded payments to the partner's bank: one QuickBooks deposit each, for the payments that flowed there. */
@injectable()
export class PayoutWrites {
  constructor(@inject(PlatformChanges) private readonly changes: PlatformChanges) {}

  /** Pays out the payments (each at most once, all succeeded, all of this connection) in one transaction. */
  async create(em: EntityManager, connection: Connection, input: NewPayoutInput, now: Date): Promise<PayoutMade> {
    const ids = input.paymentIds;
    if (ids.length === 0 || new Set(ids).size !== ids.length) throw new AppError('invalid', 'paymentIds must name one or more different payments.');
    const notIds = ids.filter((id) => !UUID_PATTERN.test(id));
    if (notIds.length) throw new AppError('invalid', `paymentIds: not payment ids: ${notIds.slice(0, 5).join(', ')}${notIds.length > 5 ? ', …' : ''}.`);
    return em.transactional(async (tx) => {
      const trx = tx as EntityManager;
      const found = await paymentsByIds(trx, connection.id, ids);
      const payments = ids.map((id) => found.get(id));
      const bad = ids.filter((_, i) => !payments[i] || payments[i]!.status !== 'succeeded');
      if (bad.length) throw new AppError('invalid', `paymentIds: not succeeded payments of this connection: ${bad.join(', ')}.`);
      const taken = await alreadyPaidOut(trx, ids);
      if (taken.length) throw new AppError('invalid', `paymentIds: already paid out: ${taken.join(', ')}.`);
      const total = sumMoney(payments.map((p) => p!.amount as Money));
      const paidOn = input.date ?? (now.toISOString().slice(0, 10) as LocalDate);
      const payoutId = await createPayout(trx, { connectionId: connection.id, paidOn, total, paymentIds: ids, now });
      // Payments kept on the platform are in no accounting system, so no deposit can carry them.
      const deposited = payments.filter((p) => !p!.kept_reason);
      if (deposited.length === 0) return { id: payoutId, paidOn, total, deposit: { needed: false, message: KEPT_PAYOUT } };
      const depositTotal = sumMoney(deposited.map((p) => p!.amount as Money));
      const deposit: Deposit = {
        id: payoutId,
        depositedOn: paidOn,
        total: depositTotal,
        lines: deposited.map((p) => ({ paymentId: p!.id, amount: p!.amount as Money })),
      };
      const outcome = await this.changes.send(trx, connection, { item: 'deposit', operation: 'upsert', sourceId: payoutId, payload: deposit }, now);
      const kept =
        deposited.length < payments.length
          ? ` ${payments.length - deposited.length} of its payments stayed on the platform, so the deposit is ${depositTotal}.`
          : '';
      return {
        id: payoutId,
        paidOn,
        total,
        deposit:
          outcome?.outcome === 'skipped'
            ? { needed: false, message: outcome.message ?? '' }
            : { needed: true, message: `A deposit goes to QuickBooks at the next sync.${kept}` },
      };
    });
  }
}
