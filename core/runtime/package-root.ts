import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The folder holding package.json. Code runs from dist/ after `tsc`, so paths to config/ and
 * to compiled plugins are found from here rather than from the working directory.
 */
export function packageRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** Where the compiled tree sits: `<root>/dist` when running compiled code, else the root. */
export function codeRoot(from: string = __dirname): string {
  const root = packageRoot(from);
  return from.startsWith(join(root, 'dist')) ? join(root, 'dist') : root;
}
