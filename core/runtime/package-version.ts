import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** package.json's version; the compiled file runs from dist/core/runtime, the source from core/runtime. */
function readVersion(): string {
  for (const up of ['../..', '../../..']) {
    try {
      return (JSON.parse(readFileSync(join(__dirname, up, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // try the next level up
    }
  }
  return '0.0.0';
}

export const PACKAGE_VERSION = readVersion();
