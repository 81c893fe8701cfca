import { expect } from 'chai';
import { QboPace } from '../../../../../adapters/qbo/client/qbo-pace';

/** A clock that only moves when the pace waits: the waits asked for are the pace's decisions. */
function fakeTime() {
  let now = 1_000_000;
  const waits: number[] = [];
  return {
    clock: () => now,
    sleep: async (ms: number) => {
      waits.push(ms);
      now += ms;
    },
    waits,
    advance: (ms: number) => (now += ms),
  };
}

describe('QboPace', () => {
  it('lets the first calls of a second through at once, then waits for the second to pass', async () => {
    const time = fakeTime();
    const pace = new QboPace({ perSecond: 3, perMinute: 100 }, time.clock, time.sleep);
    for (let i = 0; i < 4; i++) await pace.turn('realm');
    expect(time.waits).to.deep.equal([1_000]);
  });

  it('holds a realm to its calls per minute', async () => {
    const time = fakeTime();
    const pace = new QboPace({ perSecond: 100, perMinute: 5 }, time.clock, time.sleep);
    for (let i = 0; i < 5; i++) {
      await pace.turn('realm');
      time.advance(100);
    }
    await pace.turn('realm');
    expect(time.waits).to.deep.equal([59_500]);
  });

  it('keeps realms apart', async () => {
    const time = fakeTime();
    const pace = new QboPace({ perSecond: 1, perMinute: 100 }, time.clock, time.sleep);
    await pace.turn('a');
    await pace.turn('b');
    expect(time.waits).to.deep.equal([]);
  });

  it('makes every caller of a realm wait out a hold after a throttle', async () => {
    const time = fakeTime();
    const pace = new QboPace({ perSecond: 100, perMinute: 100 }, time.clock, time.sleep);
    pace.holdOff('realm', 2_000);
    await Promise.all([pace.turn('realm'), pace.turn('realm')]);
    expect(time.waits).to.deep.equal([2_000]);
  });
});
