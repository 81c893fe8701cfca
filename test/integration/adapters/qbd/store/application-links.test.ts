import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import type { InvoiceRecord } from '../../../../../adapters/qbd/qbxml/records/invoice-record';
import type { LinkedTxnRecord } from '../../../../../adapters/qbd/qbxml/records/sales-lines';
import { invoicesAppliedBy, recordApplicationLinks } from '../../../../../adapters/qbd/store/application-links';
import { flushHeldWrites } from '../../../../../core/store/flush-held-writes';
import { holdWrites } from '../../../../../core/store/held-writes';
import type { Instant, LocalDate } from '../../../../../core/values/instant';
import type { Money } from '../../../../../core/values/money';
import { PartnerApi } from '../../../../support/partner-api';
import { useTestService } from '../../../../support/use-test-service';
import { countStatements } from '../../../store/count-statements';

const link = (txnId: string, txnType: string): LinkedTxnRecord => ({ txnId, txnType, amount: '-10.00' as Money });

/** An invoice as QuickBooks answers it, with the transactions its LinkedTxn lists. */
const invoice = (txnId: string, ...linkedTxns: LinkedTxnRecord[]): InvoiceRecord => ({
  type: 'InvoiceRet',
  txnId,
  timeCreated: '2026-11-25T10:00:00-05:00' as Instant,
  timeModified: '2026-11-25T10:00:00-05:00' as Instant,
  editSequence: '1',
  customerRef: { listId: '80-1', fullName: 'Acme' },
  txnDate: '2026-11-01' as LocalDate,
  linkedTxns,
  lines: [],
});

describe('Which invoices payments and credits were applied to (application-links)', function () {
  this.timeout(30_000);
  const service = useTestService({ LOG_LEVEL: 'warn' });
  const em = () => service.current.service.database.orm.em.fork() as EntityManager;

  async function connectionId(): Promise<string> {
    const api = await PartnerApi.createPartner(service.current.url, 'Links');
    return (await api.call('POST', '/api/connections', { companyName: 'Linked Books' })).body.id as string;
  }

  const appliedBy = async (c: string, ...ids: string[]) => (await invoicesAppliedBy(em(), c, ids)).sort();

  it('links an invoice to the payments and credit memos it lists, and to nothing else it lists', async () => {
    const c = await connectionId();
    await recordApplicationLinks(em(), c, [
      invoice('INV-1', link('PAY-1', 'ReceivePayment'), link('CM-1', 'CreditMemo'), link('EST-1', 'Estimate'), link('SO-1', 'SalesOrder')),
    ]);
    expect(await appliedBy(c, 'PAY-1')).to.deep.equal(['INV-1']);
    expect(await appliedBy(c, 'CM-1')).to.deep.equal(['INV-1']);
    expect(await appliedBy(c, 'EST-1', 'SO-1')).to.deep.equal([]);
  });

  it('names each invoice once, however many of the given payments were applied to it', async () => {
    const c = await connectionId();
    await recordApplicationLinks(em(), c, [
      invoice('INV-1', link('PAY-1', 'ReceivePayment'), link('PAY-2', 'ReceivePayment')),
      invoice('INV-2', link('PAY-2', 'ReceivePayment')),
      invoice('INV-3', link('PAY-3', 'ReceivePayment')),
    ]);
    expect(await invoicesAppliedBy(em(), c, ['PAY-1', 'PAY-2']))
      .to.have.members(['INV-1', 'INV-2'])
      .and.have.length(2);
  });

  it("replaces an invoice's links with what it lists now, and leaves the other invoices' links", async () => {
    const c = await connectionId();
    await recordApplicationLinks(em(), c, [invoice('INV-1', link('PAY-1', 'ReceivePayment')), invoice('INV-2', link('PAY-1', 'ReceivePayment'))]);
    await recordApplicationLinks(em(), c, [invoice('INV-1', link('CM-1', 'CreditMemo'))]);
    expect(await appliedBy(c, 'PAY-1')).to.deep.equal(['INV-2']);
    expect(await appliedBy(c, 'CM-1')).to.deep.equal(['INV-1']);
    await recordApplicationLinks(em(), c, [invoice('INV-2')]);
    expect(await appliedBy(c, 'PAY-1'), 'an invoice that lists nothing now').to.deep.equal([]);
    await recordApplicationLinks(em(), c, [invoice('INV-1', link('PAY-2', 'ReceivePayment'), link('CM-1', 'CreditMemo'))]);
    expect([await appliedBy(c, 'PAY-2'), await appliedBy(c, 'CM-1')], 'a link still listed stays, a new one comes').to.deep.equal([['INV-1'], ['INV-1']]);
  });

  it('takes a link listed twice in one answer once', async () => {
    const c = await connectionId();
    await recordApplicationLinks(em(), c, [invoice('INV-1', link('PAY-1', 'ReceivePayment'), link('PAY-1', 'ReceivePayment'))]);
    await recordApplicationLinks(em(), c, [invoice('INV-2', link('PAY-1', 'ReceivePayment')), invoice('INV-2', link('PAY-1', 'ReceivePayment'))]);
    expect(await appliedBy(c, 'PAY-1')).to.deep.equal(['INV-1', 'INV-2']);
  });

  it('writes a page of invoices in one statement, and asks nothing for an empty page or no payments', async () => {
    const c = await connectionId();
    const writer = em();
    const statements = countStatements(writer);
    await recordApplicationLinks(writer, c, []);
    expect(await invoicesAppliedBy(writer, c, [])).to.deep.equal([]);
    expect(statements.sent, 'nothing to write or ask').to.deep.equal([]);
    await recordApplicationLinks(
      writer,
      c,
      Array.from({ length: 50 }, (_, i) => invoice(`INV-${i}`, link(`PAY-${i}`, 'ReceivePayment'), link('CM-1', 'CreditMemo'))),
    );
    statements.stop();
    expect(statements.sent).to.have.length(1);
    expect(await appliedBy(c, 'CM-1')).to.have.length(50);
  });

  it("holds a session answer's pages for its last statement, each invoice as the last page listed it, and writes them first when it is asked", async () => {
    const c = await connectionId();
    await recordApplicationLinks(em(), c, [invoice('INV-1', link('PAY-0', 'ReceivePayment'))]);
    await em().transactional(async (t) => {
      const tx = t as EntityManager;
      holdWrites(tx);
      const statements = countStatements(tx);
      await recordApplicationLinks(tx, c, [invoice('INV-1', link('PAY-1', 'ReceivePayment')), invoice('INV-2', link('PAY-1', 'ReceivePayment'))]);
      await recordApplicationLinks(tx, c, [invoice('INV-1', link('CM-1', 'CreditMemo')), invoice('INV-1', link('PAY-2', 'ReceivePayment'))]);
      expect(statements.sent, 'nothing sent while held').to.have.length(0);
      expect((await invoicesAppliedBy(tx, c, ['PAY-1'])).sort(), 'asked in the same answer').to.deep.equal(['INV-2']);
      expect(statements.sent).to.have.length(2);
      await recordApplicationLinks(tx, c, [invoice('INV-3', link('PAY-3', 'ReceivePayment'))]);
      await flushHeldWrites(tx);
      statements.stop();
      expect(statements.sent).to.have.length(3);
    });
    expect([
      await appliedBy(c, 'PAY-0'),
      await appliedBy(c, 'PAY-1'),
      await appliedBy(c, 'CM-1'),
      await appliedBy(c, 'PAY-2'),
      await appliedBy(c, 'PAY-3'),
    ]).to.deep.equal([[], ['INV-2'], ['INV-1'], ['INV-1'], ['INV-3']]);
  });

  it("never answers with another connection's invoices", async () => {
    const [c, other] = [await connectionId(), await connectionId()];
    await recordApplicationLinks(em(), other, [invoice('INV-1', link('PAY-1', 'ReceivePayment'))]);
    expect(await appliedBy(c, 'PAY-1')).to.deep.equal([]);
    await recordApplicationLinks(em(), c, [invoice('INV-1')]);
    expect(await appliedBy(other, 'PAY-1'), "the same TxnID read on another connection leaves this one's links").to.deep.equal(['INV-1']);
  });
});
