import { inject, injectable } from 'inversify';
import { AppError } from '../../../core/errors/app-error';
import type { AppRouter, HttpRoutes } from '../../../core/runtime/http/http-routes';
import { readJsonBody } from '../../../core/runtime/http/read-json-body';
import { partnerRoutes, requirePartner } from '../../../core/runtime/http/require-partner';
import { rotateApiKey } from '../../../core/runtime/http/rotate-api-key';
import { TOKENS } from '../../../core/runtime/tokens';
import { readObject } from '../../../core/validation/field-reader';
import { KEY_API } from './key-api';

/**
 * `POST /api/keys/rotate` `{ revokePrevious? }` -> 201 `{ apiKey, previousKeyExpiresAt }`: the
 * partner replaces its own API key, the old one working on for a grace period, or not at all.
 */
@injectable()
export class ApiKeyRoutes implements HttpRoutes {
  readonly name = 'alternative-api-keys';
  readonly api = KEY_API;

  constructor(@inject(TOKENS.Clock) private readonly clock: () => Date) {}

  register(router: AppRouter): void {
    partnerRoutes(router).post('/api/keys/rotate', requirePartner(this.clock), async (ctx) => {
      // The body is optional: a bare POST rotates with the grace period.
      const hasBody = Number(ctx.get('content-length') || 0) > 0 || ctx.get('transfer-encoding') !== '';
      const body = readObject('rotation', hasBody ? await readJsonBody(ctx) : {}, (r) => ({ revokePrevious: r.boolean('revokePrevious', { optional: true }) }));
      // The key a rotation replaced is for deployments still catching up, not for managing keys:
      // a straggler (or whoever found the old key) rotating with it would end the key in use.
      if (ctx.state.apiKeyUsed !== 'current') {
        throw new AppError('unauthorized', 'Rotate with your current API key; the previous one only keeps working for other requests until it expires.');
      }
      const rotated = await rotateApiKey(ctx.state.em, ctx.state.partner.id, this.clock(), { revokePrevious: body.revokePrevious ?? false });
      ctx.state.log.info('api key rotated', { partnerId: ctx.state.partner.id, previousKeyExpiresAt: rotated.previousKeyExpiresAt?.toISOString() ?? null });
      ctx.status = 201;
      ctx.body = { apiKey: rotated.apiKey, previousKeyExpiresAt: rotated.previousKeyExpiresAt?.toISOString() ?? null };
    });
  }
}
