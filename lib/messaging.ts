import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ReadingAidName, ReadingAidOptionsMap } from '@/lib/features/reading-aid';
import type { SiteSettings } from '@/lib/settings/site-rules';

/** What the content script reports about its page. */
export interface PageStatus {
  /** Marker that the content script is alive in this frame. */
  ready: true;
  url: string;
}

/** Fix doubled text's state in one frame. */
export interface FrameFixStatus {
  /** Passages fixed in the frame now. */
  count: number;
  /** The reader chose "Show original": the frame shows the page's own text. */
  showingOriginal: boolean;
  /** A pass is still running. */
  working: boolean;
  /** False where fixing is off (a site rule, or the global switch). */
  enabled: boolean;
}

/** Fix doubled text's state in a whole tab (all frames together), as the popup and the badge show it. */
export interface TabFixStatus extends FrameFixStatus {
  /** Frames that reported. */
  frames: number;
}

/** What applies on one page: the site's settings and the options each reading aid runs with there. */
export interface PageSettings {
  site: SiteSettings;
  /** The options each reading aid runs with here. */
  readingAids: ReadingAidOptionsMap;
}

/** One reading aid's state in a frame, as the popup shows it. */
export type ReadingAidStatus<N extends ReadingAidName> = {
  enabled: boolean;
  /** The options it runs with (or last ran with / would start with). */
  options: ReadingAidOptionsMap[N];
  /** Why the last attempt to turn it on failed, if it did. */
  error?: string;
};
export type ReadingAidsStatus = { [N in ReadingAidName]: ReadingAidStatus<N> };

/** Turn one reading aid on (with options; on again = new options) or off. */
export type ReadingAidRequest = {
  [N in ReadingAidName]: { name: N; enabled: boolean; options?: ReadingAidOptionsMap[N] };
}[ReadingAidName];

/**
 * Every message between the extension's own contexts (popup, options, background,
 * content script). Pages cannot send these: runtime messaging only reaches
 * extension contexts, and the manifest declares no `externally_connectable`.
 */
export interface ProtocolMap {
  /** Popup or background → content script: is the content script running here? */
  ping(): PageStatus;
  /** Popup → content script (top frame): the reading aids' state in this tab. */
  getReadingAids(): ReadingAidsStatus;
  /** Popup → content scripts (every frame): switch a reading aid. */
  setReadingAid(request: ReadingAidRequest): ReadingAidsStatus;
  /** Background (keyboard shortcut) → content scripts (every frame): switch a reading aid on or off. */
  toggleReadingAid(name: ReadingAidName): ReadingAidsStatus;
  /** Content script → background: inject this aid's code into my frame (loaded on demand). */
  injectReadingAid(name: ReadingAidName): void;
  /** Content script → background: this frame's fix status changed (drives the badge). */
  reportFixStatus(status: FrameFixStatus & { documentKey: string }): void;
  /** Popup → background: the tab's fix status, all frames together. */
  getTabFixStatus(tabId: number): TabFixStatus;
  /** Popup → background: "Show original" (true) or "Fix again" (false) in every frame of the tab. */
  setTabShowOriginal(request: { tabId: number; showOriginal: boolean }): TabFixStatus;
  /** Background → content script (one frame): show original / fix again. */
  setShowOriginal(showOriginal: boolean): FrameFixStatus;
  /** Background (context menu) → content script (the frame clicked): fix the selected text; returns passages fixed. */
  fixSelection(): number;
  /** Background (context menu) → content script (the frame clicked): copy the selection, repaired; returns the text. */
  copyRepairedText(): string;
}

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>();
