import { AppConfig, BUILT_IN_SYNC, SyncSettings } from './app-config';

/** The sync settings a connection keeps for itself (the partner changes them with PATCH .../settings). */
export interface ConnectionSyncSettings {
  readonly syncIntervalMinutes?: number;
}

/** Where a connection's settings come from: its partner, and the connection itself once it exists. */
export interface SyncScope {
  readonly partnerId?: string;
  readonly connection?: ConnectionSyncSettings;
}

/** Only the keys a layer names: a key present but undefined must not hide the layer below it. */
function named(layer: Partial<SyncSettings> | undefined): Partial<SyncSettings> {
  return Object.fromEntries(Object.entries(layer ?? {}).filter(([, v]) => v !== undefined));
}

/**
 * The sync settings of one connection (or of a partner's next connection, without one), each
 * layer overriding the one before: built-in, defaults.json, the plugins' (registerSyncDefaults),
 * the partner's file, the connection's own. Every reader of a sync setting goes through here, so a layer cannot be forgotten in one
 * place and honoured in another.
 *
 * @example
 * resolveSyncSettings(config, { partnerId }).intervalMinutes // a new connection's interval
 * resolveSyncSettings(config, { partnerId, connection }).intervalMinutes // what its QWC file says
 */
export function resolveSyncSettings(
  config: Pick<AppConfig, 'sync' | 'partners'>,
  scope: SyncScope = {},
  plugins: Readonly<Partial<SyncSettings>> = {},
): Readonly<SyncSettings> {
  const partner = scope.partnerId === undefined ? undefined : config.partners.get(scope.partnerId)?.sync;
  const own: Partial<SyncSettings> = { intervalMinutes: scope.connection?.syncIntervalMinutes };
  return Object.freeze({ ...BUILT_IN_SYNC, ...named(config.sync), ...named(plugins), ...named(partner), ...named(own) });
}
