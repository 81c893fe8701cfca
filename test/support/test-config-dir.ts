import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes a config folder (defaults.json and partners/*.json) to a temp dir; values are JSON or raw text. */
export function writeConfigDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'qbdalt-config-'));
  mkdirSync(join(dir, 'partners'));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

export const GOOD_DEFAULTS = { plugins: ['alternative-qbd'], sync: { intervalMinutes: 5, initialWindowMonths: 12, historyWindowMonths: 12 } };
