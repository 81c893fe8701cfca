import { QboFault } from './qbo-fault';

export type QueryValue = string | number | boolean;
export type Comparison = '=' | '<' | '>' | '<=' | '>=' | 'IN' | 'LIKE';

export interface QueryCondition {
  readonly field: string;
  readonly op: Comparison;
  /** One value, or the list of an IN. */
  readonly values: readonly QueryValue[];
}

export interface ParsedQuery {
  readonly entity: string;
  /** `*`, `count`, or the projected field names. */
  readonly select: '*' | 'count' | readonly string[];
  readonly where: readonly QueryCondition[];
  readonly orderBy: readonly { field: string; descending: boolean }[];
  readonly startPosition?: number;
  readonly maxResults?: number;
}

type Token = { kind: 'word' | 'string' | 'number' | 'symbol'; text: string };

/**
 * The SQL-like query language (../shared/reference/qbo-api.md §3): one entity, AND only,
 * keywords case-insensitive, entity names case-sensitive. Anything else is a 4000 QueryParserError.
 */
export function parseQuery(text: string): ParsedQuery {
  const tokens = tokenize(text);
  let at = 0;
  const peek = () => tokens[at];
  const isKeyword = (word: string) => peek()?.kind === 'word' && peek().text.toUpperCase() === word;
  const expect = (word: string) => {
    if (!isKeyword(word)) throw QboFault.queryParser(`Encountered "${peek()?.text ?? '<EOF>'}" at position ${at + 1}. Was expecting ${word}`);
    at++;
  };
  const symbol = (s: string) => peek()?.kind === 'symbol' && peek().text === s;
  const word = (what: string) => {
    const t = peek();
    if (t?.kind !== 'word') throw QboFault.queryParser(`Encountered "${t?.text ?? '<EOF>'}". Was expecting ${what}`);
    at++;
    return t.text;
  };

  expect('SELECT');
  let select: ParsedQuery['select'];
  if (symbol('*')) {
    at++;
    select = '*';
  } else if (isKeyword('COUNT')) {
    at++;
    for (const s of ['(', '*', ')']) {
      if (!symbol(s)) throw QboFault.queryParser(`Encountered "${peek()?.text ?? '<EOF>'}". Was expecting COUNT(*)`);
      at++;
    }
    select = 'count';
  } else {
    const fields = [word('a property name')];
    while (symbol(',')) {
      at++;
      fields.push(word('a property name'));
    }
    select = fields;
  }
  expect('FROM');
  const entity = word('an entity name');
  if (symbol(',')) throw QboFault.queryParser('Only one entity may be queried at a time');

  const where: QueryCondition[] = [];
  if (isKeyword('WHERE')) {
    at++;
    do {
      if (where.length) at++; // the AND
      where.push(condition());
    } while (isKeyword('AND'));
    if (isKeyword('OR')) throw QboFault.queryParser('Encountered " "OR" "OR "". OR is not supported');
  }
  const orderBy: { field: string; descending: boolean }[] = [];
  if (isKeyword('ORDERBY') || isKeyword('ORDER')) {
    if (isKeyword('ORDER')) {
      at++;
      expect('BY');
    } else at++;
    do {
      if (orderBy.length) at++; // the comma
      const field = word('a property name');
      let descending = false;
      if (isKeyword('ASC') || isKeyword('DESC')) descending = tokens[at++].text.toUpperCase() === 'DESC';
      orderBy.push({ field, descending });
    } while (symbol(','));
  }
  let startPosition: number | undefined;
  let maxResults: number | undefined;
  while (isKeyword('STARTPOSITION') || isKeyword('MAXRESULTS')) {
    const which = tokens[at++].text.toUpperCase();
    const n = peek();
    if (n?.kind !== 'number' || !/^\d+$/.test(n.text))
      throw QboFault.queryParser(`Encountered "${n?.text ?? '<EOF>'}". Was expecting a whole number after ${which}`);
    at++;
    if (which === 'STARTPOSITION') startPosition = Number(n.text);
    else maxResults = Number(n.text);
  }
  if (at < tokens.length) throw QboFault.queryParser(`Encountered "${tokens[at].text}" at position ${at + 1}`);
  return { entity, select, where, orderBy, startPosition, maxResults };

  function condition(): QueryCondition {
    const field = word('a property name');
    const t = peek();
    if (t?.kind === 'word' && t.text.toUpperCase() === 'IN') {
      at++;
      if (!symbol('(')) throw QboFault.queryParser('Was expecting "(" after IN');
      at++;
      const values = [value()];
      while (symbol(',')) {
        at++;
        values.push(value());
      }
      if (!symbol(')')) throw QboFault.queryParser('Was expecting ")"');
      at++;
      return { field, op: 'IN', values };
    }
    if (t?.kind === 'word' && t.text.toUpperCase() === 'LIKE') {
      at++;
      const pattern = value();
      if (typeof pattern !== 'string') throw QboFault.queryParser('LIKE needs a quoted pattern');
      return { field, op: 'LIKE', values: [pattern] };
    }
    if (t?.kind !== 'symbol' || !['=', '<', '>', '<=', '>='].includes(t.text))
      throw QboFault.queryParser(`Encountered "${t?.text ?? '<EOF>'}". Was expecting an operator`);
    at++;
    return { field, op: t.text as Comparison, values: [value()] };
  }

  function value(): QueryValue {
    const t = peek();
    if (!t) throw QboFault.queryParser('Encountered "<EOF>". Was expecting a value');
    at++;
    if (t.kind === 'string') return t.text;
    if (t.kind === 'number') return Number(t.text);
    if (t.kind === 'word' && /^(true|false)$/i.test(t.text)) return t.text.toLowerCase() === 'true';
    throw QboFault.queryParser(`Encountered "${t.text}". Was expecting a value`);
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let out = '';
      i++;
      while (i < text.length && text[i] !== "'") {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        out += text[i++];
      }
      if (i >= text.length) throw QboFault.queryParser('Lexical error: unterminated string');
      i++;
      tokens.push({ kind: 'string', text: out });
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^-?\d+(\.\d+)?/.exec(text.slice(i))!;
      tokens.push({ kind: 'number', text: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i))!;
      tokens.push({ kind: 'word', text: m[0] });
      i += m[0].length;
    } else if (c === '<' || c === '>') {
      const two = text[i + 1] === '=';
      tokens.push({ kind: 'symbol', text: two ? `${c}=` : c });
      i += two ? 2 : 1;
    } else if ('=(),*'.includes(c)) {
      tokens.push({ kind: 'symbol', text: c });
      i++;
    } else {
      throw QboFault.queryParser(`Lexical error at column ${i + 1}. Encountered: "${c}"`);
    }
  }
  return tokens;
}
