import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PluginDefinition } from './define-plugin';

const SAFE_ID = /^[a-z][a-z0-9-]{1,40}$/;

/**
 * Finds plugins by id in a folder: `<dir>/<id>/index` exporting `plugin`. The core never
 * imports a plugin or adapter by name; config/defaults.json says which ones to load.
 */
export function pluginFinder(pluginsDir: string): (id: string) => PluginDefinition | undefined {
  return (id) => {
    if (!SAFE_ID.test(id) || !existsSync(join(pluginsDir, id))) return undefined;
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by name from config
    const module = require(join(pluginsDir, id)) as { plugin?: PluginDefinition };
    return module.plugin?.id === id ? module.plugin : undefined;
  };
}
