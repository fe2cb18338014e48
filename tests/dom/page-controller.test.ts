/**
 * The page controller: settings and the reader's switches decide which stages the page pipeline
 * runs; reading aids' code loads on first use; "always on this site" only overrides the reader's
 * switch when the rule itself changes.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadConversionStage } from '../../lib/features/conversion';
import {
  createPageController,
  EARLY_PAGE_SETTINGS,
  type PageController,
  type PageControllerStatus,
  type PageStageSettings,
} from '../../lib/features/page-controller';
import { createPinyinStage } from '../../lib/features/pinyin';
import { createReplacementRulesStage } from '../../lib/features/replacement-rules';
import { registerStageCode, type StageCodeName } from '../../lib/features/stage-code';
import { createTestBackground } from '../support/passage-services';

const settle = () => new Promise((resume) => setTimeout(resume, 0));

function settingsWith(site: Partial<PageStageSettings['site']> = {}): PageStageSettings {
  return { ...EARLY_PAGE_SETTINGS, site: { ...EARLY_PAGE_SETTINGS.site, ...site } };
}

describe('createPageController', () => {
  let controller: PageController;
  let statuses: PageControllerStatus[];
  let loads: StageCodeName[];
  let failLoads: boolean;

  async function idle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await settle();
      await controller.whenIdle();
    }
  }

  beforeEach(() => {
    statuses = [];
    loads = [];
    failLoads = false;
    document.head.replaceChildren();
    document.body.innerHTML = '<h1>勇勇于于担担当当作作为为</h1><p>新华社电：头发</p>';
    controller = createPageController(document, {
      async loadStageCode(name) {
        loads.push(name);
        if (failLoads) throw new Error('Cannot access contents of the page');
        // What the injected files register (pinyin annotates at once here: happy-dom has no layout).
        if (name === 'pinyin')
          registerStageCode('pinyin', (o) => ({ ...createPinyinStage(o), nearViewportOnly: false }));
        else if (name === 'conversion') registerStageCode('conversion', loadConversionStage);
        else registerStageCode('replace', createReplacementRulesStage);
      },
      onStatus: (status) => statuses.push(status),
      passages: createTestBackground().services,
    });
  });
  afterEach(() => {
    controller.stop();
    // The registry lives on the isolated world's globalThis: start every test without loaded code.
    Reflect.deleteProperty(globalThis, '__qingduStageCode');
  });

  test('fixes with the site’s settings, adds replacement rules, and restores when fixing goes off', async () => {
    controller.applySettings(settingsWith());
    await idle();
    expect(document.body.textContent).toBe('勇于担当作为新华社电：头发');
    expect(controller.status()).toMatchObject({ fixEnabled: true, work: { fixCount: 1, working: false } });

    const rule = { enabled: true, find: '新华社', replace: '新华通讯社', isRegex: false, ignoreCase: false };
    controller.applySettings(settingsWith({ replacementRules: [rule] }));
    await idle();
    expect(document.body.textContent).toBe('勇于担当作为新华通讯社电：头发');
    // The regular-expression engine is loaded only for a site that has rules.
    expect(loads).toEqual(['replace']);
    expect(controller.status().work.fixCount).toBe(2);

    controller.applySettings(settingsWith({ fix: false, replacementRules: [rule] }));
    await idle();
    expect(document.body.textContent).toBe('勇勇于于担担当当作作为为新华社电：头发');
    expect(statuses.at(-1)).toMatchObject({ fixEnabled: false, work: { fixCount: 0 } });
  });

  test('settings unrelated to fixing change nothing on the page', async () => {
    controller.applySettings(settingsWith());
    await idle();
    const writes: MutationRecord[] = [];
    const watch = new MutationObserver((records) => writes.push(...records));
    watch.observe(document, { subtree: true, characterData: true, childList: true, attributes: true });
    controller.applySettings({
      ...settingsWith(),
      readingAids: { ...EARLY_PAGE_SETTINGS.readingAids, pinyin: { style: 'zhuyin', toneColors: 'standard' } },
    });
    await idle();
    watch.disconnect();
    expect(writes).toEqual([]);
  });

  test('show original and fix again', async () => {
    controller.applySettings(settingsWith());
    await idle();
    expect(controller.setShowOriginal(true).work.showingOriginal).toBe(true);
    await idle();
    expect(document.body.textContent).toBe('勇勇于于担担当当作作为为新华社电：头发');
    controller.setShowOriginal(false);
    await idle();
    expect(document.body.textContent).toBe('勇于担当作为新华社电：头发');
  });

  test('an aid’s code loads once, on first use; the switch answers at once and the work follows', async () => {
    controller.applySettings(settingsWith());
    await idle();
    const answer = controller.setReadingAid('conversion', true, { variant: 's2t' });
    expect(answer.readingAids.conversion).toMatchObject({ enabled: true, loading: true });
    await idle();
    expect(loads).toEqual(['conversion']);
    expect(document.body.textContent).toBe('勇於擔當作爲新華社電：頭髮');
    controller.setReadingAid('conversion', false);
    controller.setReadingAid('conversion', true, { variant: 's2twp' });
    await idle();
    expect(loads).toEqual(['conversion']);
    expect(document.body.textContent).toBe('勇於擔當作為新華社電：頭髮');
    controller.setReadingAid('pinyin', true);
    await idle();
    expect(document.querySelectorAll('ruby').length).toBeGreaterThan(5);
    controller.setReadingAid('pinyin', false);
    controller.setReadingAid('conversion', false);
    await idle();
    expect(document.body.innerHTML).toBe('<h1 data-qingdu-fixed="">勇于担当作为</h1><p>新华社电：头发</p>');
  });

  test('two quick switches: the last one wins, whatever finishes loading first', async () => {
    controller.applySettings(settingsWith({ fix: false }));
    controller.setReadingAid('conversion', true, { variant: 's2t' });
    controller.setReadingAid('conversion', false);
    await idle();
    expect(controller.status().readingAids.conversion).toMatchObject({ enabled: false, loading: false });
    expect(document.body.textContent).toBe('勇勇于于担担当当作作为为新华社电：头发');
  });

  test('an aid whose code does not load says why, and the page is left alone', async () => {
    failLoads = true;
    controller.applySettings(settingsWith({ fix: false }));
    controller.setReadingAid('pinyin', true);
    await idle();
    expect(controller.status().readingAids.pinyin).toMatchObject({
      enabled: false,
      loading: false,
      error: 'Cannot access contents of the page',
    });
    expect(document.querySelector('ruby')).toBeNull();
  });

  test('“always on this site” turns an aid on as the page loads; only a change of the rule overrides the reader', async () => {
    controller.applySettings(settingsWith({ pinyin: true }));
    await idle();
    expect(controller.status().readingAids.pinyin.enabled).toBe(true);
    // The reader switches pinyin off here; an unrelated settings change does not switch it on again.
    controller.setReadingAid('pinyin', false);
    controller.applySettings(settingsWith({ pinyin: true, outline: false }));
    await idle();
    expect(controller.status().readingAids.pinyin.enabled).toBe(false);
    // The rule itself changing does.
    controller.applySettings(settingsWith({ pinyin: false }));
    controller.applySettings(settingsWith({ pinyin: true }));
    await idle();
    expect(controller.status().readingAids.pinyin.enabled).toBe(true);
  });

  test('fix selection fixes what the automatic pass left alone', async () => {
    document.body.innerHTML =
      '<p>新新闻闻 25日，济宁高新区召开“双招双引”工作调度推进会，高新区党工委书记刘章箭出席会议并讲话。</p>';
    controller.applySettings(settingsWith());
    await idle();
    const text = document.querySelector('p')?.firstChild as Text;
    expect(text.data.startsWith('新新闻闻')).toBe(true);
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 4);
    document.getSelection()?.removeAllRanges();
    document.getSelection()?.addRange(range);
    expect(await controller.fixSelection()).toBe(1);
    expect(text.data.startsWith('新闻 25日')).toBe(true);
  });
});
