import { ConnectionSchema } from './connection';
import { PartnerSchema } from './partner';

/** The framework's own tables, as MikroORM schemas. */
export const FRAMEWORK_ENTITIES = [PartnerSchema, ConnectionSchema];
