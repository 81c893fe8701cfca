import { expect } from 'chai';
import { TestClock, connectedCompany } from '../../support/connected-company';
import { useTestService } from '../../support/use-test-service';
import { countDuplicates, faultTally, reportFaultTallyAtEnd } from './fault-tally';

reportFaultTallyAtEnd();

describe('Fault suite: answers lost after each kind of write (exactly one effect in QuickBooks)', function () {
  this.timeout(120_000);
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
  const service = useTestService({ LOG_LEVEL: 'warn' }, clock.read);

  /** A synced company with both accounts chosen and a payment on an open invoice, not yet sent. */
  async function withPayment() {
    const env = await connectedCompany(service.current, clock, { seed: 95, customers: 8, invoices: 20, years: 1 });
    await env.connector.runSession();
    const accounts = (await env.api.call('GET', `/api/connections/${env.connection.id}/accounts`)).body as { id: string; name: string }[];
    await env.api.call('PATCH', `/api/connections/${env.connection.id}/settings`, {
      paymentAccountId: accounts.find((a) => a.name === 'Undeposited Funds')!.id,
      depositAccountId: accounts.find((a) => a.name === 'Checking')!.id,
    });
    const open = (await env.api.call('GET', `/api/connections/${env.connection.id}/invoices?limit=200`)).body.items.find(
      (i: { status: string }) => i.status === 'open',
    );
    const payment = (await env.api.call('POST', `/api/connections/${env.connection.id}/payments`, { invoiceId: open.id, amount: '17.00' })).body;
    env.later(5);
    const ours = () => [...env.company.payments.values()].filter((p) => p.refNumber?.startsWith('ALT-'));
    /** The outbox goes first, so the first answer of the next session is the write's. */
    const loseThenRecover = async () => {
      expect((await env.connector.runSession({ loseReceiveAnswer: 1 })).ended).to.equal('dropped');
      // The Web Connector runs again seconds later (Update Selected, or its next poll): no waiting on the dead session.
      env.later(0.1);
      expect((await env.connector.runSession()).closeMessage).to.match(/^Complete/);
      env.later(5);
      await env.connector.runSession();
    };
    return { ...env, payment, ours, loseThenRecover };
  }

  function tally(effects: readonly string[]) {
    faultTally.cases += 1;
    faultTally.faultsSurvived += 1;
    faultTally.recordsCompared += effects.length;
    faultTally.duplicates += countDuplicates(effects);
  }

  it('ReceivePaymentAdd: one payment', async () => {
    const { ours, loseThenRecover, api, connection } = await withPayment();
    await loseThenRecover();
    expect(ours()).to.have.length(1);
    expect((await api.call('GET', `/api/connections/${connection.id}/payments`)).body.items[0].qbd.state).to.equal('synced');
    tally(ours().map((p) => p.refNumber!));
  });

  it('DepositAdd: one deposit', async () => {
    const { api, connection, company, connector, payment, later, loseThenRecover } = await withPayment();
    await connector.runSession();
    later(5);
    await api.call('POST', `/api/connections/${connection.id}/payouts`, { paymentIds: [payment.id] });
    await loseThenRecover();
    const deposits = [...company.deposits.values()].filter((d) => d.memo?.startsWith('Alternative Payments payout'));
    expect(deposits).to.have.length(1);
    expect((await api.call('GET', `/api/connections/${connection.id}/deposits`)).body.items[0].qbd.state).to.equal('synced');
    tally(deposits.map((d) => d.externalGuid!));
  });

  it('TxnDel of a failed payment: deleted once, and the payment shows reverted', async () => {
    const { api, connection, company, connector, payment, later, ours, loseThenRecover } = await withPayment();
    await connector.runSession();
    expect(ours()).to.have.length(1);
    await api.call('POST', `/api/payments/${payment.id}/fail`);
    later(5);
    await loseThenRecover();
    expect(ours()).to.have.length(0);
    const deletions = company.deletedTxns.filter((d) => d.txnDelType === 'ReceivePayment');
    expect(deletions).to.have.length(1);
    expect((await api.call('GET', `/api/connections/${connection.id}/payments`)).body.items[0].qbd).to.deep.equal({ state: 'reverted' });
    tally(deletions.map((d) => d.txnId));
  });
});
