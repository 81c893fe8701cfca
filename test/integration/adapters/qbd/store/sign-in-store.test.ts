import { expect } from 'chai';
import { installForSignIn } from '../../../../../adapters/qbd/store/install-store';
import { countFailureFrom, recordRefusal, signInRecord, signInSummaries } from '../../../../../adapters/qbd/store/sign-in-store';
import { sendTogether } from '../../../../../core/store/send-together';
import { useTestService } from '../../../../support/use-test-service';
import { connectionWithTwoInstalls } from '../qbd-connection';

const T0 = new Date('2026-11-25T15:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const WINDOW = 60;
let addresses = 0;
/** An address of its own for each test: the failure counts are kept per address across connections. */
const newAddress = () => `10.0.0.${++addresses}`;

describe('What the service keeps of sign-ins (sign-in-store)', function () {
  this.timeout(30_000);
  const service = useTestService({ LOG_LEVEL: 'warn' });
  const em = () => service.current.service.database.orm.em.fork();
  /** A good sign-in's record, sent as a sign-in sends it (with its first write; here alone). */
  const recordSignIn = (installId: string, now: Date, newHash?: string) => sendTogether(em(), [signInRecord(installId, now, newHash)]);

  describe('failures counted per address', () => {
    it('adds each failure to the window it falls in, and one address never counts for another', async () => {
      const [address, other] = [newAddress(), newAddress()];
      expect(await countFailureFrom(em(), address, at(0), WINDOW)).to.deep.equal({ failures: 1, windowStartedAt: at(0) });
      expect(await countFailureFrom(em(), address, at(10), WINDOW)).to.deep.equal({ failures: 2, windowStartedAt: at(0) });
      expect(await countFailureFrom(em(), other, at(20), WINDOW)).to.deep.equal({ failures: 1, windowStartedAt: at(20) });
      expect(await countFailureFrom(em(), address, at(WINDOW - 1), WINDOW)).to.deep.equal({ failures: 3, windowStartedAt: at(0) });
    });

    it('starts a new window, counting from one, once the last one has run its length', async () => {
      const address = newAddress();
      await countFailureFrom(em(), address, at(0), WINDOW);
      await countFailureFrom(em(), address, at(30), WINDOW);
      expect(await countFailureFrom(em(), address, at(WINDOW), WINDOW)).to.deep.equal({ failures: 1, windowStartedAt: at(WINDOW) });
      expect(await countFailureFrom(em(), address, at(WINDOW + 5), WINDOW)).to.deep.equal({ failures: 2, windowStartedAt: at(WINDOW) });
    });
  });

  describe("a connection's summary over its installs", () => {
    it('counts the refusals of every install, names the address of the latest, and the latest good sign-in', async () => {
      const { connectionId, first, second } = await connectionWithTwoInstalls(service.current.url);
      await recordRefusal(em(), first.id, '10.1.0.1', at(0));
      await recordRefusal(em(), second.id, '10.1.0.2', at(20));
      await recordRefusal(em(), first.id, '10.1.0.3', at(10));
      await recordSignIn(first.id, at(30));
      await recordSignIn(second.id, at(25));
      const summary = (await signInSummaries(em(), [connectionId])).get(connectionId);
      expect(summary).to.deep.equal({ refused: 3, lastRefusedAt: at(20), lastRefusedFrom: '10.1.0.2', lastSignedInAt: at(30) });
    });

    it('shows nothing refused and no sign-in for a connection whose computers never signed in, and each connection on its own', async () => {
      const quiet = await connectionWithTwoInstalls(service.current.url);
      const busy = await connectionWithTwoInstalls(service.current.url);
      await recordRefusal(em(), busy.first.id, '10.2.0.1', at(0));
      const summaries = await signInSummaries(em(), [quiet.connectionId, busy.connectionId]);
      expect(summaries.get(quiet.connectionId)).to.deep.equal({ refused: 0, lastRefusedAt: null, lastRefusedFrom: null, lastSignedInAt: null });
      expect(summaries.get(busy.connectionId)).to.deep.include({ refused: 1, lastRefusedFrom: '10.2.0.1' });
      expect(await signInSummaries(em(), [])).to.deep.equal(new Map());
    });
  });

  describe('a good sign-in', () => {
    it('replaces the password hash only when given a new one', async () => {
      const { first } = await connectionWithTwoInstalls(service.current.url);
      const stored = (await installForSignIn(em(), first.username))!.install.password_hash;
      await recordSignIn(first.id, at(0));
      expect((await installForSignIn(em(), first.username))?.install.password_hash).to.equal(stored);
      await recordSignIn(first.id, at(1), 'hmac-sha256$new');
      const install = (await installForSignIn(em(), first.username))?.install;
      expect(install?.password_hash).to.equal('hmac-sha256$new');
      expect(new Date(install!.last_signed_in_at!).getTime()).to.equal(at(1).getTime());
    });
  });
});
