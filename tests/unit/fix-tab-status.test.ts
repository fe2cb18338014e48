import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { badgeTextFor, createFixTabStatus, summarizeFrames } from '../../lib/features/fix-tab-status';
import type { FrameFixStatus } from '../../lib/messaging';

const frame = (count: number, extra: Partial<FrameFixStatus> = {}): FrameFixStatus => ({
  count,
  showingOriginal: false,
  working: false,
  enabled: true,
  ...extra,
});

describe('summarizeFrames and badgeTextFor', () => {
  test('counts add up over frames; the badge is empty when nothing is fixed or the original shows', () => {
    const tab = summarizeFrames([frame(9), frame(1, { working: true })]);
    expect(tab).toEqual({ count: 10, showingOriginal: false, working: true, enabled: true, frames: 2 });
    expect(badgeTextFor(tab)).toBe('10');
    expect(badgeTextFor(summarizeFrames([]))).toBe('');
    expect(badgeTextFor(summarizeFrames([frame(3, { showingOriginal: true })]))).toBe('');
    expect(badgeTextFor(summarizeFrames([frame(1200)]))).toBe('999+');
  });
});

describe('createFixTabStatus', () => {
  beforeEach(() => fakeBrowser.reset());

  test('keeps each frame’s report; a new document in the top frame starts the tab afresh', async () => {
    const tabs = createFixTabStatus({ setFrameShowOriginal: async () => frame(0) });
    await tabs.report(7, 0, 'doc-a', frame(4));
    await tabs.report(7, 3, 'frame-a', frame(2));
    await tabs.report(8, 0, 'other-tab', frame(5));
    expect(await tabs.get(7)).toMatchObject({ count: 6, frames: 2 });
    await tabs.report(7, 0, 'doc-a', frame(5));
    expect(await tabs.get(7)).toMatchObject({ count: 7, frames: 2 });
    await tabs.report(7, 0, 'doc-b', frame(1));
    expect(await tabs.get(7)).toMatchObject({ count: 1, frames: 1 });
    expect(await tabs.get(8)).toMatchObject({ count: 5, frames: 1 });
    await tabs.forget(8);
    expect(await tabs.get(8)).toMatchObject({ count: 0, frames: 0 });
  });

  test('Show original reaches every frame; frames that are gone are dropped', async () => {
    const asked: string[] = [];
    const tabs = createFixTabStatus({
      setFrameShowOriginal: async (tabId, frameId, showOriginal) => {
        asked.push(`${tabId}/${frameId}/${showOriginal}`);
        if (frameId === 9) throw new Error('frame gone');
        return frame(0, { showingOriginal: showOriginal });
      },
    });
    await tabs.report(7, 0, 'doc', frame(4));
    await tabs.report(7, 2, 'f2', frame(1));
    await tabs.report(7, 9, 'f9', frame(1));
    const status = await tabs.setShowOriginal(7, true);
    expect(asked.sort()).toEqual(['7/0/true', '7/2/true', '7/9/true']);
    expect(status).toEqual({ count: 0, showingOriginal: true, working: false, enabled: true, frames: 2 });
    expect(await tabs.get(7)).toEqual(status);
  });

  test('reports from many frames at once are all kept', async () => {
    const tabs = createFixTabStatus({ setFrameShowOriginal: async () => frame(0) });
    await Promise.all(Array.from({ length: 20 }, (_, i) => tabs.report(1, i, `d${i}`, frame(1))));
    expect(await tabs.get(1)).toMatchObject({ count: 20, frames: 20 });
  });
});
