import { expect } from 'chai';
import { retryAfterOf } from '../../../../../adapters/qbo/client/qbo-fault';
import { updateQboAccounts } from '../../../../../adapters/qbo/store/qbo-connection-store';
import { qboAdapter } from '../../../../../adapters/qbo/qbo-adapter';
import { AppError } from '../../../../../core/errors/app-error';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Instant } from '../../../../../core/values/instant';
import type { OutboxRow } from '../../../../../core/store/outbox';
import { sendSql } from '../../../../../core/store/send-sql';
import { type QboSyncEnv, qboSyncEnv } from './qbo-sync-env';

type Json = Record<string, unknown>;

describe('QBO writes from the outbox, against the simulator', function () {
  this.timeout(60_000);
  let env: QboSyncEnv;
  before(async () => {
    env = await qboSyncEnv({ seed: 23, customers: 4, invoices: 12, monthsOfHistory: 6 });
    await env.sync();
  });
  after(() => env?.stop());

  const books = () => env.sim.books(env.realmId);
  const linkedTo = (payment: Json) => ((payment.Line as Json[]) ?? []).flatMap((l) => (l.LinkedTxn as Json[]).map((t) => String(t.TxnId)));
  // Ours only: the seeded company has payments of its own.
  const paymentsOf = (invoiceId: string) =>
    books()
      .all('Payment')
      .filter((p) => linkedTo(p).includes(invoiceId) && String(p.PrivateNote ?? '').startsWith('Alternative Payments'));
  const outbox = async (item: string, sourceId: string) =>
    sendSql<OutboxRow[]>(env.db(), `select * from outbox where connection_id = ? and item = ? and source_id = ? and target = 'qbo' order by created_at, seq`, [
      env.connectionId,
      item,
      sourceId,
    ]);

  /** An open QBO invoice, by its QBO Id and the platform's id for it. */
  async function openInvoice(skip: number): Promise<{ qboId: string; altId: string }> {
    const invoice = books()
      .all('Invoice')
      .filter((i) => Number(i.Balance) >= 20)[skip];
    const [row] = await sendSql<{ id: string }[]>(env.db(), `select id from alt_invoice where connection_id = ? and source_system = 'qbo' and source_id = ?`, [
      env.connectionId,
      String(invoice.Id),
    ]);
    return { qboId: String(invoice.Id), altId: row.id };
  }

  async function pay(altId: string, amount: string): Promise<string> {
    const made = await env.api.call('POST', `/api/connections/${env.connectionId}/payments`, { invoiceId: altId, amount });
    expect(made.status, JSON.stringify(made.body)).to.equal(201);
    return made.body.id as string;
  }

  describe('a payment whose answer is lost', () => {
    let invoice: { qboId: string; altId: string };
    let paymentId: string;
    before(async () => {
      invoice = await openInvoice(0);
      paymentId = await pay(invoice.altId, '5.00');
      env.sim.faults.loseAnswer((r) => r.method === 'POST' && r.path.endsWith('/payment') && !r.query.operation);
      env.sim.requests.length = 0;
      await env.sync();
    });

    it('is written once, applied to its invoice, sent again under the same requestid', () => {
      const payments = paymentsOf(invoice.qboId);
      expect(payments).to.have.length(1);
      expect(payments[0].TotalAmt).to.equal(5);
      const posts = env.sim.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/payment'));
      expect(posts.map((r) => r.lost ?? false)).to.deep.equal([true, false]);
      expect(new Set(posts.map((r) => r.requestId)).size).to.equal(1);
    });

    it('is done in the outbox with the QBO id, whose requestid it was', async () => {
      const [row] = await outbox('payment', paymentId);
      expect(row).to.include({ state: 'done', target: 'qbo', operation: 'payment-create', target_id: String(paymentsOf(invoice.qboId)[0].Id) });
      expect(env.sim.requests.find((r) => r.method === 'POST')!.requestId).to.equal(row.id);
    });

    it('shows in the ledger through the next read: the invoice owes 5.00 less', async () => {
      const [row] = await sendSql<{ balance: string }[]>(env.db(), 'select balance::text as balance from alt_invoice where id = ?', [invoice.altId]);
      expect(row.balance).to.equal(Number(books().get('Invoice', invoice.qboId)!.Balance).toFixed(2));
    });

    describe('then failed on the platform, while a bookkeeper edits it', () => {
      before(async () => {
        const failed = await env.api.call('POST', `/api/payments/${paymentId}/fail`);
        expect(failed.status, JSON.stringify(failed.body)).to.equal(200);
        const [created] = await outbox('payment', paymentId);
        env.sim.faults.staleOnce('Payment', created.target_id!);
        env.sim.requests.length = 0;
        await env.sync();
      });

      it('is deleted in QBO after one re-read for the stale SyncToken', async () => {
        expect(paymentsOf(invoice.qboId)).to.have.length(0);
        const deletes = env.sim.requests.filter((r) => r.method === 'POST' && r.query.operation === 'delete');
        expect(deletes.map((r) => r.status)).to.deep.equal([400, 200]);
        const rows = await outbox('payment', paymentId);
        expect(rows.map((r) => [r.operation, r.state])).to.deep.equal([
          ['payment-create', 'done'],
          ['payment-delete', 'done'],
        ]);
      });
    });
  });

  describe('a 429 storm', () => {
    let invoice: { qboId: string; altId: string };
    let paymentId: string;
    let thrown: unknown;
    before(async () => {
      invoice = await openInvoice(1);
      paymentId = await pay(invoice.altId, '7.25');
      env.sim.faults.throttle(3);
      thrown = await env.sync().then(
        () => undefined,
        (e: unknown) => e,
      );
    });

    it("stops the sync as transient, asking to come back in Intuit's minute", () => {
      expect(thrown).to.be.instanceOf(AppError);
      expect((thrown as AppError).kind).to.equal('transient');
      expect(retryAfterOf(thrown)).to.equal(60);
    });

    it('loses nothing: the next sync writes the payment once', async () => {
      await env.sync();
      expect(paymentsOf(invoice.qboId).map((p) => p.TotalAmt)).to.deep.equal([7.25]);
      expect((await outbox('payment', paymentId))[0].state).to.equal('done');
    });
  });

  describe('a payout', () => {
    let paymentQboId: string;
    let payoutId: string;
    let paymentId: string;
    before(async () => {
      const invoice = await openInvoice(2);
      paymentId = await pay(invoice.altId, '3.00');
      await env.sync();
      paymentQboId = (await outbox('payment', paymentId))[0].target_id!;
      const bank = books()
        .all('Account')
        .find((a) => a.AccountType === 'Bank')!;
      await updateQboAccounts(env.db(), env.connectionId, { depositAccountId: String(bank.Id) }, new Date());
      const payout = await env.api.call('POST', `/api/connections/${env.connectionId}/payouts`, { paymentIds: [paymentId] });
      expect(payout.status, JSON.stringify(payout.body)).to.equal(201);
      payoutId = payout.body.id as string;
      await env.sync();
    });

    it('becomes one deposit into the chosen bank account, linking the payment', async () => {
      const deposits = books()
        .all('Deposit')
        .filter((d) => ((d.Line as Json[]) ?? []).some((l) => (l.LinkedTxn as Json[]).some((t) => String(t.TxnId) === paymentQboId)));
      expect(deposits).to.have.length(1);
      expect(deposits[0].TotalAmt).to.equal(3);
      const [row] = await outbox('deposit', payoutId);
      expect(row).to.include({ state: 'done', operation: 'deposit-create', target_id: String(deposits[0].Id) });
    });

    describe('whose payment then fails', () => {
      before(async () => {
        const failed = await env.api.call('POST', `/api/payments/${paymentId}/fail`);
        expect(failed.status, JSON.stringify(failed.body)).to.equal(200);
        await env.sync();
      });

      it('keeps the deposited payment and tells the partner how to record the return', async () => {
        expect(books().get('Payment', paymentQboId)).to.not.equal(undefined);
        const revert = (await outbox('payment', paymentId)).find((r) => r.operation === 'payment-delete')!;
        expect(revert.state).to.equal('needs-action');
        expect(revert.message).to.match(/already deposited it .*journal entry/);
      });
    });
  });
});

describe('An invoice marked paid on the platform, against the simulator', function () {
  this.timeout(60_000);
  let env: QboSyncEnv;
  let qboId: string;
  before(async () => {
    env = await qboSyncEnv({ seed: 29, customers: 2, invoices: 4, monthsOfHistory: 3 });
    await env.sync();
    const invoice = env.sim
      .books(env.realmId)
      .all('Invoice')
      .find((i) => Number(i.Balance) > 0)!;
    qboId = String(invoice.Id);
    const change = {
      item: 'invoice',
      operation: 'status' as const,
      source: 'alternative',
      sourceId: '00000000-0000-4000-8000-000000000001',
      targetId: qboId,
      observedAt: new Date().toISOString() as Instant,
      payload: { status: 'paid' },
    };
    await env
      .db()
      .transactional((tx) =>
        qboAdapter.apply({ connectionId: env.connectionId, changes: [{ change, allowedGroups: ['*'] }], transaction: tx as EntityManager, now: new Date() }),
      );
    await env.sync();
  });
  after(() => env?.stop());

  it('becomes a QBO payment of what the invoice still owed there', () => {
    const books = env.sim.books(env.realmId);
    expect(Number(books.get('Invoice', qboId)!.Balance)).to.equal(0);
    const ours = books.all('Payment').filter((p) => p.PrivateNote === 'Marked paid in Alternative Payments');
    expect(ours).to.have.length(1);
  });
});
