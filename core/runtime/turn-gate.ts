/**
 * How much of the backlog's drain time a piece of work lets others go ahead of it, for each
 * piece its flow will still send through the gate after it. A model of the gate
 * (docs/adr/0016-turns-that-balance-a-burst.md) chose 0.15; measured on the service with the
 * burst in step (benchmark 3, ten alternating pairs), 0.15 still left the answer the slowest
 * call and 0.22 balanced the three: p99 a call 0.33 W against 0.38 W (W the burst's length),
 * better in every pair; 0.27 measured like 0.22, 0.3 made the sign-in the slowest.
 */
export const YIELD_SHARE_PER_CALL_AFTER = 0.22;

/** A flow that says it has more calls to come than this is taken at this. */
const MOST_CALLS_AFTER = 4;

/** The weight of the newest piece in the running mean of the time a piece holds its place. */
const MEAN_WEIGHT = 0.1;

export interface TurnOptions {
  /**
   * How many more pieces the same flow (a caller's session) will send through the gate after
   * this one: 0 (the default) for its last or only one. Pieces with more to come wait longer
   * under a backlog, so the flows already under way finish first and their later pieces do not
   * wait for a whole burst of newcomers.
   */
  readonly callsAfter?: number;
}

interface Waiter {
  readonly arrived: number;
  readonly go: () => void;
}

/**
 * Lets at most `size` pieces of work run at once; the others wait their turn. With no backlog,
 * or when every piece says it is its flow's last, turns go in order of arrival. Under a burst of
 * flows that each send several pieces (sign in, ask, answer), arrival order keeps the flows in
 * step: every answer then waits for the answers of all the others, and the slowest kind of piece
 * takes half the burst. Here a piece with `callsAfter` more to come lets later pieces go ahead
 * of it for up to a share of the backlog's drain time per piece to come, so the three kinds of
 * piece share the wait (benchmark 3; docs/adr/0016-turns-that-balance-a-burst.md). The share is
 * of the backlog measured now, so nothing waits unboundedly: when the backlog drains, the order
 * returns to arrival order.
 *
 * @example const gate = new TurnGate(8); await gate.run(() => signIn(), { callsAfter: 2 });
 */
export class TurnGate {
  private running = 0;
  /** One line per `callsAfter` (the line's index), each in order of arrival. */
  private readonly lines: Waiter[][] = Array.from({ length: MOST_CALLS_AFTER + 1 }, () => []);
  private meanHoldMs = 0;

  constructor(
    readonly size: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('A gate lets at least one piece of work through.');
  }

  async run<T>(work: () => Promise<T>, options: TurnOptions = {}): Promise<T> {
    const callsAfter = Math.min(MOST_CALLS_AFTER, Math.max(0, Math.floor(options.callsAfter ?? 0)));
    if (this.running >= this.size) await this.wait(callsAfter);
    else this.running++;
    const started = this.now();
    try {
      return await work();
    } finally {
      const held = this.now() - started;
      this.meanHoldMs = this.meanHoldMs === 0 ? held : this.meanHoldMs + MEAN_WEIGHT * (held - this.meanHoldMs);
      // The next one takes this place directly, so a newcomer can never jump the line.
      const next = this.takeNext();
      if (next) next.go();
      else this.running--;
    }
  }

  /** How many pieces of work wait for their turn now (what an operator's gauge shows). */
  get queued(): number {
    return this.lines.reduce((sum, line) => sum + line.length, 0);
  }

  private wait(callsAfter: number): Promise<void> {
    return new Promise<void>((go) => this.lines[callsAfter].push({ arrived: this.now(), go }));
  }

  /** The head of the line whose arrival plus its yield is earliest. */
  private takeNext(): Waiter | undefined {
    // The pieces waiting plus the pieces their flows will still send, and what they will take to
    // drain at this gate's pace.
    const piecesAhead = this.lines.reduce((sum, line, callsAfter) => sum + line.length * (1 + callsAfter), 0);
    const backlogMs = (this.meanHoldMs * piecesAhead) / this.size;
    let chosen: Waiter[] | undefined;
    let earliest = Infinity;
    for (const [callsAfter, line] of this.lines.entries()) {
      const head = line[0];
      if (!head) continue;
      const due = head.arrived + YIELD_SHARE_PER_CALL_AFTER * callsAfter * backlogMs;
      if (due < earliest) [chosen, earliest] = [line, due];
    }
    return chosen?.shift();
  }
}
