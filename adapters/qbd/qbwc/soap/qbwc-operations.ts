import { AppError } from '../../../../core/errors/app-error';
import type { QbwcMetrics } from '../qbwc-metrics';
import type { QbwcService } from '../qbwc-service';
import type { AnswerIntake } from '../session-runner';
import type { SoapResult } from './soap-answer';
import { envelopeRefusal } from './envelope-refusal';
import type { ParameterPolicy } from './soap-envelope-reader';
import { SOAP_LIMITS } from './soap-limits';

/** One call in progress: parameters arrive as the envelope is read, then it is finished. */
export interface OperationRun {
  param(name: string, value: string): Promise<void> | void;
  /** A piece of the streamed parameter (only QuickBooks' answer is streamed). */
  text(param: string, text: string): void;
  finish(): Promise<SoapResult>;
}

/** Who is calling, for what the service records about sign-ins. */
export interface CallSource {
  readonly address: string;
}

type Params = Record<string, string>;

/** What an operation runs against: the service, its metrics, and who called. */
export interface OperationContext {
  readonly service: QbwcService;
  readonly metrics: QbwcMetrics;
  readonly source: CallSource;
}

type Operation = (context: OperationContext) => OperationRun;

/** The common shape: hold every parameter, then answer once the envelope is complete. */
function held(answer: (params: Params, context: OperationContext) => Promise<SoapResult> | SoapResult): Operation {
  return (context) => {
    const params: Params = {};
    return {
      param: (name, value) => void (params[name] = value),
      text: () => undefined,
      finish: async () => answer(params, context),
    };
  };
}

const authOutcome = (result: readonly string[]) => (['nvu', 'none', 'busy'].includes(result[1]) ? result[1] : 'ok');

/**
 * The Web Connector's operations by the body's element name (never by SOAPAction, which is
 * only a hint and which clients quote differently: ../shared/reference/qbwc-qbxml.md §1.8), each as a small run.
 */
export const QBWC_HANDLERS: Readonly<Record<string, Operation>> = {
  serverVersion: held((_p, { service }) => service.serverVersion()),
  // Reference §1.3: documented, apparently unused; it answers the same.
  getServerVersion: held((_p, { service }) => service.serverVersion()),
  clientVersion: held((p, { service, metrics }) => metrics.timed('clientVersion', () => service.clientVersion(p.strVersion ?? ''))),
  authenticate: held((p, { service, metrics, source }) =>
    metrics.timed('authenticate', () => service.authenticate(p.strUserName ?? '', p.strPassword ?? '', source.address), authOutcome),
  ),
  sendRequestXML: held((p, { service, metrics }) =>
    metrics.timed(
      'sendRequestXML',
      () =>
        service.sendRequestXML({
          ticket: p.ticket ?? '',
          strHCPResponse: p.strHCPResponse ?? '',
          strCompanyFileName: p.strCompanyFileName ?? '',
          qbXMLCountry: p.qbXMLCountry ?? '',
          qbXMLMajorVers: intParam(p.qbXMLMajorVers, 13),
          qbXMLMinorVers: intParam(p.qbXMLMinorVers, 0),
        }),
      (xml) => (xml ? 'ok' : 'nothing-sent'),
    ),
  ),
  receiveResponseXML: receiveResponse,
  connectionError: held((p, { service, metrics }) =>
    metrics.timed('connectionError', () => service.connectionError({ ticket: p.ticket ?? '', hresult: p.hresult ?? '', message: p.message ?? '' })),
  ),
  getLastError: held((p, { service, metrics }) => metrics.timed('getLastError', () => service.getLastError(p.ticket ?? ''))),
  closeConnection: held((p, { service, metrics }) => metrics.timed('closeConnection', () => service.closeConnection(p.ticket ?? ''))),
  // We never answer "Interactive mode", so QBWC has no reason to call these (../shared/reference/qbwc-qbxml.md §1.3);
  // a client that does gets a plain answer rather than a fault. Wire parameter names are UNVERIFIED.
  getInteractiveURL: held(() => ''),
  interactiveDone: held(() => 'Done'),
  interactiveRejected: held(() => 'This service does not use interactive mode.'),
};

/** QuickBooks' answer flows into the session's qbXML reader piece by piece as it arrives. */
function receiveResponse({ service, metrics }: OperationContext): OperationRun {
  const params: Params = {};
  let intake: AnswerIntake | undefined;
  return {
    param(name, value) {
      params[name] = value;
      if (name === 'ticket')
        return service.beginAnswer(value).then((opened) => {
          intake = opened;
        });
    },
    text(_param, text) {
      // The WSDL's sequence puts the ticket first: without it there is no session to read for.
      if (!intake) throw envelopeRefusal('receiveResponseXML must send its ticket before the response.');
      intake.write(text);
    },
    finish: () =>
      metrics.timed(
        'receiveResponseXML',
        async () => await (intake ?? (await service.beginAnswer(params.ticket ?? ''))).finish({ hresult: params.hresult ?? '', message: params.message ?? '' }),
        (percent) => (percent < 0 ? 'error' : percent === 100 ? 'done' : 'ok'),
      ),
  };
}

/** xsd:int as the WSDL declares it; anything else is the caller's mistake, said plainly. */
function intParam(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  if (!/^\s*[+-]?\d{1,9}\s*$/.test(value)) throw new AppError('malformed', 'qbXMLMajorVers and qbXMLMinorVers must be whole numbers.');
  return Number(value);
}

/** QuickBooks' answer is streamed, the HCP answers may be larger than the rest, which stay short. */
export const QBWC_PARAMETER_POLICY: ParameterPolicy = (method, param) => {
  if (method === 'receiveResponseXML' && param === 'response') return 'stream';
  if (param === 'strHCPResponse') return SOAP_LIMITS.maxHcpChars;
  return SOAP_LIMITS.maxParameterChars;
};
