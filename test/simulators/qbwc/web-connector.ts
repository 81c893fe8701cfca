import { QbHresultError, QuickBooksSimulator } from '../qbd/quickbooks-simulator';
import { qbwcEnvelope, readSoapAnswer } from './soap-envelope';
import { QwcFile } from './qwc-reader';

/** Where QuickBooks stands on the simulated Windows machine. */
export interface DesktopState {
  /** The company file QuickBooks has (the simulated company's path). */
  companyFilePath: string;
  /** Whether QuickBooks is running with that file open. */
  isRunning: boolean;
  /** When set, opening the company fails with this HRESULT (0x8004041D: no unattended login, ...). */
  openFailure?: { hresult: string; message: string };
}

/** Faults the Web Connector can inject into one session. */
export interface SessionFaults {
  /** Stop dead after sending this many qbXML requests: no receiveResponseXML, no closeConnection. */
  dropAfterRequest?: number;
  /** The answer to receiveResponseXML number N (1-based) is lost on the wire; QBWC ends the update. */
  loseReceiveAnswer?: number;
  /**
   * QuickBooks runs request N (1-based), but its answer never reaches the service: the network
   * drops the receiveResponseXML call itself. The service must find out later what was written.
   */
  loseQuickBooksAnswer?: number;
  /** Send receiveResponseXML number N (1-based) twice. */
  repeatReceive?: number;
  /** Wait this long before every call. */
  stallMs?: number;
}

export interface CallRecord {
  readonly method: string;
  readonly result: string | string[] | number | undefined;
  readonly fault?: string;
}

export interface SessionOutcome {
  readonly authenticate: string[];
  readonly calls: CallRecord[];
  /** How the session ended: 'closed' (closeConnection said), 'refused' (nvu/none/busy), 'dropped' (fault). */
  readonly ended: 'closed' | 'refused' | 'dropped' | 'client-version';
  readonly closeMessage?: string;
  readonly lastError?: string;
  readonly percents: number[];
  readonly postponeSeconds?: number;
  readonly minimumRunSeconds?: number;
}

export interface WebConnectorOptions {
  readonly qwc: QwcFile;
  readonly password: string;
  readonly quickBooks: QuickBooksSimulator;
  readonly desktop: DesktopState;
  readonly version?: string;
  /** NoOp's 5-second pause, shortened for tests. */
  readonly noOpPauseMs?: number;
  readonly fetchImpl?: typeof fetch;
}

/**
 * The QuickBooks Web Connector, as a client over real HTTP: it walks the callback sequence
 * and its branches (nvu, none, busy, a company path, connectionError, NoOp, negative percent,
 * 100) and drives the QuickBooks simulator with the requests the service hands out.
 */
export class WebConnector {
  private fileIdWritten = false;

  constructor(private readonly options: WebConnectorOptions) {}

  private async call(
    method: string,
    params: readonly (readonly [string, string | number])[],
    calls: CallRecord[],
    stallMs?: number,
  ): Promise<string | string[] | undefined> {
    if (stallMs) await new Promise((r) => setTimeout(r, stallMs));
    const response = await (this.options.fetchImpl ?? fetch)(this.options.qwc.appUrl, {
      method: 'POST',
      headers: {
        'Content-Type': 'text/xml; charset=utf-8',
        SOAPAction: `"http://developer.intuit.com/${method}"`,
        'User-Agent': 'Mozilla/4.0 (compatible; MSIE 6.0; MS Web Services Client Protocol 2.0.50727.1433)',
      },
      body: qbwcEnvelope(method, params),
    });
    const text = await response.text();
    // Reference §1: every reply is HTTP 200 with one SOAP envelope; anything else fails the call.
    if (response.status !== 200) throw new Error(`${method} answered HTTP ${response.status}: QBWC takes that as a failed call`);
    const contentType = response.headers.get('content-type') ?? '';
    if (!contentType.startsWith('text/xml')) throw new Error(`QBWC1012-like: ${method} answered ${contentType}, not text/xml`);
    const answer = readSoapAnswer(text, method);
    calls.push({ method, result: answer.result, fault: answer.fault });
    if (answer.fault || answer.result === undefined) throw new Error(`${method} failed: ${answer.fault ?? `no ${method}Result in the answer`}`);
    return answer.result;
  }

  /** QBWC writes the QWC's FileID into the company file the first time it connects (../shared/reference/qbwc-qbxml.md §2). */
  private writeFileId(): void {
    if (this.fileIdWritten) return;
    const values = this.options.quickBooks.dataExt.get(this.options.qwc.ownerId) ?? new Map<string, string>();
    if (!values.has('FileID')) values.set('FileID', this.options.qwc.fileId);
    this.options.quickBooks.dataExt.set(this.options.qwc.ownerId, values);
    this.fileIdWritten = true;
  }

  /** One update, from serverVersion to closeConnection (or to where a fault cuts it). */
  async runSession(faults: SessionFaults = {}): Promise<SessionOutcome> {
    const calls: CallRecord[] = [];
    const percents: number[] = [];
    const stall = faults.stallMs;
    await this.call('serverVersion', [], calls, stall);
    const clientVersion = String(await this.call('clientVersion', [['strVersion', this.options.version ?? '2.3.0.215']], calls, stall));
    if (clientVersion.startsWith('E:') || clientVersion.startsWith('O:'))
      return { authenticate: [], calls, ended: 'client-version', lastError: clientVersion, percents };

    const auth = (await this.call(
      'authenticate',
      [
        ['strUserName', this.options.qwc.userName],
        ['strPassword', this.options.password],
      ],
      calls,
      stall,
    )) as string[];
    const [ticket, status, postpone, minimumRun] = Array.isArray(auth) ? auth : [];
    const timing = { postponeSeconds: postpone ? Number(postpone) : undefined, minimumRunSeconds: minimumRun ? Number(minimumRun) : undefined };
    if (status === 'nvu' || status === 'none' || status === 'busy') {
      const closeMessage = String(await this.call('closeConnection', [['ticket', ticket ?? '']], calls, stall));
      return { authenticate: auth, calls, ended: 'refused', closeMessage, percents, ...timing };
    }

    // Open the company: the path authenticate gave, or '' for whatever is open.
    let path = status ?? '';
    const desktop = this.options.desktop;
    for (let attempt = 0; ; attempt++) {
      const failure =
        desktop.openFailure ??
        (path === '' && !desktop.isRunning
          ? {
              hresult: '0x80040416',
              message: 'If the QuickBooks company data file is not open, a call to the "BeginSession" method must include the name of the data file.',
            }
          : undefined) ??
        (path !== '' && path.toLowerCase() !== desktop.companyFilePath.toLowerCase()
          ? { hresult: '0x80040403', message: 'Could not open the specified QuickBooks company data file.' }
          : undefined);
      if (!failure) break;
      const retry = String(
        await this.call(
          'connectionError',
          [
            ['ticket', ticket],
            ['hresult', failure.hresult],
            ['message', failure.message],
          ],
          calls,
          stall,
        ),
      );
      if (retry.toLowerCase() === 'done' || attempt >= 2) {
        const closeMessage = String(await this.call('closeConnection', [['ticket', ticket]], calls, stall));
        return { authenticate: auth, calls, ended: 'closed', closeMessage, percents, ...timing };
      }
      path = retry;
    }
    this.writeFileId();
    const quickBooks = this.options.quickBooks;
    quickBooks.openSession();

    let first = true;
    let requests = 0;
    let receives = 0;
    for (;;) {
      const hcp = first ? quickBooks.hcpResponse() : '';
      const major = Number(quickBooks.host.maxQbxmlVersion.split('.')[0]);
      const request = String(
        await this.call(
          'sendRequestXML',
          [
            ['ticket', ticket],
            ['strHCPResponse', hcp],
            ['strCompanyFileName', path || desktop.companyFilePath],
            ['qbXMLCountry', 'US'],
            ['qbXMLMajorVers', major],
            ['qbXMLMinorVers', 0],
          ],
          calls,
          stall,
        ),
      );
      first = false;
      if (request === '') {
        const lastError = String(await this.call('getLastError', [['ticket', ticket]], calls, stall));
        if (lastError === 'NoOp') {
          await new Promise((r) => setTimeout(r, this.options.noOpPauseMs ?? 5000));
          continue;
        }
        const closeMessage = String(await this.call('closeConnection', [['ticket', ticket]], calls, stall));
        return { authenticate: auth, calls, ended: 'closed', closeMessage, lastError, percents, ...timing };
      }
      requests++;
      if (faults.dropAfterRequest !== undefined && requests >= faults.dropAfterRequest)
        return { authenticate: auth, calls, ended: 'dropped', percents, ...timing };
      let response = '';
      let hresult = '';
      let message = '';
      try {
        response = await quickBooks.process(request);
      } catch (error) {
        if (!(error instanceof QbHresultError)) throw error;
        hresult = error.hresult;
        message = error.message;
      }
      if (faults.loseQuickBooksAnswer === requests) return { authenticate: auth, calls, ended: 'dropped', percents, ...timing };
      receives++;
      const receive = () =>
        this.call(
          'receiveResponseXML',
          [
            ['ticket', ticket],
            ['response', response],
            ['hresult', hresult],
            ['message', message],
          ],
          calls,
          stall,
        );
      if (faults.repeatReceive === receives) await receive();
      const percent = Number(await receive());
      if (faults.loseReceiveAnswer === receives) return { authenticate: auth, calls, ended: 'dropped', percents, ...timing };
      percents.push(percent);
      if (percent < 0) {
        const lastError = String(await this.call('getLastError', [['ticket', ticket]], calls, stall));
        const closeMessage = String(await this.call('closeConnection', [['ticket', ticket]], calls, stall));
        return { authenticate: auth, calls, ended: 'closed', closeMessage, lastError, percents, ...timing };
      }
      if (percent >= 100) {
        const closeMessage = String(await this.call('closeConnection', [['ticket', ticket]], calls, stall));
        return { authenticate: auth, calls, ended: 'closed', closeMessage, percents, ...timing };
      }
    }
  }

  /**
   * Auto-run: sessions one after another, waiting the QWC's interval (raised by the service's
   * minimum, or replaced by a postpone), scaled by `secondsToMs` so tests run fast.
   */
  async runForever(options: { sessions: number; secondsToMs: number; faults?: SessionFaults }): Promise<{ outcome: SessionOutcome; waitedSeconds: number }[]> {
    const runs = [];
    let interval = (this.options.qwc.runEveryMinutes ?? 5) * 60;
    for (let i = 0; i < options.sessions; i++) {
      const outcome = await this.runSession(options.faults);
      if (outcome.minimumRunSeconds && outcome.minimumRunSeconds > interval) interval = outcome.minimumRunSeconds;
      const waitedSeconds = outcome.postponeSeconds ?? interval;
      runs.push({ outcome, waitedSeconds });
      if (i < options.sessions - 1) await new Promise((r) => setTimeout(r, waitedSeconds * options.secondsToMs));
    }
    return runs;
  }
}
