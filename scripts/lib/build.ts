/**
 * Build the Chrome extension when `.output/chrome-mv3` is missing or older than its sources.
 * The same check as scripts/start.ts (kept there unchanged to spare the feature branches a merge).
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CHROME_MV3_DIR } from './chromium';

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
export function isBuildStale(): boolean {
  const manifest = join(CHROME_MV3_DIR, 'manifest.json');
  const builtAt = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  const changedAt = Math.max(...SOURCE_PATHS.map((p) => newestMtime(join(ROOT, p))));
  return builtAt <= changedAt;
}

export function buildIfNeeded(log: (line: string) => void = console.log): void {
  if (!isBuildStale()) {
    log('Using the existing build in .output/chrome-mv3.');
    return;
  }
  log('Building the extension (npm run build)…');
  // The build's own output goes to stderr so `--json` keeps stdout for the figures.
  execSync('npm run build', { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr] });
}
