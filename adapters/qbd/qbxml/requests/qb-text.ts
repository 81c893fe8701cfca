import { AppError } from '../../../../core/errors/app-error';

/** Characters with a plain Latin-1 spelling that Word and phones like to insert. */
const REPLACEMENTS: Readonly<Record<string, string>> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u2032': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u2033': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2026': '...',
  '\u2022': '*',
  '\u2122': '(TM)',
  '\u20AC': 'EUR',
  '\u2020': '+',
  '\u0141': 'L',
  '\u0142': 'l',
  '\u0110': 'D',
  '\u0111': 'd',
  '\u0152': 'OE',
  '\u0153': 'oe',
  '\u0131': 'i',
  '\u2009': ' ',
  '\u200A': ' ',
  '\u202F': ' ',
  '\u2007': ' ',
  '\u200B': '',
  '\uFEFF': '',
};

// XML 1.0 forbids these control characters; QuickBooks' own text never has them.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export interface TextRules {
  /** The field's name, for messages: `ReceivePaymentAdd/RefNumber`. */
  readonly field: string;
  /** The schema's maxLength. */
  readonly max: number;
  /** Cutting is safe for free text (Memo, Desc); never for names and numbers people look up. */
  readonly overflow: 'truncate' | 'refuse';
}

/**
 * Makes text safe for QuickBooks, which only keeps ISO-8859-1 (../shared/reference/qbwc-qbxml.md §5.3): control
 * characters go, typographic punctuation becomes plain, accented letters outside Latin-1 lose
 * their accents (ő -> o), and anything still outside Latin-1 is refused with a clear error,
 * never silently turned into '?'. Then the length is checked.
 */
export function qbText(value: string, rules: TextRules): string {
  let text = value.replace(CONTROL, '');
  text = Array.from(text, (ch) => REPLACEMENTS[ch] ?? ch).join('');

  if (/[^\u0000-\u00FF]/.test(text)) {
    text = Array.from(text, (ch) => (ch.charCodeAt(0) <= 0xff ? ch : ch.normalize('NFD').replace(/[\u0300-\u036F]/g, ''))).join('');
  }
  const foreign = Array.from(text).filter((ch) => ch.codePointAt(0)! > 0xff);
  if (foreign.length > 0) {
    throw new AppError(
      'invalid',
      `${rules.field} has characters QuickBooks cannot store (${[...new Set(foreign)].slice(0, 5).join(' ')}); write it with Latin letters.`,
    );
  }
  if (text.length > rules.max) {
    if (rules.overflow === 'refuse') {
      throw new AppError('invalid', `${rules.field} is ${text.length} characters long; QuickBooks keeps at most ${rules.max}.`);
    }
    text = text.slice(0, rules.max);
  }
  return text;
}
