/**
 * Build the extension when its output (`.output/chrome-mv3`, or `.output/firefox-mv2` for Firefox)
 * is missing or older than its sources. Shared by `npm start` and `npm run bench`.
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { CHROME_MV3_DIR } from './chromium';
import { FIREFOX_EXTENSION_DIR } from './firefox';

export type BuildTarget = 'chrome' | 'firefox';

const BUILDS: Record<BuildTarget, { dir: string; command: string }> = {
  chrome: { dir: CHROME_MV3_DIR, command: 'npm run build' },
  firefox: { dir: FIREFOX_EXTENSION_DIR, command: 'npm run build:firefox' },
};

const ROOT = resolve(import.meta.dirname, '../..');
const SOURCE_PATHS = [
  'entrypoints',
  'lib',
  'components',
  'locales',
  'public',
  'assets',
  'wxt.config.ts',
  'package.json',
];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** True when the build is missing or a source file changed after it. */
export function isBuildStale(target: BuildTarget = 'chrome'): boolean {
  const manifest = join(BUILDS[target].dir, 'manifest.json');
  const builtAt = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  const changedAt = Math.max(...SOURCE_PATHS.map((p) => newestMtime(join(ROOT, p))));
  return builtAt <= changedAt;
}

export function buildIfNeeded(log: (line: string) => void = console.log, target: BuildTarget = 'chrome'): void {
  const { dir, command } = BUILDS[target];
  if (!isBuildStale(target)) {
    log(`Using the existing build in ${relative(ROOT, dir)}.`);
    return;
  }
  log(`Building the extension (${command})…`);
  // The build's own output goes to stderr so `--json` keeps stdout for the figures.
  execSync(command, { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr] });
}
