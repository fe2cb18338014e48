import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { FEATURE_STATE_ATTRIBUTES } from '../../lib/dom/markers';
import { createFixController, DEFAULT_FIX_PAGE_SETTINGS } from '../../lib/features/fix-doubled-text-controller';
import type { FrameFixStatus } from '../../lib/messaging';
import type { ReplacementRule } from '../../lib/settings';
import { fixText, mightContainDoubledText } from '../../lib/text/doubled/fix-doubled-text';

const rule = (find: string, replace: string): ReplacementRule => ({
  id: find,
  enabled: true,
  find,
  isRegex: false,
  ignoreCase: false,
  replace,
  sites: [],
});

describe('createFixController', () => {
  let statuses: FrameFixStatus[];
  let fix: ReturnType<typeof createFixController>;

  beforeEach(() => {
    statuses = [];
    document.body.innerHTML = '<h1>勇勇于于担担当当作作为为</h1><p>新华社电</p>';
    fix = createFixController(document, {
      engine: { fixText, mightContainDoubledText },
      originalLabel: 'Original',
      onStatus: (s) => statuses.push(s),
    });
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
