import { expect } from 'chai';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../../core/store/embedded-postgres';
import { qbwcEnvelope, readSoapAnswer } from '../../simulators/qbwc/soap-envelope';
import { cuttableProxy } from '../../support/cuttable-proxy';
import { freshDatabaseUrl } from '../../support/fresh-database-url';
import { startTestService } from '../../support/test-service';
import { faultTally, reportFaultTallyAtEnd } from './fault-tally';

reportFaultTallyAtEnd();

describe('Fault suite: the database goes away under a running service', function () {
  this.timeout(60_000);

  it('the Web Connector gets a soap:Server fault that says what to do and names no host, port or driver error; /health says 503', async () => {
    const fresh = await freshDatabaseUrl();
    const embedded = fresh.url ? undefined : await startEmbeddedPostgres();
    const real = new URL(fresh.url ?? embedded!.url);
    // A host that is a folder is a Unix socket (the embedded database): PostgreSQL names it .s.PGSQL.<port> there.
    const host = decodeURIComponent(real.hostname);
    const port = Number(real.port || 5432);
    const proxy = await cuttableProxy(host.startsWith('/') ? { path: join(host, `.s.PGSQL.${port}`) } : { host, port });
    const viaProxy = new URL(real);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const test = await startTestService({ DATABASE_URL: viaProxy.toString(), LOG_LEVEL: 'warn' });
    try {
      await proxy.cut();
      const res = await fetch(`${test.url}/qbwc`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8' },
        body: qbwcEnvelope('authenticate', [
          ['strUserName', 'alt-x'],
          ['strPassword', 'y'],
        ]),
      });
      const body = await res.text();
      expect(res.status).to.equal(500);
      expect(body).to.include('<faultcode>soap:Server</faultcode>');
      expect(readSoapAnswer(body, 'authenticate').fault).to.match(/try again at its next run/);
      expect(body).not.to.match(/127\.0\.0\.1|localhost|:\d{4,5}\b|ECONN|postgres|\n\s+at /i);
      expect((await fetch(`${test.url}/health`)).status).to.equal(503);
      // The partner API: 503 with Retry-After, in words, with nothing of the driver's error.
      const api = await fetch(`${test.url}/api/connections`, { headers: { authorization: 'Bearer some-key' } });
      const apiBody = await api.text();
      expect(api.status).to.equal(503);
      expect(api.headers.get('retry-after')).to.equal('5');
      expect(JSON.parse(apiBody).error.message).to.match(
        /database cannot be reached just now\. Send the request again in a moment; to be sure a change is made only once, send it with the same Idempotency-Key/,
      );
      expect(apiBody).not.to.match(/127\.0\.0\.1|localhost|:\d{4,5}\b|ECONN|postgres|\n\s+at /i);
      faultTally.cases += 1;
      faultTally.faultsSurvived += 1;
    } finally {
      await test.stop().catch(() => undefined);
      await embedded?.stop();
      await fresh.drop();
    }
  });
});
