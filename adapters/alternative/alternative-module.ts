import { ContainerModule } from 'inversify';
import type { HttpRoutes } from '../../core/runtime/http/http-routes';
import { TOKENS } from '../../core/runtime/tokens';
import { AdminPartnerRoutes } from './api/admin-partner-routes';

/** The Alternative side's services: for now its admin REST routes. */
export const alternativeModule = new ContainerModule(({ bind }) => {
  bind<HttpRoutes>(TOKENS.HttpRoutes).to(AdminPartnerRoutes).inSingletonScope();
});
