import { ContainerModule } from 'inversify';
import type { HttpRoutes } from '../../core/runtime/http/http-routes';
import { TOKENS } from '../../core/runtime/tokens';
import { AdminPartnerRoutes } from './api/admin-partner-routes';
import { ApiKeyRoutes } from './api/api-key-routes';
import { CustomerRoutes } from './api/customer-routes';
import { InvoiceRoutes } from './api/invoice-routes';
import { DashboardRoutes } from './dashboard/dashboard-routes';
import { LedgerRoutes } from './api/ledger-routes';
import { PaymentRoutes } from './api/payment-routes';
import { PlatformChanges } from './services/platform-changes';
import { AttentionRoutes } from './api/attention-routes';
import { CustomerWrites } from './services/customer-writes';
import { InvoiceWrites } from './services/invoice-writes';
import { PaymentWrites } from './services/payment-writes';
import { PayoutWrites } from './services/payout-writes';

/** The Alternative side's services: its admin routes, API key rotation, the ledger's API, invoices and payments made here, and the partner dashboard. */
export const alternativeModule = new ContainerModule(({ bind }) => {
  bind(PlatformChanges).toSelf().inSingletonScope();
  bind(CustomerWrites).toSelf().inSingletonScope();
  bind(InvoiceWrites).toSelf().inSingletonScope();
  bind(PaymentWrites).toSelf().inSingletonScope();
  bind(PayoutWrites).toSelf().inSingletonScope();
  bind<HttpRoutes>(TOKENS.HttpRoutes).to(AdminPartnerRoutes).inSingletonScope();
  bind<HttpRoutes>(TOKENS.HttpRoutes).to(ApiKeyRoutes).inSingletonScope();
  bind<HttpRoutes>(TOKENS.HttpRoutes).to(LedgerRoutes).inSingletonScope();
  bind<HttpRoutes>(TOKENS.HttpRoutes).to(PaymentRoutes).inSingletonScope();
  bind<HttpRoutes>(TOKENS.HttpRoutes).to(CustomerRoutes).inSingletonScope();
  bind<HttpRoutes>(TOKENS.HttpRoutes).to(InvoiceRoutes).inSingletonScope();
  bind<HttpRoutes>(TOKENS.HttpRoutes).to(AttentionRoutes).inSingletonScope();
  bind<HttpRoutes>(TOKENS.HttpRoutes).to(DashboardRoutes).inSingletonScope();
});
