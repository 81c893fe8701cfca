import { expect } from 'chai';
import { BALANCES_BOOKMARK } from '../../../../../../adapters/qbd/qbwc/steps/balances-bookmark';
import { BALANCES_STATE, BalancesState } from '../../../../../../adapters/qbd/qbwc/steps/invoice-balances-step';
import type { InvoiceBookmark } from '../../../../../../adapters/qbd/qbwc/steps/invoice-windows';
import type { LocalDate } from '../../../../../../core/values/instant';
import { INVOICE_BOOKMARK } from '../../../../../../adapters/qbd/qbwc/steps/invoices-step';
import type { StateCodec } from '../../../../../../adapters/qbd/qbwc/steps/step-state';
import { SCAN_STATE, ScanState } from '../../../../../../adapters/qbd/qbwc/steps/vanished-step';
import { BookmarkCodec, textBookmark } from '../../../../../../core/store/sync-cursors';

/** Encoded, then decoded: what a step hands back at one call is what it is given at the next. */
const roundTrip = <S>(codec: StateCodec<S>, state: S) => codec.decode(codec.encode(state));
/** Written, then read: what a bookmark stored is what the next session starts from. */
const stored = <B>(codec: BookmarkCodec<B>, bookmark: B) => codec.decode(codec.encode(bookmark));

describe('The step state codecs', () => {
  describe('BALANCES_STATE (invoice-balances step)', () => {
    const next = { latest: '2026-11-25T10:00:00-08:00', seen: { 'A-1': '17' } };

    it('decodes an empty state as the start: reading payments and credits', () => {
      expect(BALANCES_STATE.decode({})).to.deep.equal({ phase: 'payments' });
    });

    it('encodes the payments phase as an empty state, so a new session and a fresh step look alike', () => {
      expect(BALANCES_STATE.encode({ phase: 'payments' })).to.deep.equal({});
    });

    it('keeps the invoices still to read and the bookmark to write once they are read, across a call', () => {
      const state: BalancesState = { phase: 'invoices', ids: ['1-1', '2-2'], next };
      expect(roundTrip(BALANCES_STATE, state)).to.deep.equal(state);
      expect(roundTrip(BALANCES_STATE, { phase: 'invoices', ids: [] })).to.deep.equal({ phase: 'invoices', ids: [] });
    });

    it('keeps the keys sessions already hold, so a session under way reads on', () => {
      expect(BALANCES_STATE.encode({ phase: 'invoices', ids: ['1-1'], next })).to.deep.equal({
        phase: 'invoices',
        ids: '["1-1"]',
        bookmark: JSON.stringify(next),
      });
      expect(BALANCES_STATE.decode({ phase: 'invoices', ids: '["1-1"]', bookmark: '2026-11-25T10:00:00-08:00' })).to.deep.equal({
        phase: 'invoices',
        ids: ['1-1'],
        next: { latest: '2026-11-25T10:00:00-08:00', seen: {} },
      });
      expect(BALANCES_STATE.decode({ phase: 'invoices' })).to.deep.equal({ phase: 'invoices', ids: [] });
    });
  });

  describe('SCAN_STATE (vanished-records scan)', () => {
    it('decodes an empty state as a scan not begun: no iterator, no start', () => {
      expect(SCAN_STATE.decode({})).to.deep.equal({});
    });

    it('keeps the iterator and the scan start across a call, and leaves out what is absent', () => {
      const state: ScanState = { iteratorId: '{A1B2}', scanStart: '2026-11-25T15:00:00.000Z' };
      expect(roundTrip(SCAN_STATE, state)).to.deep.equal(state);
      expect(SCAN_STATE.encode({ scanStart: '2026-11-25T15:00:00.000Z' })).to.deep.equal({ scanStart: '2026-11-25T15:00:00.000Z' });
      expect(SCAN_STATE.encode({})).to.deep.equal({});
    });

    it('reads an empty iterator id as none', () => {
      expect(SCAN_STATE.decode({ iteratorId: '', scanStart: '' })).to.deep.equal({});
    });
  });
});

describe('The bookmark codecs', () => {
  it('BALANCES_BOOKMARK keeps the latest TimeModified and what was seen, and reads a bare timestamp as having seen nothing', () => {
    const bookmark = { latest: '2026-11-25T10:00:00-08:00', seen: { 'A-1': '17', 'B-2': '3' } };
    expect(BALANCES_BOOKMARK.stream).to.equal('qbd:invoice-balances');
    expect(stored(BALANCES_BOOKMARK, bookmark)).to.deep.equal(bookmark);
    expect(BALANCES_BOOKMARK.decode('2026-11-25T10:00:00-08:00')).to.deep.equal({ latest: '2026-11-25T10:00:00-08:00', seen: {} });
  });

  it('INVOICE_BOOKMARK keeps the phase, its window, the empty windows met and the latest TimeModified', () => {
    expect(INVOICE_BOOKMARK.stream).to.equal('qbd:invoices');
    const history: InvoiceBookmark = {
      phase: 'history',
      from: '2024-11-26' as LocalDate,
      to: '2025-11-25' as LocalDate,
      emptyWindows: 1,
      latest: '2026-11-25T10:00:00-08:00',
    };
    expect(stored(INVOICE_BOOKMARK, history)).to.deep.equal(history);
    expect(stored(INVOICE_BOOKMARK, { phase: 'incremental', latest: '2026-11-25T10:00:00-08:00' })).to.deep.equal({
      phase: 'incremental',
      latest: '2026-11-25T10:00:00-08:00',
    });
  });

  it('textBookmark keeps its text exactly as the other system wrote it, an empty one included', () => {
    const codec = textBookmark('qbd:customers-deleted');
    expect(codec.stream).to.equal('qbd:customers-deleted');
    expect(stored(codec, '2026-11-25T10:00:00-08:00')).to.equal('2026-11-25T10:00:00-08:00');
    expect(stored(codec, '')).to.equal('');
  });
});
