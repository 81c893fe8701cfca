import { expect } from 'chai';
import { TurnGate } from '../../../../core/runtime/turn-gate';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A gate on a clock the test moves, with pieces the test finishes one by one. */
function gateOnClock(size: number) {
  let now = 0;
  const gate = new TurnGate(size, () => now);
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  const piece = (name: string, callsAfter?: number) =>
    gate.run(
      () =>
        new Promise<string>((resolve) => {
          started.push(name);
          finishers.set(name, () => resolve(name));
        }),
      { callsAfter },
    );
  return {
    gate,
    started,
    piece,
    at: (ms: number) => (now = ms),
    finish: async (name: string) => {
      finishers.get(name)!();
      await tick();
    },
  };
}

describe('TurnGate', () => {
  it('runs at most its size at once and starts the rest in the order they came', async () => {
    const gate = new TurnGate(2);
    const started: number[] = [];
    const finishers: (() => void)[] = [];
    let atOnce = 0;
    let most = 0;
    const runs = [0, 1, 2, 3, 4].map((i) =>
      gate.run(async () => {
        started.push(i);
        most = Math.max(most, ++atOnce);
        await new Promise<void>((resolve) => finishers.push(resolve));
        atOnce--;
        return i;
      }),
    );
    await tick();
    expect(started).to.deep.equal([0, 1]);
    expect(gate.queued).to.equal(3);
    finishers[1]();
    await tick();
    expect(started).to.deep.equal([0, 1, 2]);
    // A newcomer while others wait goes to the back of the line.
    const late = gate.run(async () => {
      started.push(9);
      return 9;
    });
    finishers[0]();
    await tick();
    finishers[2]();
    await tick();
    finishers[3]();
    await tick();
    finishers[4]();
    expect(await Promise.all([...runs, late])).to.deep.equal([0, 1, 2, 3, 4, 9]);
    expect(started).to.deep.equal([0, 1, 2, 3, 4, 9]);
    expect(most).to.equal(2);
  });

  it('frees the place of work that failed', async () => {
    const gate = new TurnGate(1);
    await gate.run(async () => Promise.reject(new Error('boom'))).catch(() => undefined);
    expect(await gate.run(async () => 'next')).to.equal('next');
    expect(gate.queued).to.equal(0);
  });

  it('refuses a size that would let nothing through', () => {
    expect(() => new TurnGate(0)).to.throw(RangeError);
  });

  describe('under a backlog', () => {
    /** One piece held 100 ms, so the gate's pace is 100 ms a piece; then `holder` takes the only place at 1,000 ms. */
    async function paced() {
      const g = gateOnClock(1);
      const first = g.piece('pace');
      await tick();
      g.at(100);
      await g.finish('pace');
      await first;
      g.at(1000);
      void g.piece('holder');
      await tick();
      return g;
    }

    it('lets the last piece of a flow go ahead of a first piece that came a little earlier', async () => {
      const g = await paced();
      void g.piece('sign-in', 2);
      g.at(1010);
      void g.piece('answer', 0);
      await tick();
      // The holder held 10 ms: pace 91 ms; 4 pieces to come (the sign-in, its 2 after, the answer)
      // drain in 364 ms, and the sign-in yields 0.22 x 2 x 364 = 160 ms: the answer is due first.
      await g.finish('holder');
      expect(g.started).to.deep.equal(['pace', 'holder', 'answer']);
      await g.finish('answer');
      expect(g.started).to.deep.equal(['pace', 'holder', 'answer', 'sign-in']);
    });

    it('yields no longer than its share: a last piece that came after it waits its turn', async () => {
      const g = await paced();
      void g.piece('sign-in', 2);
      g.at(1200); // pace 110 ms, 440 ms to drain: the sign-in yields 194 ms, so it is due at 1,194
      void g.piece('answer', 0);
      await tick();
      await g.finish('holder');
      expect(g.started).to.deep.equal(['pace', 'holder', 'sign-in']);
    });

    it('is never passed for good: newcomers that keep coming go behind it once the line has drained enough', async () => {
      const g = await paced();
      void g.piece('sign-in', 2);
      for (let i = 1; i <= 8; i++) {
        g.at(1000 + 30 * i);
        void g.piece(`answer ${i}`, 0);
      }
      await tick();
      // At first 11 pieces to drain: the sign-in yields ~550 ms; each answer that runs shortens the
      // line and so its yield (to ~190 ms after the seventh), until the next answer came later
      // than it is due.
      await g.finish('holder');
      for (let i = 1; g.started.length < 10; i++) {
        g.at(1240 + 100 * i);
        await g.finish(g.started[g.started.length - 1]);
      }
      expect(g.started.slice(2)).to.deep.equal(['answer 1', 'answer 2', 'answer 3', 'answer 4', 'answer 5', 'answer 6', 'answer 7', 'sign-in']);
    });

    it('takes a flow that says it has more to come than it could as having the most, and a negative count as none', async () => {
      const g = await paced();
      void g.piece('ninety-nine after', 99);
      g.at(1001);
      void g.piece('four after', 4);
      void g.piece('none after', 0);
      g.at(1002);
      void g.piece('minus three after', -3);
      await tick();
      g.at(1010);
      await g.finish('holder');
      for (let at = 1020; g.started.length < 6; at += 10) {
        g.at(at);
        await g.finish(g.started[g.started.length - 1]);
      }
      // 99 waits in the line of 4 (so in arrival order with it); -3 in the line of none after.
      expect(g.started.slice(2)).to.deep.equal(['none after', 'minus three after', 'ninety-nine after', 'four after']);
    });
  });
});
