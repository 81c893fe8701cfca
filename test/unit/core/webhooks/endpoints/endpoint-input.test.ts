import { expect } from 'chai';
import { AppError } from '../../../../../core/errors/app-error';
import { readEndpointChange, readNewEndpoint } from '../../../../../core/webhooks/endpoints/endpoint-input';
import { WEBHOOK_EVENT_TYPES } from '../../../../../core/webhooks/webhook-event-types';

const KNOWN = `known types: ${WEBHOOK_EVENT_TYPES.join(', ')}`;

const problemsOf = (read: () => unknown) => {
  try {
    read();
  } catch (error) {
    if (error instanceof AppError) return error.problems.map((p) => `${p.at}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('Webhook endpoint input', () => {
  describe('a new endpoint', () => {
    it('takes every type when events are left out or null, and drops repeated types', () => {
      expect(readNewEndpoint({ url: 'https://a.example/x' })).to.deep.equal({ url: 'https://a.example/x', events: null });
      expect(readNewEndpoint({ url: 'https://a.example/x', events: null }).events).to.equal(null);
      expect(readNewEndpoint({ url: 'https://a.example/x', events: ['invoice.created', 'invoice.created', 'webhook.test'] }).events).to.deep.equal([
        'invoice.created',
        'webhook.test',
      ]);
    });

    it('lists every problem at once: each unknown type by its place, a missing url, an unknown field', () => {
      expect(problemsOf(() => readNewEndpoint({ events: ['invoice.paid', 'payment.posted', 'Invoice.Created'], secret: 'x' }))).to.deep.equal([
        'url: is required',
        `events[0]: "invoice.paid" is not an event type; ${KNOWN}`,
        `events[2]: "Invoice.Created" is not an event type; ${KNOWN}`,
        'secret: is not a known field',
      ]);
    });

    it('refuses an empty list, a list of non-strings and a url longer than 2048 characters', () => {
      expect(problemsOf(() => readNewEndpoint({ url: 'https://a.example/x', events: [] }))[0]).to.match(/^events: must be a non-empty list/);
      expect(problemsOf(() => readNewEndpoint({ url: 'https://a.example/x', events: [1] }))[0]).to.match(/^events: must be a non-empty list/);
      expect(problemsOf(() => readNewEndpoint({ url: `https://a.example/${'x'.repeat(2040)}` }))).to.deep.equal(['url: must be at most 2048 characters']);
    });
  });

  describe('a change', () => {
    it('changes only what is given; events null means every type again', () => {
      expect(readEndpointChange({ enabled: true })).to.deep.equal({ url: undefined, enabled: true });
      expect(readEndpointChange({ events: null })).to.deep.equal({ url: undefined, events: null, enabled: undefined });
      expect(readEndpointChange({ events: ['sync.completed'] }).events).to.deep.equal(['sync.completed']);
    });

    it('refuses a non-boolean enabled and an unknown field', () => {
      expect(problemsOf(() => readEndpointChange({ enabled: 'yes', secret: 's' }))).to.deep.equal([
        'enabled: must be true or false',
        'secret: is not a known field',
      ]);
    });
  });
});
