import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * The statements the database client sends from now on, on any entity manager of the same ORM
 * (stop listening with `stop`): to show that a store answers a page in the statements it promises.
 */
export function countStatements(em: EntityManager): { sent: string[]; stop(): void } {
  const sent: string[] = [];
  const knex = em.getConnection().getKnex();
  const listener = (query: { sql: string }) => sent.push(query.sql);
  knex.on('query', listener);
  return { sent, stop: () => knex.removeListener('query', listener) };
}
