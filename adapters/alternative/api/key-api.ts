import { ApiDescription, bool, nullable, obj, str } from '../../../core/runtime/http/openapi/api-description';

export const KEY_API: ApiDescription = {
  'POST /api/keys/rotate': {
    operationId: 'rotateApiKey',
    summary: 'Rotate your API key',
    description:
      'The new key works at once and is shown only in this answer. The key it replaces keeps working for 24 hours (previousKeyExpiresAt), so deployments can catch up; a second rotation ends an older key at once. With revokePrevious the replaced key stops at once (a leak). Only the current key may rotate.',
    auth: 'partner',
    body: obj({ revokePrevious: bool('End the replaced key now instead of after 24 hours') }, []),
    bodyExample: { revokePrevious: false },
    response: {
      status: 201,
      schema: obj({
        apiKey: str(),
        previousKeyExpiresAt: nullable(str('When the replaced key stops working; null when it already has', { format: 'date-time' })),
      }),
      example: { apiKey: 'altk_K-ngfEvSEnq2lXSs5KuK9tGu9A0Hhg_OgTj01TkEUDo', previousKeyExpiresAt: '2026-11-26T15:00:00.000Z' },
    },
  },
};
