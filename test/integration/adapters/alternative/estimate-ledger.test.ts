import { expect } from 'chai';
import { QBD_SYSTEM } from '../../../../adapters/qbd/qbd-system';
import { AltEstimateRow, estimateBySource, estimatesOf, writeEstimate } from '../../../../adapters/alternative/store/estimate-ledger';
import type { Estimate } from '../../../../core/items/estimate';
import type { Connection } from '../../../../core/store/entities/connection';
import { sendSql } from '../../../../core/store/send-sql';
import type { LocalDate } from '../../../../core/values/instant';
import { parseMoney } from '../../../../core/values/money';
import { useLedger } from './ledger-fixture';

/** A QuickBooks estimate as its change reaches the ledger. */
const estimate = (sourceId: string, extra: Partial<Estimate> = {}): Estimate => ({
  id: sourceId,
  customerId: '80000001-1764659407',
  number: 'E-1',
  txnDate: '2026-11-02' as LocalDate,
  dueDate: '2026-12-02' as LocalDate,
  memo: 'Spring works',
  lines: [
    { id: 'L1', itemName: 'Services', description: 'Work', quantity: '1.5', rate: '0.20', amount: parseMoney('0.30') },
    { id: 'L2', amount: parseMoney('0.10') },
  ],
  subtotal: parseMoney('0.40'),
  salesTax: parseMoney('0.03'),
  total: parseMoney('0.43'),
  isActive: true,
  ...extra,
});

describe('Estimates in the platform ledger (estimate-ledger)', function () {
  this.timeout(30_000);
  const ledger = useLedger();
  const { em, clock } = ledger;

  const write = (c: Connection, e: Estimate, groups: string[], known?: AltEstimateRow, version?: string) =>
    writeEstimate(em(), { connectionId: c.id, system: QBD_SYSTEM, estimate: e, groups, version, now: clock.read() }, known);
  const bySource = (c: Connection, sourceId: string) => estimateBySource(em(), c.id, QBD_SYSTEM, sourceId);
  /** An estimate's lines as rows of values, in the order of the select. */
  const linesOf = async (id: string) =>
    (
      await sendSql<Record<string, unknown>[]>(
        em(),
        'select position, source_line_id, item_name, description, quantity, rate, amount::text as amount from alt_estimate_line where estimate_id = ? order by position',
        [id],
      )
    ).map((r) => Object.values(r));

  it('adds a new estimate whole, whatever groups are allowed: exact money, dates as written, lines in order', async () => {
    const c = await ledger.connection();
    const id = await write(c, estimate('E-100'), ['header'], undefined, '17');
    expect(await bySource(c, 'E-100')).to.deep.equal({
      id,
      source_id: 'E-100',
      source_version: '17',
      customer_source_id: '80000001-1764659407',
      number: 'E-1',
      txn_date: '2026-11-02',
      due_date: '2026-12-02',
      memo: 'Spring works',
      is_active: true,
      subtotal: '0.40',
      sales_tax: '0.03',
      total: '0.43',
    });
    expect(await linesOf(id)).to.deep.equal([
      [0, 'L1', 'Services', 'Work', '1.5', '0.20', '0.30'],
      [1, 'L2', null, null, null, null, '0.10'],
    ]);
  });

  it('reads nothing for an unknown source id, or for the same id from another system', async () => {
    const c = await ledger.connection();
    await write(c, estimate('E-200'), ['*']);
    expect(await bySource(c, 'E-201')).to.equal(undefined);
    expect(await estimateBySource(em(), c.id, 'alternative', 'E-200')).to.equal(undefined);
    expect((await bySource(c, 'E-200'))?.source_version, 'written without a version').to.equal(null);
  });

  it('updates only the allowed groups of a known estimate, and always its version', async () => {
    const c = await ledger.connection();
    const id = await write(c, estimate('E-300'), ['*'], undefined, '1');
    const changed = estimate('E-300', {
      memo: 'Changed memo',
      isActive: false,
      lines: [{ id: 'L9', amount: parseMoney('999.99') }],
      subtotal: parseMoney('999.99'),
      salesTax: parseMoney('0.00'),
      total: parseMoney('999.99'),
    });
    expect(await write(c, changed, ['amounts'], await bySource(c, 'E-300'), '2')).to.equal(id);
    expect(await bySource(c, 'E-300')).to.deep.include({ source_version: '2', memo: 'Spring works', is_active: true, subtotal: '999.99', total: '999.99' });
    expect(
      (await linesOf(id)).map((l) => l[1]),
      'lines are a group of their own',
    ).to.deep.equal(['L1', 'L2']);
    await write(c, changed, ['header'], await bySource(c, 'E-300'));
    expect(await bySource(c, 'E-300')).to.deep.include({ source_version: null, memo: 'Changed memo', is_active: false, due_date: '2026-12-02' });
  });

  it('replaces the lines when lines or every group are allowed', async () => {
    const c = await ledger.connection();
    const id = await write(c, estimate('E-400'), ['*']);
    await write(c, estimate('E-400', { memo: 'not allowed', lines: [{ id: 'L3', amount: parseMoney('0.40') }] }), ['lines'], await bySource(c, 'E-400'));
    expect(await linesOf(id)).to.deep.equal([[0, 'L3', null, null, null, null, '0.40']]);
    expect((await bySource(c, 'E-400'))?.memo).to.equal('Spring works');
    const whole = estimate('E-400', { memo: 'all of it', dueDate: undefined, lines: [{ id: 'L4', amount: parseMoney('0.01') }] });
    await write(c, whole, ['*'], await bySource(c, 'E-400'), '3');
    expect(await bySource(c, 'E-400')).to.deep.include({ memo: 'all of it', due_date: null, source_version: '3' });
    expect((await linesOf(id)).map((l) => l[1])).to.deep.equal(['L4']);
  });

  it("lists a connection's estimates by date, then number, and none of another connection's", async () => {
    const [c, other] = [await ledger.connection(), await ledger.connection()];
    await write(c, estimate('late', { txnDate: '2026-11-20' as LocalDate, number: 'A' }), ['*']);
    await write(c, estimate('early-b', { txnDate: '2026-11-01' as LocalDate, number: 'B' }), ['*']);
    await write(c, estimate('early-a', { txnDate: '2026-11-01' as LocalDate, number: 'A' }), ['*']);
    await write(other, estimate('theirs'), ['*']);
    expect((await estimatesOf(em(), c.id)).map((e) => e.source_id)).to.deep.equal(['early-a', 'early-b', 'late']);
    expect(await estimatesOf(em(), (await ledger.connection()).id)).to.deep.equal([]);
  });
});
