import type { EntityManager } from '@mikro-orm/postgresql';
import { AsyncLocalStorage } from 'node:async_hooks';

const counting = new AsyncLocalStorage<object>();

/**
 * The statements the database client sends from now on, on any entity manager of the same ORM
 * (stop listening with `stop`): to show that a store answers a page in the statements it promises.
 * Only statements sent from the calling test's own async flow count: the running service's
 * background work (its job engine, its timers) shares the same client and may send one at any
 * moment.
 */
export function countStatements(em: EntityManager): { sent: string[]; stop(): void } {
  const sent: string[] = [];
  const flow = {};
  counting.enterWith(flow);
  const knex = em.getConnection().getKnex();
  const listener = (query: { sql: string }) => {
    if (counting.getStore() === flow) sent.push(query.sql);
  };
  knex.on('query', listener);
  return { sent, stop: () => knex.removeListener('query', listener) };
}
