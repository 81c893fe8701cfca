import type { HttpRoutes } from '../http/http-routes';
import type { ServiceMetrics } from './service-metrics';

/**
 * `GET /metrics` in Prometheus' text format. It names connection ids but no partner data;
 * keep it on the private network (the reverse proxy should not publish it).
 */
export function metricsRoutes(metrics: ServiceMetrics): HttpRoutes {
  return {
    name: 'metrics',
    register(router) {
      router.get('/metrics', async (ctx) => {
        ctx.type = metrics.registry.contentType;
        ctx.body = await metrics.registry.metrics();
      });
    },
  };
}
