import type { EntityManager } from '@mikro-orm/postgresql';
import { inject, injectable } from 'inversify';
import type { FrameworkRegistry } from '../../../core/plugins/framework-registry';
import type { AppRouter, HttpRoutes } from '../../../core/runtime/http/http-routes';
import { ownedConnection } from '../../../core/runtime/http/owned-connection';
import { partnerRoutes, requirePartner } from '../../../core/runtime/http/require-partner';
import { TOKENS } from '../../../core/runtime/tokens';
import { refusedWrites } from '../../../core/store/refused-writes';
import { labelKey, recordLabels } from '../store/record-labels';
import { ATTENTION_API } from './attention-api';
import { recordWords } from './event-words';

/** The most refused writes one answer lists; the count says how many there are in all. */
const MAX_LISTED = 100;

/**
 * What needs the partner, record by record: writes the accounting system refused and that no
 * later write replaced, each naming its record and saying what to do. (What needs them about the
 * connection itself — a sign-in refused, accounts to choose, a quiet connection — is on the
 * connection: `needsAttention`.)
 */
@injectable()
export class AttentionRoutes implements HttpRoutes {
  readonly name = 'alternative-attention';
  readonly api = ATTENTION_API;

  constructor(
    @inject(TOKENS.Clock) private readonly clock: () => Date,
    @inject(TOKENS.FrameworkRegistry) private readonly registry: FrameworkRegistry,
  ) {}

  register(router: AppRouter): void {
    partnerRoutes(router).get('/api/connections/:id/attention', requirePartner(this.clock), async (ctx) => {
      const connection = await ownedConnection(ctx.state.em, ctx.state.partner, ctx.params.id);
      const em = ctx.state.em as EntityManager;
      const writes = await refusedWrites(em, connection.id, MAX_LISTED);
      const labels = await recordLabels(
        em,
        connection.id,
        writes.map((w) => ({ item: w.item, sourceId: w.source_id })),
      );
      ctx.body = {
        items: writes.map((w) => {
          const system = this.registry.adapters.get(w.target)?.displayName ?? w.target;
          return {
            id: w.id,
            kind: 'write_refused',
            item: w.item,
            recordId: w.source_id,
            at: new Date(w.updated_at).toISOString(),
            text: `${recordWords(w.item, labels.get(labelKey(w.item, w.source_id)), w.source_id)} is not in ${system}: it refused the write.`,
            advice: w.message ?? `Look at the record in ${system}.`,
          };
        }),
      };
    });
  }
}
