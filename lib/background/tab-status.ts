/**
 * The background's view of each tab: every frame that has a script of Qingdu's (the sentinel, and
 * the page pipeline where it runs) reports, and the tab's state is the sum of its frames': the
 * toolbar badge counts the passages fixed, the popup shows the switches and progress. Kept in
 * `storage.session` so it survives the service worker sleeping, and updated one report at a time.
 */
import { browser } from 'wxt/browser';
import { getToolbarButton } from '@/lib/browser-compat';
import { DEFAULT_READING_AID_OPTIONS } from '@/lib/features/stage-options';
import type { FrameStatus, ReadingAidsStatus, TabStatus } from '@/lib/messaging';

/** One frame as the background knows it. */
export interface FrameEntry extends FrameStatus {
  /** The address whose settings apply in the frame (see `frameAddressOf`). */
  address?: string;
  /** The sentinel found doubled text the engine would fix. */
  candidate?: boolean;
  /** The sentinel's first look (ms): reading the page's text, scanning it. */
  sentinelTimings?: { read: number; scan: number };
}

export interface TabEntry {
  /** The top frame's address. */
  url?: string;
  frames: Record<string, FrameEntry>;
}

export const TAB_STATUS_KEY_PREFIX = 'tab-status:';
const storageKey = (tabId: number) => `${TAB_STATUS_KEY_PREFIX}${tabId}`;

export const BADGE_COLOR = '#a4161a';

const EMPTY_AIDS: ReadingAidsStatus = {
  pinyin: { enabled: false, options: DEFAULT_READING_AID_OPTIONS.pinyin },
  conversion: { enabled: false, options: DEFAULT_READING_AID_OPTIONS.conversion },
  lines: { enabled: false, options: DEFAULT_READING_AID_OPTIONS.lines },
};

/** All frames together: counts and progress add up; a frame showing the original or working shows in the tab. */
export function summarizeTab(entry: TabEntry, defaultAids: ReadingAidsStatus = EMPTY_AIDS): TabStatus {
  const frames = Object.entries(entry.frames);
  const top = entry.frames['0'];
  const progress = { done: 0, total: 0 };
  for (const [, frame] of frames) {
    if (!frame.work?.working) continue;
    progress.done += frame.work.progress.done;
    progress.total += frame.work.progress.total;
  }
  const looked = frames.filter(([, frame]) => frame.work !== undefined);
  return {
    frames: frames.length,
    fixCount: frames.reduce((sum, [, frame]) => sum + (frame.work?.fixCount ?? 0), 0),
    fixEnabled: frames.some(([, frame]) => frame.fixEnabled),
    showingOriginal: frames.some(([, frame]) => frame.work?.showingOriginal === true),
    working: frames.some(([, frame]) => frame.work?.working === true),
    progress,
    readingAids: top?.readingAids ?? defaultAids,
    lineRuns: looked.length === 0 ? undefined : looked.reduce((sum, [, frame]) => sum + (frame.work?.lineRuns ?? 0), 0),
    url: entry.url,
  };
}

/** The badge text for a tab: the number of passages fixed, nothing when none are (or the original shows). */
export function badgeTextFor(status: TabStatus): string {
  if (status.showingOriginal || status.fixCount === 0) return '';
  return status.fixCount > 999 ? '999+' : String(status.fixCount);
}

export interface TabStatusStore {
  /** A frame reported (sentinel or pipeline). A new document in the top frame starts the tab afresh. */
  report(tabId: number, frameId: number, update: Partial<FrameEntry> & { documentKey: string }): Promise<TabEntry>;
  read(tabId: number): Promise<TabEntry>;
  /** Drop frames that no longer answer. */
  forgetFrames(tabId: number, frameIds: readonly number[]): Promise<TabEntry>;
  forget(tabId: number): Promise<void>;
  /** Every tab the store knows. */
  tabs(): Promise<number[]>;
}

/** The badge is a courtesy: a browser without one (or a closed tab) never stops a report. */
export async function showBadge(tabId: number, status: TabStatus): Promise<void> {
  try {
    await getToolbarButton().setBadgeText({ tabId, text: badgeTextFor(status) });
  } catch {}
}

export async function initBadge(): Promise<void> {
  try {
    await getToolbarButton().setBadgeBackgroundColor({ color: BADGE_COLOR });
  } catch {}
}

export function createTabStatusStore(): TabStatusStore {
  // Reports from one tab's frames are handled one after another (read-modify-write of storage).
  const queues = new Map<number, Promise<unknown>>();
  const serial = <T>(tabId: number, task: () => Promise<T>): Promise<T> => {
    const next = (queues.get(tabId) ?? Promise.resolve()).then(task, task);
    queues.set(
      tabId,
      next.catch(() => undefined),
    );
    return next;
  };
  const read = async (tabId: number): Promise<TabEntry> => {
    const key = storageKey(tabId);
    const stored = await browser.storage.session.get(key);
    return (stored[key] as TabEntry | undefined) ?? { frames: {} };
  };
  const write = (tabId: number, entry: TabEntry) => browser.storage.session.set({ [storageKey(tabId)]: entry });

  return {
    report(tabId, frameId, update) {
      return serial(tabId, async () => {
        let entry = await read(tabId);
        const previous = entry.frames[String(frameId)];
        if (frameId === 0 && previous && previous.documentKey !== update.documentKey) entry = { frames: {} };
        const sameDocument = previous?.documentKey === update.documentKey;
        const frame: FrameEntry = {
          pipeline: false,
          fixEnabled: false,
          ...(sameDocument ? previous : {}),
          ...update,
        };
        entry.frames[String(frameId)] = frame;
        if (frameId === 0 && frame.address) entry.url = frame.address;
        await write(tabId, entry);
        return entry;
      });
    },
    read: (tabId) => serial(tabId, () => read(tabId)),
    forgetFrames(tabId, frameIds) {
      return serial(tabId, async () => {
        const entry = await read(tabId);
        for (const frameId of frameIds) delete entry.frames[String(frameId)];
        await write(tabId, entry);
        return entry;
      });
    },
    forget(tabId) {
      return serial(tabId, () => browser.storage.session.remove(storageKey(tabId)));
    },
    async tabs() {
      const all = await browser.storage.session.get(null);
      return Object.keys(all)
        .filter((key) => key.startsWith(TAB_STATUS_KEY_PREFIX))
        .map((key) => Number(key.slice(TAB_STATUS_KEY_PREFIX.length)))
        .filter((id) => Number.isInteger(id));
    },
  };
}
