import { defineExtensionMessaging } from '@webext-core/messaging';

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

/**
 * Every message between the extension's own contexts (popup, options, background,
 * content script). Pages cannot send these: runtime messaging only reaches
 * extension contexts, and the manifest declares no `externally_connectable`.
 */
export interface ProtocolMap {
  /** Popup or background → content script: is the content script running here? */
  ping(): PageStatus;
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
