import { Migration0001PartnersAndConnections } from './migration-0001-partners-and-connections';

/**
 * Every migration, in the order it runs. Listed explicitly (not found by glob) so that the
 * compiled service needs no file scanning; names are stored in the migrations table, so never
 * rename one that has shipped.
 */
export const MIGRATIONS = [{ name: '0001-partners-and-connections', class: Migration0001PartnersAndConnections }];
