import { createHmac, randomUUID } from 'node:crypto';

export interface WebhookEntity {
  readonly name: string;
  readonly id: string;
  readonly operation: string;
  /** `2015-10-05T14:42:19-0700`, as the legacy payload writes it. */
  readonly lastUpdated?: string;
  readonly deletedId?: string;
}

/** The legacy `eventNotifications` object, or the CloudEvents array replacing it in 2026 (§9.3). */
export type WebhookFormat = 'legacy' | 'cloudevents';

// created/updated/deleted are seen live; the others are UNVERIFIED (§9.3).
const VERBS: Record<string, string> = { Create: 'created', Update: 'updated', Delete: 'deleted', Merge: 'merged', Void: 'voided', Emailed: 'emailed' };

/** One notification's body (§9.2, §9.3); every entity carries its `lastUpdated`. */
export function webhookBody(format: WebhookFormat, realmId: string, entities: readonly (WebhookEntity & { lastUpdated: string })[]): string {
  if (format === 'legacy') return JSON.stringify({ eventNotifications: [{ realmId, dataChangeEvent: { entities } }] });
  return JSON.stringify(
    entities.map((e) => ({
      specversion: '1.0',
      id: randomUUID(),
      source: 'intuit.simulated',
      type: `qbo.${e.name.toLowerCase()}.${VERBS[e.operation] ?? e.operation.toLowerCase()}.v1`,
      datacontenttype: 'application/json',
      time: new Date(e.lastUpdated.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).toISOString(),
      intuitentityid: e.id,
      intuitaccountid: realmId,
      data: {},
    })),
  );
}

/** `intuit-signature` = base64(HMAC-SHA256(key = verifier token, message = raw body)) (§9.4). */
export function webhookSignature(verifierToken: string, body: string): string {
  return createHmac('sha256', verifierToken).update(body, 'utf8').digest('base64');
}
