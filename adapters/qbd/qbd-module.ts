import { ContainerModule } from 'inversify';
import type { HttpRoutes } from '../../core/runtime/http/http-routes';
import { TOKENS } from '../../core/runtime/tokens';
import { ConnectionRoutes } from './api/connection-routes';
import { InstallRoutes } from './api/install-routes';
import { ConnectionWrites } from './services/connection-writes';
import { AnswerStore } from './qbwc/answer-store';
import { LiveSessions } from './qbwc/live-session';
import { QbwcMetrics } from './qbwc/qbwc-metrics';
import { QbwcService } from './qbwc/qbwc-service';
import { SessionEnd } from './qbwc/session-end';
import { SessionFailure } from './qbwc/session-failure';
import { SessionRunner } from './qbwc/session-runner';
import { SessionStart } from './qbwc/session-start';
import { SignIn } from './qbwc/sign-in';
import { QbwcSoapRoutes } from './qbwc/qbwc-soap-routes';

/** QuickBooks Desktop's services: the Web Connector endpoint, the connection API and its installs. */
export const qbdModule = new ContainerModule(({ bind }) => {
  bind(QbwcMetrics).toSelf().inSingletonScope();
  bind(QbwcService).toSelf().inSingletonScope();
  // The session's units, which the service's facade calls (start, runner, end).
  bind(LiveSessions).toSelf().inSingletonScope();
  bind(SessionFailure).toSelf().inSingletonScope();
  bind(SessionStart).toSelf().inSingletonScope();
  bind(AnswerStore).toSelf().inSingletonScope();
  bind(SessionRunner).toSelf().inSingletonScope();
  bind(SessionEnd).toSelf().inSingletonScope();
  bind(SignIn).toSelf().inSingletonScope();
  bind<HttpRoutes>(TOKENS.HttpRoutes).to(QbwcSoapRoutes).inSingletonScope();
  bind(ConnectionWrites).toSelf().inSingletonScope();
  bind<HttpRoutes>(TOKENS.HttpRoutes).to(ConnectionRoutes).inSingletonScope();
  bind<HttpRoutes>(TOKENS.HttpRoutes).to(InstallRoutes).inSingletonScope();
});
