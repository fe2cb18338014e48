/**
 * The page pipeline of one frame, driven by the settings the background pushes and by the
 * reader's switches: which stages run, with which options. Knows the stages (one file each in
 * lib/features) and the pipeline; knows nothing of messaging (the entrypoint wires that).
 *
 * - Fix doubled text and replacement rules follow the site's settings; "Show original" pauses them.
 * - The reading aids (pinyin, conversion, joining broken lines) follow the site rule ("always on
 *   this site") when it changes, and the reader's switch otherwise; the code of pinyin and
 *   conversion is loaded on first use (joining lines is part of the pipeline: it counts the broken
 *   paragraphs on every pass, for the popup).
 */
import { PagePipeline, type PageTextStage, type PipelineStatus } from '@/lib/dom/page-pipeline';
import { yieldToPage } from '@/lib/dom/scheduler';
import { composeText } from '@/lib/text/compose';
import { createFixStage } from '@/lib/text/doubled/fix-stage';
import type { FixOptions } from '@/lib/text/doubled/types';
import { MAX_KEPT_TEXT_LENGTH } from '@/lib/text/kept-originals';
import type { ReplacementRule } from '@/lib/text/replace/apply-replacement-rules';
import { readSelectedText, writeClipboardText } from './copy-repaired-text';
import { createFixDoubledTextStage, EXPLICIT_FIX_OPTIONS, OUTLINE_CSS } from './fix-doubled-text';
import {
  buildFixReport,
  findTextsToKeep,
  type KeepProblem,
  type PassageEvidence,
  summariseEvidence,
} from './passage-report';
import {
  type ActionOutcome,
  installPassageTooltip,
  type KeepOutcome,
  type PassageTooltip,
  type PassageTooltipText,
  type TooltipPassage,
} from './passage-tooltip';
import { findStageCode, type StageCodeName } from './stage-code';
import {
  DEFAULT_READING_AID_OPTIONS,
  READING_AID_NAMES,
  type ReadingAidName,
  type ReadingAidOptionsMap,
} from './stage-options';

/** What the settings decide for one page (the background resolves it; see lib/messaging's PageSettings). */
export interface PageStageSettings {
  site: {
    fix: boolean;
    pinyin: boolean;
    /** The site rule's conversion: a variant, or 'off'. */
    conversion: string;
    joinLines: boolean;
    fixOptions: FixOptions;
    outline: boolean;
    /** The site's replacement rules, already checked. */
    replacementRules: readonly ReplacementRule[];
    /** Passages the reader keeps as the page wrote them on this site (normalised texts). */
    keptOriginals?: readonly string[];
  };
  readingAids: ReadingAidOptionsMap;
}

/**
 * Used while a page is still being parsed and its settings are on their way (the pipeline was
 * registered for a site where doubled text was found before): fix with the default options, so
 * the page is fixed as it is parsed; the real settings replace these a moment later. Spelled
 * exactly as the background resolves the default settings, so that where they are the defaults
 * their arrival changes nothing and the page is not computed again.
 */
export const EARLY_PAGE_SETTINGS: PageStageSettings = {
  site: {
    fix: true,
    pinyin: false,
    conversion: 'off',
    joinLines: false,
    fixOptions: { sensitivity: 'conservative', factors: [2, 3, 4], latin: true },
    outline: true,
    replacementRules: [],
  },
  readingAids: DEFAULT_READING_AID_OPTIONS,
};

export interface AidState<N extends ReadingAidName> {
  enabled: boolean;
  options: ReadingAidOptionsMap[N];
  loading?: boolean;
  error?: string;
}
export type AidStates = { [N in ReadingAidName]: AidState<N> };

export interface PageControllerStatus {
  fixEnabled: boolean;
  work: PipelineStatus;
  readingAids: AidStates;
}

/** What the background answers when a kept original is stored or forgotten: the settings that apply now. */
export type KeptOriginalReply = { ok: true; settings: PageStageSettings } | { ok: false; reason: KeepProblem };

/** The tooltip over fixed passages: its words, and what its actions need from outside the page. */
export interface PassageTooltipServices {
  text: PassageTooltipText;
  /** One fact behind a fix, in the reader's words. */
  describeEvidence(evidence: PassageEvidence): string;
  /** Why Keep the original did not work, in the reader's words. */
  describeProblem(problem: KeepProblem): string;
  /** Keep `text` as the page wrote it on this frame's site (the background stores it). */
  keepOriginal(text: string): Promise<KeptOriginalReply>;
  /** Stop keeping it (Undo). */
  forgetKeptOriginal(text: string): Promise<KeptOriginalReply>;
  /** The extension's version, for reports. */
  version: string;
  /** Which events the tooltip's buttons obey; the browser's own (trusted) ones unless a test says otherwise. */
  isTrusted?: (event: Event) => boolean;
}

/** How the reader asked for the tooltip from the keyboard: the context menu, or a keyboard command. */
export type PassageRequest = 'menu' | 'command';

export interface PageControllerOptions {
  /** Make sure the aid's code has registered itself in this world (asks the background to inject it). */
  loadStageCode(name: StageCodeName): Promise<void>;
  /** Called when the status changes (throttling is the caller's business). */
  onStatus(status: PageControllerStatus): void;
  passages: PassageTooltipServices;
}

function sameOptions(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const HTML_NAMESPACE = 'http://www.w3.org/1999/xhtml';

export function createPageController(doc: Document, options: PageControllerOptions) {
  const pipeline = new PagePipeline(doc, { onStatus: () => report() });
  let settings: PageStageSettings | undefined;
  /** Resolves with the first settings: a command that arrives before them (a menu entry that loaded the pipeline) waits. */
  let settingsArrived: (value: PageStageSettings) => void = () => undefined;
  const firstSettings = new Promise<PageStageSettings>((resolve) => {
    settingsArrived = resolve;
  });
  let repairKey = '';
  let tooltip: { abort: AbortController; handle: PassageTooltip } | undefined;
  /** Where the last context menu was opened (the "About this fix" entry acts there). */
  let contextTarget: Node | undefined;
  /** The site rule's value at the last look, so only a change of the rule overrides the reader's switch. */
  let lastSiteAids: { pinyin: boolean; conversion: string; joinLines: boolean } | undefined;
  const aids: AidStates = {
    pinyin: { enabled: false, options: DEFAULT_READING_AID_OPTIONS.pinyin },
    conversion: { enabled: false, options: DEFAULT_READING_AID_OPTIONS.conversion },
    lines: { enabled: false, options: DEFAULT_READING_AID_OPTIONS.lines },
  };
  /** Bumped by every switch of an aid: a load that finishes after a newer switch is dropped. */
  const aidTurn: Record<ReadingAidName, number> = { pinyin: 0, conversion: 0, lines: 0 };
  let started = false;

  const status = (): PageControllerStatus => ({
    fixEnabled: settings?.site.fix ?? false,
    work: pipeline.status(),
    readingAids: { pinyin: { ...aids.pinyin }, conversion: { ...aids.conversion }, lines: { ...aids.lines } },
  });
  const report = () => options.onStatus(status());

  function startOnce(): void {
    if (started) return;
    started = true;
    // Only HTML documents: an SVG image or XML feed opened directly has no text blocks.
    if (doc.documentElement?.namespaceURI !== HTML_NAMESPACE) return;
    pipeline.start();
  }

  /** The repair stages (fix, replacement rules) as the site's settings say. */
  function configureRepairs(site: PageStageSettings['site']): void {
    const kept = site.keptOriginals ?? [];
    const key = JSON.stringify([site.fix, site.fixOptions, site.outline, site.replacementRules, kept]);
    if (key === repairKey) return;
    repairKey = key;
    pipeline.setPassageCss(site.fix && site.outline ? OUTLINE_CSS : '');
    pipeline.setTextStage('fix', site.fix ? createFixDoubledTextStage(site.fixOptions, kept) : undefined);
    void configureReplacement(site.fix ? site.replacementRules : [], key);
    if (site.fix && !tooltip) {
      const abort = new AbortController();
      tooltip = { abort, handle: installTooltip(abort.signal) };
    } else if (!site.fix && tooltip) {
      tooltip.abort.abort();
      tooltip = undefined;
    }
  }

  // --- the tooltip over fixed passages ---

  const { passages } = options;
  /** The last description of each passage shown: a passage just kept is no longer marked, and can still be reported. */
  const described = new WeakMap<Element, ReturnType<PagePipeline['describePassage']>>();
  const describePassage = (element: Element) => {
    const parts = pipeline.describePassage(element);
    if (parts?.length) described.set(element, parts);
    return parts?.length ? parts : described.get(element);
  };

  function describeForTooltip(element: Element): TooltipPassage | undefined {
    const parts = pipeline.describePassage(element);
    if (!parts || parts.length === 0) return undefined;
    described.set(element, parts);
    return {
      original: parts.map((part) => part.original).join('\n'),
      why: summariseEvidence(parts).map((evidence) => passages.describeEvidence(evidence)),
      canKeep: parts.some((part) => part.edits.some((repair) => repair.stage === 'fix')),
    };
  }

  /** Ask the background to store (or forget) each text; the settings it answers with apply at once. */
  async function changeKept(texts: readonly string[], keep: boolean): Promise<ActionOutcome & { done: string[] }> {
    const done: string[] = [];
    for (const text of texts) {
      let reply: KeptOriginalReply;
      try {
        reply = await (keep ? passages.keepOriginal(text) : passages.forgetKeptOriginal(text));
      } catch {
        reply = { ok: false, reason: 'not-saved' };
      }
      if (!reply.ok) return { ok: false, message: passages.describeProblem(reply.reason), done };
      done.push(text);
      controller.applySettings(reply.settings);
    }
    return { ok: true, done };
  }

  async function keepOriginal(element: Element): Promise<KeepOutcome> {
    const found = findTextsToKeep(describePassage(element) ?? [], MAX_KEPT_TEXT_LENGTH);
    if (!found.ok) return { ok: false, message: passages.describeProblem(found.problem) };
    const kept = await changeKept(found.texts, true);
    if (!kept.ok) {
      // All or nothing: a passage kept in two parts where the second failed is not half kept.
      await changeKept(kept.done, false);
      return kept;
    }
    return { ok: true, undo: async () => changeKept(found.texts, false) };
  }

  async function copyReport(element: Element): Promise<boolean> {
    const parts = describePassage(element);
    if (!parts || parts.length === 0 || !settings) return false;
    const report = buildFixReport(parts, {
      version: passages.version,
      page: doc.URL,
      fixOptions: settings.site.fixOptions,
    });
    return writeClipboardText(doc, JSON.stringify(report, null, 2));
  }

  function installTooltip(signal: AbortSignal): PassageTooltip {
    doc.addEventListener(
      'contextmenu',
      (event) => {
        contextTarget = event.composedPath()[0] as Node | undefined;
      },
      { capture: true, passive: true, signal },
    );
    return installPassageTooltip(doc, {
      signal,
      text: passages.text,
      describe: describeForTooltip,
      keep: keepOriginal,
      copyReport,
      isTrusted: passages.isTrusted,
    });
  }

  /** The marked passage around `node` (through shadow roots to their hosts), if any. */
  function passageAround(node: Node | null | undefined): Element | undefined {
    for (let at: Node | null | undefined = node; at; ) {
      if (at.nodeType === 1 && pipeline.isMarkedPassage(at as Element)) return at as Element;
      at = at.parentNode ?? (at as ShadowRoot).host;
    }
    return undefined;
  }

  /** The focused element, inside open shadow roots too. */
  function deepActiveElement(): Element | null {
    let active = doc.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active;
  }

  /** The first fixed passage (from the top) that can be seen now. */
  function firstPassageInView(): Element | undefined {
    const height = doc.defaultView?.innerHeight ?? 0;
    let best: { element: Element; top: number } | undefined;
    for (const element of pipeline.markedPassages()) {
      const rect = element.getBoundingClientRect();
      if (rect.bottom <= 0 || rect.top >= height || (rect.width === 0 && rect.height === 0)) continue;
      if (!best || rect.top < best.top) best = { element, top: rect.top };
    }
    return best?.element;
  }

  /**
   * The keyboard path ("About this fix"): the passage at the context menu (menu), the selection or
   * the focus (or the first one in view, for the command) gets the tooltip, with focus inside.
   */
  function showPassageDetails(request: PassageRequest): boolean {
    if (!tooltip) return false;
    const selection = doc.getSelection();
    const candidates = [
      request === 'menu' ? contextTarget : undefined,
      selection && selection.rangeCount > 0 ? selection.focusNode : undefined,
      deepActiveElement(),
    ];
    let passage: Element | undefined;
    for (const node of candidates) {
      passage = passageAround(node);
      if (passage) break;
    }
    if (!passage && request === 'command') passage = firstPassageInView();
    return passage ? tooltip.handle.openWithFocus(passage) : false;
  }

  /** The replacement rules' stage, once its code (the regex engine) is loaded; only sites with rules load it. */
  let replaceStage: PageTextStage | undefined;
  async function configureReplacement(rules: readonly ReplacementRule[], key: string): Promise<void> {
    const active = rules.filter((rule) => rule.enabled && rule.find !== '');
    if (active.length === 0) {
      replaceStage = undefined;
      pipeline.setTextStage('replace', undefined);
      return;
    }
    const loading = (async () => {
      if (!findStageCode('replace')) await options.loadStageCode('replace');
      const create = findStageCode('replace');
      if (!create) throw new Error('The replacement rules did not load.');
      // Newer settings arrived meanwhile: theirs win.
      if (key !== repairKey) return;
      replaceStage = create(active);
      pipeline.setTextStage('replace', replaceStage);
    })();
    const work = loading.catch(() => undefined).finally(() => switching.delete(work));
    switching.add(work);
    await work;
  }

  /** Switches still loading code or dictionaries. */
  const switching = new Set<Promise<void>>();
  function switchAid<N extends ReadingAidName>(name: N, enabled: boolean, next?: ReadingAidOptionsMap[N]): void {
    const work = applyAid(name, enabled, next).finally(() => switching.delete(work));
    switching.add(work);
  }

  async function applyAid<N extends ReadingAidName>(name: N, enabled: boolean, next?: ReadingAidOptionsMap[N]) {
    const state = aids[name] as AidState<N>;
    const optionsChanged = next !== undefined && !sameOptions(next, state.options);
    if (next) state.options = next;
    if (state.enabled === enabled && !optionsChanged && !state.error) return;
    const turn = ++aidTurn[name];
    state.enabled = enabled;
    state.error = undefined;
    if (name === 'lines') {
      pipeline.setLineJoin(enabled);
      report();
      return;
    }
    if (!enabled) {
      state.loading = false;
      if (name === 'pinyin') pipeline.setAnnotationStage(undefined);
      else pipeline.setTextStage('convert', undefined);
      report();
      return;
    }
    state.loading = true;
    report();
    try {
      if (!findStageCode(name)) await options.loadStageCode(name);
      const current = state.options;
      if (name === 'pinyin') {
        const create = findStageCode('pinyin');
        if (!create) throw new Error('The pinyin code did not load.');
        if (turn === aidTurn.pinyin) pipeline.setAnnotationStage(create(current as ReadingAidOptionsMap['pinyin']));
      } else {
        const load = findStageCode('conversion');
        if (!load) throw new Error('The conversion code did not load.');
        const stage = await load(current as ReadingAidOptionsMap['conversion'], yieldToPage);
        if (turn === aidTurn.conversion) pipeline.setTextStage('convert', stage);
      }
    } catch (error) {
      if (turn === aidTurn[name]) {
        state.enabled = false;
        state.error = describeError(error);
      }
    } finally {
      if (turn === aidTurn[name]) state.loading = false;
      report();
    }
  }

  const controller = {
    status,

    /** The settings that apply here (first look, and every change). */
    applySettings(next: PageStageSettings): void {
      settings = next;
      settingsArrived(next);
      configureRepairs(next.site);
      // Aid options follow the settings; a running aid switches to them.
      for (const name of READING_AID_NAMES) {
        const state = aids[name];
        if (!sameOptions(state.options, next.readingAids[name])) {
          if (state.enabled) switchAid(name, true, next.readingAids[name] as never);
          else state.options = next.readingAids[name] as never;
        }
      }
      // A site rule turns an aid on or off as the page loads, and when the rule itself changes.
      const site = { pinyin: next.site.pinyin, conversion: next.site.conversion, joinLines: next.site.joinLines };
      if (lastSiteAids?.pinyin !== site.pinyin && (site.pinyin || lastSiteAids !== undefined)) {
        switchAid('pinyin', site.pinyin);
      }
      if (lastSiteAids?.conversion !== site.conversion && (site.conversion !== 'off' || lastSiteAids !== undefined)) {
        switchAid('conversion', site.conversion !== 'off');
      }
      if (lastSiteAids?.joinLines !== site.joinLines && (site.joinLines || lastSiteAids !== undefined)) {
        switchAid('lines', site.joinLines);
      }
      lastSiteAids = site;
      startOnce();
      report();
    },

    /** The reader's switch (popup, shortcut): answers at once with the new state, the work follows. */
    setReadingAid<N extends ReadingAidName>(name: N, enabled: boolean, next?: ReadingAidOptionsMap[N]) {
      switchAid(name, enabled, next);
      return status();
    },

    setShowOriginal(showOriginal: boolean) {
      pipeline.setShowOriginal(showOriginal);
      return status();
    },

    /** Fix the reader's selection in this frame; returns the passages fixed. */
    async fixSelection(): Promise<number> {
      const { site } = settings ?? (await firstSettings);
      const selection = doc.getSelection();
      if (!site.fix || !selection || selection.rangeCount === 0) return 0;
      let fixed = 0;
      for (let i = 0; i < selection.rangeCount; i++) fixed += pipeline.fixRange(selection.getRangeAt(i));
      return fixed;
    },

    /** Copy the selection, repaired, to the clipboard; returns the text copied ('' if nothing was). */
    async copyRepairedText(): Promise<string> {
      const selected = readSelectedText(doc);
      if (!selected) return '';
      const { site } = settings ?? (await firstSettings);
      // The page's own repair stages, the fix at the sensitivity of a reader's request.
      const stages = [createFixStage({ ...site.fixOptions, ...EXPLICIT_FIX_OPTIONS })];
      if (site.fix && replaceStage) stages.push(replaceStage);
      const { text } = composeText(selected, stages);
      return (await writeClipboardText(doc, text)) ? text : '';
    },

    /** "About this fix" from the keyboard: the tooltip on the passage at hand, with focus inside. */
    showPassageDetails,

    /** Resolves once every switch has loaded and the pipeline has done all its work. */
    async whenIdle(): Promise<void> {
      while (switching.size > 0) await Promise.all(switching);
      await pipeline.whenIdle();
    },

    /** Put the page back exactly as it was and stop. */
    stop(): void {
      tooltip?.abort.abort();
      pipeline.stop();
    },
  };
  return controller;
}

export type PageController = ReturnType<typeof createPageController>;
