import Router from '@koa/router';
import { expect } from 'chai';
import type { HttpRoutes } from '../../../core/runtime/http/http-routes';
import { TOKENS } from '../../../core/runtime/tokens';
import { connectThroughSimulator } from '../../integration/adapters/qbo/qbo-connect-flow';
import { connectedCompany } from '../../support/connected-company';
import { PartnerApi } from '../../support/partner-api';
import { TEST_ADMIN_TOKEN } from '../../support/test-service';
import { reportFaultTallyAtEnd } from './fault-tally';
import { useHostileInputService } from './hostile-input-fixture';

/** Hostile input on the JSON routes and the other public routes (QWC links, API keys, dashboard assets). */
reportFaultTallyAtEnd();

describe('Fault suite: hostile input on every public endpoint', function () {
  this.timeout(120_000);
  const { clock, service, expectRefused, jsonError } = useHostileInputService();

  it('every JSON route that takes a body refuses malformed JSON, wrong types, invalid UTF-8, a wrong content type and an oversize body', async () => {
    const { api, connection } = await connectedCompany(service.current, clock, { seed: 3, customers: 5, invoices: 8, years: 1 });
    // QuickBooks Online's own routes take only its connections: the partner connects one too (the built-in simulator).
    await connectThroughSimulator(api);
    const qboId = String(((await api.call('GET', '/api/connections')).body as { id: string; system: string }[]).find((c) => c.system === 'qbo')!.id);
    // Its first sync runs by itself, as a job: let it end, or its rows land in the middle of the "nothing stored" checks.
    while (!((await api.call('GET', '/api/connections')).body as { id: string; lastSyncAt: string | null }[]).find((c) => c.id === qboId)!.lastSyncAt)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const document = (await (await fetch(`${service.current.url}/api/openapi.json`)).json()) as { paths: unknown };
    const withBody = Object.entries(document.paths as Record<string, Record<string, { requestBody?: unknown; security: object[] }>>).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.requestBody)
        .map(([method, op]) => ({ method: method.toUpperCase(), path, admin: JSON.stringify(op.security).includes('adminToken') })),
    );
    expect(withBody.length).to.be.at.least(6);
    const wrongTypes = JSON.stringify({
      name: {},
      id: 7,
      companyName: 7,
      companyFilePath: ['x'],
      invoiceId: [],
      amount: 1.5,
      date: 20261125,
      paymentIds: 'all',
      paymentAccountId: 3,
      depositAccountId: true,
      syncIntervalMinutes: '5',
    });
    const bodies: [string, string | Buffer, string][] = [
      ['malformed JSON', '{"oops": ', 'application/json'],
      ['wrong types', wrongTypes, 'application/json'],
      ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), 'application/json'],
      ['a wrong content type', 'name=x', 'application/x-www-form-urlencoded'],
      ['an oversize body', `{"name": "${'x'.repeat(1_100_000)}"}`, 'application/json'],
    ];
    for (const route of withBody) {
      const path = route.path.replace('{id}', route.path.startsWith('/api/connections/qbo/') ? qboId : connection.id);
      for (const [what, body, type] of bodies) {
        await expectRefused(
          `${route.method} ${route.path} with ${what}`,
          () =>
            fetch(`${service.current.url}${path}`, {
              method: route.method,
              headers: { authorization: `Bearer ${route.admin ? TEST_ADMIN_TOKEN : api.apiKey}`, 'content-type': type },
              body,
            }),
          jsonError(`${route.method} ${route.path} with ${what}`, [400, 413, 422]),
        );
      }
    }
  });

  it('the other public routes refuse junk: unknown QWC tokens, bogus tickets, bogus API keys', async () => {
    const contributions = service.current.service.container.getAll<HttpRoutes>(TOKENS.HttpRoutes);
    const router = new Router();
    for (const c of contributions) c.register(router as never);
    const publicPaths = router.stack.map((l) => String(l.path)).filter((p) => !p.startsWith('/api'));
    expect(publicPaths).to.include.members(['/health', '/metrics', '/qwc/:token', '/qbwc', '/support', '/dashboard']);
    await expectRefused('an unknown QWC token', () => fetch(`${service.current.url}/qwc/${'ab'.repeat(24)}`), jsonError('qwc', [404]));
    await expectRefused('a path-traversal QWC token', () => fetch(`${service.current.url}/qwc/..%2f..%2fetc%2fpasswd`), jsonError('qwc', [404]));
    await expectRefused(
      'a bogus API key',
      () =>
        new PartnerApi(service.current.url, 'altk_not-a-key')
          .call('GET', '/api/connections')
          .then((r) => new Response(JSON.stringify(r.body), { status: r.status })),
      jsonError('key', [401]),
    );
    await expectRefused(
      'a dashboard asset that does not exist',
      () => fetch(`${service.current.url}/dashboard/assets/../../package.json`),
      (res) => expect(res.status).to.be.oneOf([404]),
    );
  });
});
