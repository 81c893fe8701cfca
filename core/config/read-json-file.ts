import { readFileSync } from 'node:fs';
import { Problem } from '../errors/app-error';

/**
 * Reads and parses a JSON file, adding a problem instead of throwing. The parser's own message
 * is not passed on: newer V8 versions quote the text around the mistake, which may be a secret.
 */
export function readJsonFile(path: string, shownAs: string, problems: Problem[]): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push({ at: shownAs, message: code === 'ENOENT' ? 'file is missing' : `cannot be read (${code ?? 'unknown error'})` });
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message);
    problems.push({ at: shownAs, message: `is not valid JSON${position ? ` (${lineAndColumn(text, Number(position[1]))})` : ''}` });
    return undefined;
  }
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n');
  return `line ${before.length}, column ${before[before.length - 1].length + 1}`;
}
