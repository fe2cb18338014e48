/**
 * Custom replacement rules: find (literal text or a regular expression) → replace, limited to
 * sites. Applied after the doubled-text fix. Pure.
 *
 * Every rule is matched against the same input, so each edit's offsets refer to that input (the
 * same `TextEdit` shape the engine returns); where matches of two rules overlap, the rule listed
 * first wins.
 */
import type { FixOptions, FixResult, TextEdit } from '../text/types';
import { checkRegex, checkRegexStatically, compileReaderRegex, type RegexProblem } from './regex-guard';
import { type ReplacementRule, SETTINGS_LIMITS } from './schema';
import { checkSitePattern, matchSitePattern, parseUrl, type SitePatternError } from './site-patterns';

/** The rule name replacement edits carry. */
export const REPLACEMENT_RULE_NAME = 'replacement';

/** Rules that are enabled and whose site scope matches `url` (an empty scope matches every site). */
export function selectReplacementRules(rules: readonly ReplacementRule[], url: string | URL): ReplacementRule[] {
  const parsedUrl = parseUrl(url);
  if (!parsedUrl) return [];
  return rules.filter((rule) => {
    if (!rule.enabled) return false;
    if (rule.sites.length === 0) return true;
    return rule.sites.some((site) => {
      const check = checkSitePattern(site);
      return check.ok && matchSitePattern(check.parsed, parsedUrl);
    });
  });
}

const compiledCache = new Map<string, RegExp | null>();

function compileRule(rule: ReplacementRule): RegExp | null {
  const key = `${rule.ignoreCase ? 'i' : ''}${rule.isRegex ? 'r' : 'l'}:${rule.find}`;
  const cached = compiledCache.get(key);
  if (cached !== undefined) return cached;
  let regex: RegExp | null;
  if (rule.isRegex) {
    const check = checkRegexStatically(rule.find, rule.ignoreCase);
    regex = check.ok ? check.regex : null;
  } else {
    regex = compileReaderRegex(escapeRegex(rule.find), rule.ignoreCase);
  }
  if (compiledCache.size > 500) compiledCache.clear();
  compiledCache.set(key, regex);
  return regex;
}

function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/**
 * Apply `rules` to `text`. A rule whose pattern does not compile (or fails the static guard) is
 * skipped; empty matches are ignored.
 */
export function applyReplacementRules(text: string, rules: readonly ReplacementRule[]): FixResult {
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

export type ReplacementRuleField = 'find' | 'replace' | 'sites';
export type ReplacementRuleError =
  | { field: 'find'; reason: 'empty' | 'too-long' | RegexProblem; detail?: string }
  | { field: 'replace'; reason: 'too-long' }
  | { field: 'sites'; reason: SitePatternError | 'too-long' | 'too-many'; detail?: string };

/**
 * Everything wrong with a rule, field by field, including the time-budget regex test. The options
 * page and imports call this before a rule may be stored.
 */
export function checkReplacementRule(
  rule: Pick<ReplacementRule, 'find' | 'isRegex' | 'ignoreCase' | 'replace' | 'sites'>,
): ReplacementRuleError[] {
  const errors: ReplacementRuleError[] = [];
  if (rule.find === '') errors.push({ field: 'find', reason: 'empty' });
  else if (rule.find.length > SETTINGS_LIMITS.maxPatternLength) errors.push({ field: 'find', reason: 'too-long' });
  else if (rule.isRegex) {
    const check = checkRegex(rule.find, rule.ignoreCase);
    if (!check.ok) errors.push({ field: 'find', reason: check.reason, detail: check.detail });
  }
  if (rule.replace.length > SETTINGS_LIMITS.maxReplacementLength) errors.push({ field: 'replace', reason: 'too-long' });
  if (rule.sites.length > SETTINGS_LIMITS.maxRuleSites) errors.push({ field: 'sites', reason: 'too-many' });
  for (const site of rule.sites) {
    if (site.length > SETTINGS_LIMITS.maxPatternLength) {
      errors.push({ field: 'sites', reason: 'too-long', detail: site.slice(0, 40) });
      continue;
    }
    const check = checkSitePattern(site);
    if (!check.ok) errors.push({ field: 'sites', reason: check.reason, detail: site });
  }
  return errors;
}

/** A fresh id for a new rule (not security-relevant, only a stable key). */
export function createRuleId(): string {
  return `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Replacement rules run on the text the doubled-text fix produced, but the page layer wants every
 * edit as offsets into the original block. This applies `rules` to `fixed.text` and returns one
 * edit list on `input`: fix edits the replacements do not touch stay as they are; a replacement that
 * overlaps a fix edit absorbs it (its original covers both, its replacement is the final text).
 */
export function applyReplacementRulesAfterFix(
  input: string,
  fixed: FixResult,
  rules: readonly ReplacementRule[],
): FixResult {
  const replaced = applyReplacementRules(fixed.text, rules);
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
export function withReplacementRules(engine: FixEngine, rules: readonly ReplacementRule[]): FixEngine {
  const active = rules.filter((rule) => rule.enabled);
  if (active.length === 0) return engine;
  return {
    mightContainDoubledText: (text) =>
      engine.mightContainDoubledText(text) || applyReplacementRules(text, active).edits.length > 0,
    fixText: (text, options) => applyReplacementRulesAfterFix(text, engine.fixText(text, options), active),
  };
}
