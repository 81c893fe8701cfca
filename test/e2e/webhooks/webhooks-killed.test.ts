import { expect } from 'chai';
import { generateCompany } from '../../simulators/qbd/company-generator';
import { QuickBooksSimulator } from '../../simulators/qbd/quickbooks-simulator';
import { readQwc } from '../../simulators/qbwc/qwc-reader';
import { WebConnector } from '../../simulators/qbwc/web-connector';
import { PartnerApi } from '../../support/partner-api';
import { RunningInstance } from '../../support/running-instance';
import { WebhookReceiver } from '../../support/webhook-receiver';
import { expectOncePerIdInOrder, registerReceiver, settled } from './webhook-kit';

describe('Webhooks when the service is killed mid-delivery', function () {
  this.timeout(180_000);

  it('SIGKILL while a delivery is in flight, then a restart: nothing is lost, and the cut one comes again with the same webhook id', async () => {
    const instance = await RunningInstance.start({ WEBHOOK_ALLOW_HOSTS: '127.0.0.1,localhost' });
    const receiver = await WebhookReceiver.start();
    try {
      const api = await PartnerApi.createPartner(instance.url, 'Killed');
      const webhookId = await registerReceiver(api, receiver);
      // The receiver answers the first ten at once, then holds the eleventh: the kill lands while it is in flight.
      const holdAt = 11;
      const original = receiver.arrivals.push.bind(receiver.arrivals);
      receiver.arrivals.push = (...ids: string[]) => {
        const n = original(...ids);
        if (n === holdAt) receiver.hold = true;
        return n;
      };
      const connection = (await api.call('POST', '/api/connections', { companyName: 'Killed Books' })).body;
      const company = generateCompany({ seed: 12, customers: 6, invoices: 24, years: 1, now: new Date('2026-11-20T12:00:00Z') });
      const connector = new WebConnector({
        qwc: readQwc(await (await fetch(connection.install.qwcUrl)).text()),
        password: connection.install.password,
        quickBooks: new QuickBooksSimulator(company),
        desktop: { companyFilePath: 'C:\\Killed.QBW', isRunning: true },
        noOpPauseMs: 10,
      });
      await connector.runSession();
      while (receiver.arrivals.length < holdAt) await new Promise((r) => setTimeout(r, 50));
      await instance.kill();
      const cut = receiver.arrivals[holdAt - 1]!;
      receiver.release();
      await instance.boot();
      const deliveries = await settled(api, webhookId);
      expect(deliveries.every((d) => d.state === 'delivered')).to.equal(true);
      expect(deliveries.length).to.be.greaterThan(holdAt);
      expectOncePerIdInOrder(receiver, deliveries);
      // At least once: the cut delivery came again under its id (the receiver drops the repeat by that id).
      expect(receiver.arrivals.filter((id) => id === cut).length).to.be.at.least(2);
    } finally {
      await receiver.stop();
      await instance.stop();
    }
  });
});
