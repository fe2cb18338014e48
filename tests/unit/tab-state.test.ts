/**
 * When the end-to-end tests, `npm start` and the benchmarks call a tab settled
 * (scripts/lib/tab-state.ts): a wrong answer here would make them pass or wait for the wrong reason.
 */
import { describe, expect, test } from 'vitest';
import type { FrameEntry } from '../../lib/background/tab-status';
import type { PipelineStatus } from '../../lib/dom/page-pipeline';
import { findUnsettled, type TabSnapshot } from '../../scripts/lib/tab-state';

const ADDRESS = 'http://127.0.0.1/page.html';
const IDLE: PipelineStatus = {
  generation: 2,
  doneGeneration: 2,
  working: false,
  progress: { done: 0, total: 0 },
  fixCount: 3,
  showingOriginal: false,
  stages: ['fix'],
  lineRuns: 0,
  joiningLines: false,
};

function entryOf(documentKey: string, overrides: Partial<FrameEntry> = {}): FrameEntry {
  return { documentKey, address: ADDRESS, candidate: true, fixEnabled: true, pipeline: true, work: IDLE, ...overrides };
}

function snapshotOf(frames: { frameId: number; documentKey: string | null; entry?: FrameEntry }[]): TabSnapshot {
  const entry = {
    url: ADDRESS,
    frames: Object.fromEntries(frames.flatMap((f) => (f.entry ? [[f.frameId, f.entry]] : []))),
  };
  return { tabId: 1, entry, frames, top: frames[0]?.entry };
}

describe('findUnsettled', () => {
  test('a tab whose every frame reported for its document and finished its work is settled', () => {
    const tab = snapshotOf([
      { frameId: 0, documentKey: 'a', entry: entryOf('a') },
      { frameId: 3, documentKey: 'b', entry: entryOf('b', { candidate: false, pipeline: false, work: undefined }) },
      // A frame where no script of Qingdu's runs (no document key) is not waited for.
      { frameId: 4, documentKey: null },
    ]);
    expect(findUnsettled(tab, ADDRESS)).toBeUndefined();
  });

  test('the entry of the document before a reload does not count', () => {
    const tab = snapshotOf([{ frameId: 0, documentKey: 'new', entry: entryOf('old') }]);
    expect(findUnsettled(tab, ADDRESS)).toMatch(/top frame has not reported/);
  });

  test('a frame that has not reported, or waits for its pipeline, keeps the tab unsettled', () => {
    expect(
      findUnsettled(
        snapshotOf([
          { frameId: 0, documentKey: 'a', entry: entryOf('a') },
          { frameId: 2, documentKey: 'b' },
        ]),
      ),
    ).toMatch(/frame 2 has not reported/);
    expect(
      findUnsettled(
        snapshotOf([{ frameId: 0, documentKey: 'a', entry: entryOf('a', { pipeline: false, work: undefined }) }]),
      ),
    ).toMatch(/waits for its pipeline/);
  });

  test('pending work, an unfinished generation or an aid loading keep the tab unsettled', () => {
    const working = entryOf('a', { work: { ...IDLE, working: true } });
    const behind = entryOf('a', { work: { ...IDLE, doneGeneration: 1 } });
    const loading = entryOf('a', {
      readingAids: {
        pinyin: { enabled: true, loading: true, options: { style: 'tone-marks', toneColors: 'off' } },
        conversion: { enabled: false, options: { variant: 's2t' } },
        lines: { enabled: false, options: {} },
      },
    });
    for (const entry of [working, behind, loading])
      expect(findUnsettled(snapshotOf([{ frameId: 0, documentKey: 'a', entry }]))).toBeDefined();
  });

  test('a report for another address does not count', () => {
    const tab = snapshotOf([{ frameId: 0, documentKey: 'a', entry: entryOf('a', { address: 'http://elsewhere/' }) }]);
    expect(findUnsettled(tab, ADDRESS)).toMatch(/reported for http:\/\/elsewhere\//);
  });
});
