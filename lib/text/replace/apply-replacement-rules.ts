/**
 * Applying replacement rules to text: the part of replacement rules a page runs. Pure, and free of
 * the settings machinery (schema, site patterns): the rules it gets were already selected for its
 * page by the background. Every pattern runs on the linear-time engine (`reader-regex.ts`); a rule
 * the engine refuses is inactive and skipped here (the options page says why).
 *
 * Every rule is matched against the same input, so each edit's offsets refer to that input (the
 * same `TextEdit` shape the engine returns); where matches of two rules overlap, the rule listed
 * first wins.
 */
import type { FixOptions, FixResult, TextEdit } from '../doubled/types';
import { compileReaderLiteral, compileReaderRegex, type ReaderMatch, type ReaderRegex } from './reader-regex';

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

/** Replacement rules, compiled: one block's text in, its edits out (sorted, not overlapping). */
export type ReplacementRunner = (text: string) => TextEdit[];

/** The rule's pattern on the engine; undefined when the engine refuses it (an inactive rule). */
function compileRule(rule: ReplacementRule): ReaderRegex | undefined {
  if (!rule.isRegex) return compileReaderLiteral(rule.find, rule.ignoreCase);
  // Groups cost time; a replacement that names none ($1, $<name>) does not need them.
  const check = compileReaderRegex(rule.find, rule.ignoreCase, GROUP_REFERENCE.test(rule.replace));
  return check.ok ? check.regex : undefined;
}

const GROUP_REFERENCE = /\$(?:\d|<)/;

/**
 * Compile `rules` once; the function it returns runs each enabled rule once over a block's text.
 * Disabled rules, rules with nothing to find and rules the engine refuses are left out; empty
 * matches and replacements that change nothing are ignored.
 */
export function compileReplacementRules(rules: readonly ReplacementRule[]): ReplacementRunner {
  const compiled = rules
    .filter((rule) => rule.enabled && rule.find !== '')
    .map((rule) => ({ rule, regex: compileRule(rule) }))
    .filter((entry): entry is { rule: ReplacementRule; regex: ReaderRegex } => entry.regex !== undefined);
  if (compiled.length === 0) return () => [];
  return (text) => {
    const claimed: TextEdit[] = [];
    // Which code units an earlier edit already took: linear, however many matches there are.
    let taken: Uint8Array | undefined;
    for (const { rule, regex } of compiled) {
      for (const match of regex.matchAll(text)) {
        const original = match.groups[0] as string;
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
    return claimed.sort((a, b) => a.start - b.start);
  };
}

/** `text` with `edits` (sorted, not overlapping, offsets into `text`) applied. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let output = '';
  let cursor = 0;
  for (const edit of edits) {
    output += text.slice(cursor, edit.start) + edit.replacement;
    cursor = edit.end;
  }
  return output + text.slice(cursor);
}

/** Apply `rules` to `text` (see `compileReplacementRules`; better compiled once for many blocks). */
export function applyCheckedReplacementRules(text: string, rules: readonly ReplacementRule[]): FixResult {
  const edits = compileReplacementRules(rules)(text);
  return { text: applyTextEdits(text, edits), edits };
}

/** `$&`, `$1`…`$99`, `$<name>` and `$$`, as in `String.prototype.replace`. */
function expandReplacement(template: string, match: ReaderMatch): string {
  return template.replace(/\$(\$|&|\d{1,2}|<([^>]*)>)/g, (token, what: string, name: string | undefined) => {
    if (what === '$') return '$';
    if (what === '&') return match.groups[0] ?? '';
    if (name !== undefined) return match.named ? (match.named[name] ?? '') : token;
    const index = Number(what);
    if (index >= 1 && index < match.groups.length) return match.groups[index] ?? '';
    // `$12` with one group is `$1` then `2`, as in String.prototype.replace.
    if (what.length === 2) {
      const first = Number(what[0]);
      if (first >= 1 && first < match.groups.length) return (match.groups[first] ?? '') + what[1];
    }
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
  rules: readonly ReplacementRule[] | ReplacementRunner,
): FixResult {
  const run = typeof rules === 'function' ? rules : compileReplacementRules(rules);
  const replacedEdits = run(fixed.text);
  const replaced: FixResult = { text: applyTextEdits(fixed.text, replacedEdits), edits: replacedEdits };
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
 * rules. A block with no doubled text is still looked at when a rule could match it. Each rule runs
 * once per block: the quick test keeps what the rules found for the `fixText` call that follows it
 * on the same block.
 */
export function withCheckedReplacementRules(engine: FixEngine, rules: readonly ReplacementRule[]): FixEngine {
  const active = rules.filter((rule) => rule.enabled);
  if (active.length === 0) return engine;
  const run = compileReplacementRules(active);
  let lastText: string | undefined;
  let lastEdits: TextEdit[] = [];
  const runOnce: ReplacementRunner = (text) => {
    if (text !== lastText) {
      lastEdits = run(text);
      lastText = text;
    }
    return lastEdits;
  };
  return {
    mightContainDoubledText: (text) => engine.mightContainDoubledText(text) || runOnce(text).length > 0,
    fixText: (text, options) => {
      const fixed = engine.fixText(text, options);
      // Unchanged by the fix: the rules see the very text the quick test saw.
      return applyCheckedReplacementRulesAfterFix(text, fixed, fixed.edits.length === 0 ? runOnce : run);
    },
  };
}
