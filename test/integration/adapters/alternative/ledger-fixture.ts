import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { ALTERNATIVE_SYSTEM } from '../../../../adapters/alternative/alternative-system';
import { createOwnCustomer } from '../../../../adapters/alternative/store/customer-ledger';
import { invoiceBySource } from '../../../../adapters/alternative/store/invoice-ledger';
import { upsertInvoices } from '../../../../adapters/alternative/store/invoice-upserts';
import { QBD_SYSTEM } from '../../../../adapters/qbd/qbd-system';
import { AppError } from '../../../../core/errors/app-error';
import type { Invoice } from '../../../../core/items/invoice';
import { Connection } from '../../../../core/store/entities/connection';
import { Partner } from '../../../../core/store/entities/partner';
import { sendSql } from '../../../../core/store/send-sql';
import type { LocalDate } from '../../../../core/values/instant';
import { parseMoney } from '../../../../core/values/money';
import { TestClock } from '../../../support/connected-company';
import { PartnerApi } from '../../../support/partner-api';
import { useTestService } from '../../../support/use-test-service';

/** A QuickBooks invoice as its change reaches the ledger: one line, nothing paid unless `balance` says so. */
export function qbdInvoice(sourceId: string, customerId: string, total: string, extra: Partial<Invoice> = {}): Invoice {
  return {
    id: sourceId,
    customerId,
    number: `Q-${sourceId.slice(0, 6)}`,
    txnDate: '2026-11-02' as LocalDate,
    lines: [{ id: `${sourceId}-1`, itemName: 'Services', description: 'Work', amount: parseMoney(total) }],
    subtotal: parseMoney(total),
    salesTax: parseMoney('0.00'),
    total: parseMoney(total),
    balance: parseMoney(total),
    status: 'open',
    ...extra,
  };
}

/** What a call refused with; fails the test when it did not refuse. */
export async function refusal(call: Promise<unknown>): Promise<AppError> {
  const outcome = await call.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(outcome, 'a refusal').to.be.instanceOf(AppError);
  return outcome as AppError;
}

/**
 * A running service for the enclosing describe (its migrated database and container), with
 * fresh connections of fresh partners made through the partner API, as a partner makes them.
 */
export function useLedger() {
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
  const service = useTestService({ LOG_LEVEL: 'warn' }, clock.read);
  const em = () => service.current.service.database.orm.em.fork() as EntityManager;

  /** A new partner's new connection, as the routes load it. */
  async function connection(): Promise<Connection> {
    const api = await PartnerApi.createPartner(service.current.url, 'Ledger');
    const id = (await api.call('POST', '/api/connections', { companyName: 'Ledger Books' })).body.id as string;
    return em().findOneOrFail(Connection, { id });
  }

  /** The partner that owns the connection. */
  const partnerOf = (c: Connection) => em().findOneOrFail(Partner, { id: c.partner.id });

  /** A customer made on the platform; returns its ledger id (also its source id). */
  const customer = (c: Connection, name = `Customer ${Math.random().toString(36).slice(2, 8)}`) =>
    createOwnCustomer(em(), { connectionId: c.id, system: ALTERNATIVE_SYSTEM, name, now: clock.read() });

  /** A QuickBooks invoice of `total` in the ledger, as the adapter writes one; returns its row. */
  async function quickBooksInvoice(c: Connection, total: string, extra: Partial<Invoice> = {}) {
    const sourceId = `${Math.random().toString(16).slice(2, 8).toUpperCase()}-1764659407`;
    const invoice = qbdInvoice(sourceId, '80000001-1764659407', total, extra);
    await upsertInvoices(em(), {
      connectionId: c.id,
      system: QBD_SYSTEM,
      now: clock.read(),
      writes: [{ invoice, groups: ['*'], version: '1' }],
      existing: new Map(),
    });
    return (await invoiceBySource(em(), c.id, QBD_SYSTEM, sourceId))!;
  }

  /** How many rows of a table belong to the connection: to show a refusal wrote nothing. */
  async function count(table: string, c: Connection): Promise<number> {
    const [{ n }] = await sendSql<{ n: number }[]>(em(), `select count(*)::int as n from ${table} where connection_id = ?`, [c.id]);
    return n;
  }

  return { clock, em, service, connection, partnerOf, customer, quickBooksInvoice, count };
}
