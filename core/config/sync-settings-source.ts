import type { FrameworkRegistry } from '../plugins/framework-registry';
import type { AppConfig, SyncSettings } from './app-config';
import { SyncScope, resolveSyncSettings } from './resolve-sync-settings';

/** The sync settings of a connection or a partner's next one, with every layer (TOKENS.SyncSettingsSource). */
export interface SyncSettingsSource {
  resolve(scope?: SyncScope): Readonly<SyncSettings>;
}

/** resolveSyncSettings over this service's configuration and its plugins' layer. */
export function syncSettingsSource(config: Pick<AppConfig, 'sync' | 'partners'>, registry: Pick<FrameworkRegistry, 'syncDefaults'>): SyncSettingsSource {
  return { resolve: (scope = {}) => resolveSyncSettings(config, scope, registry.syncDefaults) };
}
