import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ReadingAidName, ReadingAidOptionsMap } from '@/lib/features/reading-aid';
import type { SiteSettings } from '@/lib/settings/site-rules';

/** What the content script reports about its page. */
export interface PageStatus {
  /** Marker that the content script is alive in this frame. */
  ready: true;
  url: string;
}

/**
 * What applies on one page, resolved by the background from the stored settings, so the
 * always-injected content script needs neither the settings schema nor its validation code.
 */
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
  /** Content script → background: the settings that apply to this URL. */
  getPageSettings(url: string): PageSettings;
  /** Content script → background: inject this aid's code into my frame (loaded on demand). */
  injectReadingAid(name: ReadingAidName): void;
}

export const { sendMessage, onMessage, removeAllListeners } = defineExtensionMessaging<ProtocolMap>();
