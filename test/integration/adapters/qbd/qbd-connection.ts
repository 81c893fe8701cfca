import { PartnerApi } from '../../../support/partner-api';

/** An install as the partner API shows it when it is made: the only time its password is shown. */
export interface ShownInstall {
  readonly id: string;
  readonly username: string;
  readonly password: string;
}

/**
 * A new partner's QuickBooks Desktop connection with two installs (two computers of one
 * company), made through the partner API as a partner makes them.
 */
export async function connectionWithTwoInstalls(url: string): Promise<{ api: PartnerApi; connectionId: string; first: ShownInstall; second: ShownInstall }> {
  const api = await PartnerApi.createPartner(url, 'Sessions');
  const created = await api.call('POST', '/api/connections', { companyName: 'Session Books' });
  if (created.status !== 201) throw new Error(`creating a connection answered ${created.status}`);
  const second = await api.call('POST', `/api/connections/${created.body.id}/installs`);
  if (second.status !== 201) throw new Error(`adding an install answered ${second.status}`);
  return { api, connectionId: created.body.id, first: created.body.install, second: second.body };
}
