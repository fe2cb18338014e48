import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FEATURE_STATE_ATTRIBUTES } from '../../lib/dom/markers';
import { createFixController, DEFAULT_FIX_PAGE_SETTINGS } from '../../lib/features/fix-doubled-text-controller';
import { createFixEngine } from '../../lib/features/fix-engine';
import type { FrameFixStatus } from '../../lib/messaging';
import type { ReplacementRule } from '../../lib/settings';

const rule = (find: string, replace: string): ReplacementRule => ({
  id: find,
  enabled: true,
  find,
  isRegex: false,
  ignoreCase: false,
  replace,
  sites: [],
});

describe('createFixEngine', () => {
  test('applies replacement rules after the fix, as one set of edits on the original', () => {
    const engine = createFixEngine([rule('新华社', '新华通讯社')]);
    const input = '勇勇于于担担当当，新新华华社社讯讯';
    const result = engine.fixText(input);
    expect(result.text).toBe('勇于担当，新华通讯社讯');
    let rebuilt = '';
    let at = 0;
    for (const edit of result.edits) {
      expect(input.slice(edit.start, edit.end)).toBe(edit.original);
      rebuilt += input.slice(at, edit.start) + edit.replacement;
      at = edit.end;
    }
    expect(rebuilt + input.slice(at)).toBe(result.text);
    // Clean text can still match a rule.
    expect(engine.mightContainDoubledText('新华社')).toBe(true);
    expect(engine.fixText('新华社电').text).toBe('新华通讯社电');
  });

  test('without rules it is the text engine', () => {
    const engine = createFixEngine();
    expect(engine.mightContainDoubledText('干净的句子')).toBe(false);
    expect(engine.fixText('新新新新项项项项目目目目').text).toBe('新项目');
  });
});

describe('createFixController', () => {
  let statuses: FrameFixStatus[];
  let fix: ReturnType<typeof createFixController>;

  beforeEach(() => {
    statuses = [];
    document.body.innerHTML = '<h1>勇勇于于担担当当作作为为</h1><p>新华社电</p>';
    fix = createFixController(document, { originalLabel: 'Original', onStatus: (s) => statuses.push(s) });
  });
  afterEach(() => fix.stop());

  const idle = () =>
    new Promise<void>((done) => {
      const check = () =>
        document.documentElement.getAttribute(FEATURE_STATE_ATTRIBUTES.fix) === 'idle' ? done() : setTimeout(check, 0);
      check();
    });

  test('starts with the site’s settings, restarts when they change, stops (restoring) when fixing is off', async () => {
    fix.configure(DEFAULT_FIX_PAGE_SETTINGS);
    await idle();
    expect(document.body.textContent).toBe('勇于担当作为新华社电');
    expect(fix.status()).toEqual({ count: 1, showingOriginal: false, working: false, enabled: true });

    fix.configure({ ...DEFAULT_FIX_PAGE_SETTINGS, replacementRules: [rule('新华社', '新华通讯社')] });
    await idle();
    expect(document.body.textContent).toBe('勇于担当作为新华通讯社电');
    expect(fix.status().count).toBe(2);

    fix.configure({ ...DEFAULT_FIX_PAGE_SETTINGS, fix: false });
    expect(document.body.textContent).toBe('勇勇于于担担当当作作为为新华社电');
    expect(document.documentElement.hasAttribute(FEATURE_STATE_ATTRIBUTES.fix)).toBe(false);
    expect(statuses.at(-1)).toEqual({ count: 0, showingOriginal: false, working: false, enabled: false });
  });

  test('settings unrelated to fixing do not restart it', async () => {
    fix.configure(DEFAULT_FIX_PAGE_SETTINGS);
    await idle();
    const reports = statuses.length;
    fix.configure({ ...DEFAULT_FIX_PAGE_SETTINGS, pinyin: true } as typeof DEFAULT_FIX_PAGE_SETTINGS);
    expect(statuses.length).toBe(reports);
    expect(document.body.textContent).toBe('勇于担当作为新华社电');
  });

  test('show original and fix again', async () => {
    fix.configure(DEFAULT_FIX_PAGE_SETTINGS);
    await idle();
    expect(fix.setShowOriginal(true)).toMatchObject({ count: 0, showingOriginal: true });
    expect(document.body.textContent).toBe('勇勇于于担担当当作作为为新华社电');
    fix.setShowOriginal(false);
    await idle();
    expect(document.body.textContent).toBe('勇于担当作为新华社电');
  });
});
