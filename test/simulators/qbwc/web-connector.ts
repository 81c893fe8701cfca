import { QbHresultError } from '../qbd/quickbooks-simulator';
import { openFailureOf } from './desktop-state';
import { callQbwc } from './qbwc-call';
import type { CallRecord, SessionFaults, SessionOutcome, WebConnectorOptions } from './web-connector-options';

export type { DesktopState } from './desktop-state';
export type { CallRecord, SessionFaults, SessionOutcome, WebConnectorOptions } from './web-connector-options';

/**
 * The QuickBooks Web Connector, as a client over real HTTP: it walks the callback sequence
 * and its branches (nvu, none, busy, a company path, connectionError, NoOp, negative percent,
 * 100) and drives the QuickBooks simulator with the requests the service hands out.
 */
export class WebConnector {
  private fileIdWritten = false;

  constructor(private readonly options: WebConnectorOptions) {}

  private call(method: string, params: readonly (readonly [string, string | number])[], calls: CallRecord[], stallMs?: number) {
    return callQbwc({ appUrl: this.options.qwc.appUrl, fetchImpl: this.options.fetchImpl }, method, params, calls, stallMs);
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
      const failure = openFailureOf(desktop, path);
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
