import { answerDocument, responseLines } from './answer-writer';
import { HostFacts, QUICKBOOKS_2014, companyRet, hcpResponse, hostRet, preferencesRet } from './company-info';
import { QUERY_HANDLERS } from './query-handlers';
import { QueryContext } from './query-runner';
import { QuickBooksCompany } from './quickbooks-company';
import { RequestNode, parseRequest, texts } from './request-node';
import { SimSession } from './sim-session';
import { SimStatusError } from './sim-status-error';
import { WRITE_HANDLERS } from './write-handlers';

/** A failure of the whole message set, reported by QBWC as an HRESULT with an empty response. */
export class QbHresultError extends Error {
  constructor(
    readonly hresult: string,
    message: string,
  ) {
    super(message);
    this.name = 'QbHresultError';
  }
}

export const PARSE_ERROR_HRESULT = '0x80040400';
const PARSE_ERROR_TEXT = 'QuickBooks found an error when parsing the provided XML text stream.';

/** Faults the simulator can be told to produce, each consumed as it fires. */
export interface Misbehaviour {
  /** The next N write requests answer a lock error (3170 or 3180). */
  lockNextWrites?: number;
  lockCode?: 3170 | 3175 | 3176 | 3180;
  /** Every answer waits this long first. */
  delayMs?: number;
  /** The next answer is cut in half (what a dropped connection leaves). */
  truncateNextAnswer?: boolean;
  /**
   * The next request of this name answers status 1000, QuickBooks' "internal error" (reference
   * §8: any request may fail with a status of its own while the others of its message set run).
   */
  failNextRequestOf?: string;
}

export interface SimulatorOptions {
  readonly host?: HostFacts;
  /**
   * Checks each request against the 13.0 schema as QuickBooks does (reject: 0x80040400).
   * A function, so the simulator needs no schema of its own; tests pass the shared one.
   */
  readonly validate?: (xml: string) => Promise<string[]>;
}

const compareVersion = (a: string, b: string) => {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am - bm || an - bn;
};

/**
 * QuickBooks Desktop as the Web Connector drives it: takes a qbXML request document and
 * answers as QuickBooks would (statuses, Rets in schema order, one element per line), with
 * iterators scoped to a session, onError honoured, and faults on demand.
 */
export class QuickBooksSimulator {
  readonly misbehaviour: Misbehaviour = {};
  private session = new SimSession();
  readonly log: { requestXml: string; answer: string | QbHresultError }[] = [];
  /**
   * Runs after each request document is answered, before the answer goes back: where a test
   * plays someone editing the company file between two of the sync's requests.
   */
  afterRequest?: (requestXml: string, answer: string) => void;

  constructor(
    readonly company: QuickBooksCompany,
    private readonly options: SimulatorOptions = {},
  ) {}

  /** Data extensions by OwnerID (QBWC stores the QWC's FileID there); they live in the company file. */
  get dataExt(): Map<string, Map<string, string>> {
    return this.company.dataExt;
  }

  get host(): HostFacts {
    return this.options.host ?? QUICKBOOKS_2014;
  }

  /** A new QuickBooks session (a new Web Connector update): iterators of the old one die. */
  openSession(): void {
    this.session = new SimSession();
  }

  /** strHCPResponse for the first sendRequestXML of a session. */
  hcpResponse(): string {
    return hcpResponse(this.company, this.host, this.dataExt);
  }

  async process(requestXml: string): Promise<string> {
    try {
      const answer = await this.answer(requestXml);
      this.log.push({ requestXml, answer });
      this.afterRequest?.(requestXml, answer);
      return answer;
    } catch (error) {
      if (error instanceof QbHresultError) this.log.push({ requestXml, answer: error });
      throw error;
    }
  }

  private async answer(requestXml: string): Promise<string> {
    if (this.misbehaviour.delayMs) await new Promise((resolve) => setTimeout(resolve, this.misbehaviour.delayMs));
    let parsed;
    try {
      parsed = parseRequest(requestXml);
    } catch {
      throw new QbHresultError(PARSE_ERROR_HRESULT, PARSE_ERROR_TEXT);
    }
    // No version, or one newer than this QuickBooks speaks, fails the whole set (../shared/reference/qbwc-qbxml.md §3.2).
    if (!parsed.version || compareVersion(parsed.version, this.host.maxQbxmlVersion) > 0) throw new QbHresultError(PARSE_ERROR_HRESULT, PARSE_ERROR_TEXT);
    if (this.options.validate && (await this.options.validate(requestXml)).length > 0) throw new QbHresultError(PARSE_ERROR_HRESULT, PARSE_ERROR_TEXT);
    const msgs = parsed.root.children.find((c) => c.name === 'QBXMLMsgsRq');
    if (!msgs) throw new QbHresultError(PARSE_ERROR_HRESULT, PARSE_ERROR_TEXT);
    const stopOnError = msgs.attributes.onError !== 'continueOnError';
    const responses: string[] = [];
    for (const rq of msgs.children) {
      const lines = this.handle(rq);
      for (const line of lines) responses.push(line); // answers can have millions of lines: no spread
      // With stopOnError the requests after a failure are not run; we leave them out (../shared/reference/qbwc-qbxml.md §4.1: UNVERIFIED).
      if (stopOnError && /statusSeverity="Error"/.test(lines[0])) break;
    }
    const answer = answerDocument(responses);
    if (this.misbehaviour.truncateNextAnswer) {
      this.misbehaviour.truncateNextAnswer = false;
      return answer.slice(0, Math.floor(answer.length / 2));
    }
    return answer;
  }

  private handle(rq: RequestNode): string[] {
    const requestId = rq.attributes.requestID;
    const rsName = rq.name.replace(/Rq$/, 'Rs');
    const context: QueryContext = { company: this.company, session: this.session };
    try {
      if (requestId !== undefined && requestId.length > 50) throw new SimStatusError(1060, 'The requestID is too long (max 50 characters).');
      if (this.misbehaviour.failNextRequestOf === rq.name) {
        this.misbehaviour.failNextRequestOf = undefined;
        throw new SimStatusError(1000, 'There has been an internal error when processing the request.');
      }
      const write = WRITE_HANDLERS[rq.name];
      if (write) {
        if (this.misbehaviour.lockNextWrites) {
          this.misbehaviour.lockNextWrites--;
          throw new SimStatusError(
            this.misbehaviour.lockCode ?? 3180,
            'There was an error when saving. QuickBooks error message: This list has been modified by another user.',
          );
        }
        return write(rq, context);
      }
      const query = QUERY_HANDLERS[rq.name] ?? this.companyQuery(rq);
      if (!query) throw new SimStatusError(1030, `The request "${rq.name}" is not supported by this simulator.`);
      return query(rq, context);
    } catch (error) {
      if (!(error instanceof SimStatusError)) throw error;
      return responseLines(rsName, { requestId, code: error.statusCode, severity: 'Error', message: error.message }, []);
    }
  }

  private companyQuery(rq: RequestNode): ((rq: RequestNode, ctx: QueryContext) => string[]) | undefined {
    const ok = (rsName: string, lines: string[]) =>
      responseLines(rsName, { requestId: rq.attributes.requestID, code: 0, severity: 'Info', message: 'Status OK' }, lines);
    const owners = new Set(texts(rq, 'OwnerID'));
    const visible = new Map([...this.dataExt].filter(([owner]) => owners.has(owner)));
    const handlers: Record<string, () => string[]> = {
      HostQueryRq: () => ok('HostQueryRs', hostRet(this.host).lines()),
      CompanyQueryRq: () => ok('CompanyQueryRs', companyRet(this.company, visible).lines()),
      PreferencesQueryRq: () => ok('PreferencesQueryRs', preferencesRet(this.host).lines()),
    };
    const handler = handlers[rq.name];
    return handler && (() => handler());
  }
}
