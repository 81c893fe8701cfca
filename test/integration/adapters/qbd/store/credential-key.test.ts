import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { hashPassword } from '../../../../../adapters/qbd/qbwc/credentials';
import { credentialKey } from '../../../../../adapters/qbd/store/credential-key';
import { sendSql } from '../../../../../core/store/send-sql';
import { useTestService } from '../../../../support/use-test-service';
import { connectionWithTwoInstalls } from '../qbd-connection';

describe("The key of the Web Connector passwords' hash (credential-key)", function () {
  this.timeout(30_000);
  const service = useTestService({ LOG_LEVEL: 'warn' });
  const em = () => service.current.service.database.orm.em.fork() as EntityManager;

  const storedKeys = () => sendSql<{ id: number; key: string }[]>(em(), 'select id, key from qbwc_credential_key');

  it('is 32 random bytes, one for the whole database, the same on every call', async () => {
    const keys = await Promise.all([credentialKey(em()), credentialKey(em()), credentialKey(em())]);
    expect(keys[0]).to.have.length(32);
    expect(keys.map((k) => k.toString('hex'))).to.deep.equal(Array(3).fill(keys[0].toString('hex')));
    const stored = await storedKeys();
    expect(stored).to.have.length(1);
    expect(Buffer.from(stored[0].key, 'base64').equals(keys[0])).to.equal(true);
  });

  it("is the key the installs' passwords were hashed with when the partner was shown them", async () => {
    const { first, second } = await connectionWithTwoInstalls(service.current.url);
    const key = await credentialKey(em());
    const hashes = await sendSql<{ id: string; password_hash: string }[]>(em(), 'select id::text, password_hash from qbwc_install where id in (?, ?)', [
      first.id,
      second.id,
    ]);
    const hashOf = (id: string) => hashes.find((h) => h.id === id)?.password_hash;
    expect(hashOf(first.id)).to.equal(hashPassword(first.password, key));
    expect(hashOf(second.id)).to.equal(hashPassword(second.password, key));
    expect(await storedKeys()).to.have.length(1);
  });
});
