import { ContainerModule } from 'inversify';
import { SystemId } from '../changes/system-id';
import { AppError, Problem } from '../errors/app-error';
import { CORE_ITEMS } from '../items/core-items';
import { ItemCatalog } from '../items/item-catalog';
import { ItemDescriptor, defineItem } from '../items/item-descriptor';
import { AdapterPortV1 } from '../ports/adapter-port';
import { ConditionDescriptor, DirectionRule, RuleLayer, RuleSet } from '../rules/direction-rule';
import { FRAMEWORK_RULES } from '../rules/framework-rules';
import { RuleVocabulary, readDirectionRule } from '../rules/read-direction-rule';
import { FieldReader, isPlainObject } from '../validation/field-reader';
import { PluginDefinition, PluginMigration } from './define-plugin';
import type { SyncSettings } from '../config/app-config';
import { readSyncBlock } from '../config/read-sync-block';

/** Everything the plugins and adapters contributed, checked and frozen at start-up. */
export interface FrameworkRegistry {
  readonly catalog: ItemCatalog;
  readonly vocabulary: RuleVocabulary;
  readonly pluginIds: readonly string[];
  readonly adapters: ReadonlyMap<SystemId, AdapterPortV1>;
  /** Container modules the plugins brought, in plugin order. */
  readonly modules: readonly ContainerModule[];
  readonly migrations: readonly PluginMigration[];
  /** The sync settings the plugins set, between defaults.json and a partner's file (resolveSyncSettings). */
  readonly syncDefaults: Readonly<Partial<SyncSettings>>;
  /** The layers for one partner: framework defaults, then each plugin, then the partner's own. */
  ruleSetFor(partnerLayer?: RuleLayer): RuleSet;
  /**
   * The systems a connection to `system` links: it and every system a plugin pairs it with. A
   * connection's changes go only to these, so a platform payment on a company in one accounting
   * system never reaches another system's adapter. Empty for a system no plugin names.
   */
  linkedSystems(system: SystemId): readonly SystemId[];
}

export interface RegistryInput {
  readonly plugins: readonly PluginDefinition[];
  readonly adapters?: readonly AdapterPortV1[];
}

interface Contribution {
  readonly plugin: PluginDefinition;
  readonly rules: unknown[];
  readonly conditions: ConditionDescriptor[];
  readonly items: ItemDescriptor[];
  readonly modules: ContainerModule[];
  readonly migrations: PluginMigration[];
  readonly adapters: AdapterPortV1[];
  /** As the plugin gave them: a plugin in plain JavaScript may give anything, so they are checked like a partner file. */
  readonly sync: unknown[];
}

function collect(plugin: PluginDefinition): Contribution {
  const contribution: Contribution = { plugin, rules: [], conditions: [], items: [], modules: [], migrations: [], adapters: [], sync: [] };
  plugin.register({
    registerRules: (rules) => void contribution.rules.push(...rules),
    registerCondition: (condition) => void contribution.conditions.push(Object.freeze({ ...condition })),
    registerItem: (item) => void contribution.items.push(defineItem(item)),
    registerModule: (module) => void contribution.modules.push(module),
    registerMigrations: (migrations) => void contribution.migrations.push(...migrations),
    registerAdapter: (adapter) => void contribution.adapters.push(adapter),
    registerSyncDefaults: (sync) => void contribution.sync.push(sync),
  });
  return contribution;
}

function checkUnique(problems: Problem[], at: string, names: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) problems.push({ at, message: `${what} "${name}" is registered twice` });
    seen.add(name);
  }
}

/**
 * Runs every plugin's register step and checks the result as a whole: duplicate plugins,
 * items, conditions or adapters, and rules naming unknown items, groups, conditions or systems
 * all stop start-up with one error listing every problem. Zero plugins is valid: nothing flows.
 */
export function buildFrameworkRegistry(input: RegistryInput): FrameworkRegistry {
  const problems: Problem[] = [];
  checkUnique(
    problems,
    'plugins',
    input.plugins.map((p) => p.id),
    'plugin',
  );
  const contributions = input.plugins.map(collect);

  const items = [...CORE_ITEMS, ...contributions.flatMap((c) => c.items)];
  checkUnique(
    problems,
    'items',
    items.map((i) => i.kind),
    'item',
  );
  const conditions = contributions.flatMap((c) => c.conditions);
  checkUnique(
    problems,
    'conditions',
    conditions.map((c) => c.name),
    'condition',
  );
  const adapters = [...(input.adapters ?? []), ...contributions.flatMap((c) => c.adapters)];
  checkUnique(
    problems,
    'adapters',
    adapters.map((a) => a.system),
    'adapter for system',
  );
  if (problems.length > 0) throw AppError.invalid('The plugins and adapters do not fit together.', problems);

  const catalog = new ItemCatalog(items);
  const systems = [...new Set([...contributions.flatMap((c) => c.plugin.systems), ...adapters.map((a) => a.system)])];
  const vocabulary: RuleVocabulary = Object.freeze({ catalog, systems, conditions });

  for (const condition of conditions) {
    if (!catalog.has(condition.item)) problems.push({ at: `conditions.${condition.name}`, message: `names an unknown item "${condition.item}"` });
  }
  for (const adapter of adapters) {
    for (const kind of [...adapter.reads, ...adapter.writes]) {
      if (!catalog.has(kind)) problems.push({ at: `adapters.${adapter.system}`, message: `names an unknown item "${kind}"` });
    }
  }
  const pluginLayers = contributions.map((c) => ({
    name: `plugin:${c.plugin.id}`,
    origin: 'plugin' as const,
    rules: Object.freeze(readRules(problems, `plugin:${c.plugin.id}.rules`, c.rules, vocabulary)),
  }));
  const syncDefaults = readPluginSync(problems, contributions);
  if (problems.length > 0) throw AppError.invalid('The plugins and adapters do not fit together.', problems);

  return Object.freeze({
    catalog,
    vocabulary,
    pluginIds: Object.freeze(input.plugins.map((p) => p.id)),
    adapters: new Map(adapters.map((a) => [a.system, a])),
    modules: Object.freeze(contributions.flatMap((c) => c.modules)),
    migrations: Object.freeze(contributions.flatMap((c) => c.migrations)),
    syncDefaults,
    linkedSystems: (system: SystemId): readonly SystemId[] => [
      ...new Set(contributions.filter((c) => c.plugin.systems.includes(system)).flatMap((c) => c.plugin.systems)),
    ],
    ruleSetFor: (partnerLayer?: RuleLayer): RuleSet => ({
      layers: [FRAMEWORK_RULES, ...pluginLayers, ...(partnerLayer ? [partnerLayer] : [])],
    }),
  });
}

/** The plugins' sync settings as one layer; a setting two plugins name is a problem, not a race of load order. */
function readPluginSync(problems: Problem[], contributions: readonly Contribution[]): Readonly<Partial<SyncSettings>> {
  const layer: Partial<Record<keyof SyncSettings, number>> = {};
  const setBy = new Map<string, string>();
  for (const c of contributions) {
    c.sync.forEach((block, index) => {
      const at = `plugin:${c.plugin.id}.sync[${index}]`;
      if (!isPlainObject(block)) return void problems.push({ at, message: 'must be an object' });
      const reader = new FieldReader(problems, at, block);
      const sync = readSyncBlock(reader, false);
      reader.rejectUnknownKeys();
      for (const [key, value] of Object.entries(sync) as [keyof SyncSettings, number][]) {
        const earlier = setBy.get(key);
        if (earlier && earlier !== c.plugin.id) problems.push({ at: `${at}.${key}`, message: `is set by the plugin "${earlier}" too` });
        setBy.set(key, c.plugin.id);
        layer[key] = value;
      }
    });
  }
  return Object.freeze(layer);
}

/** Reads a list of untrusted rule rows, adding every problem under `at`. */
export function readRules(problems: Problem[], at: string, rows: readonly unknown[], vocabulary: RuleVocabulary): DirectionRule[] {
  return rows.map((row, index) => {
    const rowAt = `${at}[${index}]`;
    if (!isPlainObject(row)) {
      problems.push({ at: rowAt, message: 'must be an object' });
      return undefined as never;
    }
    const reader = new FieldReader(problems, rowAt, row);
    const rule = readDirectionRule(reader, vocabulary);
    reader.rejectUnknownKeys();
    return Object.freeze(rule);
  });
}
