import { inject, injectable } from 'inversify';
import { ADMIN_API } from './admin-api';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../../../core/config/app-config';
import type { AppRouter, HttpRoutes } from '../../../core/runtime/http/http-routes';
import { readJsonBody } from '../../../core/runtime/http/read-json-body';
import { TOKENS } from '../../../core/runtime/tokens';
import { Partner } from '../../../core/store/entities/partner';
import { readObject } from '../../../core/validation/field-reader';
import { AppError } from '../../../core/errors/app-error';
import { UUID_PATTERN } from '../../../core/validation/uuid';
import { requireAdmin } from './require-admin';
import { generateApiKey, hashApiKey } from '../../../core/runtime/http/secret-tokens';

/**
 * `POST /api/admin/partners` `{ name, id? }` -> 201 `{ id, name, apiKey }` (the key is shown only
 * here); `GET /api/admin/partners` -> `[{ id, name, createdAt }]`. Behind ADMIN_TOKEN. An
 * operator may choose the id, so that the partner's override file can be written first.
 */
@injectable()
export class AdminPartnerRoutes implements HttpRoutes {
  readonly name = 'admin-partners';
  readonly api = ADMIN_API;

  constructor(
    @inject(TOKENS.AppConfig) private readonly config: AppConfig,
    @inject(TOKENS.Clock) private readonly clock: () => Date,
  ) {}

  register(router: AppRouter): void {
    const admin = requireAdmin(this.config.service.adminToken);
    router.post('/api/admin/partners', admin, async (ctx) => {
      const body = readObject('partner', await readJsonBody(ctx), (r) => ({
        name: r.string('name', { max: 200 }),
        id: r.string('id', { optional: true, pattern: UUID_PATTERN, patternHint: 'must be a lower-case UUID' }),
      }));
      const id = body.id ?? randomUUID();
      if (await ctx.state.em.findOne(Partner, { id })) throw new AppError('conflict', `A partner with id ${id} already exists.`);
      const apiKey = generateApiKey();
      const partner = ctx.state.em.create(Partner, { id, name: body.name.trim(), apiKeyHash: hashApiKey(apiKey), createdAt: this.clock() });
      await ctx.state.em.persistAndFlush(partner);
      ctx.state.log.info('partner created', { partnerId: partner.id });
      ctx.status = 201;
      ctx.body = { id: partner.id, name: partner.name, apiKey };
    });
    router.get('/api/admin/partners', admin, async (ctx) => {
      const partners = await ctx.state.em.find(Partner, {}, { orderBy: { createdAt: 'asc', id: 'asc' } });
      ctx.body = partners.map((p) => ({ id: p.id, name: p.name, createdAt: p.createdAt.toISOString() }));
    });
  }
}
