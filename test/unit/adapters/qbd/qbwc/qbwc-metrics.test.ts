import { expect } from 'chai';
import { Registry } from 'prom-client';
import { QbwcMetrics } from '../../../../../adapters/qbd/qbwc/qbwc-metrics';
import { TurnGate } from '../../../../../core/runtime/turn-gate';

describe('QbwcMetrics', () => {
  it('shows on each scrape how many calls wait at the gate it watches', async () => {
    const registry = new Registry();
    const metrics = new QbwcMetrics({ registry, recordsRouted: () => undefined });
    const gate = new TurnGate(1);
    metrics.watchWaiting(() => gate.queued);
    const waiting = async () => /^qbwc_calls_waiting (\d+)$/m.exec(await registry.metrics())?.[1];
    expect(await waiting()).to.equal('0');

    let release!: () => void;
    const holding = gate.run(() => new Promise<void>((resolve) => (release = resolve)));
    const behind = [gate.run(async () => undefined, { callsAfter: 2 }), gate.run(async () => undefined)];
    expect(await waiting()).to.equal('2');
    release();
    await Promise.all([holding, ...behind]);
    expect(await waiting()).to.equal('0');
  });
});
