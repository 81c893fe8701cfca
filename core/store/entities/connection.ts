import { EntitySchema } from '@mikro-orm/core';
import { Partner } from './partner';

export const CONNECTION_STATUSES = ['pending', 'connected', 'paused', 'error'] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** A partner's link to one company in one external system (one QuickBooks company file). */
export class Connection {
  id!: string;
  partner!: Partner;
  /** Which adapter serves it, e.g. `qbd`. */
  system!: string;
  companyName!: string;
  /** The company file the Web Connector should open; '' means whatever company is open. */
  companyFilePath!: string;
  status!: ConnectionStatus;
  createdAt!: Date;
  updatedAt!: Date;
}

export const ConnectionSchema = new EntitySchema<Connection>({
  class: Connection,
  tableName: 'connection',
  properties: {
    id: { type: 'uuid', primary: true },
    partner: { kind: 'm:1', entity: () => Partner, fieldName: 'partner_id', deleteRule: 'cascade' },
    system: { type: 'text' },
    companyName: { type: 'text', fieldName: 'company_name' },
    companyFilePath: { type: 'text', fieldName: 'company_file_path' },
    status: { type: 'text' },
    createdAt: { type: 'Date', columnType: 'timestamptz', fieldName: 'created_at' },
    updatedAt: { type: 'Date', columnType: 'timestamptz', fieldName: 'updated_at' },
  },
});
