import { AppError, Problem } from '../errors/app-error';
import { Money, moneyProblem, parseMoney } from '../values/money';
import { Instant, LocalDate, instantProblem, localDateProblem } from '../values/instant';
import { NOT_TEXT, NOT_TEXT_PROBLEM } from './not-text';

interface Optional {
  /** When true a missing (undefined) field is fine and reads as undefined. */
  readonly optional?: boolean;
}

export interface StringRules extends Optional {
  /** Longest allowed length in characters. */
  readonly max?: number;
  /** When true an empty or blank string is a problem. Default true. */
  readonly nonEmpty?: boolean;
  readonly pattern?: RegExp;
  /** Said when the pattern does not match. */
  readonly patternHint?: string;
}

type Read<T, O extends Optional> = O extends { optional: true } ? T | undefined : T;

/**
 * Reads fields out of untrusted input and collects every problem instead of stopping at the
 * first, so that one error can list them all. Values are never echoed in problems (they may be
 * secrets); only their place and what is expected.
 *
 * @example
 * const customer = readObject('customer', input, (r) => ({ id: r.string('id'), name: r.string('name', { max: 41 }) }));
 */
export class FieldReader {
  private readonly seen = new Set<string>();

  constructor(
    private readonly problems: Problem[],
    readonly at: string,
    private readonly value: Readonly<Record<string, unknown>>,
  ) {}

  /** The raw value of a field, marked as known. */
  raw(key: string): unknown {
    this.seen.add(key);
    return this.value[key];
  }

  has(key: string): boolean {
    return this.value[key] !== undefined;
  }

  problem(key: string | undefined, message: string): void {
    this.problems.push({ at: key === undefined ? this.at : this.pathOf(key), message });
  }

  /** Takes over problems found by a nested parse that has its own paths. */
  adopt(problems: readonly Problem[]): void {
    this.problems.push(...problems);
  }

  string<O extends StringRules>(key: string, rules?: O): Read<string, O> {
    return this.field(key, rules, (v) => {
      if (typeof v !== 'string') return 'must be a string';
      if (NOT_TEXT.test(v)) return NOT_TEXT_PROBLEM;
      if ((rules?.nonEmpty ?? true) && v.trim() === '') return 'must not be empty';
      if (rules?.max !== undefined && v.length > rules.max) return `must be at most ${rules.max} characters`;
      if (rules?.pattern && !rules.pattern.test(v)) return rules.patternHint ?? 'has the wrong form';
      return undefined;
    }) as Read<string, O>;
  }

  boolean<O extends Optional>(key: string, rules?: O): Read<boolean, O> {
    return this.field(key, rules, (v) => (typeof v === 'boolean' ? undefined : 'must be true or false')) as Read<boolean, O>;
  }

  integer<O extends Optional & { min?: number; max?: number }>(key: string, rules?: O): Read<number, O> {
    return this.field(key, rules, (v) => {
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) return 'must be a whole number';
      if (rules?.min !== undefined && v < rules.min) return `must be at least ${rules.min}`;
      if (rules?.max !== undefined && v > rules.max) return `must be at most ${rules.max}`;
      return undefined;
    }) as Read<number, O>;
  }

  oneOf<T extends string, O extends Optional>(key: string, values: readonly T[], rules?: O): Read<T, O> {
    return this.field(key, rules, (v) =>
      typeof v === 'string' && (values as readonly string[]).includes(v) ? undefined : `must be one of: ${values.join(', ')}`,
    ) as Read<T, O>;
  }

  money<O extends Optional>(key: string, rules?: O): Read<Money, O> {
    const raw = this.field(key, rules, moneyProblem);
    return (raw === undefined || moneyProblem(raw) ? raw : parseMoney(raw)) as Read<Money, O>;
  }

  instant<O extends Optional>(key: string, rules?: O): Read<Instant, O> {
    return this.field(key, rules, instantProblem) as Read<Instant, O>;
  }

  localDate<O extends Optional>(key: string, rules?: O): Read<LocalDate, O> {
    return this.field(key, rules, localDateProblem) as Read<LocalDate, O>;
  }

  /** Reads a nested object with its own reader; checks its unknown keys too. */
  object<T, O extends Optional>(key: string, read: (r: FieldReader) => T, rules?: O): Read<T, O> {
    const v = this.field(key, rules, (x) => (isPlainObject(x) ? undefined : 'must be an object'));
    if (!isPlainObject(v)) return undefined as Read<T, O>;
    return readNested(this.problems, this.pathOf(key), v, read) as Read<T, O>;
  }

  /** Reads an array whose elements are objects, each with its own reader. */
  array<T, O extends Optional & { minItems?: number }>(key: string, read: (r: FieldReader, index: number) => T, rules?: O): Read<T[], O> {
    const v = this.field(key, rules, (x) => {
      if (!Array.isArray(x)) return 'must be a list';
      if (rules?.minItems !== undefined && x.length < rules.minItems) return `must hold at least ${rules.minItems} item(s)`;
      return undefined;
    });
    if (!Array.isArray(v)) return undefined as Read<T[], O>;
    return v.map((element, index) => {
      const at = `${this.pathOf(key)}[${index}]`;
      if (!isPlainObject(element)) {
        this.problems.push({ at, message: 'must be an object' });
        return undefined as T;
      }
      return readNested(this.problems, at, element, (r) => read(r, index));
    }) as Read<T[], O>;
  }

  /** Records a problem for every key that no read asked for: typos should not pass quietly. */
  rejectUnknownKeys(): void {
    for (const key of Object.keys(this.value)) {
      if (!this.seen.has(key)) this.problems.push({ at: this.pathOf(key), message: 'is not a known field' });
    }
  }

  private field(key: string, rules: Optional | undefined, problemOf: (v: unknown) => string | undefined): unknown {
    const v = this.raw(key);
    if (v === undefined || v === null) {
      if (!rules?.optional) this.problem(key, 'is required');
      return undefined;
    }
    const problem = problemOf(v);
    if (problem) this.problem(key, problem);
    return v;
  }

  /** A list of strings, e.g. plugin ids. */
  stringList<O extends Optional>(key: string, rules?: O & StringRules & { readonly maxItems?: number }): Read<string[], O> {
    const v = this.field(key, rules, (x) =>
      Array.isArray(x) && x.every((e) => typeof e === 'string' && e.trim() !== '' && !NOT_TEXT.test(e) && (rules?.max === undefined || e.length <= rules.max))
        ? rules?.maxItems !== undefined && x.length > rules.maxItems
          ? `must have at most ${rules.maxItems} items`
          : undefined
        : 'must be a list of non-empty strings',
    );
    return (Array.isArray(v) ? [...v] : undefined) as Read<string[], O>;
  }

  /** `a.b`, or `file.json: b` when the reader stands for a whole file (its `at` ends with ':'). */
  private pathOf(key: string): string {
    if (!this.at) return key;
    return this.at.endsWith(':') ? `${this.at} ${key}` : `${this.at}.${key}`;
  }
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readNested<T>(problems: Problem[], at: string, value: Record<string, unknown>, read: (r: FieldReader) => T): T {
  const reader = new FieldReader(problems, at, value);
  const result = read(reader);
  reader.rejectUnknownKeys();
  return result;
}

/**
 * Reads a whole object: returns the typed result, or throws one invalid AppError that lists
 * every problem found.
 */
export function readObject<T>(what: string, input: unknown, read: (r: FieldReader) => T, at = ''): T {
  const problems: Problem[] = [];
  let result: T | undefined;
  if (!isPlainObject(input)) problems.push({ at: at || what, message: 'must be an object' });
  else result = readNested(problems, at, input, read);
  if (problems.length > 0) throw AppError.invalid(`The ${what} is not valid.`, problems);
  return result as T;
}

/** True when a list was read and none of its elements failed to read. */
export function allPresent<T>(values: readonly (T | undefined)[] | undefined): values is readonly T[] {
  return values !== undefined && values.every((v) => v !== undefined);
}
