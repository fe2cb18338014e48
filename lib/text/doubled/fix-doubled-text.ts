/**
 * The text engine: finds doubled text (`勇勇于于担担当当` → `勇于担当`) in a block and repairs it,
 * explaining every change. Pure and DOM-free.
 *
 * How it works: a cheap scan finds clusters of doubled runs; only around those is the text
 * run-length encoded and cut into candidate segments, for each factor from 4 down to 2. Each
 * segment's evidence (how many runs are doubled, how many no reading as ordinary Chinese explains,
 * doubled punctuation, whether the segment is the whole block, its lead-in or fills a pair of
 * brackets, doubled text elsewhere in the block or on the page) goes to the named rule that covers
 * it; segments the rule accepts are collapsed, only in the runs of the doubling pattern, and each
 * edit says which facts decided. A block that is one phrase printed twice is handled by its own
 * rule.
 */
import { CLASS_HAN, classifyCodePoint, closingOf, isContentClass, openingOf } from '../chars';
import { longestChunk, type SegmentRule } from './evidence';
import { mightBeRepeatedPhrase, mightContainDoubledText, scanDoubledRuns } from './prefilter';
import { doubledCjk } from './rules/doubled-cjk';
import { doubledLatin } from './rules/doubled-latin';
import { DOUBLED_LIGATURE, matchDoubledLigature } from './rules/doubled-ligature';
import { findRepeatedPhrase, REPEATED_PHRASE } from './rules/repeated-phrase';
import { collapseUnit, findSegments, type Segment } from './segments';
import type {
  DoublingFactor,
  EditEvidence,
  EvidenceFact,
  FixOptions,
  FixResult,
  PageEvidence,
  Sensitivity,
  TextEdit,
} from './types';
import { buildUnits, type Unit } from './units';

export { mightContainDoubledText } from './prefilter';
export type {
  DoublingFactor,
  EditEvidence,
  EvidenceFact,
  FixOptions,
  FixResult,
  PageEvidence,
  Sensitivity,
  TextEdit,
} from './types';

/** Every rule, by name, in the order they are tried. */
export const RULE_NAMES = ['doubled-cjk', 'doubled-latin', 'doubled-ligature', 'repeated-phrase'] as const;
export type RuleName = (typeof RULE_NAMES)[number];

export const DEFAULT_SENSITIVITY: Sensitivity = 'conservative';
export const DEFAULT_FACTORS: readonly DoublingFactor[] = [2, 3, 4];

const SEGMENT_RULES: readonly SegmentRule[] = [doubledCjk, doubledLatin];

/** Text around a cluster of doubled runs that is looked at with it (punctuation, single words). */
const CONTEXT = 12;

interface ResolvedOptions {
  sensitivity: Sensitivity;
  factors: number[];
  latin: boolean;
  disabled: ReadonlySet<string>;
  pageEvidence: PageEvidence;
}

/**
 * Every rule wants at least three doubled runs of text at conservative, two otherwise, or with
 * doubled text confirmed elsewhere on the page; at factor 3 and 4, two runs (the scan counts
 * a run of three or more Han characters twice).
 */
function minRunsFor(sensitivity: Sensitivity, pageEvidence: PageEvidence | undefined): number {
  return sensitivity === 'conservative' && (pageEvidence ?? 'none') === 'none' ? 3 : 2;
}

/** The longest block that can be a numbered heading or a form label (see `minRunsIn`). */
const MAX_HEADING_LENGTH = 40;

/**
 * The fewest doubled runs any rule needs in `text`: two in a short block that opens with a section
 * or page number or ends with a colon, whatever the sensitivity (a doubled two-character heading
 * or label: `3.2  设设置置`, `姓姓名名：`).
 */
function minRunsIn(text: string, minRuns: number): number {
  return minRuns > 2 && (opensWithNumber(text) || endsWithColon(text)) ? 2 : minRuns;
}

/** Does a short block end with a colon, before blanks or a line to fill in? */
function endsWithColon(text: string): boolean {
  if (text.length > MAX_HEADING_LENGTH) return false;
  for (let i = text.length - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x3000 || c === 0x5f || c === 0xff3f) continue;
    return c === 0x3a || c === 0xff1a;
  }
  return false;
}

/** Does a short block open with a digit, after blanks or markdown's `#`? */
function opensWithNumber(text: string): boolean {
  if (text.length > MAX_HEADING_LENGTH) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x3000 || c === 0x23) continue;
    return c >= 0x30 && c <= 0x39;
  }
  return false;
}

function resolveOptions(options: FixOptions | undefined): ResolvedOptions {
  const factors = [...(options?.factors ?? DEFAULT_FACTORS)].filter((f) => f === 2 || f === 3 || f === 4);
  return {
    sensitivity: options?.sensitivity ?? DEFAULT_SENSITIVITY,
    // Larger factors first: a run of four is one glyph at factor 4 before it is two at factor 2.
    factors: [...new Set(factors)].sort((a, b) => b - a),
    latin: options?.latin ?? true,
    disabled: new Set(options?.disabledRules ?? []),
    pageEvidence:
      options?.pageEvidence === 'page' || options?.pageEvidence === 'same-kind' ? options.pageEvidence : 'none',
  };
}

/**
 * Repairs doubled text in one block. Returns the repaired text and every edit (sorted, never
 * overlapping, UTF-16 offsets into `text`). Idempotent; the output is a subsequence of the input.
 */
export function fixText(text: string, options?: FixOptions): FixResult {
  if (typeof text !== 'string') return { text, edits: [] };
  // Fast path for clean text, before any allocation: no cluster of doubled runs big enough for
  // any rule at this sensitivity, and not a phrase printed twice.
  const minRuns =
    options === undefined
      ? minRunsIn(text, DEFAULT_MIN_RUNS)
      : minRunsIn(text, minRunsFor(options.sensitivity ?? DEFAULT_SENSITIVITY, options.pageEvidence));
  if (!scanDoubledRuns(text, null, minRuns) && !mightBeRepeatedPhrase(text)) return { text, edits: [] };
  const opts = options === undefined ? DEFAULT_OPTIONS : resolveOptions(options);
  let edits = findEdits(text, opts);
  // A fix whose result would itself be fixed again is ambiguous (`宁宁宁教教教教””””` at factor 2
  // leaves `教教””`): drop it. Repeat until what is left is stable, which makes fixText
  // idempotent; after a few rounds give up and change nothing, so the cost stays linear.
  for (let round = 0; round < 3 && edits.length > 0; round++) {
    const fixed = applyEdits(text, edits);
    if (!mightContainDoubledText(fixed)) return { text: fixed, edits };
    const again = findEdits(fixed, opts);
    if (again.length === 0) return { text: fixed, edits };
    const phrase = again[0] as TextEdit;
    // A doubled heading printed twice: once the characters are fixed the phrase repeats. Both
    // repairs together become one edit.
    edits =
      again.length === 1 && phrase.rule === REPEATED_PHRASE
        ? [mergeIntoOneEdit(text, applyEdits(fixed, again), edits[0] as TextEdit)]
        : dropUnstableEdits(edits, again);
  }
  return { text, edits: [] };
}

/**
 * One edit turning `text` into `result` (a subsequence of it), a doubled heading printed twice:
 * their common ends are left out; it is the phrase rule's, with the first repair's factor and
 * evidence.
 */
function mergeIntoOneEdit(text: string, result: string, first: TextEdit): TextEdit {
  let start = 0;
  while (start < result.length && text.charCodeAt(start) === result.charCodeAt(start)) start++;
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start--;
  let tail = 0;
  while (
    tail < result.length - start &&
    text.charCodeAt(text.length - 1 - tail) === result.charCodeAt(result.length - 1 - tail)
  ) {
    tail++;
  }
  if (tail > 0 && isLowSurrogate(text.charCodeAt(text.length - tail))) tail--;
  const end = text.length - tail;
  const facts: EvidenceFact[] = ['repeated-phrase', ...(first.because?.facts ?? [])];
  return {
    rule: REPEATED_PHRASE,
    factor: first.factor,
    start,
    end,
    original: text.slice(start, end),
    replacement: result.slice(start, result.length - tail),
    because: first.because === undefined ? undefined : { ...first.because, facts },
  };
}

/**
 * Every edit except those whose output the second pass `again` (sorted, offsets into the output)
 * touches. If a second-pass edit lies in text no first-pass edit produced, the first pass changed
 * its context, so none of it is kept.
 */
function dropUnstableEdits(edits: TextEdit[], again: TextEdit[]): TextEdit[] {
  const keep: TextEdit[] = [];
  const explained = new Uint8Array(again.length);
  let shift = 0;
  let a = 0;
  for (const e of edits) {
    const outStart = e.start - shift;
    const outEnd = outStart + e.replacement.length;
    shift += e.end - e.start - e.replacement.length;
    while (a < again.length && (again[a] as TextEdit).end < outStart) a++;
    let touched = false;
    for (let b = a; b < again.length && (again[b] as TextEdit).start <= outEnd; b++) {
      if ((again[b] as TextEdit).end >= outStart) {
        explained[b] = 1;
        touched = true;
      }
    }
    if (!touched) keep.push(e);
  }
  return explained.every((x) => x === 1) ? keep : [];
}

function findEdits(text: string, opts: ResolvedOptions): TextEdit[] {
  const edits = findDoubledEdits(text, opts);
  if (edits.length > 0 || opts.disabled.has(REPEATED_PHRASE) || !mightBeRepeatedPhrase(text)) return edits;
  const edit = findRepeatedPhrase(text, opts.sensitivity);
  return edit === null ? [] : [edit];
}

/** Applies sorted, non-overlapping edits. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.replacement;
    at = e.end;
  }
  return out + text.slice(at);
}

const DEFAULT_OPTIONS = resolveOptions(undefined);
const DEFAULT_MIN_RUNS = minRunsFor(DEFAULT_SENSITIVITY, 'none');

interface RegionState {
  units: Unit[];
  consumed: Uint8Array;
  accepted: Accepted[];
}

interface Accepted {
  segment: Segment;
  rule: string;
  facts: EvidenceFact[];
}

interface Rejected {
  segment: Segment;
  rule: SegmentRule;
  region: RegionState;
}

function findDoubledEdits(text: string, opts: ResolvedOptions): TextEdit[] {
  const rules = SEGMENT_RULES.filter((r) => !opts.disabled.has(r.name));
  if (rules.length === 0 || opts.factors.length === 0) return [];
  const clusters: number[] = [];
  const minRuns = minRunsIn(text, minRunsFor(opts.sensitivity, opts.pageEvidence));
  if (!scanDoubledRuns(text, clusters, minRuns)) return [];
  const segmentOptions = { latin: opts.latin, strictPairs: opts.pageEvidence !== 'none' };
  const regions = toRegions(text, clusters);
  const ligatures = opts.latin && !opts.disabled.has(DOUBLED_LIGATURE) ? matchDoubledLigature : null;
  const states: RegionState[] = [];
  const rejected: Rejected[] = [];
  let acceptedCount = 0;
  for (let r = 0; r < regions.length; r += 2) {
    const units = buildUnits(text, regions[r] as number, regions[r + 1] as number, ligatures);
    const state: RegionState = { units, consumed: new Uint8Array(units.length), accepted: [] };
    states.push(state);
    for (const factor of opts.factors) {
      // Not enough runs of this factor in the region for any rule: skip the segment finder.
      if (countRunsOfFactor(units, factor, state.consumed) < (factor >= 3 ? 2 : minRuns)) continue;
      for (const segment of findSegments(text, units, factor, state.consumed, segmentOptions)) {
        // Runs of four at factor 2 were judged at factor 4 already; halving them would be wrong.
        if (factor === 2 && segment.fitsDoubleFactor) continue;
        const rule = rules.find((x) => x.covers(segment.evidence));
        if (rule === undefined) continue;
        segment.evidence.support = opts.pageEvidence;
        const facts = rule.accepts(segment.evidence, opts.sensitivity);
        if (facts === null) {
          rejected.push({ segment, rule, region: state });
          continue;
        }
        state.accepted.push({ segment, rule: rule.name, facts });
        acceptedCount++;
        for (const g of segment.groups) state.consumed.fill(1, g.from, g.to);
      }
    }
  }
  if (rejected.length > 0) acceptWithBlockSupport(rejected, acceptedCount, opts.sensitivity);
  const edits: TextEdit[] = [];
  const brackets: CollapsedBracket[] = [];
  for (const state of states) {
    state.accepted.sort((a, b) => a.segment.start - b.segment.start);
    for (const accepted of state.accepted) edits.push(...editSegment(text, state.units, accepted, brackets));
  }
  return brackets.length === 0 ? edits : addBracketPartners(text, edits, brackets);
}

/** Brackets that come in pairs (not quotes written alike on both sides, such as `"`). */
function isBracketOnly(cp: number): boolean {
  return (closingOf(cp) >= 0 || openingOf(cp) >= 0) && closingOf(cp) !== cp;
}

/** A doubled bracket an edit collapses, with the edit. */
interface CollapsedBracket {
  cp: number;
  start: number;
  end: number;
  count: number;
  edit: TextEdit;
}

/**
 * A doubled bracket is one bracket printed twice; so is its partner. When a repair collapses one
 * (`（（记记者者 王博文 通通讯讯员员 李明））`: the names printed once end the doubled text) and the
 * partner, printed as many times, lies outside every edit on the same line, it is collapsed too,
 * so the brackets stay paired.
 */
function addBracketPartners(text: string, edits: TextEdit[], brackets: CollapsedBracket[]): TextEdit[] {
  const added: TextEdit[] = [];
  // A partner is a whole run of one bracket: two that overlap start at the same place.
  const claimed = new Set<number>();
  for (const b of brackets) {
    const partner = findBracketPartner(text, b);
    if (partner < 0 || claimed.has(partner)) continue;
    const end = partner + b.count;
    if (overlapsSorted(edits, partner, end)) continue;
    claimed.add(partner);
    const cp = text.charCodeAt(partner);
    added.push({
      ...b.edit,
      start: partner,
      end,
      original: text.slice(partner, end),
      replacement: String.fromCharCode(cp).repeat(b.count / b.edit.factor),
    });
  }
  return added.length === 0 ? edits : [...edits, ...added].sort((x, y) => x.start - y.start);
}

/** Does any of `edits` (sorted by start, never overlapping) overlap [start, end)? By binary search. */
function overlapsSorted(edits: readonly TextEdit[], start: number, end: number): boolean {
  let low = 0;
  let high = edits.length;
  // The first edit that ends after `start`.
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((edits[mid] as TextEdit).end <= start) low = mid + 1;
    else high = mid;
  }
  return low < edits.length && (edits[low] as TextEdit).start < end;
}

/**
 * How far from a doubled bracket its partner is looked for: a bracket and its partner enclose a
 * title, a name or a quotation, never pages of text; without a bound, one block of many doubled
 * brackets and no line break (a whole file on one line) took quadratic time.
 */
const MAX_PARTNER_DISTANCE = 1000;

/** Where the partner of a doubled bracket run starts (a run as long, same nesting, same line, near), or -1. */
function findBracketPartner(text: string, b: CollapsedBracket): number {
  const close = closingOf(b.cp);
  const open = close >= 0 ? -1 : openingOf(b.cp);
  if (close < 0 && open < 0) return -1;
  const forward = close >= 0;
  const self = b.cp;
  const other = forward ? close : open;
  let depth = 0;
  let i = forward ? b.end : b.start - 1;
  const low = Math.max(0, b.start - MAX_PARTNER_DISTANCE);
  const high = Math.min(text.length, b.end + MAX_PARTNER_DISTANCE);
  while (i >= low && i < high) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) return -1;
    if (c !== self && c !== other) {
      i += forward ? 1 : -1;
      continue;
    }
    // The whole run of this bracket.
    let from = i;
    let to = i + 1;
    if (forward) {
      while (to < text.length && text.charCodeAt(to) === c) to++;
    } else {
      while (from > 0 && text.charCodeAt(from - 1) === c) from--;
    }
    if (c === self) depth++;
    else if (depth > 0) depth--;
    else return to - from === b.count ? from : -1;
    i = forward ? to : from - 1;
  }
  return -1;
}

/** Unexplained doubled runs that candidates need together to support each other. */
const MIN_UNEXPLAINED_TOGETHER = 5;

/**
 * Doubled text elsewhere in the block supports the rest (`北北京京科技有有限限公公司司`): when the
 * block has an accepted segment, or candidates that are enough together (two or more, with at
 * least MIN_UNEXPLAINED_TOGETHER unexplained runs between them), candidates are judged again with
 * that support.
 */
function acceptWithBlockSupport(rejected: Rejected[], acceptedCount: number, sensitivity: Sensitivity): void {
  const added: Rejected[] = [];
  for (const candidate of rejected) {
    const { segment, rule, region } = candidate;
    if (segment.groups.some((g) => region.consumed.subarray(g.from, g.to).includes(1))) continue;
    const facts = rule.accepts({ ...segment.evidence, support: 'same-block' }, sensitivity);
    if (facts === null) continue;
    segment.evidence.support = 'same-block';
    region.accepted.push({ segment, rule: rule.name, facts });
    for (const g of segment.groups) region.consumed.fill(1, g.from, g.to);
    added.push(candidate);
  }
  let unexplained = 0;
  for (const { segment } of added) unexplained += segment.evidence.u;
  if (acceptedCount > 0 || (added.length >= 2 && unexplained >= MIN_UNEXPLAINED_TOGETHER)) return;
  // Candidates that are not enough together (`烦烦恼恼，哭哭啼啼，……怨怨哀哀` is a line of verse)
  // support nothing: take them back.
  for (const { segment, region } of added) {
    region.accepted = region.accepted.filter((a) => a.segment !== segment);
    for (const g of segment.groups) region.consumed.fill(0, g.from, g.to);
  }
}

/** Runs of text (Han, letters, digits) not yet consumed whose length is a multiple of `factor`. */
function countRunsOfFactor(units: Unit[], factor: number, consumed: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < units.length; i++) {
    const u = units[i] as Unit;
    if (consumed[i] === 0 && u.count >= factor && u.count % factor === 0 && isContentClass(u.cls)) n++;
  }
  return n;
}

/** Turns clusters of run starts into merged [from, to) regions with context, cut at safe places. */
function toRegions(text: string, clusters: number[]): number[] {
  const regions: number[] = [];
  for (let c = 0; c < clusters.length; c += 2) {
    let from = Math.max(0, (clusters[c] as number) - CONTEXT);
    // The last run itself (up to four copies at factor 4), then the context after it.
    let to = Math.min(text.length, (clusters[c + 1] as number) + 4 + CONTEXT);
    // Never start inside a surrogate pair or a word, never end inside one.
    while (from > 0 && isWordUnit(text.charCodeAt(from - 1)) && isWordUnit(text.charCodeAt(from))) from--;
    if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from--;
    while (to < text.length && isWordUnit(text.charCodeAt(to - 1)) && isWordUnit(text.charCodeAt(to))) to++;
    if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to++;
    const last = regions.length - 1;
    if (last > 0 && from <= (regions[last] as number)) {
      // Overlapping context: cut at the character that ended the previous cluster (a single Han
      // character or a line break), so a long block does not become one huge region.
      const cut = findSegmentBreak(text, clusters[c - 1] as number, clusters[c] as number);
      if (cut < 0) {
        regions[last] = Math.max(regions[last] as number, to);
      } else {
        regions[last] = cut;
        regions.push(cut, to);
      }
    } else {
      regions.push(from, to);
    }
  }
  return regions;
}

/** The last line break or single Han character in text(from, to), or -1. */
function findSegmentBreak(text: string, from: number, to: number): number {
  for (let i = to - 1; i > from; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) return i;
    if (classifyCodePoint(c) === CLASS_HAN && text.charCodeAt(i - 1) !== c && text.charCodeAt(i + 1) !== c) return i;
  }
  return -1;
}

function isWordUnit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * The edits for one accepted segment: consecutive changes by the same rule are merged into one
 * edit (with the unchanged text between them); ligature units get their own edits.
 */
function editSegment(
  text: string,
  units: Unit[],
  { segment, rule, facts }: Accepted,
  brackets: CollapsedBracket[],
): TextEdit[] {
  const evidence = segment.evidence;
  const factor = evidence.factor;
  // A run of twice the factor (`密密密密`) weighs two unexplained runs in the rules; shown as one.
  const unexplained = Math.min(evidence.u, evidence.n);
  const because: EditEvidence = { runs: evidence.n, unexplained, chain: longestChunk(evidence), facts };
  const edits: TextEdit[] = [];
  // `end`/`replacement` stop at the last change; `carried` is unchanged text after it.
  let open: { rule: string; start: number; end: number; replacement: string; carried: string } | null = null;
  // Collapsed brackets of the edit being built, recorded with it once it is made.
  const pendingBrackets: Unit[] = [];
  const flush = () => {
    if (open !== null) {
      const { start, end, replacement } = open;
      const edit: TextEdit = {
        rule: open.rule,
        factor,
        start,
        end,
        original: text.slice(start, end),
        replacement,
        because,
      };
      edits.push(edit);
      for (const u of pendingBrackets) brackets.push({ cp: u.cp, start: u.start, end: u.end, count: u.count, edit });
      pendingBrackets.length = 0;
      open = null;
    }
  };
  for (let gi = 0; gi < segment.groups.length; gi++) {
    const g = segment.groups[gi] as Segment['groups'][number];
    const collapse = segment.collapse[gi] === 1;
    for (let i = g.from; i < g.to; i++) {
      const unit = units[i] as Unit;
      const unitRule = unit.ligature !== null ? DOUBLED_LIGATURE : rule;
      if (!collapse || unit.count < factor) {
        if (open !== null) open.carried += text.slice(unit.start, unit.end);
        continue;
      }
      if (open !== null && open.rule !== unitRule) flush();
      if (open === null) open = { rule: unitRule, start: unit.start, end: unit.start, replacement: '', carried: '' };
      open.replacement += open.carried + collapseUnit(unit, factor);
      open.carried = '';
      open.end = unit.end;
      if (isBracketOnly(unit.cp)) pendingBrackets.push(unit);
    }
  }
  flush();
  return edits;
}
