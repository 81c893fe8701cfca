import type { EntityManager } from '@mikro-orm/postgresql';
import { expect } from 'chai';
import { ObservableInput, firstValueFrom, from, toArray } from 'rxjs';
import type { SessionStep, StepResult } from '../../../../../adapters/qbd/qbwc/steps/session-step';
import type { QbxmlEvent } from '../../../../../adapters/qbd/qbxml/reader/qbxml-events';
import { readQbxml } from '../../../../../adapters/qbd/qbxml/reader/read-qbxml';
import { buildQbxmlDocument } from '../../../../../adapters/qbd/qbxml/requests/qbxml-document';
import type { QbxmlRequest } from '../../../../../adapters/qbd/qbxml/requests/qbxml-request';
import { Change, parseChange } from '../../../../../core/changes/change';
import type { ItemCatalog } from '../../../../../core/items/item-catalog';
import type { FrameworkRegistry } from '../../../../../core/plugins/framework-registry';
import { TOKENS } from '../../../../../core/runtime/tokens';
import { BUILT_IN_SYNC } from '../../../../../core/config/app-config';
import type { RoutedOutcome } from '../../../../../core/pipeline/flow-decision';
import { flushHeldWrites } from '../../../../../core/store/flush-held-writes';
import { holdWrites } from '../../../../../core/store/held-writes';
import { readCursor } from '../../../../../core/store/sync-cursors';
import { QuickBooksCompany } from '../../../../simulators/qbd/quickbooks-company';
import { QuickBooksSimulator } from '../../../../simulators/qbd/quickbooks-simulator';
import { SimClock } from '../../../../simulators/qbd/sim-clock';
import { PartnerApi } from '../../../../support/partner-api';
import { NamedXml, schemaAvailability, schemaErrors } from '../../../../support/qbxml-schema';
import { useTestService } from '../../../../support/use-test-service';
import { routeThroughRules } from './route-through-rules';

/**
 * A strict stand-in for the rules pipeline: it records each call and fails the test on any call
 * beyond the number expected, on records reported unreadable when none were expected, and on a
 * change the item catalog would refuse once it crossed a boundary as JSON (parseChange).
 */
export class StrictRoute {
  readonly calls: Change[][] = [];
  readonly unreadable: RoutedOutcome[] = [];

  constructor(
    private readonly expectedCalls: number,
    private readonly unreadableAllowed = false,
    /** Where the changes really go, when the test needs them on the other side; absent: nowhere, all 'applied'. */
    private readonly deliver?: (changes: readonly Change[]) => Promise<RoutedOutcome[]>,
    private readonly catalog?: ItemCatalog,
  ) {}

  /** Takes what a step routes as the router does (a stream of changes, and outcomes of records it could not read or map). */
  readonly route = async (input: ObservableInput<Change | RoutedOutcome>): Promise<RoutedOutcome[]> => {
    const items = await firstValueFrom(from(input).pipe(toArray()));
    const unreadable = items.filter((i): i is RoutedOutcome => 'outcome' in i);
    const changes = items.filter((i): i is Change => !('outcome' in i));
    if (this.calls.length >= this.expectedCalls)
      throw new Error(`route was called unexpectedly with ${changes.length} change(s): ${JSON.stringify(changes[0])}`);
    if (unreadable.length > 0 && !this.unreadableAllowed)
      throw new Error(`records were routed as unreadable unexpectedly: ${unreadable.map((o) => o.message).join('; ')}`);
    if (this.catalog) for (const change of changes) parseChange(JSON.parse(JSON.stringify(change)), this.catalog);
    this.unreadable.push(...unreadable);
    this.calls.push(changes);
    const delivered = this.deliver ? await this.deliver(changes) : changes.map((change): RoutedOutcome => ({ change, outcome: 'applied' }));
    return [...unreadable, ...delivered];
  };
}

export interface StepRun {
  readonly requests: readonly QbxmlRequest[];
  readonly answer: string;
  readonly events: readonly QbxmlEvent[];
  readonly result: StepResult;
  /** The changes of each route call, in order. */
  readonly routed: readonly Change[][];
}

export interface RunOptions {
  readonly state?: Readonly<Record<string, string>>;
  readonly fullSync?: boolean;
  /** How many times the step may call route (every call counts, even with no changes). */
  readonly routes?: number;
  readonly unreadable?: boolean;
  /** The routed changes also go through the partner's rules to the platform, as in a session (route-through-rules.ts). */
  readonly deliver?: boolean;
}

/**
 * A real database (the test service's) and a simulated QuickBooks company behind one connection:
 * a step builds its request, the simulator answers it as QuickBooks would, the answer is read by
 * the project's qbXML reader, and the step stores it in a transaction that holds and flushes its
 * writes as a session call does (answer-store.ts). Every request sent is kept for a schema check.
 */
export function useStepBench(env: NodeJS.ProcessEnv = {}) {
  const service = useTestService({ LOG_LEVEL: 'warn', ...env });
  const sent: NamedXml[] = [];
  const em = (): EntityManager => service.current.service.database.orm.em.fork();
  const partners = new Map<string, Promise<PartnerApi>>();
  const partnerOf = (id: string) => partners.get(id) ?? partners.set(id, PartnerApi.createPartner(service.current.url, 'Steps', id)).get(id)!;

  async function connect(company = new QuickBooksCompany(new SimClock(new Date('2026-11-25T15:00:00Z'))), partnerId?: string) {
    // A partner named by id (one whose config overrides the rules) is made once, then reused.
    const api = partnerId ? await partnerOf(partnerId) : await PartnerApi.createPartner(service.current.url, 'Steps');
    const connectionId = (await api.call('POST', '/api/connections', { companyName: 'Step Books' })).body.id as string;
    const quickBooks = new QuickBooksSimulator(company);
    quickBooks.openSession();
    let requests = 0;

    async function run(step: SessionStep, options: RunOptions = {}): Promise<StepRun> {
      const now = company.clock.now();
      const base = {
        em: em(),
        connectionId,
        requestId: `${step.name}-${++requests}`,
        now,
        state: options.state ?? {},
        fullSync: !!options.fullSync,
        sync: BUILT_IN_SYNC,
      };
      const built = await step.buildRequest(base);
      if (built === undefined) throw new Error(`${step.name} had nothing to ask`);
      const list: readonly QbxmlRequest[] = Array.isArray(built) ? built : [built as QbxmlRequest];
      const xml = buildQbxmlDocument({ version: '13.0', onError: 'continueOnError', requests: list });
      sent.push({ name: `${step.name} ${base.requestId}`, xml });
      const answer = await quickBooks.process(xml);
      const events: QbxmlEvent[] = [];
      for await (const e of readQbxml(answer, step.retReaders)) events.push(e);
      let transaction: EntityManager | undefined;
      const deliver = (changes: readonly Change[]) => routeThroughRules(service.current, transaction!, connectionId, now, changes);
      const { catalog } = service.current.service.container.get<FrameworkRegistry>(TOKENS.FrameworkRegistry);
      const route = new StrictRoute(options.routes ?? 0, options.unreadable, options.deliver ? deliver : undefined, catalog);
      const result = await em().transactional(async (tx) => {
        transaction = tx as EntityManager;
        holdWrites(tx as EntityManager);
        const stored = await step.handleAnswer({ ...base, em: tx as EntityManager, route: route.route }, events);
        await flushHeldWrites(tx as EntityManager);
        return stored;
      });
      expect(route.calls, `${step.name}'s route calls`).to.have.length(options.routes ?? 0);
      return { requests: list, answer, events, result, routed: route.calls };
    }

    /** The step's request reaches QuickBooks, which carries it out; its answer is lost on the way back. */
    async function lose(step: SessionStep): Promise<readonly QbxmlRequest[]> {
      const requestId = `${step.name}-${++requests}`;
      const built = await step.buildRequest({ em: em(), connectionId, requestId, now: company.clock.now(), state: {}, fullSync: false, sync: BUILT_IN_SYNC });
      if (built === undefined) throw new Error(`${step.name} had nothing to ask`);
      const list: readonly QbxmlRequest[] = Array.isArray(built) ? built : [built as QbxmlRequest];
      const xml = buildQbxmlDocument({ version: '13.0', onError: 'continueOnError', requests: list });
      sent.push({ name: `${step.name} ${requestId} (answer lost)`, xml });
      await quickBooks.process(xml);
      return list;
    }

    const bookmark = (stream: string) => readCursor(em(), connectionId, stream);
    return { api, connectionId, company, quickBooks, run, lose, bookmark };
  }

  /** Every request the bench sent is valid qbXML 13.0 (skipped where ../shared is absent, never in CI). */
  async function checkSchema(test: Mocha.Context): Promise<void> {
    if (!schemaAvailability().available) return test.skip();
    expect(sent.length, 'requests sent').to.be.greaterThan(0);
    expect(Object.fromEntries(await schemaErrors(sent))).to.deep.equal({});
  }

  return { service, em, connect, checkSchema };
}
