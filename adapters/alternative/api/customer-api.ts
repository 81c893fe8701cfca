import { ApiDescription, obj, str } from '../../../core/runtime/http/openapi/api-description';
import { CUSTOMER_SCHEMA, CUSTOMER_EXAMPLE, PLATFORM_CUSTOMER_EXAMPLE, QBD_CUSTOMER_STATE } from './api-resources';

export const CUSTOMER_API: ApiDescription = {
  'POST /api/connections/:id/customers': {
    operationId: 'createCustomer',
    summary: 'Create a customer on the platform',
    description: 'By default it stays on the platform (qbd.state not_sent); a partner whose rules send such customers to QuickBooks sees pending, then synced.',
    auth: 'partner',
    body: obj({ name: str(undefined, { maxLength: 209 }), companyName: str(), email: str(), phone: str() }, ['name']),
    bodyExample: { name: PLATFORM_CUSTOMER_EXAMPLE.name, email: PLATFORM_CUSTOMER_EXAMPLE.email },
    response: {
      status: 201,
      schema: { ...CUSTOMER_SCHEMA, properties: { ...(CUSTOMER_SCHEMA.properties as object), qbd: QBD_CUSTOMER_STATE } },
      example: {
        ...PLATFORM_CUSTOMER_EXAMPLE,
        qbd: { state: 'not_sent', message: 'Customers created here stay here: the rules do not send them to QuickBooks.' },
      },
    },
  },
  'GET /api/connections/:id/customers/:customerId': {
    operationId: 'getCustomer',
    summary: 'One customer, with where it stands in QuickBooks',
    auth: 'partner',
    response: {
      status: 200,
      schema: { ...CUSTOMER_SCHEMA, properties: { ...(CUSTOMER_SCHEMA.properties as object), qbd: QBD_CUSTOMER_STATE } },
      example: { ...CUSTOMER_EXAMPLE, qbd: { state: 'synced', listId: CUSTOMER_EXAMPLE.source.id } },
    },
  },
};
