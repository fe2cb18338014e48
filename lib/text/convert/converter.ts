/**
 * Simplified ⇄ Traditional conversion that knows where every piece of its output came from.
 *
 * opencc-js converts a string to a string. A page's sentence is often split over several text
 * nodes (`<b>头</b>发`), and converting node by node loses phrases that cross a node boundary;
 * converting the block's text as a whole gets them right but then the result has to be put back
 * onto the nodes, and phrase conversions change length (U盘 → 隨身碟). So this module runs the
 * same OpenCC configuration as opencc-js (normalisation, segmentation, conversion chain, built
 * from opencc-js's own dictionaries) but records an alignment: a list of pieces, each a source
 * range and the text it became, with piece boundaries wherever every stage agrees there is one.
 * The text pipeline (lib/text/pipeline.ts) then maps the pieces onto the block's text nodes. Pure: no DOM.
 */

import type { DictLike } from 'opencc-js/core';
import { configs as OPENCC_CONFIGS } from 'opencc-js/preset';
import type { ConversionVariant } from '../reading-aid-options';

/** One piece of a conversion: `input.slice(start, end)` became `text`. */
export interface ConversionPiece {
  start: number;
  end: number;
  text: string;
}

/** The converted text and the pieces it is made of, in order, covering the whole input. */
export interface ConversionPlan {
  text: string;
  pieces: ConversionPiece[];
}

export interface Converter {
  readonly variant: ConversionVariant;
  /** Convert a string (the fast path, for text that sits in one node). */
  convertText(input: string): string;
  /**
   * Convert a string, if every dictionary match in every step keeps its length (most conversions:
   * 头发 → 頭髮): then the result lines up with the input character for character, as its plan
   * would. Undefined where some match changes length (U盘 → 隨身碟): plan the conversion then.
   */
  convertKeepingLength(input: string): string | undefined;
  /** Convert a string and say which output came from which input range. */
  planConversion(input: string): ConversionPlan;
}

export interface ConverterOptions {
  /** Custom phrase overrides (source text → converted text), applied on top of the dictionary. */
  phraseOverrides?: Readonly<Record<string, string>>;
}

/** Parallel arrays of piece ends: piece i maps input [srcEnds[i-1], srcEnds[i]) to output [outEnds[i-1], outEnds[i]). */
interface Alignment {
  out: string;
  srcEnds: number[];
  outEnds: number[];
}

interface OpenccConfig {
  normalizationChain?: readonly (readonly DictLike[])[];
  segmentation?: DictLike | readonly DictLike[];
  conversionChain: readonly (readonly DictLike[])[];
}

/**
 * The characters OpenCC's normalisation step (CJK_Compatibility_Ideographs) maps: CJK
 * compatibility ideographs, U+F900–FAFF and U+2F800–2FA1F (a unit test checks the dictionary
 * against this). Text without them skips the step, which is a whole pass over the text.
 */
const COMPATIBILITY_IDEOGRAPH_PATTERN = /[\uf900-\ufaff]|\ud87e[\udc00-\ude1f]/;

/** The rough "is there anything to convert" test: CJK ideographs, compatibility ideographs, IDS. */
const HAN_PATTERN = /[\u2ff0-\u2fff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ud840-\ud87f]/;

/** True when the text holds a character a conversion could change; the cheap test before any real work. */
export function hasHanText(text: string): boolean {
  return HAN_PATTERN.test(text);
}

/** One node of a dictionary trie: the entries that go on from here, and the one that ends here. */
interface TrieNode {
  next?: Map<number, TrieNode>;
  value?: string;
}

/** A longest-prefix match: where it ends in the text, and what it becomes. */
interface TrieMatch {
  end: number;
  value: string;
}

/** The part of a trie a text walks through (opencc-js's `Trie`, which builds everything up front). */
interface PrefixTrie {
  matchPrefix(text: string, index: number): TrieMatch | null;
}

function addEntry(root: Map<number, TrieNode>, source: string, target: string, from = 0): void {
  let map = root;
  let node: TrieNode | undefined;
  for (let i = from; i < source.length; ) {
    const codePoint = source.codePointAt(i) as number;
    i += codePoint > 0xffff ? 2 : 1;
    node = map.get(codePoint);
    if (!node) {
      node = {};
      map.set(codePoint, node);
    }
    if (i < source.length) {
      node.next ??= new Map();
      map = node.next;
    }
  }
  if (node) node.value = target;
}

/** Longest match from `index`, the first code point's node given. */
function matchFrom(first: TrieNode, text: string, index: number): TrieMatch | null {
  let node: TrieNode | undefined = first;
  let at = index + codePointLength(text, index);
  let end = 0;
  let value: string | undefined;
  for (;;) {
    if (node.value !== undefined) {
      end = at;
      value = node.value;
    }
    if (!node.next || at >= text.length) break;
    const codePoint = text.codePointAt(at) as number;
    node = node.next.get(codePoint);
    if (!node) break;
    at += codePoint > 0xffff ? 2 : 1;
  }
  return value === undefined ? null : { end, value };
}

/**
 * Where the entries starting with `codePoint` begin in a serialized dictionary (`"source target|…"`,
 * sorted by source code points as every opencc-js dictionary is, a unit test checks): the first
 * entry whose source does not start with a smaller code point, found by binary search.
 */
function findEntriesFrom(dictionary: string, codePoint: number): number {
  let low = 0;
  let high = dictionary.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const start = middle === 0 ? 0 : dictionary.lastIndexOf('|', middle - 1) + 1;
    if ((dictionary.codePointAt(start) as number) < codePoint) {
      const next = dictionary.indexOf('|', start);
      low = next < 0 ? dictionary.length : next + 1;
    } else high = start;
  }
  return low;
}

/**
 * A dictionary group (earlier dictionaries win, as in opencc-js's `loadDictGroup`) whose trie is
 * built one first character at a time, when a text first reaches that character: a page uses a
 * few thousand of the tens of thousands of entries, and building them all took most of the time
 * conversion needed on a long page (a `Trie` of s2twp takes about 100 ms before any text is
 * converted). The entries of a character are found by binary search in the serialized dictionary.
 */
class LazyTrie implements PrefixTrie {
  /** The trie under each first code point looked up so far (null: no entry starts with it). */
  private readonly roots = new Map<number, TrieNode | null>();
  /** The group's dictionaries, later ones first (their entries are overwritten by earlier ones'). */
  private readonly sources: (string | Map<number, [string, string][]>)[] = [];

  constructor(group: readonly DictLike[]) {
    for (const dictionary of [...group].reverse()) {
      if (typeof dictionary === 'string') {
        this.sources.push(dictionary);
        continue;
      }
      // Entry lists (custom dictionaries, not opencc-js's own) are indexed by first code point.
      const byFirst = new Map<number, [string, string][]>();
      for (const entry of dictionary) {
        const [source, target] = entry;
        if (typeof source !== 'string' || typeof target !== 'string') throw new TypeError('Invalid dictionary entry');
        if (source === '') continue;
        const codePoint = source.codePointAt(0) as number;
        const list = byFirst.get(codePoint);
        if (list) list.push([source, target]);
        else byFirst.set(codePoint, [[source, target]]);
      }
      this.sources.push(byFirst);
    }
  }

  /** The trie of the entries starting with `codePoint`, built from every dictionary on first use. */
  private rootOf(codePoint: number): TrieNode | null {
    const known = this.roots.get(codePoint);
    if (known !== undefined) return known;
    const root: TrieNode = {};
    let found = false;
    const add = (source: string, target: string) => {
      found = true;
      const rest = codePointLength(source, 0);
      if (rest === source.length) {
        root.value = target;
        return;
      }
      root.next ??= new Map();
      addEntry(root.next, source, target, rest);
    };
    for (const dictionary of this.sources) {
      if (typeof dictionary !== 'string') {
        for (const [source, target] of dictionary.get(codePoint) ?? []) add(source, target);
        continue;
      }
      for (let at = findEntriesFrom(dictionary, codePoint); at < dictionary.length; ) {
        if ((dictionary.codePointAt(at) as number) !== codePoint) break;
        const space = dictionary.indexOf(' ', at);
        let end = dictionary.indexOf('|', at);
        if (end < 0) end = dictionary.length;
        if (space < 0 || space > end) throw new TypeError('Invalid dictionary entry');
        add(dictionary.slice(at, space), dictionary.slice(space + 1, end));
        at = end + 1;
      }
    }
    this.roots.set(codePoint, found ? root : null);
    return found ? root : null;
  }

  matchPrefix(text: string, index: number): TrieMatch | null {
    if (index >= text.length) return null;
    const root = this.rootOf(text.codePointAt(index) as number);
    return root ? matchFrom(root, text, index) : null;
  }
}

/** Set by `convertWith` when a match it made changed length (see `Converter.convertKeepingLength`). */
let lengthChanged = false;

/** Convert `text` with one trie: longest match first, unmatched characters as they are. */
function convertWith(trie: PrefixTrie, text: string): string {
  let out = '';
  let unmatchedFrom = -1;
  for (let i = 0; i < text.length; ) {
    const match = trie.matchPrefix(text, i);
    if (match) {
      if (unmatchedFrom >= 0) {
        out += text.slice(unmatchedFrom, i);
        unmatchedFrom = -1;
      }
      out += match.value;
      if (match.value.length !== match.end - i) lengthChanged = true;
      i = match.end;
    } else {
      if (unmatchedFrom < 0) unmatchedFrom = i;
      i += unmatchedLength(text, i);
    }
  }
  if (unmatchedFrom >= 0) out += text.slice(unmatchedFrom);
  return out;
}

function codePointLength(text: string, index: number): number {
  return (text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1;
}

function idsArity(codePoint: number): number {
  if (codePoint < 0x2ff0 || codePoint > 0x2fff) return 0;
  return codePoint === 0x2ff2 || codePoint === 0x2ff3 ? 3 : 2;
}

/**
 * How far an unmatched character reaches. An ideographic description sequence (⿰氵青) is kept
 * whole, as opencc-js does, so no dictionary entry matches inside it.
 */
function idsEnd(text: string, index: number): number {
  const arity = idsArity(text.codePointAt(index) ?? 0);
  if (arity === 0) return 0;
  let end = index + codePointLength(text, index);
  for (let n = 0; n < arity; n += 1) {
    if (end >= text.length) return 0;
    end = idsEnd(text, end) || end + codePointLength(text, end);
  }
  return end;
}

function unmatchedLength(text: string, index: number): number {
  const end = idsEnd(text, index);
  return end > index ? end - index : codePointLength(text, index);
}

/** One trie pass over `input`, longest match first, with a piece per match and per unmatched character. */
function alignTrie(trie: PrefixTrie, input: string): Alignment {
  const srcEnds: number[] = [];
  const outEnds: number[] = [];
  let out = '';
  for (let i = 0; i < input.length; ) {
    const match = trie.matchPrefix(input, i);
    if (match) {
      out += match.value;
      i = match.end;
    } else {
      const next = i + unmatchedLength(input, i);
      out += input.slice(i, next);
      i = next;
    }
    srcEnds.push(i);
    outEnds.push(out.length);
  }
  return { out, srcEnds, outEnds };
}

/** a: input → middle, b: middle → output; a piece ends wherever both have a boundary. */
function composeAlignments(a: Alignment, b: Alignment): Alignment {
  const srcEnds: number[] = [];
  const outEnds: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.outEnds.length && j < b.srcEnds.length) {
    const left = a.outEnds[i] as number;
    const right = b.srcEnds[j] as number;
    if (left === right) {
      srcEnds.push(a.srcEnds[i] as number);
      outEnds.push(b.outEnds[j] as number);
      i += 1;
      j += 1;
    } else if (left < right) i += 1;
    else j += 1;
  }
  // Pieces that map to nothing (a deletion at the very end) still have to cover the input.
  const inputLength = a.srcEnds[a.srcEnds.length - 1] ?? 0;
  if (inputLength > (srcEnds[srcEnds.length - 1] ?? 0)) {
    srcEnds.push(inputLength);
    outEnds.push(b.out.length);
  }
  return { out: b.out, srcEnds, outEnds };
}

function appendAlignment(target: Alignment, part: Alignment, srcOffset: number): void {
  const outOffset = target.out.length;
  for (let k = 0; k < part.srcEnds.length; k += 1) {
    target.srcEnds.push((part.srcEnds[k] as number) + srcOffset);
    target.outEnds.push((part.outEnds[k] as number) + outOffset);
  }
  target.out += part.out;
}

/** Segments as opencc-js's segmentation makes them: dictionary words, and runs of unmatched text between. */
function segmentText(trie: PrefixTrie, input: string): number[] {
  const ends: number[] = [];
  let inRun = false;
  for (let i = 0; i < input.length; ) {
    const match = trie.matchPrefix(input, i);
    if (match) {
      if (inRun) ends.push(i);
      inRun = false;
      ends.push(match.end);
      i = match.end;
    } else {
      inRun = true;
      i += unmatchedLength(input, i);
    }
  }
  if (inRun) ends.push(input.length);
  return ends;
}

/** The OpenCC pipeline of one variant, run both as plain strings and with alignment. */
/** Segments (words, mostly) converted so far, per variant: natural text repeats its words a lot. */
const SEGMENT_CACHE_LIMIT = 50_000;

class Pipeline {
  private readonly segmentCache = new Map<string, string>();
  /** Segments whose conversion changed the length of some match (see `convertKeepingLength`). */
  private readonly segmentsChangingLength = new Set<string>();
  private readonly segmentAlignmentCache = new Map<string, Alignment>();
  private readonly normalization: PrefixTrie[];
  private readonly segmentation: PrefixTrie | undefined;
  private readonly chain: PrefixTrie[];

  constructor(normalization: PrefixTrie[], segmentation: PrefixTrie | undefined, chain: PrefixTrie[]) {
    this.normalization = normalization;
    this.segmentation = segmentation;
    this.chain = chain;
  }

  static build(config: OpenccConfig): Pipeline {
    const normalization = (config.normalizationChain ?? []).map((group) => new LazyTrie(group));
    const { segmentation } = config;
    const segmentationGroup =
      segmentation === undefined
        ? undefined
        : typeof segmentation === 'string' || !segmentation.every((d) => typeof d === 'string')
          ? [segmentation as DictLike]
          : (segmentation as readonly DictLike[]);
    const segmentationTrie = segmentationGroup ? new LazyTrie(segmentationGroup) : undefined;
    const chain = config.conversionChain.map((group) => new LazyTrie(group));
    return new Pipeline(normalization, segmentationTrie, chain);
  }

  private needsNormalization(input: string): boolean {
    return this.normalization.length > 0 && COMPATIBILITY_IDEOGRAPH_PATTERN.test(input);
  }

  /** `input` converted; `lengthChanged` says afterwards whether some match changed length. */
  convertText(input: string): string {
    lengthChanged = false;
    let text = input;
    if (this.needsNormalization(input)) for (const trie of this.normalization) text = convertWith(trie, text);
    if (!this.segmentation) return this.chain.reduce((s, trie) => convertWith(trie, s), text);
    let out = '';
    let start = 0;
    const cache = this.segmentCache;
    let changed = lengthChanged;
    for (const end of segmentText(this.segmentation, text)) {
      const segment = text.slice(start, end);
      let converted = cache.get(segment);
      if (converted === undefined) {
        lengthChanged = false;
        converted = this.chain.reduce((s, trie) => convertWith(trie, s), segment);
        if (cache.size >= SEGMENT_CACHE_LIMIT) {
          cache.clear();
          this.segmentsChangingLength.clear();
        }
        cache.set(segment, converted);
        if (lengthChanged) this.segmentsChangingLength.add(segment);
      }
      changed ||= this.segmentsChangingLength.has(segment);
      out += converted;
      start = end;
    }
    lengthChanged = changed;
    return out;
  }

  private alignSegment(segment: string): Alignment | undefined {
    const cache = this.segmentAlignmentCache;
    const cached = cache.get(segment);
    if (cached) return cached;
    let alignment: Alignment | undefined;
    let current = segment;
    for (const trie of this.chain) {
      const step = alignTrie(trie, current);
      alignment = alignment ? composeAlignments(alignment, step) : step;
      current = step.out;
    }
    if (alignment && this.segmentation) {
      if (cache.size >= SEGMENT_CACHE_LIMIT) cache.clear();
      cache.set(segment, alignment);
    }
    return alignment;
  }

  align(input: string): Alignment {
    let alignment: Alignment | undefined;
    let text = input;
    for (const trie of this.needsNormalization(input) ? this.normalization : []) {
      const step = alignTrie(trie, text);
      alignment = alignment ? composeAlignments(alignment, step) : step;
      text = step.out;
    }
    const converted: Alignment = { out: '', srcEnds: [], outEnds: [] };
    const segmentEnds = this.segmentation ? segmentText(this.segmentation, text) : [text.length];
    let start = 0;
    for (const end of segmentEnds) {
      const segmentAlignment = this.alignSegment(text.slice(start, end));
      if (segmentAlignment) appendAlignment(converted, segmentAlignment, start);
      start = end;
    }
    return alignment ? composeAlignments(alignment, converted) : converted;
  }
}

const pipelines = new Map<ConversionVariant, Pipeline>();

function getPipeline(variant: ConversionVariant): Pipeline {
  const built = pipelines.get(variant);
  if (built) return built;
  const config = (OPENCC_CONFIGS as Record<string, OpenccConfig | undefined>)[variant];
  if (!config) throw new Error(`Unknown conversion variant: ${variant}`);
  const pipeline = Pipeline.build(config);
  pipelines.set(variant, pipeline);
  return pipeline;
}

function buildOverrideTrie(overrides: Readonly<Record<string, string>> | undefined): PrefixTrie | undefined {
  if (!overrides) return undefined;
  const entries = Object.entries(overrides).filter(
    (entry): entry is [string, string] =>
      typeof entry[0] === 'string' && typeof entry[1] === 'string' && entry[0].length > 0,
  );
  return entries.length > 0 ? new LazyTrie([entries]) : undefined;
}

function alignmentToPlan(alignment: Alignment): ConversionPlan {
  const pieces: ConversionPiece[] = [];
  let start = 0;
  let outStart = 0;
  for (let k = 0; k < alignment.srcEnds.length; k += 1) {
    const end = alignment.srcEnds[k] as number;
    const outEnd = alignment.outEnds[k] as number;
    pieces.push({ start, end, text: alignment.out.slice(outStart, outEnd) });
    start = end;
    outStart = outEnd;
  }
  return { text: alignment.out, pieces };
}

/**
 * A converter for one variant. The dictionaries are shared per variant and built as texts reach
 * their entries (see `LazyTrie`), so making a converter costs nothing up front; phrase overrides
 * are matched on the original text first (longest first), and the text between them goes
 * through OpenCC.
 */
export function createConverter(variant: ConversionVariant, options: ConverterOptions = {}): Converter {
  return wrapPipeline(variant, getPipeline(variant), options);
}

function wrapPipeline(variant: ConversionVariant, pipeline: Pipeline, options: ConverterOptions): Converter {
  const overrides = buildOverrideTrie(options.phraseOverrides);

  /** Split the input into override matches and the gaps between them. */
  function eachPart(
    input: string,
    onGap: (start: number, end: number) => void,
    onOverride: (m: { start: number; end: number; text: string }) => void,
  ): void {
    if (!overrides) {
      onGap(0, input.length);
      return;
    }
    let gapStart = 0;
    for (let i = 0; i < input.length; ) {
      const match = overrides.matchPrefix(input, i);
      if (match) {
        if (gapStart < i) onGap(gapStart, i);
        onOverride({ start: i, end: match.end, text: match.value });
        i = match.end;
        gapStart = i;
      } else i += codePointLength(input, i);
    }
    if (gapStart < input.length) onGap(gapStart, input.length);
  }

  return {
    variant,
    convertKeepingLength(input) {
      if (overrides) {
        // Overrides are few and arbitrary: the plan decides.
        return undefined;
      }
      const converted = pipeline.convertText(input);
      return lengthChanged ? undefined : converted;
    },
    convertText(input) {
      if (!overrides) return pipeline.convertText(input);
      let out = '';
      eachPart(
        input,
        (start, end) => {
          out += pipeline.convertText(input.slice(start, end));
        },
        (match) => {
          out += match.text;
        },
      );
      return out;
    },
    planConversion(input) {
      if (!overrides) return alignmentToPlan(pipeline.align(input));
      const whole: Alignment = { out: '', srcEnds: [], outEnds: [] };
      eachPart(
        input,
        (start, end) => appendAlignment(whole, pipeline.align(input.slice(start, end)), start),
        (match) => {
          whole.out += match.text;
          whole.srcEnds.push(match.end);
          whole.outEnds.push(whole.out.length);
        },
      );
      return alignmentToPlan(whole);
    },
  };
}
