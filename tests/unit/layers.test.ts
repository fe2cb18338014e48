/**
 * The layer rules (.dependency-cruiser.cjs, run by `npm run lint`) hold on the real code, and still
 * fire: a scratch project breaking each rule must be refused, so a dependency-cruiser upgrade or a
 * broken alias resolution can never turn the check into a no-op.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const DEPCRUISE = join(ROOT, 'node_modules/.bin/depcruise');

function cruise(cwd: string): { ok: boolean; output: string } {
  try {
    const output = execFileSync(
      DEPCRUISE,
      ['lib', 'entrypoints', 'components', '--config', '.dependency-cruiser.cjs'],
      {
        cwd,
        encoding: 'utf8',
        stdio: 'pipe',
      },
    );
    return { ok: true, output };
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

/** Files that break one rule each (through the `@/` alias where it matters, as real code imports). */
const BREAKING_FILES: Record<string, string> = {
  'lib/text/uses-dom.ts': "import { walk } from '@/lib/dom/walk';\nexport const a = walk;\n",
  'lib/dom/walk.ts': "import { feature } from '@/lib/features/feature';\nexport const walk = feature;\n",
  'lib/features/feature.ts': "import { page } from '@/entrypoints/page';\nexport const feature = page;\n",
  'lib/settings/one.ts': "import { two } from './two';\nexport const one = () => two;\n",
  'lib/settings/two.ts': "import { one } from './one';\nexport const two = () => one;\n",
  'lib/background/ui.ts': "import { view } from '@/components/view';\nexport const ui = view;\n",
  'components/view.ts': 'export const view = 1;\n',
  'entrypoints/page.ts': 'export const page = 1;\n',
};

describe('the layer rules', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'qingdu-layers-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test('hold on the real code', { timeout: 120_000 }, () => {
    const result = cruise(ROOT);
    expect(result.output).toContain('no dependency violations found');
    expect(result.ok).toBe(true);
  });

  test('refuse each kind of break, aliases resolved', { timeout: 120_000 }, () => {
    copyFileSync(join(ROOT, '.dependency-cruiser.cjs'), join(scratch, '.dependency-cruiser.cjs'));
    writeFileSync(
      join(scratch, 'tsconfig.depcruise.json'),
      JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./*'] } } }),
    );
    for (const [path, source] of Object.entries(BREAKING_FILES)) {
      mkdirSync(dirname(join(scratch, path)), { recursive: true });
      writeFileSync(join(scratch, path), source);
    }
    const result = cruise(scratch);
    expect(result.ok).toBe(false);
    for (const rule of [
      'text-is-pure',
      'dom-knows-no-features',
      'libraries-never-import-entrypoints',
      'no-cycles',
      'features-and-background-know-no-ui',
    ]) {
      expect(result.output).toContain(`error ${rule}`);
    }
  });
});
