import type { EntityManager } from '@mikro-orm/postgresql';
import { AppError } from '../../errors/app-error';
import { Connection } from '../../store/entities/connection';
import type { Partner } from '../../store/entities/partner';
import { UUID_PATTERN } from '../../validation/uuid';

/** The partner's own connection; another partner's id answers exactly like a missing one (404). */
export async function ownedConnection(em: EntityManager, partner: Partner, id: string): Promise<Connection> {
  const connection = UUID_PATTERN.test(id) ? await em.findOne(Connection, { id, partner }) : null;
  if (!connection) throw new AppError('not-found', 'No such connection.');
  return connection;
}
