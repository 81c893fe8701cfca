import { expect } from 'chai';
import { TestClock, connectedCompany } from '../support/connected-company';
import { useTestService } from '../support/use-test-service';

/**
 * What is still owed on an invoice = QuickBooks' balance less the platform's payments not yet in
 * it; payments on one invoice are taken one at a time (a row lock), so money is never counted
 * twice (the money issue, point 1).
 */
describe('Payments never exceed what is owed (simulators end to end)', function () {
  this.timeout(60_000);
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
  const service = useTestService({}, clock.read);

  async function setup() {
    const env = await connectedCompany(service.current, clock, { seed: 51, customers: 6, invoices: 15, years: 1 });
    const { api, connection, connector } = env;
    await connector.runSession();
    const accounts = (await api.call('GET', `/api/connections/${connection.id}/accounts`)).body as { id: string; name: string }[];
    await api.call('PATCH', `/api/connections/${connection.id}/settings`, { paymentAccountId: accounts.find((a) => a.name === 'Undeposited Funds')!.id });
    const invoices = (await api.call('GET', `/api/connections/${connection.id}/invoices?limit=200`)).body.items as {
      id: string;
      balance: string;
      status: string;
      qbd: { txnId: string };
    }[];
    const open = invoices.find((i) => i.status === 'open' && Number(i.balance) > 100)!;
    const pay = (amount: string) => api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: open.id, amount });
    const ours = () =>
      [...env.company.payments.values()].filter((p) => p.refNumber?.startsWith('ALT-') && p.applications.some((a) => a.invoiceId === open.qbd.txnId));
    return { ...env, open, pay, ours };
  }

  it('takes exactly one of five full-balance payments made at the same moment, and QuickBooks gets exactly that one', async () => {
    const { open, pay, ours, connector, later, company } = await setup();
    const answers = await Promise.all(Array.from({ length: 5 }, () => pay(open.balance)));
    expect(answers.map((a) => a.status).sort()).to.deep.equal([201, 422, 422, 422, 422]);
    for (const refused of answers.filter((a) => a.status === 422))
      expect(refused.body.error.message).to.match(/more than is still owed on this invoice: 0\.00/);
    later(5);
    await connector.runSession();
    expect(ours()).to.have.length(1);
    expect(company.invoiceBalance(company.invoice(open.qbd.txnId))).to.equal('0.00');
  });

  it('counts a payment not yet in QuickBooks against the balance, says how much is left, and takes exactly the rest', async () => {
    const { open, pay, ours, connector, later } = await setup();
    expect((await pay('30.00')).status).to.equal(201);
    const left = (Number(open.balance) - 30).toFixed(2);
    const tooMuch = await pay(open.balance);
    expect(tooMuch.status).to.equal(422);
    expect(tooMuch.body.error.message).to.include(
      `still owed on this invoice: ${left} (QuickBooks' balance ${open.balance} less 30.00 of payments not yet in QuickBooks)`,
    );
    expect((await pay(left)).status).to.equal(201);
    expect((await pay('0.01')).status).to.equal(422);
    later(5);
    await connector.runSession();
    expect(
      ours()
        .map((p) => p.totalAmount)
        .sort(),
    ).to.deep.equal(['30.00', left].sort());
  });

  it('once QuickBooks has a payment and the invoice was read again, counts it once, not twice', async () => {
    const { open, pay, connector, later, api, connection } = await setup();
    expect((await pay('10.00')).status).to.equal(201);
    later(5);
    await connector.runSession();
    const invoice = (await api.call('GET', `/api/connections/${connection.id}/invoices?limit=200`)).body.items.find((i: { id: string }) => i.id === open.id);
    const rest = (Number(open.balance) - 10).toFixed(2);
    expect(invoice.balance).to.equal(rest);
    expect((await pay(rest)).status).to.equal(201);
  });

  it('refuses an invoice id that is not one, in words (422), before any SQL', async () => {
    const { api, connection } = await setup();
    const answer = await api.call('POST', `/api/connections/${connection.id}/payments`, { invoiceId: 'not-a-uuid', amount: '1.00' });
    expect(answer.status).to.equal(422);
    expect(answer.body.error.message).to.match(/no such invoice/);
  });
});
