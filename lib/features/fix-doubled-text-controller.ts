/**
 * Runs fix doubled text in one frame as the settings say: starts it where the site's settings
 * turn it on, restarts it when they change, and answers the popup and context menu.
 */
import type { FrameFixStatus } from '@/lib/messaging';
import type { ReplacementRule } from '@/lib/settings/schema';
import type { FixOptions } from '@/lib/text/doubled/types';
import { withCheckedReplacementRules } from '@/lib/text/replace/apply-replacement-rules';
import { readSelectedText, writeClipboardText } from './copy-repaired-text';
import {
  type DoubledTextEngine,
  EXPLICIT_FIX_OPTIONS,
  type FixDoubledText,
  startFixDoubledText,
} from './fix-doubled-text';

/** What the settings decide for this page (a subset of lib/settings' SiteSettings). */
export interface FixPageSettings {
  fix: boolean;
  fixOptions: FixOptions;
  outline: boolean;
  /** The site's replacement rules, applied after the doubled-text fix; already checked (`keepSafeReplacementRules`). */
  replacementRules?: readonly ReplacementRule[];
}

/** Used until the settings are read, and where they cannot be: fixing on, conservative, outlined. */
export const DEFAULT_FIX_PAGE_SETTINGS: FixPageSettings = {
  fix: true,
  fixOptions: { sensitivity: 'conservative' },
  outline: true,
};

export interface FixControllerOptions {
  engine: DoubledTextEngine;
  /** The tooltip heading for originals, in the reader's language. */
  originalLabel: string;
  /** Called with the frame's status whenever it changes. */
  onStatus: (status: FrameFixStatus) => void;
}

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

export function createFixController(doc: Document, options: FixControllerOptions) {
  let controller: AbortController | undefined;
  let feature: FixDoubledText | undefined;
  let current: FixPageSettings | undefined;
  let lastKey = '';

  const status = (): FrameFixStatus => {
    const s = feature?.status();
    return {
      count: s?.count ?? 0,
      showingOriginal: s?.showingOriginal ?? false,
      working: s?.working ?? false,
      enabled: current?.fix ?? false,
    };
  };
  const report = () => options.onStatus(status());

  const stop = () => {
    controller?.abort();
    controller = undefined;
    feature = undefined;
  };

  return {
    status,
    /** Apply the page's settings: start, restart with new options, or stop (restoring the page). */
    configure(pageSettings: FixPageSettings): void {
      // Only what concerns this feature: other settings changing must not restart it.
      const { fix, fixOptions, outline, replacementRules = [] } = pageSettings;
      const settings: FixPageSettings = { fix, fixOptions, outline, replacementRules };
      const key = JSON.stringify(settings);
      if (key === lastKey) return;
      lastKey = key;
      current = settings;
      stop();
      // Only HTML documents: an SVG image or XML feed opened directly has no text blocks to fix.
      if (settings.fix && doc.documentElement?.namespaceURI === HTML_NAMESPACE) {
        controller = new AbortController();
        feature = startFixDoubledText(doc, {
          signal: controller.signal,
          engine: withCheckedReplacementRules(options.engine, replacementRules),
          fixOptions: settings.fixOptions,
          outline: settings.outline,
          originalLabel: options.originalLabel,
          onStatus: report,
        });
      }
      report();
    },
    setShowOriginal(showOriginal: boolean): FrameFixStatus {
      if (showOriginal) feature?.showOriginal();
      else feature?.fixAgain();
      const next = status();
      report();
      return next;
    },
    /** Fix the reader's selection in this frame; returns the passages fixed. */
    fixSelection(): number {
      const selection = doc.getSelection();
      if (!feature || !selection || selection.rangeCount === 0) return 0;
      let fixed = 0;
      for (let i = 0; i < selection.rangeCount; i++) fixed += feature.fixRange(selection.getRangeAt(i));
      report();
      return fixed;
    },
    /** Copy the selection, repaired, to the clipboard; returns the text copied ('' if nothing was). */
    async copyRepairedText(): Promise<string> {
      const selected = readSelectedText(doc);
      if (!selected) return '';
      const { text } = options.engine.fixText(selected, { ...current?.fixOptions, ...EXPLICIT_FIX_OPTIONS });
      return (await writeClipboardText(doc, text)) ? text : '';
    },
    /** Send the frame's status again (a page restored from the back/forward cache is news to the badge). */
    announce: report,
    stop,
  };
}
