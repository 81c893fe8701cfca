import type { QuickBooksSimulator } from '../qbd/quickbooks-simulator';
import type { DesktopState } from './desktop-state';
import type { QwcFile } from './qwc-reader';

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
