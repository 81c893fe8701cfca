import { expect } from 'chai';
import { FifoGate } from '../../../../core/runtime/fifo-gate';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('FifoGate', () => {
  it('runs at most its size at once and starts the rest in the order they came', async () => {
    const gate = new FifoGate(2);
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
    const gate = new FifoGate(1);
    await gate.run(async () => Promise.reject(new Error('boom'))).catch(() => undefined);
    expect(await gate.run(async () => 'next')).to.equal('next');
    expect(gate.queued).to.equal(0);
  });

  it('refuses a size that would let nothing through', () => {
    expect(() => new FifoGate(0)).to.throw(RangeError);
  });
});
