import { ContainerModule } from 'inversify';
import { TOKENS } from '../../core/runtime/tokens';
import { readAllowHosts } from '../../core/webhooks/outbound/allow-hosts';
import type { Resolver } from '../../core/webhooks/outbound/webhook-resolver';
import { WEBHOOK_TOKENS, type WebhookOutbound } from '../../core/webhooks/webhook-tokens';

/**
 * DNS as a table, for tests: a host it does not name fails as an unknown name would, so no test
 * ever asks a real resolver (or sends a packet) for a made-up host. The allow list is the service's own.
 *
 * @example useTestService({}, clock.read, [stubWebhookResolver({ 'hooks.example.com': ['10.0.0.5'] })])
 */
export function stubWebhookResolver(answers: Readonly<Record<string, readonly string[]>>): ContainerModule {
  const resolve: Resolver = async (host) => {
    const addresses = answers[host.toLowerCase()];
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }) as const);
  };
  return new ContainerModule(({ rebind }) => {
    rebind<WebhookOutbound>(WEBHOOK_TOKENS.Outbound)
      .toDynamicValue((context) => ({ resolve, allow: readAllowHosts(context.get<NodeJS.ProcessEnv>(TOKENS.Environment)) }))
      .inSingletonScope();
  });
}
