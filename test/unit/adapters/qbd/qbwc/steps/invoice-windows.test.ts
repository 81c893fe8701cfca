import { expect } from 'chai';
import { firstBookmark, nextBookmark, phaseLabel } from '../../../../../../adapters/qbd/qbwc/steps/invoice-windows';
import type { LocalDate } from '../../../../../../core/values/instant';

const TODAY = '2026-11-25' as LocalDate;

describe('The invoice windows of a first sync', () => {
  it('start initialWindowMonths back from today', () => {
    expect(firstBookmark(TODAY, 12)).to.deep.equal({ phase: 'recent', from: '2025-11-25' });
    expect(firstBookmark(TODAY, 6)).to.deep.equal({ phase: 'recent', from: '2026-05-25' });
  });

  it('go on into history windows of historyWindowMonths, ending the day before the last one began', () => {
    const recent = firstBookmark(TODAY, 6);
    expect(nextBookmark(recent, 10, 12, TODAY)).to.deep.include({ phase: 'history', from: '2025-05-24', to: '2026-05-24' });
    expect(nextBookmark(recent, 10, 3, TODAY)).to.deep.include({ phase: 'history', from: '2026-02-24', to: '2026-05-24' });
  });

  it('name the recent window by its size for the partner', () => {
    expect(phaseLabel(firstBookmark(TODAY, 12), 12)).to.equal('last 12 months');
    expect(phaseLabel(firstBookmark(TODAY, 6), 6)).to.equal('last 6 months');
    expect(phaseLabel(firstBookmark(TODAY, 1), 1)).to.equal('last month');
    expect(phaseLabel({ phase: 'history', from: '2024-11-24' as LocalDate, to: '2025-11-24' as LocalDate }, 6)).to.equal('history');
    expect(phaseLabel({ phase: 'incremental' }, 6)).to.equal('up to date');
  });
});
