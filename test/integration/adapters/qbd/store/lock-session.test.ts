import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { createSession, lockSession } from '../../../../../adapters/qbd/store/session-store';
import { forgetInvoicesRefreshed, invoicesToRefresh, markInvoicesToRefresh } from '../../../../../adapters/qbd/store/invoices-to-refresh';
import { sendSql } from '../../../../../core/store/send-sql';
import { readCursor, writeCursor } from '../../../../../core/store/sync-cursors';
import { eventAudience } from '../../../../../core/webhooks/webhook-events';
import { PartnerApi } from '../../../../support/partner-api';
import { useTestService } from '../../../../support/use-test-service';
import { countStatements } from '../../../store/count-statements';

describe("An answer's transaction locks its session (lockSession)", function () {
  this.timeout(30_000);
  const service = useTestService({ LOG_LEVEL: 'warn' });
  const em = () => service.current.service.database.orm.em.fork() as EntityManager;

  it('reads the bookmarks, who listens to the events and the invoices to read again with the lock, in one statement, so the steps ask nothing more', async () => {
    const api = await PartnerApi.createPartner(service.current.url, 'Lock');
    const connectionId = (await api.call('POST', '/api/connections', { companyName: 'Lock Books' })).body.id as string;
    const [install] = await sendSql<{ id: string }[]>(em(), 'select id from qbwc_install where connection_id = ?', [connectionId]);
    const now = new Date();
    await createSession(em(), { ticketHash: 'lock-test', connectionId, installId: install.id, now, plan: { steps: ['customers'], fullSync: false } });
    await writeCursor(em(), connectionId, 'qbd:customers', '2026-11-30T10:00:00', now);
    await markInvoicesToRefresh(em(), connectionId, ['T-2', 'T-1'], now);

    await em().transactional(async (tx) => {
      const txEm = tx as EntityManager;
      const statements = countStatements(txEm);
      expect(await lockSession(txEm, 'lock-test')).to.deep.equal({ closed_at: null, step: 0, pending_request_id: null });
      expect(await readCursor(txEm, connectionId, 'qbd:customers')).to.equal('2026-11-30T10:00:00');
      expect((await eventAudience(txEm, connectionId)).wants('invoice.updated')).to.equal(false);
      expect(await invoicesToRefresh(txEm, connectionId)).to.deep.equal(['T-1', 'T-2']);
      expect(statements.sent).to.have.length(1);
      // Marked in the same transaction: asked again, the answer includes it.
      await markInvoicesToRefresh(txEm, connectionId, ['T-0'], new Date(now.getTime() + 1000));
      expect(await invoicesToRefresh(txEm, connectionId)).to.deep.equal(['T-1', 'T-2', 'T-0']);
      await forgetInvoicesRefreshed(txEm, connectionId, ['T-1']);
      expect(await invoicesToRefresh(txEm, connectionId)).to.deep.equal(['T-2', 'T-0']);
      statements.stop();
    });
    expect(await em().transactional((tx) => lockSession(tx as EntityManager, 'no-such-ticket'))).to.equal(undefined);
  });
});
