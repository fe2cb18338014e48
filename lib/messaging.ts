import { defineExtensionMessaging, type RemoveListenerCallback } from '@webext-core/messaging';
import type { PipelineStatus } from '@/lib/dom/page-pipeline';
import type { PassageRequest } from '@/lib/features/page-controller';
import type { KeepProblem } from '@/lib/features/passage-report';
import type { StageCodeName } from '@/lib/features/stage-code';
import type { ReadingAidName, ReadingAidOptionsMap } from '@/lib/features/stage-options';
import type { SiteSettings } from '@/lib/settings/site-rules';

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
  /** Its code and dictionaries are being loaded. */
  loading?: boolean;
  /** Why the last attempt to turn it on failed, if it did. */
  error?: string;
};
export type ReadingAidsStatus = { [N in ReadingAidName]: ReadingAidStatus<N> };

/** Turn one reading aid on (with options; on again = new options) or off. */
export type ReadingAidRequest = {
  [N in ReadingAidName]: { name: N; enabled: boolean; options?: ReadingAidOptionsMap[N] };
}[ReadingAidName];

/** One frame's state, as its page pipeline reports it (or as the sentinel saw the page). */
export interface FrameStatus {
  /** A random key per document, so a navigation replaces the frame's entry. */
  documentKey: string;
  /** The page pipeline runs in the frame (else only the sentinel looked at it and found nothing to do). */
  pipeline: boolean;
  /** Fixing doubled text is on for this site. */
  fixEnabled: boolean;
  /** The pipeline's own state (absent where only the sentinel ran). */
  work?: PipelineStatus;
  readingAids?: ReadingAidsStatus;
}

/** The background's answer when a frame keeps (or stops keeping) a passage: the settings that apply there now. */
export type KeptOriginalAnswer = { ok: true; settings: PageSettings } | { ok: false; reason: KeepProblem };

/** A tab's state, all frames together, as the popup and the badge show it. */
export interface TabStatus {
  /** Frames that reported. */
  frames: number;
  /** Passages fixed in all frames. */
  fixCount: number;
  fixEnabled: boolean;
  showingOriginal: boolean;
  /** Some frame has work pending; `progress` adds up their blocks. */
  working: boolean;
  progress: { done: number; total: number };
  /** The top frame's reading aids (the popup's switches), or their defaults for the tab's page. */
  readingAids: ReadingAidsStatus;
  /**
   * Paragraphs whose lines a print column broke, in all frames (joined ones while joining), or
   * undefined while no frame's pipeline has looked (the popup then asks for a look).
   */
  lineRuns?: number;
  /** The page's address, from its top frame (the popup needs no `tabs` permission). */
  url?: string;
}

/** What the sentinel says when it has looked at its page (or at new content). */
export interface SentinelReport {
  documentKey: string;
  /**
   * Stretches of the page's text that may hold doubled text (clusters of doubled runs with some
   * text around them; see lib/features/sentinel.ts): the background runs the engine on them, off
   * the page's main thread, and loads the pipeline only where it would change something.
   */
  candidates: string[];
  /** There were more candidates than were sent (the background then loads the pipeline without looking). */
  truncated: boolean;
  /** Where the sentinel's first look went (ms): reading the page's text, scanning it. */
  timings?: { read: number; scan: number };
}

/**
 * Every message between the extension's own contexts (popup, options, background, the scripts in
 * pages). Pages cannot send these: runtime messaging only reaches extension contexts, and the
 * manifest declares no `externally_connectable`. `onMessage` checks the sender anyway: see
 * `isTrustedSender` and `PAGE_SCRIPT_MESSAGES`.
 */
export interface ProtocolMap {
  // Scripts in pages → background (the only messages the background takes from a page's scripts).
  /**
   * Sentinel: what I found on my page. The background loads the pipeline where it is needed and
   * answers whether fixing is on here and whether the pipeline now runs (the sentinel's job is done).
   */
  sentinelReport(report: SentinelReport): { fixEnabled: boolean; pipeline: boolean; settings?: PageSettings };
  /** Pipeline: the settings that apply in my frame (resolved for the sender's own tab and frame). */
  getPageSettings(): PageSettings;
  /** Pipeline: my frame's state changed (drives the badge and the popup). */
  reportFrameStatus(status: FrameStatus): void;
  /** Pipeline: inject this stage's code (an aid's dictionaries, the regex engine) into my document. */
  injectStageCode(request: { name: StageCodeName; documentKey: string }): void;
  /**
   * Tooltip's "Keep the original": keep this passage's text as the page wrote it on my frame's site
   * (the background names the site from the sender, never from the message).
   */
  keepOriginal(request: { text: string }): KeptOriginalAnswer;
  /** Tooltip's Undo: stop keeping it on my frame's site. */
  forgetKeptOriginal(request: { text: string }): KeptOriginalAnswer;

  // Popup (extension pages only) → background: the tab as a whole.
  /** The tab's state, all frames together. */
  getTabStatus(tabId: number): TabStatus;
  /** Switch a reading aid in every frame of the tab (loading the pipeline where it is not running yet). */
  setTabReadingAid(request: { tabId: number } & ReadingAidRequest): TabStatus;
  /** "Show original" (true) or "Fix again" (false) in every frame of the tab. */
  setTabShowOriginal(request: { tabId: number; showOriginal: boolean }): TabStatus;

  // Background → page pipeline (one frame).
  /** Are you there? (the background injects the pipeline where nobody answers). */
  pipelinePing(): { documentKey: string };
  /** The settings changed: here is what applies in your frame now. */
  applyPageSettings(settings: PageSettings): void;
  /** Switch a reading aid (popup, keyboard shortcut); answers at once, the work follows. */
  setReadingAid(request: ReadingAidRequest): FrameStatus;
  /** Show original / fix again. */
  setShowOriginal(showOriginal: boolean): FrameStatus;
  /** Context menu: fix the selected text; returns passages fixed. */
  fixSelection(): number;
  /** Context menu: copy the selection, repaired; returns the text. */
  copyRepairedText(): string;
  /** "About this fix" (context menu or command): the passage's tooltip, with focus inside; false if there is none. */
  showPassageDetails(request: PassageRequest): boolean;
}

/** The messages the background takes from scripts running in web pages; every other one only from extension pages. */
export const PAGE_SCRIPT_MESSAGES: ReadonlySet<keyof ProtocolMap> = new Set([
  'sentinelReport',
  'getPageSettings',
  'reportFrameStatus',
  'injectStageCode',
  'keepOriginal',
  'forgetKeptOriginal',
]);

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
 * (never from another extension or a web page). A script in a page takes commands only from the
 * extension's own pages (popup, options, background), never from a script in another page. The
 * background takes the messages of `PAGE_SCRIPT_MESSAGES` from scripts in tabs (each about the
 * sender's own tab and frame) and every other message only from the extension's own pages, so a
 * page's script cannot read or switch another tab.
 */
export function isTrustedSender(
  sender: chrome.runtime.MessageSender | undefined,
  context: ReceiverContext,
  type?: keyof ProtocolMap,
): boolean {
  if (!sender || !context.extensionId || sender.id !== context.extensionId) return false;
  // Compared as URL prefixes: `new URL('chrome-extension://…').origin` is "null" outside Chrome.
  const from = sender.url ?? (sender.origin ? `${sender.origin}/` : '');
  const fromExtensionPage = context.extensionBaseUrl.length > 0 && from.startsWith(context.extensionBaseUrl);
  if (context.inContentScript) return fromExtensionPage;
  if (type !== undefined && PAGE_SCRIPT_MESSAGES.has(type)) return sender.tab?.id !== undefined;
  return fromExtensionPage;
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
    if (!isTrustedSender(message.sender, readReceiverContext(), type)) throw new Error(UNTRUSTED_SENDER_ERROR);
    return listener(message);
  });
}
