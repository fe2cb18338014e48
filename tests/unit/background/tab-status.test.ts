import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { badgeTextFor, createTabStatusStore, type FrameEntry, summarizeTab } from '../../../lib/background/tab-status';
import type { PipelineStatus } from '../../../lib/dom/page-pipeline';

const work = (fixCount: number, extra: Partial<PipelineStatus> = {}): PipelineStatus => ({
  generation: 1,
  doneGeneration: 1,
  working: false,
  progress: { done: 0, total: 0 },
  fixCount,
  showingOriginal: false,
  lineRuns: 0,
  joiningLines: false,
  stages: ['fix'],
  ...extra,
});

const frame = (documentKey: string, fixCount: number, extra: Partial<PipelineStatus> = {}): FrameEntry => ({
  documentKey,
  pipeline: true,
  fixEnabled: true,
  work: work(fixCount, extra),
});

describe('summarizeTab and badgeTextFor', () => {
  test('counts and progress add up over frames; the badge is empty when nothing is fixed or the original shows', () => {
    const tab = summarizeTab({
      frames: {
        '0': frame('a', 9),
        '3': frame('b', 1, { working: true, progress: { done: 5, total: 20 } }),
        '4': { documentKey: 'c', pipeline: false, fixEnabled: true },
      },
      url: 'https://news.example/',
    });
    expect(tab).toMatchObject({
      frames: 3,
      fixCount: 10,
      working: true,
      progress: { done: 5, total: 20 },
      fixEnabled: true,
      url: 'https://news.example/',
    });
    expect(badgeTextFor(tab)).toBe('10');
    expect(badgeTextFor(summarizeTab({ frames: {} }))).toBe('');
    expect(badgeTextFor(summarizeTab({ frames: { '0': frame('a', 3, { showingOriginal: true }) } }))).toBe('');
    expect(badgeTextFor(summarizeTab({ frames: { '0': frame('a', 1200) } }))).toBe('999+');
  });

  test('the popup’s switches are the top frame’s aids, or the defaults it is given', () => {
    const defaults = {
      pinyin: { enabled: false, options: { style: 'zhuyin' as const, toneColors: 'off' as const } },
      conversion: { enabled: false, options: { variant: 's2tw' as const } },
      lines: { enabled: false, options: {} },
    };
    expect(summarizeTab({ frames: {} }, defaults).readingAids).toBe(defaults);
    const top = { ...frame('a', 0), readingAids: { ...defaults, pinyin: { ...defaults.pinyin, enabled: true } } };
    expect(summarizeTab({ frames: { '0': top } }, defaults).readingAids.pinyin.enabled).toBe(true);
  });

  test('broken paragraphs add up over the frames whose pipeline looked; unknown while none has', () => {
    const sentinelOnly: FrameEntry = { documentKey: 'a', pipeline: false, fixEnabled: true };
    expect(summarizeTab({ frames: { '0': sentinelOnly } }).lineRuns).toBeUndefined();
    const looked = (runs: number) => frame('a', 0, { lineRuns: runs });
    expect(summarizeTab({ frames: { '0': looked(3), '5': looked(2), '6': sentinelOnly } }).lineRuns).toBe(5);
    expect(summarizeTab({ frames: { '0': looked(0) } }).lineRuns).toBe(0);
  });
});

describe('createTabStatusStore', () => {
  beforeEach(() => fakeBrowser.reset());

  test('keeps each frame’s report; a new document in the top frame starts the tab afresh', async () => {
    const tabs = createTabStatusStore();
    await tabs.report(7, 0, { ...frame('doc-a', 4), address: 'https://news.example/a' });
    await tabs.report(7, 3, frame('frame-a', 2));
    await tabs.report(8, 0, frame('other-tab', 5));
    expect(summarizeTab(await tabs.read(7))).toMatchObject({ fixCount: 6, frames: 2, url: 'https://news.example/a' });
    // A later report of the same document keeps what it does not say (the sentinel's address, its candidate).
    await tabs.report(7, 0, { documentKey: 'doc-a', pipeline: true, fixEnabled: true, work: work(5) });
    expect((await tabs.read(7)).frames['0']?.address).toBe('https://news.example/a');
    expect(summarizeTab(await tabs.read(7))).toMatchObject({ fixCount: 7, frames: 2 });
    await tabs.report(7, 0, frame('doc-b', 1));
    expect(summarizeTab(await tabs.read(7))).toMatchObject({ fixCount: 1, frames: 1 });
    expect(summarizeTab(await tabs.read(8))).toMatchObject({ fixCount: 5, frames: 1 });
    expect((await tabs.tabs()).sort()).toEqual([7, 8]);
    await tabs.forgetFrames(7, [0]);
    expect(summarizeTab(await tabs.read(7))).toMatchObject({ frames: 0 });
    await tabs.forget(8);
    expect(summarizeTab(await tabs.read(8))).toMatchObject({ fixCount: 0, frames: 0 });
  });

  test('reports from one tab are handled one after another (no lost update)', async () => {
    const tabs = createTabStatusStore();
    await Promise.all(Array.from({ length: 20 }, (_, i) => tabs.report(7, i, frame(`f${i}`, 1))));
    expect(summarizeTab(await tabs.read(7))).toMatchObject({ fixCount: 20, frames: 20 });
  });
});
