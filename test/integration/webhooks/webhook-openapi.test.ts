import { expect } from 'chai';
import { WEBHOOK_EVENT_TYPES } from '../../../core/webhooks/webhook-event-types';
import { useTestService } from '../../support/use-test-service';

describe('The webhooks in GET /api/openapi.json', function () {
  this.timeout(30_000);
  const service = useTestService();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const document = async (): Promise<any> => (await fetch(`${service.current.url}/api/openapi.json`)).json();

  it('describes every event type under x-webhooks: a POST with the three webhook- headers and the { type, timestamp, data } body', async () => {
    const events = (await document())['x-webhooks'];
    expect(Object.keys(events)).to.deep.equal([...WEBHOOK_EVENT_TYPES]);
    for (const type of WEBHOOK_EVENT_TYPES) {
      const post = events[type].post;
      expect(post.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).to.deep.equal([
        'header:webhook-id',
        'header:webhook-timestamp',
        'header:webhook-signature',
      ]);
      const media = post.requestBody.content['application/json'];
      expect(media.schema.required).to.deep.equal(['type', 'timestamp', 'data']);
      expect(media.schema.properties.type.enum).to.deep.equal([type]);
      expect(media.example.type).to.equal(type);
    }
  });

  it('says on createWebhook how a delivery is signed', async () => {
    const create = (await document()).paths['/api/webhooks'].post;
    expect(create.operationId).to.equal('createWebhook');
    for (const header of ['webhook-id', 'webhook-timestamp', 'webhook-signature', 'whsec_']) expect(create.description).to.include(header);
  });
});
