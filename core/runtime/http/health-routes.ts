import type { Database } from '../../store/open-database';
import type { HttpRoutes } from './http-routes';

/** `GET /health`: 200 when the database answers, 503 when it does not. */
export function healthRoutes(database: Database): HttpRoutes {
  return {
    name: 'health',
    register(router) {
      router.get('/health', async (ctx) => {
        try {
          await database.ping();
          ctx.body = { status: 'ok', database: database.mode };
        } catch (error) {
          ctx.state.log.error('health check failed', { error });
          ctx.status = 503;
          ctx.body = { status: 'unavailable', database: database.mode, message: 'The database does not answer.' };
        }
      });
    },
  };
}
