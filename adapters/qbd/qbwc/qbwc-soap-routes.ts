import { inject, injectable } from 'inversify';
import type { IncomingMessage } from 'node:http';
import { listen, Server as SoapServer } from 'soap';
import type { AppConfig } from '../../../core/config/app-config';
import type { AppRouter, HttpRoutes } from '../../../core/runtime/http/http-routes';
import { decodeUtf8, readLimitedBody } from '../../../core/runtime/http/read-limited-body';
import { TOKENS } from '../../../core/runtime/tokens';
import { QbwcMetrics } from './qbwc-metrics';
import { QbwcService } from './qbwc-service';
import { buildQbwcWsdl } from './qbwc-wsdl';
import { qbwcBaseUrl } from './qwc-file';

/** QuickBooks' answers are kept small by paging; anything larger is refused before it is parsed. */
export const SOAP_BODY_LIMIT_BYTES = 32 * 1024 * 1024;

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/**
 * `POST /qbwc` (the Web Connector's SOAP service, through the `soap` package), `GET /qbwc?wsdl`
 * (our own WSDL with our address) and `GET /support` (QBWC checks that it answers 200).
 */
@injectable()
export class QbwcSoapRoutes implements HttpRoutes {
  readonly name = 'qbwc-soap';
  private server?: Promise<SoapServer>;
  private readonly wsdl: string;

  constructor(
    @inject(TOKENS.AppConfig) config: AppConfig,
    @inject(QbwcService) private readonly service: QbwcService,
    @inject(QbwcMetrics) private readonly metrics: QbwcMetrics,
  ) {
    this.wsdl = buildQbwcWsdl(`${qbwcBaseUrl(config.service.publicUrl)}/qbwc`);
  }

  register(router: AppRouter): void {
    router.get('/qbwc', (ctx) => {
      ctx.type = 'text/xml';
      ctx.body = this.wsdl;
    });
    router.post('/qbwc', async (ctx) => {
      const body = await readLimitedBody(ctx.req, SOAP_BODY_LIMIT_BYTES);
      decodeUtf8(body); // the Web Connector sends UTF-8; anything else is refused before parsing
      const server = await this.soapServer();
      (ctx.req as IncomingMessage & { body?: Buffer }).body = body;
      ctx.respond = false;
      // Koa starts every response at 404; soap writes its answer without setting 200, and the
      // Web Connector takes any status but 200 as a failed call (faults set their own 500).
      ctx.res.statusCode = 200;
      const finished = new Promise<void>((resolve) => ctx.res.once('close', () => resolve()));
      (server as unknown as { _requestListener(req: IncomingMessage, res: unknown): void })._requestListener(ctx.req, ctx.res);
      await finished;
    });
    router.get('/support', (ctx) => {
      ctx.type = 'text/html';
      ctx.body = '<!doctype html><title>Alternative Payments QuickBooks sync</title><h1>Alternative Payments QuickBooks sync</h1><p>This address serves the QuickBooks Web Connector. For help, open Integrations in your Alternative Payments dashboard or contact support.</p>';
    });
  }

  /** One `soap` server per process, created when the first call arrives (WSDL parsing is asynchronous). */
  private soapServer(): Promise<SoapServer> {
    this.server ??= new Promise((resolve, reject) => {
      const s = this.service;
      const m = this.metrics;
      const authOutcome = (r: string[]) => (r[1] === 'nvu' || r[1] === 'none' || r[1] === 'busy' ? r[1] : 'ok');
      const methods = {
        serverVersion: () => ({ serverVersionResult: s.serverVersion() }),
        clientVersion: (a: Record<string, unknown>) => ({ clientVersionResult: s.clientVersion(text(a.strVersion)) }),
        authenticate: async (a: Record<string, unknown>) => ({
          authenticateResult: { string: await m.timed('authenticate', () => s.authenticate(text(a.strUserName), text(a.strPassword)), authOutcome) },
        }),
        sendRequestXML: async (a: Record<string, unknown>) => ({
          sendRequestXMLResult: await m.timed(
            'sendRequestXML',
            () =>
              s.sendRequestXML({
                ticket: text(a.ticket), strHCPResponse: text(a.strHCPResponse), strCompanyFileName: text(a.strCompanyFileName),
                qbXMLCountry: text(a.qbXMLCountry), qbXMLMajorVers: Number(a.qbXMLMajorVers ?? 13), qbXMLMinorVers: Number(a.qbXMLMinorVers ?? 0),
              }),
            (xml) => (xml ? 'ok' : 'nothing-sent'),
          ),
        }),
        receiveResponseXML: async (a: Record<string, unknown>) => ({
          receiveResponseXMLResult: await m.timed(
            'receiveResponseXML',
            () => s.receiveResponseXML({ ticket: text(a.ticket), response: text(a.response), hresult: text(a.hresult), message: text(a.message) }),
            (percent) => (percent < 0 ? 'error' : percent === 100 ? 'done' : 'ok'),
          ),
        }),
        connectionError: async (a: Record<string, unknown>) => ({
          connectionErrorResult: await m.timed('connectionError', () => s.connectionError({ ticket: text(a.ticket), hresult: text(a.hresult), message: text(a.message) })),
        }),
        getLastError: async (a: Record<string, unknown>) => ({ getLastErrorResult: await m.timed('getLastError', () => s.getLastError(text(a.ticket))) }),
        closeConnection: async (a: Record<string, unknown>) => ({ closeConnectionResult: await m.timed('closeConnection', () => s.closeConnection(text(a.ticket))) }),
      };
      const server = listen(null, '/qbwc', { QBWebConnectorSvc: { QBWebConnectorSvcSoap: methods } }, this.wsdl, (error: unknown) => (error ? reject(error) : resolve(server)));
    });
    return this.server;
  }
}
