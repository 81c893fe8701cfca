// `npm run build`: compiles only what changed, and keeps dist/ a true image of the sources.
//
// Every `npm start`, `npm test`, `npm run simulate` runs this first, so a build of an unchanged
// tree must cost well under a second and must not touch dist/ (a test may be running from it).
// `tsc -b` decides from timestamps and its build info (dist/.tsbuildinfo) without type-checking
// anything when nothing changed. What tsc leaves to us:
// - outputs of a deleted or renamed .ts stay in dist/, and mocha globs dist/test/**/*.test.js,
//   so a deleted test would still run: they are removed here after each build;
// - an output deleted by hand is not noticed by tsc: the build info is then dropped, so tsc
//   emits every file again.
// `npm run build -- --clean` starts from an empty dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const config = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8'));
const outDir = join(root, config.compilerOptions.outDir);
const buildInfo = join(root, config.compilerOptions.tsBuildInfoFile);
const sourceDirs = config.include.map((dir) => join(root, dir));
const OUTPUT = /(\.d\.ts|\.js|\.js\.map|\.d\.ts\.map)$/;

/** Every file under a folder, as paths relative to `base`. */
function filesUnder(dir, base = dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path, base);
    return entry.isFile() ? [relative(base, path)] : [];
  });
}

const sources = sourceDirs.flatMap((dir) => filesUnder(dir, root)).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));

if (process.argv.includes('--clean')) rmSync(outDir, { recursive: true, force: true });
// Only sources older than the last build count: a new file has no output yet, rightly.
const builtAt = existsSync(buildInfo) ? statSync(buildInfo).mtimeMs : 0;
const missing = sources.find((source) => statSync(join(root, source)).mtimeMs < builtAt && !existsSync(join(outDir, source.replace(/\.ts$/, '.js'))));
if (missing && existsSync(buildInfo)) {
  process.stderr.write(`build: ${relative(root, join(outDir, missing.replace(/\.ts$/, '.js')))} is missing: compiling everything again\n`);
  rmSync(buildInfo);
}

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const extra = process.argv.slice(2).filter((arg) => arg !== '--clean');
const result = spawnSync(process.execPath, [tsc, '-b', root, ...extra], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);

// Outputs whose source is gone.
const wanted = new Set(sources.map((source) => source.replace(/\.ts$/, '')));
let pruned = 0;
for (const file of filesUnder(outDir)) {
  const match = OUTPUT.exec(file);
  if (!match || wanted.has(file.slice(0, -match[1].length))) continue;
  rmSync(join(outDir, file));
  pruned++;
}
if (pruned > 0) {
  // Folders the pruning emptied go too (deepest first), so dist/ mirrors the source tree.
  for (const dir of directoriesUnder(outDir)) if (readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
  process.stderr.write(`build: removed ${pruned} output file(s) whose source is gone\n`);
}

/** Folders under `dir`, deepest first. */
function directoriesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => [...directoriesUnder(join(dir, entry.name)), join(dir, entry.name)]);
}
