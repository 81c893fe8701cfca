import { ApiDescription, list, obj, str } from '../../../core/runtime/http/openapi/api-description';
import { API_KEY_EXAMPLE } from './api-resources';

export const ADMIN_API: ApiDescription = {
  'POST /api/admin/partners': {
    operationId: 'createPartner',
    summary: 'Create a partner',
    description: 'The API key is shown only in this answer. The id may be chosen, so an override file can be written first.',
    auth: 'admin',
    body: obj({ name: str(undefined, { maxLength: 200 }), id: str('A lower-case UUID', { format: 'uuid' }) }, ['name']),
    bodyExample: { name: 'Pagos Ñandú', id: '2b0c7f4e-5d1a-4c8b-9e36-7a1f0d2c4b58' },
    response: {
      status: 201,
      schema: obj({ id: str(), name: str(), apiKey: str() }),
      example: { id: '2b0c7f4e-5d1a-4c8b-9e36-7a1f0d2c4b58', name: 'Pagos Ñandú', apiKey: API_KEY_EXAMPLE },
    },
  },
  'GET /api/admin/partners': {
    operationId: 'listPartners',
    summary: 'Every partner',
    auth: 'admin',
    response: {
      status: 200,
      schema: list(obj({ id: str(), name: str(), createdAt: str(undefined, { format: 'date-time' }) })),
      example: [
        { id: '2b0c7f4e-5d1a-4c8b-9e36-7a1f0d2c4b58', name: 'Pagos Ñandú', createdAt: '2026-11-18T10:20:31.118Z' },
        { id: 'd759c8c3-1681-43b1-af4c-95a0c802763b', name: 'Acme Payments', createdAt: '2026-11-19T08:05:12.440Z' },
      ],
    },
  },
};
