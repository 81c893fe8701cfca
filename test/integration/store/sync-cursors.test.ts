import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { readCursor, writeCursor } from '../../../core/store/sync-cursors';
import { PartnerApi } from '../../support/partner-api';
import { countStatements } from './count-statements';
import { useTestService } from '../../support/use-test-service';

describe('Bookmarks (sync_cursor) as a call reads them', function () {
  this.timeout(30_000);
  const service = useTestService({ LOG_LEVEL: 'warn' });
  const em = () => service.current.service.database.orm.em.fork();

  async function connectionId(): Promise<string> {
    const api = await PartnerApi.createPartner(service.current.url, 'Cursors');
    return (await api.call('POST', '/api/connections', { companyName: 'Cursor Books' })).body.id as string;
  }

  it("reads all of a connection's bookmarks in one statement, however many steps ask at once", async () => {
    const id = await connectionId();
    await writeCursor(em(), id, 'a', '1', new Date());
    await writeCursor(em(), id, 'b', '2', new Date());
    const reader = em();
    const statements = countStatements(reader);
    expect(await Promise.all([readCursor(reader, id, 'a'), readCursor(reader, id, 'b'), readCursor(reader, id, 'none')])).to.deep.equal(['1', '2', undefined]);
    expect(await readCursor(reader, id, 'a')).to.equal('1');
    statements.stop();
    expect(statements.sent).to.have.length(1);
  });

  it("sees its own writes at once, and another entity manager's once it is forked anew", async () => {
    const id = await connectionId();
    const mine = em();
    expect(await readCursor(mine, id, 'a')).to.equal(undefined);
    await writeCursor(mine, id, 'a', 'mine', new Date());
    expect(await readCursor(mine, id, 'a')).to.equal('mine');
    await writeCursor(em(), id, 'a', 'theirs', new Date());
    expect(await readCursor(mine, id, 'a')).to.equal('mine');
    expect(await readCursor(em(), id, 'a')).to.equal('theirs');
  });

  it('forgets what a rolled-back transaction wrote', async () => {
    const id = await connectionId();
    await writeCursor(em(), id, 'a', 'kept', new Date());
    await em()
      .transactional(async (tx) => {
        await writeCursor(tx as EntityManager, id, 'a', 'undone', new Date());
        expect(await readCursor(tx as EntityManager, id, 'a')).to.equal('undone');
        throw new Error('roll back');
      })
      .catch(() => undefined);
    expect(await readCursor(em(), id, 'a')).to.equal('kept');
  });
});
