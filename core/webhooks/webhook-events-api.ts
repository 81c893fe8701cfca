import { type JsonSchema, type WebhookEventDescriptions, obj, str } from '../runtime/http/openapi/api-description';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhook-event-types';

/** When each event is sent and what its `data` is (the REST resource's shape, as its GET answers it). */
const WORDS: Readonly<Record<WebhookEventType, { summary: string; data: string }>> = {
  'connection.connected': { summary: 'A connection signed in and is connected', data: 'The connection, as GET /api/connections/{id} answers' },
  'connection.sign_in_refused': { summary: "A Web Connector's sign-in was refused (wrong password)", data: 'The connection' },
  'connection.stale': { summary: 'A connection has not synced for longer than expected', data: 'The connection' },
  'connection.error': { summary: 'A session or sync failed and the connection needs attention', data: 'The connection' },
  'sync.completed': { summary: 'A sync finished, with its counts', data: 'The connection and the counts of the sync' },
  'invoice.created': { summary: 'An invoice appeared in the ledger', data: 'The invoice, as the invoices list answers it' },
  'invoice.updated': { summary: 'An invoice changed', data: 'The invoice' },
  'invoice.archived': { summary: 'An invoice was archived (or deleted in the accounting system)', data: 'The invoice' },
  'customer.created': { summary: 'A customer appeared in the ledger', data: 'The customer, as the customers list answers it' },
  'customer.updated': { summary: 'A customer changed', data: 'The customer' },
  'customer.archived': { summary: 'A customer was archived', data: 'The customer' },
  'payment.posted': { summary: 'A payment was written to the accounting system', data: "The payment, with the accounting system's id of its transaction" },
  'payment.needs_action': { summary: "A payment's write was refused and needs the partner", data: 'The payment' },
  'payment.reverted': { summary: 'A failed payment was undone in the accounting system', data: 'The payment' },
  'payout.deposited': { summary: "A payout's deposit was written", data: 'The payout (deposit), as the deposits list answers it' },
  'webhook.test': { summary: 'Sent when asked (POST /api/webhooks/{id}/test), to that endpoint only', data: '{ webhookId, message }' },
  'webhook.disabled': {
    summary: "One of the partner's endpoints was disabled after days of failures (sent to the others)",
    data: 'The disabled endpoint, as GET /api/webhooks lists it',
  },
};

const camel = (type: string) => type.replace(/[._](\w)/g, (_, c: string) => c.toUpperCase());

const body = (type: string, data: JsonSchema): JsonSchema =>
  obj({
    type: str('The event type', { enum: [type] }),
    timestamp: str('When it happened (ISO 8601); each attempt is signed with its own time', { format: 'date-time' }),
    data,
  });

/** The body of every event type, for the OpenAPI document's `x-webhooks`. */
export const WEBHOOK_EVENTS_API: WebhookEventDescriptions = Object.fromEntries(
  WEBHOOK_EVENT_TYPES.map((type) => {
    const words = WORDS[type];
    const data: JsonSchema = type === 'webhook.test' ? obj({ webhookId: str(), message: str() }) : { type: 'object', description: words.data };
    const exampleData =
      type === 'webhook.test'
        ? { webhookId: 'b3c1f0d2-5e7a-4c9b-8f21-6a0d4e9c7b15', message: 'A test event.' }
        : { id: 'c0a80101-7d3e-4b1a-9e2f-3c4d5e6f7a8b' };
    return [
      type,
      {
        operationId: `${camel(type)}Event`,
        summary: words.summary,
        description: `\`data\`: ${words.data}.`,
        body: body(type, data),
        bodyExample: { type, timestamp: '2026-12-02T10:00:00.000Z', data: exampleData },
      },
    ];
  }),
);
