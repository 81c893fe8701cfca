import { expect } from 'chai';
import { readJson } from '../../../../support/read-json';
import { healthRoutes } from '../../../../../core/runtime/http/health-routes';
import type { Database } from '../../../../../core/store/open-database';
import { serveRoutes } from './koa-harness';

/** A strict stand-in: only ping and mode may be used; anything else fails the test. */
function databaseThatFails(): Database {
  return new Proxy({ mode: 'external', ping: () => Promise.reject(new Error('connection refused')) } as unknown as Database, {
    get(target, key) {
      if (key === 'mode' || key === 'ping') return Reflect.get(target, key);
      throw new Error(`unexpected use of database.${String(key)}`);
    },
  });
}

describe('GET /health', () => {
  it('answers 503 when the database does not answer', async () => {
    const harness = await serveRoutes(healthRoutes(databaseThatFails()));
    try {
      const res = await fetch(`${harness.url}/health`);
      expect(res.status).to.equal(503);
      expect(await readJson(res)).to.deep.equal({ status: 'unavailable', database: 'external', message: 'The database does not answer.' });
    } finally {
      await harness.close();
    }
  });
});
