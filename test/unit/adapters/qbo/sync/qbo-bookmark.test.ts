import { expect } from 'chai';
import { QboBookmark, afterWindow } from '../../../../../adapters/qbo/sync/qbo-bookmark';
import type { LocalDate } from '../../../../../core/values/instant';

const today = '2026-11-25' as LocalDate;
type Window = Extract<QboBookmark, { phase: 'invoices' }>;
const recent: Window = { phase: 'invoices', window: 'recent', from: '2025-11-25' as LocalDate, start: 41, found: 40, emptyWindows: 0, cdcFrom: 'T0' };

describe('afterWindow', () => {
  it('goes from the recent window to the history window just before it', () => {
    expect(afterWindow(recent, 12, today)).to.deep.equal({
      phase: 'invoices',
      window: 'history',
      from: '2024-11-24',
      to: '2025-11-24',
      start: 1,
      found: 0,
      emptyWindows: 0,
      cdcFrom: 'T0',
    });
  });

  it('counts empty history windows and turns to CDC from where the first sync began after two', () => {
    const empty: Window = { ...recent, window: 'history', from: '2020-01-01' as LocalDate, to: '2020-12-31' as LocalDate, found: 0 };
    const once = afterWindow(empty, 12, today) as Window;
    expect(once.emptyWindows).to.equal(1);
    expect(afterWindow({ ...once, found: 0 }, 12, today)).to.deep.equal({ phase: 'changes', since: 'T0' });
  });

  it('starts counting again after a window that held invoices', () => {
    const found: Window = { ...recent, window: 'history', emptyWindows: 1, found: 3 };
    expect((afterWindow(found, 12, today) as Window).emptyWindows).to.equal(0);
  });
});
