import { expect } from 'chai';
import { networkInterfaces } from 'node:os';
import { TestService, startTestService } from '../../support/test-service';

/** An IPv4 address of this machine that is not loopback, if it has one. */
function otherInterfaceAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
}

/** GET /health at a host and port: the status, or the socket error's code when nothing answers there. */
async function healthAt(host: string, port: number): Promise<number | string> {
  try {
    return (await fetch(`http://${host}:${port}/health`)).status;
  } catch (error) {
    return (error as Error & { cause?: { code?: string } }).cause?.code ?? String(error);
  }
}

describe('Where the service listens (HOST)', function () {
  this.timeout(30_000);

  describe('by default', () => {
    let test: TestService;
    before(async () => {
      test = await startTestService();
    });
    after(async () => {
      await test?.stop();
    });

    it('binds every interface and says so in its log, with the address the socket took', () => {
      expect(test.service.address.text).to.equal(`0.0.0.0:${test.service.port}`);
      expect(test.service.address.reach).to.equal('every interface');
      const listening = test.logs.find((l) => l.msg === 'listening')!;
      expect(listening).to.include({ address: `0.0.0.0:${test.service.port}`, reach: 'every interface' });
      expect(listening).not.to.have.property('url');
    });

    it('answers on a network interface, not only on loopback', async function () {
      const other = otherInterfaceAddress();
      if (!other) this.skip(); // a machine with loopback only has no other interface to try
      expect(await healthAt(other!, test.service.port)).to.equal(200);
    });
  });

  describe('with HOST=127.0.0.1', () => {
    let test: TestService;
    before(async () => {
      test = await startTestService({ HOST: '127.0.0.1' });
    });
    after(async () => {
      await test?.stop();
    });

    it('binds loopback only, and says so', async () => {
      expect(test.service.address.text).to.equal(`127.0.0.1:${test.service.port}`);
      expect(test.logs.find((l) => l.msg === 'listening')).to.include({ address: `127.0.0.1:${test.service.port}`, reach: 'this machine only' });
      expect(await healthAt('127.0.0.1', test.service.port)).to.equal(200);
    });

    it('cannot be reached through a network interface', async function () {
      const other = otherInterfaceAddress();
      if (!other) this.skip(); // a machine with loopback only has no other interface to try
      expect(await healthAt(other!, test.service.port)).to.equal('ECONNREFUSED');
    });
  });
});
