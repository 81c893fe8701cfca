import { MigrationObject } from '@mikro-orm/core';
import { ContainerModule } from 'inversify';
import { SYSTEM_ID_RULES, SystemId } from '../changes/system-id';
import { AppError, Problem } from '../errors/app-error';
import { ItemDescriptor } from '../items/item-descriptor';
import type { AdapterPortV1 } from '../ports/adapter-port';
import { ConditionDescriptor } from '../rules/direction-rule';
import type { SyncSettings } from '../config/app-config';

/**
 * The named extension points a plugin contributes through. The registry collects what each
 * plugin registers, checks it all against the item catalog, and fails start-up on any problem.
 */
export interface PluginContext {
  /** Direction rows, as data (they are validated like a partner's file). */
  registerRules(rules: readonly unknown[]): void;
  /** A named fact that rows may depend on with `when`. */
  registerCondition(condition: ConditionDescriptor): void;
  /** A sync item beyond the core ones. */
  registerItem(item: ItemDescriptor): void;
  /**
   * Services for the container: adapters, HTTP routes (bound to TOKENS.HttpRoutes), anything
   * else the plugin brings. Loaded after the core's own bindings, so they can be injected.
   */
  registerModule(module: ContainerModule): void;
  /** An adapter: how a system the plugin connects applies changes (checked against the item catalog). */
  registerAdapter(adapter: AdapterPortV1): void;
  /**
   * Migrations for the tables the plugin's adapters keep. All migrations, the core's and every plugin's, run sorted by
   * name: start names with the next free sequence number (`0003-…`).
   */
  registerMigrations(migrations: readonly PluginMigration[]): void;
  /**
   * Sync settings for every partner of this plugin's systems, over defaults.json and under each
   * partner's file and connection (`{ pageSize: 100 }`). Checked like a partner file's `sync`;
   * two plugins may not set the same one.
   */
  registerSyncDefaults(sync: Partial<SyncSettings>): void;
}

/** A named migration class, as MikroORM's migrationsList takes it. */
export type PluginMigration = MigrationObject;

export interface PluginDefinition {
  /** Lower-case, unique: `alternative-qbd`. */
  readonly id: string;
  readonly description: string;
  /** The systems this plugin's rules connect; rules may name only these (and other plugins'). */
  readonly systems: readonly SystemId[];
  register(context: PluginContext): void;
}

const PLUGIN_ID = /^[a-z][a-z0-9-]{1,40}$/;

/**
 * Declares a plugin. Checks its own shape now; what it registers is checked by the registry.
 *
 * @example
 * export const myPlugin = definePlugin({
 *   id: 'my-rules', description: 'Customers both ways', systems: ['alternative', 'qbd'],
 *   register: (ctx) => ctx.registerRules([{ item: 'customer', operation: 'upsert', flow: 'both' }]),
 * });
 */
export function definePlugin(definition: PluginDefinition): PluginDefinition {
  const problems: Problem[] = [];
  if (!PLUGIN_ID.test(definition.id ?? '')) problems.push({ at: 'id', message: 'must be lower-case words joined by dashes' });
  if (!definition.description?.trim()) problems.push({ at: 'description', message: 'is required' });
  if (!Array.isArray(definition.systems) || definition.systems.length === 0) {
    problems.push({ at: 'systems', message: 'must name at least one system' });
  } else {
    definition.systems.forEach((s, i) => {
      if (!SYSTEM_ID_RULES.pattern.test(s)) problems.push({ at: `systems[${i}]`, message: SYSTEM_ID_RULES.patternHint });
    });
  }
  if (typeof definition.register !== 'function') problems.push({ at: 'register', message: 'must be a function' });
  if (problems.length > 0) throw AppError.invalid(`The plugin "${definition.id}" is not defined correctly.`, problems);
  return Object.freeze({ ...definition, systems: Object.freeze([...definition.systems]) });
}
