import { expect } from 'chai';
import { QboClock } from '../../../simulators/qbo/qbo-clock';

describe('The QuickBooks Online simulator', () => {
  describe('QboClock', () => {
    const clock = new QboClock(() => new Date('2026-07-04T19:30:15.250Z'));

    it('stamps MetaData in Pacific time with the offset of the day (-07:00 in summer, -08:00 in winter)', () => {
      expect(clock.stamp(clock.now())).to.equal('2026-07-04T12:30:15-07:00');
      expect(clock.stamp(new Date('2026-01-10T20:00:00Z'))).to.equal('2026-01-10T12:00:00-08:00');
      expect(clock.responseTime()).to.equal('2026-07-04T12:30:15.250-07:00');
    });

    it('reads offsets written -07:00, -0700 or Z, and none as Pacific wall time', () => {
      const instant = new Date('2026-07-04T19:30:15Z').getTime();
      for (const text of ['2026-07-04T12:30:15-07:00', '2026-07-04T12:30:15-0700', '2026-07-04T19:30:15Z', '2026-07-04T12:30:15']) {
        expect(clock.parse(text)?.getTime(), text).to.equal(instant);
      }
      expect(clock.parse('yesterday')).to.equal(undefined);
    });

    it('moves on with advance(ms)', () => {
      const moving = new QboClock(() => new Date('2026-01-01T00:00:00Z'));
      moving.advance(3600_000);
      expect(moving.now().toISOString()).to.equal('2026-01-01T01:00:00.000Z');
      expect(moving.localDate()).to.equal('2025-12-31');
    });
  });
});
