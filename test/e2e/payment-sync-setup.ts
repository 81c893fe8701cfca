import { expect } from 'chai';
import { TestClock, connectedCompany } from '../support/connected-company';
import type { TestService } from '../support/test-service';

/**
 * A connected company after its first sync, with the payment account chosen (unless told not
 * to) and an open invoice with more than 50 owed: where each payment test starts.
 */
export async function paymentSyncSetup(service: TestService, clock: TestClock, chooseAccount = true) {
  const env = await connectedCompany(service, clock, { seed: 31, customers: 10, invoices: 25, years: 1 });
  const { api, connection, connector } = env;
  await connector.runSession();
  const accounts = (await api.call('GET', `/api/connections/${connection.id}/accounts`)).body as { id: string; name: string }[];
  const undeposited = accounts.find((a) => a.name === 'Undeposited Funds')!.id;
  if (chooseAccount) expect((await api.call('PATCH', `/api/connections/${connection.id}/settings`, { paymentAccountId: undeposited })).status).to.equal(200);
  const invoices = (await api.call('GET', `/api/connections/${connection.id}/invoices?limit=200`)).body.items as {
    id: string;
    balance: string;
    total: string;
    status: string;
    qbd: { txnId: string };
  }[];
  const open = invoices.find((i) => i.status === 'open' && Number(i.balance) > 50)!;
  const invoice = async () =>
    (await api.call('GET', `/api/connections/${connection.id}/invoices?limit=200`)).body.items.find((i: { id: string }) => i.id === open.id);
  return { ...env, open, undeposited, invoice };
}
