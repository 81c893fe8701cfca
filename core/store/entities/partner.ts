import { EntitySchema } from '@mikro-orm/core';

/** A company using the platform; every other record belongs to one partner. */
export class Partner {
  id!: string;
  name!: string;
  /** sha256 of the partner's API key: keys are long random values, so a fast hash is safe. */
  apiKeyHash!: string;
  /** sha256 of the key the last rotation replaced, which works until previousKeyExpiresAt. */
  previousApiKeyHash?: string | null;
  previousKeyExpiresAt?: Date | null;
  createdAt!: Date;
}

export const PartnerSchema = new EntitySchema<Partner>({
  class: Partner,
  tableName: 'partner',
  properties: {
    id: { type: 'uuid', primary: true },
    name: { type: 'text' },
    apiKeyHash: { type: 'text', unique: true, fieldName: 'api_key_hash' },
    previousApiKeyHash: { type: 'text', nullable: true, unique: true, fieldName: 'previous_api_key_hash' },
    previousKeyExpiresAt: { type: 'Date', columnType: 'timestamptz', nullable: true, fieldName: 'previous_key_expires_at' },
    createdAt: { type: 'Date', columnType: 'timestamptz', fieldName: 'created_at' },
  },
});
