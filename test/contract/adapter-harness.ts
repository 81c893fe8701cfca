import type { EntityManager } from '@mikro-orm/postgresql';
import type { Change } from '../../core/changes/change';
import type { AdapterPortV1 } from '../../core/ports/adapter-port';
import type { FrameworkRegistry } from '../../core/plugins/framework-registry';

/** One connection of the adapter's system, made by the harness for one test. */
export interface HarnessConnection {
  readonly connectionId: string;
}

/**
 * What the adapter contract needs from one adapter's test set-up: how to make a connection,
 * which changes it writes, how to run the system's side, and what the system holds. A harness
 * uses the running service and the simulators; no stubs where the real part exists.
 *
 * Where a contract point cannot apply to an adapter, the harness says so with a `kind` and
 * the suite checks that adapter's variant of the point instead: nothing is skipped silently.
 *
 * @example
 * adapterContract('The Alternative ledger adapter', { adapter: alternativeAdapter, exactlyOnce: { kind: 'synchronous' }, ... });
 */
export interface AdapterHarness<C extends HarnessConnection = HarnessConnection> {
  readonly adapter: AdapterPortV1;
  /** Called inside the suite's describe: registers the hooks that start (and stop) what the harness uses. */
  setUp(): void;
  /** The running service's registry (its item catalog, the adapters it holds). */
  registry(): FrameworkRegistry;
  /** A new entity manager on the service's own database, for the caller's transaction. */
  database(): EntityManager;
  now(): Date;
  /** A new connection, ready for writes (the system connected and its first sync done). */
  connect(): Promise<C>;
  /** The n-th distinct record this adapter writes, as a change from another system. */
  change(connection: C, n: number): Promise<Change>;
  /** A change like `change`, whose payload is not a valid item. */
  malformed(connection: C, n: number): Promise<Change>;
  /**
   * Runs the system's side until what apply left for it is done (a Web Connector session for
   * a pull-driven system; nothing for a target written in the caller's transaction).
   */
  carry(connection: C): Promise<void>;
  /** The ids of the records the system holds for the change's record: one once written, never two. */
  held(connection: C, change: Change): Promise<string[]>;
  /**
   * Contract points this adapter fails today, each with what it does instead and why it is not
   * fixed yet. The suite still runs the point and checks that the adapter does exactly that, so
   * the test fails (and asks for the gap to be removed) the day the adapter passes.
   */
  readonly knownGaps?: { readonly malformedPayload?: { readonly outcome: 'applied' | 'deferred'; readonly why: string } };
  readonly exactlyOnce: ExactlyOnce<C>;
  readonly readBack: ReadBack<C>;
  readonly bookmarks: Bookmarks<C>;
}

/**
 * `lost-answer`: apply only queues the write; the system's answer to it can be lost, so the
 * suite loses it once. `synchronous`: the write is in the caller's transaction, so there is no
 * answer to lose; the suite checks that apply's outcome is final and that a repeat is one record.
 */
export type ExactlyOnce<C> = { readonly kind: 'lost-answer'; carryLosingTheAnswer(connection: C): Promise<void> } | { readonly kind: 'synchronous' };

/**
 * `reads-own-writes`: the adapter reads the system it writes; a record it wrote comes back as a
 * change and must be linked to the record it came from. `reads-nothing`: the adapter is only a
 * target, so nothing it wrote comes back through it; the suite checks instead that one of the
 * system's own records, sent to another system and coming back under that system's id, is
 * recognised as ours (relinked), not added twice.
 */
export type ReadBack<C> =
  | {
      readonly kind: 'reads-own-writes';
      /** Runs the system's reads again, as its next sync would. */
      readAgain(connection: C): Promise<void>;
      /** The records, at the change's origin, that stand for it: with the id the system gave them. */
      atOrigin(connection: C, change: Change): Promise<{ readonly id: string; readonly linkedTo: string }[]>;
    }
  | {
      readonly kind: 'reads-nothing';
      /** One of this system's records that another system took; the change it sends back for it. */
      sentElsewhere(connection: C, n: number): Promise<{ readonly ours: string; readonly echo: Change }>;
    };

/**
 * `pages`: the adapter reads its system in pages and keeps bookmarks; the suite cuts a first
 * sync after every stored answer. `reads-nothing`: no reads, no bookmark of its own; the suite
 * checks that a caller's bookmark written beside apply's writes commits and rolls back with them.
 */
export type Bookmarks<C> =
  | {
      readonly kind: 'pages';
      /** A new connection whose first sync was cut right after its n-th answer was stored; undefined when the sync has no n-th answer. */
      cutAfter(n: number): Promise<C | undefined>;
      /** For each bookmark kept: the records it claims as read that the store does not hold. */
      unstoredBehindBookmarks(connection: C): Promise<Record<string, string[]>>;
      /** Runs syncs until the cut one completes. */
      resume(connection: C): Promise<void>;
    }
  | { readonly kind: 'reads-nothing' };
