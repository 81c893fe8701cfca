import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { packageRoot } from '../../core/runtime/package-root';

/** Intuit's qbXML 13.0 schema sits in ../shared beside the repository; it is never copied in. */
export const SCHEMA_DIR = resolve(packageRoot(), '..', 'shared', 'qbxml-schema');

/**
 * Whether schema checks can run. In CI they must: a missing ../shared there is an error,
 * not a skip. Elsewhere a test may skip with this reason.
 */
export function schemaAvailability(): { available: true } | { available: false; reason: string } {
  if (existsSync(join(SCHEMA_DIR, 'qbxmlops130.xsd'))) return { available: true };
  const reason = `qbXML schema not found at ${SCHEMA_DIR} (../shared is absent): schema checks skipped`;
  if (process.env.CI) throw new Error(`${reason}, which CI does not allow`);
  return { available: false, reason };
}

let files: { schema: { fileName: string; contents: string }; preload: { fileName: string; contents: string }[] } | undefined;

function schemaFiles() {
  files ??= {
    schema: { fileName: 'qbxmlops130.xsd', contents: readFileSync(join(SCHEMA_DIR, 'qbxmlops130.xsd'), 'utf8') },
    preload: ['qbxml130.xsd', 'qbxmlso130.xsd', 'qbxmltypes130.xsd'].map((f) => ({ fileName: f, contents: readFileSync(join(SCHEMA_DIR, f), 'utf8') })),
  };
  return files;
}

export interface NamedXml {
  readonly name: string;
  readonly xml: string;
}

/**
 * Validates documents against qbxmlops130.xsd in one xmllint run (the schema is large, so one
 * run per batch). Returns the errors per document name; an empty map means all are valid.
 */
export async function schemaErrors(documents: readonly NamedXml[]): Promise<Map<string, string[]>> {
  const { schema, preload } = schemaFiles();
  const xml = documents.map((d, i) => ({ fileName: `doc${i}.xml`, contents: d.xml }));
  const result = await validateXML({ xml, schema, preload, initialMemoryPages: 4096, maxMemoryPages: 32768 });
  const errors = new Map<string, string[]>();
  for (const error of result.errors) {
    // xmllint closes each invalid file with "<file> fails to validate"; the reasons came before it.
    if (/fails to validate$/.test(error.message) && errors.size > 0) continue;
    const index = Number(/^doc(\d+)\.xml$/.exec(error.loc?.fileName ?? '')?.[1]);
    const name = Number.isInteger(index) ? documents[index].name : 'unknown';
    errors.set(name, [...(errors.get(name) ?? []), error.message]);
  }
  if (!result.valid && errors.size === 0) errors.set('unknown', ['xmllint reported the batch invalid without saying where']);
  return errors;
}
