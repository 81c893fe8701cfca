import type { HttpRoutes } from '../http/http-routes';
import { requireBearerToken } from '../http/require-bearer-token';
import type { ServiceMetrics } from './service-metrics';

/**
 * `GET /metrics` in Prometheus' text format, for a scraper holding METRICS_TOKEN (401 without
 * it; 404 when the variable is unset). It names connection ids, which an open page would hand to
 * anyone who finds the service's address.
 */
export function metricsRoutes(metrics: ServiceMetrics, metricsToken: string | undefined): HttpRoutes {
  return {
    name: 'metrics',
    register(router) {
      router.get('/metrics', requireBearerToken(metricsToken, 'METRICS_TOKEN'), async (ctx) => {
        ctx.type = metrics.registry.contentType;
        ctx.body = await metrics.registry.metrics();
      });
    },
  };
}
