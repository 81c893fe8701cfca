import { EntitySchema } from '@mikro-orm/core';

/** A company using the platform; every other record belongs to one partner. */
export class Partner {
  id!: string;
  name!: string;
  /** sha256 of the partner's API key: keys are long random values, so a fast hash is safe. */
  apiKeyHash!: string;
  createdAt!: Date;
}

export const PartnerSchema = new EntitySchema<Partner>({
  class: Partner,
  tableName: 'partner',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'text' },
    apiKeyHash: { type: 'text', unique: true, fieldName: 'api_key_hash' },
    createdAt: { type: 'Date', columnType: 'timestamptz', fieldName: 'created_at' },
  },
});
