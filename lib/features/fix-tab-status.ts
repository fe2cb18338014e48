/**
 * The background's view of fix doubled text across a tab's frames: every frame reports its
 * status, the toolbar badge shows the tab's passage count, and the popup's "Show original"
 * reaches every frame. Kept in `storage.session` so it survives the service worker sleeping.
 */
import { browser } from 'wxt/browser';
import { getToolbarButton } from '@/lib/browser-compat';
import type { FrameFixStatus, TabFixStatus } from '@/lib/messaging';

interface FrameEntry {
  documentKey: string;
  status: FrameFixStatus;
}
type TabEntry = Record<string, FrameEntry>;

const storageKey = (tabId: number) => `fix-status:${tabId}`;

export const BADGE_COLOR = '#a4161a';

/** All frames together: counts add up; a frame showing original or working shows in the tab. */
export function summarizeFrames(frames: readonly FrameFixStatus[]): TabFixStatus {
  return {
    count: frames.reduce((sum, frame) => sum + frame.count, 0),
    showingOriginal: frames.some((frame) => frame.showingOriginal),
    working: frames.some((frame) => frame.working),
    enabled: frames.some((frame) => frame.enabled),
    frames: frames.length,
  };
}

/** The badge text for a tab: the number of passages fixed, nothing when none are (or the original shows). */
export function badgeTextFor(status: TabFixStatus): string {
  if (status.showingOriginal || status.count === 0) return '';
  return status.count > 999 ? '999+' : String(status.count);
}

export interface FixTabStatusOptions {
  /** Ask one frame to show the original (true) or fix again (false); rejects if the frame is gone. */
  setFrameShowOriginal: (tabId: number, frameId: number, showOriginal: boolean) => Promise<FrameFixStatus>;
}

export function createFixTabStatus(options: FixTabStatusOptions) {
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
    return (stored[key] as TabEntry | undefined) ?? {};
  };
  const write = async (tabId: number, entry: TabEntry): Promise<TabFixStatus> => {
    await browser.storage.session.set({ [storageKey(tabId)]: entry });
    const summary = summarizeFrames(Object.values(entry).map((frame) => frame.status));
    await getToolbarButton()
      .setBadgeText({ tabId, text: badgeTextFor(summary) })
      .catch(() => undefined);
    return summary;
  };

  return {
    /** A frame reported. A new document in the top frame starts the tab afresh (it navigated). */
    report(tabId: number, frameId: number, documentKey: string, status: FrameFixStatus): Promise<TabFixStatus> {
      return serial(tabId, async () => {
        let entry = await read(tabId);
        if (frameId === 0 && entry['0'] && entry['0'].documentKey !== documentKey) entry = {};
        entry[String(frameId)] = { documentKey, status };
        return write(tabId, entry);
      });
    },
    get(tabId: number): Promise<TabFixStatus> {
      return serial(tabId, async () => summarizeFrames(Object.values(await read(tabId)).map((f) => f.status)));
    },
    /** "Show original" / "Fix again" in every frame that reported; frames that are gone are dropped. */
    setShowOriginal(tabId: number, showOriginal: boolean): Promise<TabFixStatus> {
      return serial(tabId, async () => {
        const entry = await read(tabId);
        await Promise.all(
          Object.keys(entry).map(async (frameId) => {
            try {
              const status = await options.setFrameShowOriginal(tabId, Number(frameId), showOriginal);
              (entry[frameId] as FrameEntry).status = status;
            } catch {
              delete entry[frameId];
            }
          }),
        );
        return write(tabId, entry);
      });
    },
    forget(tabId: number): Promise<void> {
      return serial(tabId, () => browser.storage.session.remove(storageKey(tabId)));
    },
  };
}
