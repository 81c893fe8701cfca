import { expect } from 'chai';
import { decodeBalancesBookmark, nextBalancesBookmark, unseenRecords } from '../../../../../../adapters/qbd/qbwc/steps/balances-bookmark';

const record = (txnId: string, editSequence: string, timeModified: string) => ({ txnId, editSequence, timeModified });

describe('The balances bookmark', () => {
  it('reads a bookmark written before it kept what it saw (a bare timestamp) as having seen nothing', () => {
    expect(decodeBalancesBookmark('2026-11-25T10:00:00-08:00')).to.deep.equal({ latest: '2026-11-25T10:00:00-08:00', seen: {} });
  });

  it('moves to the latest TimeModified and keeps only the records the next read, three hours back, will meet again', () => {
    const next = nextBalancesBookmark('2026-11-25T01:00:00-08:00', [
      record('OLD', '1', '2026-11-25T06:59:59-08:00'),
      record('EDGE', '2', '2026-11-25T07:00:00-08:00'),
      record('NEW', '3', '2026-11-25T10:00:00-08:00'),
    ]);
    expect(next).to.deep.equal({ latest: '2026-11-25T10:00:00-08:00', seen: { EDGE: '2', NEW: '3' } });
  });

  it('stays where it was when the read found nothing, and has no place to be before any read', () => {
    expect(nextBalancesBookmark('2026-11-25T01:00:00-08:00', [])).to.deep.equal({ latest: '2026-11-25T01:00:00-08:00', seen: {} });
    expect(nextBalancesBookmark(undefined, [])).to.equal(undefined);
  });

  it('counts a record as new when its EditSequence changed, and as seen when it did not', () => {
    const bookmark = { latest: '2026-11-25T10:00:00-08:00', seen: { A: '1', B: '5' } };
    const unseen = unseenRecords(bookmark, [
      record('A', '1', '2026-11-25T09:00:00-08:00'),
      record('B', '6', '2026-11-25T10:00:00-08:00'),
      record('C', '1', '2026-11-25T10:00:00-08:00'),
    ]);
    expect(unseen.map((r) => r.txnId)).to.deep.equal(['B', 'C']);
    expect(unseenRecords(undefined, [record('A', '1', '2026-11-25T09:00:00-08:00')])).to.have.length(1);
  });
});
