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
import type { FixResult, TextEdit } from '../doubled/types';
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
