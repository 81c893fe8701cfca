import type { Problem } from '../../../errors/app-error';
import type { JsonSchema } from './api-description';

const FORMATS: Readonly<Record<string, (text: string) => boolean>> = {
  date: (t) => /^\d{4}-\d{2}-\d{2}$/.test(t) && new Date(`${t}T00:00:00Z`).toISOString().startsWith(t),
  'date-time': (t) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(t) && !Number.isNaN(Date.parse(t)),
  uuid: (t) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(t),
};

/** Keywords that say nothing a value must satisfy. */
const ANNOTATIONS = new Set(['description', 'example']);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/**
 * What is wrong with `value` as an instance of `schema`: the small part of OpenAPI 3.0's JSON
 * Schema that the api descriptions use (api-description.ts builders), checked strictly so an
 * example cannot drift from its schema. Two deliberate differences from a full validator: a
 * keyword it does not know is a problem (so nothing passes unchecked), and so is a property the
 * schema does not name (an example showing a field we do not answer is a documentation bug).
 *
 * @example
 * schemaProblems(money(), '125.5', 'amount') // [{ at: 'amount', message: 'does not match ^-?\\d+\\.\\d{2}$' }]
 */
export function schemaProblems(schema: JsonSchema, value: unknown, at: string): Problem[] {
  const problems: Problem[] = [];
  const fail = (message: string) => problems.push({ at, message });
  for (const keyword of Object.keys(schema)) {
    if (!ANNOTATIONS.has(keyword) && !(keyword in CHECKS)) fail(`the schema uses "${keyword}", which this checker cannot check`);
  }
  if (value === null) {
    if (schema.nullable !== true) fail('is null, which the schema does not allow (nullable)');
    return problems;
  }
  for (const [keyword, check] of Object.entries(CHECKS)) {
    if (schema[keyword] !== undefined) check(schema, value, at, fail, problems);
  }
  return problems;
}

type Check = (schema: JsonSchema, value: unknown, at: string, fail: (message: string) => void, problems: Problem[]) => void;

const CHECKS: Readonly<Record<string, Check>> = {
  nullable: () => undefined,
  type: (schema, value, _at, fail) => {
    const actual = typeOf(value);
    const ok = actual === schema.type || (schema.type === 'number' && actual === 'integer');
    if (!ok) fail(`is ${actual}, the schema says ${String(schema.type)}`);
  },
  enum: (schema, value, _at, fail) => {
    if (!(schema.enum as unknown[]).includes(value)) fail(`is ${JSON.stringify(value)}, not one of ${(schema.enum as unknown[]).join(', ')}`);
  },
  pattern: (schema, value, _at, fail) => {
    if (typeof value === 'string' && !new RegExp(String(schema.pattern)).test(value)) fail(`"${value}" does not match ${String(schema.pattern)}`);
  },
  format: (schema, value, _at, fail) => {
    const known = FORMATS[String(schema.format)];
    if (!known) fail(`format "${String(schema.format)}" is not one this checker knows`);
    else if (typeof value === 'string' && !known(value)) fail(`"${value}" is not a ${String(schema.format)}`);
  },
  minLength: (schema, value, _at, fail) => {
    if (typeof value === 'string' && value.length < Number(schema.minLength)) fail(`is shorter than ${String(schema.minLength)}`);
  },
  maxLength: (schema, value, _at, fail) => {
    if (typeof value === 'string' && value.length > Number(schema.maxLength)) fail(`is longer than ${String(schema.maxLength)}`);
  },
  minimum: (schema, value, _at, fail) => {
    if (typeof value === 'number' && value < Number(schema.minimum)) fail(`is below ${String(schema.minimum)}`);
  },
  maximum: (schema, value, _at, fail) => {
    if (typeof value === 'number' && value > Number(schema.maximum)) fail(`is above ${String(schema.maximum)}`);
  },
  items: (schema, value, at, _fail, problems) => {
    if (Array.isArray(value)) value.forEach((item, i) => problems.push(...schemaProblems(schema.items as JsonSchema, item, `${at}[${i}]`)));
  },
  required: (schema, value, at, _fail, problems) => {
    if (typeOf(value) !== 'object') return;
    for (const name of schema.required as string[]) {
      if (!(name in (value as object))) problems.push({ at: `${at}.${name}`, message: 'is required by the schema but missing' });
    }
  },
  properties: (schema, value, at, _fail, problems) => {
    if (typeOf(value) !== 'object') return;
    const properties = schema.properties as Record<string, JsonSchema>;
    for (const [name, field] of Object.entries(value as Record<string, unknown>)) {
      if (properties[name]) problems.push(...schemaProblems(properties[name], field, `${at}.${name}`));
      else if (!schema.additionalProperties) problems.push({ at: `${at}.${name}`, message: 'is not a property of the schema' });
    }
  },
  /** A map: every property the schema does not name is checked against this one schema. */
  additionalProperties: (schema, value, at, _fail, problems) => {
    if (typeOf(value) !== 'object') return;
    const named = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const [name, field] of Object.entries(value as Record<string, unknown>)) {
      if (!named[name]) problems.push(...schemaProblems(schema.additionalProperties as JsonSchema, field, `${at}.${name}`));
    }
  },
};
