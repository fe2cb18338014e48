import { defineExtensionMessaging, type RemoveListenerCallback } from '@webext-core/messaging';
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
 * `onMessage` below checks the sender anyway (see `isTrustedSender`).
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
  /** Content script → background: the settings that apply on this URL (read, repaired and resolved there). */
  getPageSettings(url: string): PageSettings;
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

const messenger = defineExtensionMessaging<ProtocolMap>();

export const { sendMessage, removeAllListeners } = messenger;

/** The message a listener gets when it refuses a sender; the sender sees it as a rejected promise. */
export const UNTRUSTED_SENDER_ERROR = 'Qingdu only takes commands from its own extension pages';

/** What a listener knows about the context it runs in, so the sender check can be tested without a browser. */
export interface ReceiverContext {
  /** `runtime.id` of this extension. */
  extensionId: string;
  /** Base URL of the extension's own pages, `runtime.getURL('')`: `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  extensionBaseUrl: string;
  /** True in a content script: the page around it is not trusted, and neither are other pages' content scripts. */
  inContentScript: boolean;
}

/**
 * Whether a message may command this context. Every message must come from this very extension
 * (never from another extension or a web page). A content script takes commands only from the
 * extension's own pages (popup, options, background), never from a content script, which runs
 * inside some web page's process.
 */
export function isTrustedSender(sender: chrome.runtime.MessageSender | undefined, context: ReceiverContext): boolean {
  if (!sender || !context.extensionId || sender.id !== context.extensionId) return false;
  if (!context.inContentScript) return true;
  // Compared as URL prefixes: `new URL('chrome-extension://…').origin` is "null" outside Chrome.
  const from = sender.url ?? (sender.origin ? `${sender.origin}/` : '');
  return context.extensionBaseUrl.length > 0 && from.startsWith(context.extensionBaseUrl);
}

function readReceiverContext(): ReceiverContext {
  const extensionBaseUrl = chrome.runtime.getURL('');
  const here = String(globalThis.location?.href ?? '');
  return { extensionId: chrome.runtime.id, extensionBaseUrl, inContentScript: !here.startsWith(extensionBaseUrl) };
}

type Listener<TType extends keyof ProtocolMap> = Parameters<typeof messenger.onMessage<TType>>[1];

/**
 * Listen for one message type. Messages from anyone but the extension's own contexts are
 * refused before the listener runs (the sender gets {@link UNTRUSTED_SENDER_ERROR}).
 */
export function onMessage<TType extends keyof ProtocolMap>(
  type: TType,
  listener: Listener<TType>,
): RemoveListenerCallback {
  return messenger.onMessage(type, (message) => {
    if (!isTrustedSender(message.sender, readReceiverContext())) throw new Error(UNTRUSTED_SENDER_ERROR);
    return listener(message);
  });
}
