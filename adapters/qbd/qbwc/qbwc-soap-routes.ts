import { inject, injectable } from 'inversify';
import type { IncomingMessage } from 'node:http';
import type { AppConfig } from '../../../core/config/app-config';
import { AppError } from '../../../core/errors/app-error';
import type { ParameterizedContext } from 'koa';
import type { AppState } from '../../../core/runtime/http/app-state';
import type { AppRouter, HttpRoutes } from '../../../core/runtime/http/http-routes';
import { TOKENS } from '../../../core/runtime/tokens';
import { QbwcMetrics } from './qbwc-metrics';
import { QbwcService } from './qbwc-service';
import { buildQbwcWsdl } from './qbwc-wsdl';
import { qbwcBaseUrl } from './qwc-file';
import { QBWC_HANDLERS, QBWC_PARAMETER_POLICY, OperationRun } from './soap/qbwc-operations';
import { FaultCode, SoapResult, soapFaultEnvelope, soapResultEnvelope } from './soap/soap-answer';
import { envelopeRefusal } from './soap/envelope-refusal';
import { SOAP_LIMITS } from './soap/soap-limits';
import { readSoapEnvelope } from './soap/read-soap-envelope';

/** The answer a stranger gets when something broke on our side: what to do, nothing of how. */
const SERVER_FAULT_TEXT = 'The service could not answer this call. The Web Connector will try again at its next run; if this goes on, contact support.';

/** An envelope refusal's special SOAP 1.1 code travels in its detail (see envelopeRefusal). */
function faultCodeOf(error: AppError): FaultCode {
  if (error.detail === 'VersionMismatch' || error.detail === 'MustUnderstand') return error.detail;
  return error.kind === 'internal' || error.kind === 'transient' ? 'Server' : 'Client';
}

/**
 * `POST /qbwc`, the Web Connector's SOAP 1.1 service, read as a stream: each chunk of the body
 * goes through a sax reader with limits as it arrives, the operation is chosen by the body's
 * element, and QuickBooks' answer flows piece by piece into the session's qbXML reader, so it
 * is parsed once and nothing holds the event loop for long (docs/adr/0003). Also
 * `GET /qbwc?wsdl` (our own WSDL, with our address) and `GET /support` (QBWC checks it answers).
 */
@injectable()
export class QbwcSoapRoutes implements HttpRoutes {
  readonly name = 'qbwc-soap';
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
      ctx.type = 'text/xml; charset=utf-8';
      ctx.body = this.wsdl;
    });
    router.post('/qbwc', async (ctx) => {
      let answer: { status: number; xml: string };
      try {
        answer = { status: 200, xml: soapResultEnvelope(...(await this.call(ctx))) };
      } catch (thrown) {
        const error = AppError.from(thrown);
        const code = faultCodeOf(error);
        if (code === 'Server') ctx.state.log.error('qbwc call failed', { error: thrown, detail: error.detail });
        else ctx.state.log.info('qbwc call refused', { message: error.userMessage, detail: error.detail });
        // SOAP 1.1 over HTTP: a fault is answered 500 whoever is at fault (SOAP 1.1 §6.2).
        answer = { status: 500, xml: soapFaultEnvelope(code, code === 'Server' ? SERVER_FAULT_TEXT : error.userMessage) };
        // A body declared too large is not read at all: the connection goes after the answer. Any
        // other refused body is read and dropped (drainRest), so the caller gets the fault, not
        // a reset (closing a socket with unread data resets it, and the answer with it).
        if (declaredTooLarge(ctx.req)) ctx.set('Connection', 'close');
      }
      ctx.status = answer.status;
      ctx.type = 'text/xml; charset=utf-8';
      ctx.body = answer.xml;
      drainRest(ctx.req);
    });
    router.get('/support', (ctx) => {
      ctx.type = 'text/html';
      ctx.body =
        '<!doctype html><title>Alternative Payments QuickBooks sync</title><h1>Alternative Payments QuickBooks sync</h1><p>This address serves the QuickBooks Web Connector. For help, open Integrations in your Alternative Payments dashboard or contact support.</p>';
    });
  }

  /** Reads the envelope as it arrives and runs its operation; returns the method and its result. */
  private async call(ctx: ParameterizedContext<AppState>): Promise<[string, SoapResult]> {
    if (declaredTooLarge(ctx.req)) throw envelopeRefusal(`The request is larger than ${SOAP_LIMITS.maxBodyBytes} bytes.`);
    // destroyOnReturn false: a refusal stops reading, and the socket must live to carry the fault.
    const body: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => ctx.req.iterator({ destroyOnReturn: false }) };
    let method = '';
    let run: OperationRun | undefined;
    for await (const events of readSoapEnvelope(body, QBWC_PARAMETER_POLICY)) {
      for (const event of events) {
        if (event.kind === 'method') {
          const operation = QBWC_HANDLERS[event.name];
          if (!operation)
            throw envelopeRefusal(
              `This service has no operation ${event.name.slice(0, 64)}; it answers the QuickBooks Web Connector's: ${Object.keys(QBWC_HANDLERS).join(', ')}.`,
            );
          method = event.name;
          run = operation({ service: this.service, metrics: this.metrics, source: { address: sourceAddressOf(ctx.ip) } });
        } else if (event.kind === 'param') {
          // Most parameters are only kept: awaiting nothing would still cost a turn of the queue.
          const looking = run!.param(event.name, event.value);
          if (looking) await looking;
        } else run!.text(event.param, event.text);
      }
    }
    return [method, await run!.finish()];
  }
}

/** The caller's address (Koa's, which follows X-Forwarded-For only with TRUST_PROXY), IPv4 without its IPv6 mapping. */
function sourceAddressOf(ip: string): string {
  return ip.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

function declaredTooLarge(req: IncomingMessage): boolean {
  return Number(req.headers['content-length'] || 0) > SOAP_LIMITS.maxBodyBytes;
}

/** Reads and drops what is left of a refused body, up to the body limit; past it, the socket goes. */
function drainRest(req: IncomingMessage): void {
  if (req.readableEnded || declaredTooLarge(req)) return;
  let left = SOAP_LIMITS.maxBodyBytes;
  req.on('data', (chunk: Buffer) => {
    left -= chunk.length;
    if (left < 0) req.socket.destroy();
  });
  req.resume();
}
