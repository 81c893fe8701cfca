import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError, Problem } from '../errors/app-error';
import { PluginDefinition } from '../plugins/define-plugin';
import { FrameworkRegistry, buildFrameworkRegistry, readRules } from '../plugins/framework-registry';
import { FieldReader, isPlainObject } from '../validation/field-reader';
import { UUID_PATTERN } from '../validation/uuid';
import { AppConfig, BUILT_IN_SYNC, PartnerOverrides, SyncSettings } from './app-config';
import { readEnvironment } from './read-environment';
import { readJsonFile } from './read-json-file';
import { readSyncBlock } from './read-sync-block';

export interface ConfigSources {
  readonly env: NodeJS.ProcessEnv;
  readonly defaultConfigDir: string;
  /** Finds a plugin by the id named in defaults.json; undefined when there is none. */
  readonly findPlugin: (id: string) => PluginDefinition | undefined;
}

export interface LoadedConfig {
  readonly config: AppConfig;
  readonly registry: FrameworkRegistry;
}

const UUID = { pattern: UUID_PATTERN, patternHint: 'must be a partner id (a lower-case uuid)' };

function fileReader(problems: Problem[], shownAs: string, json: unknown): FieldReader | undefined {
  if (json === undefined) return undefined;
  if (!isPlainObject(json)) {
    problems.push({ at: shownAs, message: 'must hold a JSON object' });
    return undefined;
  }
  return new FieldReader(problems, `${shownAs}:`, json);
}

function readPartnerFile(problems: Problem[], dir: string, file: string, registry?: FrameworkRegistry): PartnerOverrides | undefined {
  const shownAs = `partners/${file}`;
  const r = fileReader(problems, shownAs, readJsonFile(join(dir, file), shownAs, problems));
  if (!r) return undefined;
  const partnerId = r.string('partnerId', UUID);
  r.string('description', { optional: true, max: 500 });
  const partnerSync = r.object('sync', (s) => readSyncBlock(s, false), { optional: true }) ?? {};
  const rows = r.raw('rules');
  let rules: PartnerOverrides['rules']['rules'] = [];
  if (rows !== undefined && !Array.isArray(rows)) r.problem('rules', 'must be a list');
  else if (Array.isArray(rows) && registry) rules = readRules(problems, `${shownAs}: rules`, rows, registry.vocabulary);
  r.rejectUnknownKeys();
  return { partnerId, file: shownAs, sync: partnerSync, rules: { name: `partner:${partnerId}`, origin: 'partner', rules } };
}

function listPartnerFiles(dir: string, problems: Problem[]): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    problems.push({ at: 'partners/', message: 'cannot be read' });
    return [];
  }
}

/**
 * Reads the environment, config/defaults.json and every config/partners/*.json, loads the
 * named plugins and checks everything together. Any problem anywhere stops start-up with one
 * error that lists them all (file, path, what is wrong) and repeats no value.
 */
export function loadConfig(sources: ConfigSources): LoadedConfig {
  const problems: Problem[] = [];
  const service = readEnvironment(sources.env, sources.defaultConfigDir, problems);

  const defaults = fileReader(problems, 'defaults.json', readJsonFile(join(service.configDir, 'defaults.json'), 'defaults.json', problems));
  const pluginIds = defaults?.stringList('plugins') ?? [];
  const sync: SyncSettings = { ...BUILT_IN_SYNC, ...defaults?.object('sync', (s) => readSyncBlock(s, true)) };
  defaults?.rejectUnknownKeys();

  const plugins: PluginDefinition[] = [];
  pluginIds.forEach((id, index) => {
    const plugin = sources.findPlugin(id);
    if (plugin) plugins.push(plugin);
    else problems.push({ at: `defaults.json: plugins[${index}]`, message: `no plugin is called "${id}"` });
  });

  let registry: FrameworkRegistry | undefined;
  try {
    registry = buildFrameworkRegistry({ plugins });
  } catch (error) {
    if (!(error instanceof AppError) || error.problems.length === 0) throw error;
    problems.push(...error.problems);
  }

  const partnersDir = join(service.configDir, 'partners');
  const partners = new Map<string, PartnerOverrides>();
  for (const file of listPartnerFiles(partnersDir, problems)) {
    const overrides = readPartnerFile(problems, partnersDir, file, registry);
    if (!overrides?.partnerId) continue;
    const earlier = partners.get(overrides.partnerId);
    if (earlier) problems.push({ at: overrides.file, message: `names the same partner as ${earlier.file}` });
    else partners.set(overrides.partnerId, overrides);
  }

  if (problems.length > 0) {
    throw AppError.invalid(`The configuration is not valid (${problems.length} problem${problems.length > 1 ? 's' : ''}):`, problems);
  }
  const config: AppConfig = deepFreeze({ service, sync, plugins: pluginIds, partners });
  return { config, registry: registry! };
}

function deepFreeze<T>(value: T): T {
  if (value instanceof Map) {
    for (const v of value.values()) deepFreeze(v);
  } else if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return Object.freeze(value);
}
