import { inject, injectable } from 'inversify';
import { Counter, Gauge, Histogram } from 'prom-client';
import type { ServiceMetrics } from '../../../core/runtime/metrics/service-metrics';
import { TOKENS } from '../../../core/runtime/tokens';
import { addLogContext } from '../../../core/runtime/log-context';

/** The Web Connector's series on the service's registry: calls, sessions, lease waits and the line at the gate. */
@injectable()
export class QbwcMetrics {
  private readonly calls: Counter<'method' | 'outcome'>;
  private readonly latency: Histogram<'method'>;
  private readonly sessions: Counter<'result'>;
  private readonly leaseWaits: Counter;
  private waiting: () => number = () => 0;

  constructor(@inject(TOKENS.ServiceMetrics) metrics: ServiceMetrics) {
    const registers = [metrics.registry];
    this.calls = new Counter({
      name: 'qbwc_soap_calls_total',
      help: 'Web Connector SOAP calls by method and outcome',
      labelNames: ['method', 'outcome'],
      registers,
    });
    this.latency = new Histogram({
      name: 'qbwc_soap_call_duration_seconds',
      help: 'Time to answer a Web Connector SOAP call',
      labelNames: ['method'],
      registers,
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    });
    this.sessions = new Counter({
      name: 'qbwc_sessions_total',
      help: 'Web Connector sessions started, completed (100%) and failed',
      labelNames: ['result'],
      registers,
    });
    this.leaseWaits = new Counter({ name: 'qbwc_lease_waits_total', help: 'Sessions told busy because another install held the company', registers });
    const waitingNow = () => this.waiting();
    new Gauge({
      name: 'qbwc_calls_waiting',
      help: 'Web Connector calls of this instance waiting for their turn to work (a burst of connectors shows here first)',
      registers,
      collect() {
        this.set(waitingNow());
      },
    });
  }

  /** Where qbwc_calls_waiting is read at each scrape (the service's gate). */
  watchWaiting(count: () => number): void {
    this.waiting = count;
  }

  /** Runs one SOAP method, timing it and naming it on its log lines; `outcomeOf` names what it answered (ok, nvu, busy, error...). */
  async timed<T>(method: string, call: () => Promise<T> | T, outcomeOf: (result: T) => string = () => 'ok'): Promise<T> {
    addLogContext({ soapMethod: method });
    const end = this.latency.startTimer({ method });
    try {
      const result = await call();
      this.calls.inc({ method, outcome: outcomeOf(result) });
      return result;
    } catch (error) {
      this.calls.inc({ method, outcome: 'exception' });
      throw error;
    } finally {
      end();
    }
  }

  session(result: 'started' | 'completed' | 'failed'): void {
    this.sessions.inc({ result });
  }

  leaseWait(): void {
    this.leaseWaits.inc();
  }
}
