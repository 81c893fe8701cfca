import { expect } from 'chai';
import { TestClock } from '../support/connected-company';
import { useTestService } from '../support/use-test-service';
import { paymentSyncSetup } from './payment-sync-setup';

describe('Payouts from Alternative into QuickBooks (simulators end to end)', function () {
  this.timeout(60_000);
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
  const service = useTestService({}, clock.read);
  const setup = () => paymentSyncSetup(service.current, clock);

  async function twoSyncedPayments() {
    const env = await setup();
    const accounts = (await env.api.call('GET', `/api/connections/${env.connection.id}/accounts`)).body as { id: string; name: string }[];
    const checking = accounts.find((a) => a.name === 'Checking')!.id;
    await env.api.call('PATCH', `/api/connections/${env.connection.id}/settings`, { depositAccountId: checking });
    const a = (await env.api.call('POST', `/api/connections/${env.connection.id}/payments`, { invoiceId: env.open.id, amount: '10.00' })).body;
    const b = (await env.api.call('POST', `/api/connections/${env.connection.id}/payments`, { invoiceId: env.open.id, amount: '15.50' })).body;
    env.later(5);
    await env.connector.runSession();
    return { ...env, checking, payments: [a, b] };
  }

  it('become one deposit from Undeposited Funds into the chosen bank, a line per payment', async () => {
    const { api, connection, company, connector, checking, payments, later } = await twoSyncedPayments();
    const waitingBefore = company.paymentsToDeposit().length;
    const payout = await api.call('POST', `/api/connections/${connection.id}/payouts`, { paymentIds: payments.map((p) => p.id) });
    expect(payout.status).to.equal(201);
    expect(payout.body).to.deep.include({ total: '25.50', deposit: { needed: true, message: 'A deposit goes to QuickBooks at the next sync.' } });
    later(5);
    await connector.runSession();
    const ours = [...company.deposits.values()].filter((d) => d.memo?.startsWith('Alternative Payments payout'));
    expect(ours).to.have.length(1);
    expect(ours[0].depositToAccountId).to.equal(checking);
    expect(company.depositTotal(ours[0])).to.equal('25.50');
    expect(ours[0].lines).to.have.length(2);
    expect(company.paymentsToDeposit().length).to.equal(waitingBefore - 2);
    expect((await api.call('POST', `/api/connections/${connection.id}/payouts`, { paymentIds: [payments[0].id] })).status, 'paid out twice').to.equal(422);
    const deposits = (await api.call('GET', `/api/connections/${connection.id}/deposits`)).body.items;
    expect(deposits).to.have.length(1);
    expect(deposits[0]).to.deep.include({ total: '25.50', qbd: { state: 'synced', txnId: ours[0].txnId } });
    expect(deposits[0].paymentIds).to.have.members(payments.map((p) => p.id));
  });

  it('write exactly one deposit when the DepositAdd answer is lost', async () => {
    const { api, connection, company, connector, payments, later } = await twoSyncedPayments();
    await api.call('POST', `/api/connections/${connection.id}/payouts`, { paymentIds: payments.map((p) => p.id) });
    later(5);
    expect((await connector.runSession({ loseReceiveAnswer: 1 })).ended).to.equal('dropped');
    later(0.1); // runs again seconds later: the new sign-in replaces the dead session
    await connector.runSession();
    expect([...company.deposits.values()].filter((d) => d.memo?.startsWith('Alternative Payments payout'))).to.have.length(1);
  });

  it('need no deposit when payments go straight to a bank account, and the answer says so', async () => {
    const { api, connection, checking, payments } = await twoSyncedPayments();
    await api.call('PATCH', `/api/connections/${connection.id}/settings`, { paymentAccountId: checking });
    const payout = await api.call('POST', `/api/connections/${connection.id}/payouts`, { paymentIds: [payments[0].id] });
    expect(payout.body.deposit).to.deep.equal({
      needed: false,
      message: 'Payments go straight to the bank account "Checking" in QuickBooks, so no deposit is needed.',
    });
  });
});
