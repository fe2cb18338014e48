/**
 * Simplified ⇄ Traditional conversion of a page, as a reading aid (see reading-aid.ts).
 *
 * Each text block is converted as a whole (so a phrase split over inline elements converts as
 * one) from the page's original text (so switching variants never converts converted text), and
 * the result is mapped back onto its text nodes piece by piece (lib/text/convert/converter.ts). The
 * reader-visible attributes `title`, `alt`, `placeholder` and `aria-label` are converted too,
 * `document.title` with the `<title>` element's text, and `lang` is updated on converted
 * scopes. Code, editable regions and form fields' contents are never touched (the walker's rules);
 * elements marked Japanese or Korean are left alone, since their Han characters are not Chinese.
 * Every change is recorded and `stop` restores the page exactly.
 */

import { OriginalAttributeStore } from '@/lib/dom/attribute-store';
import { DEFAULT_CHUNK_BUDGET_MS, runChunked, yieldToPage } from '@/lib/dom/chunked';
import { setFeatureState } from '@/lib/dom/markers';
import { type PageChanges, PageObserver } from '@/lib/dom/page-observer';
import { applyBlockEdits, type BlockEdit, OriginalTextStore } from '@/lib/dom/rewrite';
import {
  findBlockContainer,
  isInsideSkipped,
  isSkippedElement,
  iterateTextBlocks,
  type TextBlock,
} from '@/lib/dom/text-blocks';
import { type Converter, hasHanText, loadConverter } from '@/lib/text/convert/converter';
import { CONVERSION_VARIANT_LANG } from '@/lib/text/reading-aid-options';
import type { ConversionAidOptions, ReadingAid } from './reading-aid';

/** Attributes a reader sees or hears; converted along with the text. */
export const CONVERTED_ATTRIBUTES = ['title', 'alt', 'placeholder', 'aria-label'] as const;
const ATTRIBUTE_SELECTOR = `${CONVERTED_ATTRIBUTES.map((name) => `[${name}]`).join(',')},[lang]`;

/** Form fields whose contents are never touched, but whose placeholder, title and label are read out. */
const FORM_FIELD_TAGS = new Set(['input', 'textarea', 'select']);

const ELEMENT_NODE = 1;

/** Han characters in these languages are not Chinese: converting them would be wrong. */
function isForeignHanScope(element: Element): boolean {
  return /^(ja|ko)(-|$)/i.test(element.getAttribute('lang') ?? '');
}

function isChineseLang(value: string | null): boolean {
  return value !== null && /^zh(-|$)/i.test(value);
}

/** Block edits for the pieces of a conversion that changed (for blocks of several text nodes). */
function findBlockEdits(converter: Converter, block: TextBlock): BlockEdit[] {
  const { text } = block;
  const edits: BlockEdit[] = [];
  for (const piece of converter.planConversion(text).pieces) {
    if (piece.text !== text.slice(piece.start, piece.end)) {
      edits.push({ start: piece.start, end: piece.end, replacement: piece.text });
    }
  }
  return edits;
}

class ConversionAid implements ReadingAid<ConversionAidOptions> {
  private doc: Document | undefined;
  private options: ConversionAidOptions | undefined;
  private converter: Converter | undefined;
  private readonly texts = new OriginalTextStore();
  private readonly attributes = new OriginalAttributeStore();
  private observer: PageObserver | undefined;
  /** Aborts the passes in flight (on stop, and when a new variant makes them stale). */
  private passes = new AbortController();
  private pending = 0;
  private halted = false;

  async start(doc: Document, options: ConversionAidOptions, signal: AbortSignal): Promise<void> {
    this.doc = doc;
    this.options = options;
    signal.addEventListener('abort', () => this.halt(), { once: true });
    setFeatureState(doc, 'conversion', 'working');
    const converter = await loadConverter(options.variant, { phraseOverrides: options.phraseOverrides }, yieldToPage);
    if (this.halted) return;
    this.converter = converter;
    this.observer = new PageObserver(doc, {
      isOwnWrite: this.texts.isOwnWrite,
      onChanges: (changes) => this.followChanges(changes),
    });
    this.observer.start();
    this.convertScope(doc);
  }

  async update(options: ConversionAidOptions): Promise<void> {
    const previous = this.options;
    this.options = options;
    const doc = this.doc;
    const unchanged =
      previous?.variant === options.variant &&
      JSON.stringify(previous.phraseOverrides ?? {}) === JSON.stringify(options.phraseOverrides ?? {});
    if (!doc || this.halted || unchanged) return;
    // Whatever is in flight converts with the old variant: start over, from the original text.
    this.passes.abort();
    this.passes = new AbortController();
    this.pending = 0;
    setFeatureState(doc, 'conversion', 'working');
    const converter = await loadConverter(options.variant, { phraseOverrides: options.phraseOverrides }, yieldToPage);
    if (this.halted || this.options !== options) return;
    this.converter = converter;
    this.convertScope(doc);
  }

  stop(): void {
    this.halt();
    // Our own restores must not be seen as page changes: the observer is already off.
    this.texts.restoreAll();
    this.attributes.restoreAll();
    if (this.doc) setFeatureState(this.doc, 'conversion', undefined);
  }

  private halt(): void {
    this.halted = true;
    this.passes.abort();
    this.observer?.stop();
    this.observer = undefined;
  }

  private followChanges(changes: PageChanges): void {
    const doc = this.doc;
    if (!doc) return;
    if (changes.rescan) {
      this.convertScope(doc);
      return;
    }
    // Re-walk the whole block around each change, so a phrase completed by new text converts as one.
    const scopes = new Set<Node>();
    for (const root of changes.addedRoots) scopes.add(findBlockContainer(root));
    for (const text of changes.changedTexts) scopes.add(findBlockContainer(text));
    for (const scope of scopes) this.convertScope(scope);
  }

  /** Convert everything under `root`, in slices that leave the page responsive. */
  private convertScope(root: Node): void {
    const doc = this.doc;
    const converter = this.converter;
    if (!doc || !converter) return;
    const signal = this.passes.signal;
    this.pending += 1;
    setFeatureState(doc, 'conversion', 'working');
    const blocks = iterateTextBlocks(root, {
      readText: this.texts.readOriginal,
      accept: hasHanText,
      skip: isForeignHanScope,
      onShadowRoot: (shadow) => this.observer?.observeShadowRoot(shadow),
    });
    const convertBlocks = runChunked(blocks, (block) => this.convertBlock(converter, block), {
      signal,
      budgetMs: DEFAULT_CHUNK_BUDGET_MS,
    });
    void convertBlocks
      .then((done) => (done ? this.convertAttributes(root, converter, signal) : false))
      .catch((error: unknown) => console.error('Qingdu: conversion failed', error))
      .finally(() => {
        if (signal.aborted) return;
        this.pending -= 1;
        if (this.pending === 0) setFeatureState(doc, 'conversion', 'idle');
      });
  }

  private convertBlock(converter: Converter, block: TextBlock): void {
    const node = block.nodes.length === 1 ? block.nodes[0] : undefined;
    if (!node) {
      applyBlockEdits(block, findBlockEdits(converter, block), this.texts);
      return;
    }
    // Most blocks are one text node: no mapping needed, and writing it directly is what
    // `applyBlockEdits` would do, without splitting the text character by character.
    if (this.texts.isContested(node)) return;
    const converted = converter.convertText(block.text);
    if (node.data !== converted) node.data = converted;
    this.texts.remember(node, block.text, converted);
  }

  private convertAttributes(root: Node, converter: Converter, signal: AbortSignal): Promise<boolean> {
    const elements: Element[] = [];
    if (root.nodeType === ELEMENT_NODE) elements.push(root as Element);
    const all = (root as ParentNode).querySelectorAll?.(ATTRIBUTE_SELECTOR);
    if (all) elements.push(...all);
    const doc = root.nodeType === ELEMENT_NODE ? (root as Element).ownerDocument : (root as Document);
    if (root === this.doc && doc.documentElement) elements.push(doc.documentElement);
    const lang = CONVERSION_VARIANT_LANG[converter.variant];
    return runChunked(
      elements,
      (element) => {
        if (this.isAttributeScopeSkipped(element)) return;
        for (const name of CONVERTED_ATTRIBUTES) {
          const original = this.attributes.readOriginal(element, name);
          if (original === null || !hasHanText(original)) continue;
          this.attributes.write(element, name, converter.convertText(original));
        }
        const originalLang = this.attributes.readOriginal(element, 'lang');
        // The root element says what the page is in even without a lang; elsewhere only Chinese scopes change.
        const isPageRoot = element === element.ownerDocument.documentElement;
        if (isChineseLang(originalLang) || (isPageRoot && !originalLang)) this.attributes.write(element, 'lang', lang);
      },
      { signal },
    );
  }

  private isAttributeScopeSkipped(element: Element): boolean {
    const parent = element.parentNode;
    if (parent && parent.nodeType === ELEMENT_NODE && isInsideSkipped(parent, isForeignHanScope)) return true;
    if (isForeignHanScope(element)) return true;
    return !FORM_FIELD_TAGS.has(element.localName) && isSkippedElement(element);
  }
}

/** A fresh conversion aid for one document (what the injected script registers). */
export function createConversionAid(): ReadingAid<ConversionAidOptions> {
  return new ConversionAid();
}
