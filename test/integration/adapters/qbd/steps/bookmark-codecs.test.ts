import { expect } from 'chai';
import { BALANCES_BOOKMARK } from '../../../../../adapters/qbd/qbwc/steps/balances-bookmark';
import { INVOICE_BOOKMARK } from '../../../../../adapters/qbd/qbwc/steps/invoices-step';
import { BookmarkCodec, readBookmark, textBookmark, writeBookmark } from '../../../../../core/store/sync-cursors';
import { useStepBench } from './step-bench';

describe("The QuickBooks steps' bookmarks in the database", function () {
  this.timeout(60_000);
  const bench = useStepBench();
  const codecs: [string, BookmarkCodec<unknown>, unknown][] = [
    ['BALANCES_BOOKMARK', BALANCES_BOOKMARK, { latest: '2026-11-25T10:00:00-08:00', seen: { 'A-1': '17' } }],
    ['INVOICE_BOOKMARK', INVOICE_BOOKMARK, { phase: 'incremental', latest: '2026-11-25T10:00:00-08:00' }],
    ['textBookmark', textBookmark('qbd:customers-deleted'), '2026-11-25T10:00:00-08:00'],
  ];

  for (const [name, codec, bookmark] of codecs) {
    it(`${name}: absent until written (a first sync), then read back as written`, async () => {
      const { connectionId, company } = await bench.connect();
      expect(await readBookmark(bench.em(), connectionId, codec)).to.equal(undefined);
      await writeBookmark(bench.em(), connectionId, codec, bookmark, company.clock.now());
      expect(await readBookmark(bench.em(), connectionId, codec)).to.deep.equal(bookmark);
    });
  }
});
