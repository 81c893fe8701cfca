import type { ContainerModule } from 'inversify';
import { TestService, startTestService } from './test-service';

/**
 * Starts one service for the enclosing `describe` (before its tests) and stops it after:
 * call inside the describe, read `.current` inside tests.
 *
 * @example const service = useTestService({}, clock.read); it('...', () => fetch(service.current.url));
 */
export function useTestService(env: NodeJS.ProcessEnv = {}, clock?: () => Date, overrides?: readonly ContainerModule[]): { readonly current: TestService } {
  const holder: { current?: TestService } = {};
  before(async () => {
    holder.current = await startTestService(env, clock, overrides);
  });
  after(async () => {
    await holder.current?.stop();
  });
  return {
    get current(): TestService {
      if (!holder.current) throw new Error('The test service is not started yet: read it inside a test or hook.');
      return holder.current;
    },
  };
}
