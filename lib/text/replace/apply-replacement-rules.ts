/**
 * Applying replacement rules to text: the part of replacement rules a page's content script runs.
 * Pure, and free of the settings machinery (schema, regex guard, site patterns) so the
 * always-injected content script stays small: the rules it gets were already selected for its page
 * and checked by the background (`keepSafeReplacementRules` in `replacement-rules.ts`).
 *
 * Every rule is matched against the same input, so each edit's offsets refer to that input (the
 * same `TextEdit` shape the engine returns); where matches of two rules overlap, the rule listed
 * first wins.
 */
import type { FixOptions, FixResult, TextEdit } from '../doubled/types';

/**
 * What applying a replacement rule needs (the settings' `ReplacementRule` fits): pure data, so the
 * text layer knows nothing of the settings schema.
 */
export interface ReplacementRule {
  enabled: boolean;
  find: string;
  isRegex: boolean;
  ignoreCase: boolean;
  replace: string;
}

/** The rule name replacement edits carry. */
export const REPLACEMENT_RULE_NAME = 'replacement';

/** Flags every reader regex is compiled with (plus `i` on request). */
export const REGEX_FLAGS = 'gu';

export function compileReaderRegex(source: string, ignoreCase: boolean): RegExp {
  return new RegExp(source, ignoreCase ? `${REGEX_FLAGS}i` : REGEX_FLAGS);
}

const compiledCache = new Map<string, RegExp | null>();

/** The rule's pattern, compiled; null when it does not compile (checked rules always do). */
function compileRule(rule: ReplacementRule): RegExp | null {
  const key = `${rule.ignoreCase ? 'i' : ''}${rule.isRegex ? 'r' : 'l'}:${rule.find}`;
  const cached = compiledCache.get(key);
  if (cached !== undefined) return cached;
  let regex: RegExp | null;
  try {
    regex = compileReaderRegex(rule.isRegex ? rule.find : escapeRegex(rule.find), rule.ignoreCase);
  } catch {
    regex = null;
  }
  if (compiledCache.size > 500) compiledCache.clear();
  compiledCache.set(key, regex);
  return regex;
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/**
 * Apply checked `rules` to `text` (see `keepSafeReplacementRules`; `applyReplacementRules` in
 * `replacement-rules.ts` checks them first). Empty matches are ignored.
 */
export function applyCheckedReplacementRules(text: string, rules: readonly ReplacementRule[]): FixResult {
  const claimed: TextEdit[] = [];
  // Which code units an earlier edit already took: linear, however many matches there are.
  let taken: Uint8Array | undefined;
  for (const rule of rules) {
    if (!rule.enabled || rule.find === '') continue;
    const regex = compileRule(rule);
    if (!regex) continue;
    regex.lastIndex = 0;
    for (const match of text.matchAll(regex)) {
      const original = match[0];
      if (original === '') continue;
      const start = match.index;
      const end = start + original.length;
      taken ??= new Uint8Array(text.length);
      if (taken.subarray(start, end).includes(1)) continue;
      const replacement = rule.isRegex ? expandReplacement(rule.replace, match) : rule.replace;
      if (replacement === original) continue;
      taken.fill(1, start, end);
      claimed.push({ rule: REPLACEMENT_RULE_NAME, factor: 1, start, end, original, replacement });
    }
  }
  claimed.sort((a, b) => a.start - b.start);
  let output = '';
  let cursor = 0;
  for (const edit of claimed) {
    output += text.slice(cursor, edit.start) + edit.replacement;
    cursor = edit.end;
  }
  output += text.slice(cursor);
  return { text: output, edits: claimed };
}

/** `$&`, `$1`…`$99`, `$<name>` and `$$`, as in `String.prototype.replace`. */
function expandReplacement(template: string, match: RegExpMatchArray): string {
  return template.replace(/\$(\$|&|\d{1,2}|<([^>]*)>)/g, (token, what: string, name: string | undefined) => {
    if (what === '$') return '$';
    if (what === '&') return match[0];
    if (name !== undefined) return match.groups?.[name] ?? '';
    const index = Number(what);
    if (index >= 1 && index < match.length) return match[index] ?? '';
    return token;
  });
}

/**
 * Replacement rules run on the text the doubled-text fix produced, but the page layer wants every
 * edit as offsets into the original block. This applies `rules` to `fixed.text` and returns one
 * edit list on `input`: fix edits the replacements do not touch stay as they are; a replacement that
 * overlaps a fix edit absorbs it (its original covers both, its replacement is the final text).
 */
export function applyCheckedReplacementRulesAfterFix(
  input: string,
  fixed: FixResult,
  rules: readonly ReplacementRule[],
): FixResult {
  const replaced = applyCheckedReplacementRules(fixed.text, rules);
  if (replaced.edits.length === 0) return fixed;
  if (fixed.edits.length === 0) return replaced;
  const fixedText = fixed.text;
  // For each character of the fixed text: its offset in the input, or the fix edit that produced it.
  const inputOffset = new Int32Array(fixedText.length);
  const owner = new Int32Array(fixedText.length).fill(-1);
  const ownerRange: { start: number; end: number }[] = [];
  let t = 0;
  let i = 0;
  fixed.edits.forEach((edit, index) => {
    for (; i < edit.start; i++, t++) inputOffset[t] = i;
    ownerRange[index] = { start: t, end: t + edit.replacement.length };
    for (let k = 0; k < edit.replacement.length; k++, t++) owner[t] = index;
    i = edit.end;
  });
  for (; t < fixedText.length; i++, t++) inputOffset[t] = i;

  // Each replacement's range in the fixed text, widened to whole fix edits, then merged.
  const ranges: { start: number; end: number; edits: TextEdit[] }[] = [];
  for (const edit of replaced.edits) {
    let start = edit.start;
    let end = edit.end;
    const first = owner[start] as number;
    if (first >= 0) start = Math.min(start, (ownerRange[first] as { start: number }).start);
    const last = owner[end - 1] as number;
    if (last >= 0) end = Math.max(end, (ownerRange[last] as { end: number }).end);
    const previous = ranges.at(-1);
    if (previous && start < previous.end) {
      previous.end = Math.max(previous.end, end);
      previous.edits.push(edit);
    } else {
      ranges.push({ start, end, edits: [edit] });
    }
  }

  const toInputStart = (at: number) => {
    const index = owner[at] as number;
    return index >= 0 ? (fixed.edits[index] as TextEdit).start : (inputOffset[at] as number);
  };
  const toInputEnd = (at: number) => {
    const index = owner[at - 1] as number;
    return index >= 0 ? (fixed.edits[index] as TextEdit).end : (inputOffset[at - 1] as number) + 1;
  };

  const combined: TextEdit[] = ranges.map((range) => {
    let replacement = '';
    let cursor = range.start;
    for (const edit of range.edits) {
      replacement += fixedText.slice(cursor, edit.start) + edit.replacement;
      cursor = edit.end;
    }
    replacement += fixedText.slice(cursor, range.end);
    const start = toInputStart(range.start);
    const end = toInputEnd(range.end);
    return { rule: REPLACEMENT_RULE_NAME, factor: 1, start, end, original: input.slice(start, end), replacement };
  });
  const kept = fixed.edits.filter(
    (edit) => !combined.some((other) => edit.start >= other.start && edit.end <= other.end),
  );
  const edits = [...kept, ...combined].sort((a, b) => a.start - b.start);
  return { text: replaced.text, edits };
}

/** The text engine's two functions, as the fix feature takes them. */
export interface FixEngine {
  fixText(text: string, options?: FixOptions): FixResult;
  mightContainDoubledText(text: string): boolean;
}

/**
 * The engine the fix feature runs on a page: the doubled-text fix, then the page's replacement
 * rules. A block with no doubled text is still looked at when a rule could match it.
 */
export function withCheckedReplacementRules(engine: FixEngine, rules: readonly ReplacementRule[]): FixEngine {
  const active = rules.filter((rule) => rule.enabled);
  if (active.length === 0) return engine;
  return {
    mightContainDoubledText: (text) =>
      engine.mightContainDoubledText(text) || applyCheckedReplacementRules(text, active).edits.length > 0,
    fixText: (text, options) => applyCheckedReplacementRulesAfterFix(text, engine.fixText(text, options), active),
  };
}
