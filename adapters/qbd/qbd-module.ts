import { ContainerModule } from 'inversify';
import type { HttpRoutes } from '../../core/runtime/http/http-routes';
import { TOKENS } from '../../core/runtime/tokens';
import { ConnectionRoutes } from './api/connection-routes';
import { InstallRoutes } from './api/install-routes';
import { QbwcMetrics } from './qbwc/qbwc-metrics';
import { QbwcService } from './qbwc/qbwc-service';
import { SignIn } from './qbwc/sign-in';
import { QbwcSoapRoutes } from './qbwc/qbwc-soap-routes';

/** QuickBooks Desktop's services: the Web Connector endpoint, the connection API and its installs. */
export const qbdModule = new ContainerModule(({ bind }) => {
  bind(QbwcMetrics).toSelf().inSingletonScope();
  bind(QbwcService).toSelf().inSingletonScope();
  bind(SignIn).toSelf().inSingletonScope();
  bind<HttpRoutes>(TOKENS.HttpRoutes).to(QbwcSoapRoutes).inSingletonScope();
  bind<HttpRoutes>(TOKENS.HttpRoutes).to(ConnectionRoutes).inSingletonScope();
  bind<HttpRoutes>(TOKENS.HttpRoutes).to(InstallRoutes).inSingletonScope();
});
