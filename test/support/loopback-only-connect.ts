import { ContainerModule } from 'inversify';
import { type Connect, defaultConnect } from '../../core/webhooks/outbound/vetted-agents';
import { WEBHOOK_TOKENS } from '../../core/webhooks/webhook-tokens';

/**
 * Every test service's webhook sender may open sockets to 127.0.0.1 and ::1 only: a test that
 * registers a public-looking URL (its name stubbed to a public address) can never send a packet
 * off this machine, whatever the engine decides. Anything else throws, failing that delivery loudly.
 */
export function loopbackOnlyConnect(): ContainerModule {
  const connect: Connect = (target) => {
    if (target.host !== '127.0.0.1' && target.host !== '::1')
      throw new Error(`a test service tried to reach ${target.host}: only loopback is allowed in tests`);
    return defaultConnect(target);
  };
  return new ContainerModule(({ rebind }) => {
    rebind<Connect>(WEBHOOK_TOKENS.Connect).toConstantValue(connect);
  });
}
