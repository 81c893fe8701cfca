import { expect } from 'chai';
import { instantToEpochMs, parseInstant, parseLocalDate } from '../../../../core/values/instant';

describe('Instant and LocalDate', () => {
  it('accepts timestamps with Z or an offset, as QuickBooks writes them', () => {
    expect(parseInstant('2026-11-25T10:00:00-05:00')).to.equal('2026-11-25T10:00:00-05:00');
    expect(parseInstant('2026-11-25T15:00:00.123Z')).to.equal('2026-11-25T15:00:00.123Z');
  });

  it('refuses a timestamp without a zone, since it would mean different moments on different machines', () => {
    expect(() => parseInstant('2026-11-25T10:00:00')).to.throw(/zone/);
  });

  it('refuses impossible dates and times', () => {
    for (const bad of ['2026-02-30T10:00:00Z', '2026-11-25T24:00:00Z', '2026-11-25T10:00:00+15:00', 20261125]) {
      expect(() => parseInstant(bad), String(bad)).to.throw();
    }
  });

  it('orders instants written with different offsets by the moment they name', () => {
    const a = parseInstant('2026-11-25T10:00:00-05:00');
    const b = parseInstant('2026-11-25T15:00:00Z');
    expect(instantToEpochMs(a)).to.equal(instantToEpochMs(b));
  });

  it('reads calendar dates and refuses impossible ones', () => {
    expect(parseLocalDate('2028-02-29')).to.equal('2028-02-29');
    expect(() => parseLocalDate('2026-02-29')).to.throw(/calendar/);
    expect(() => parseLocalDate('2026-2-3')).to.throw(/YYYY-MM-DD/);
  });
});
