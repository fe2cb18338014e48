/**
 * Guards for regular expressions the reader writes (replacement rules, `/…/` site patterns).
 * JavaScript cannot interrupt a running regular expression, so a pattern that backtracks
 * catastrophically would freeze every page it runs on. Two lines of defence:
 *
 * 1. a static check (cheap, runs on every load): it must compile, and no unbounded quantifier may
 *    sit inside a group that is itself repeated without bound (`(a+)+`, `(\w*\s?)*`, `(x+){2,}`);
 * 2. a time-budget check (where rules are added or imported): the pattern runs on adversarial
 *    strings of growing length built from its own characters; one run over budget rejects it.
 */

import { compileReaderRegex } from '../text/replace/apply-replacement-rules';

// Defined with the code that applies the rules (the content script's part); exported here too.
export { compileReaderRegex, REGEX_FLAGS } from '../text/replace/apply-replacement-rules';

export type RegexProblem = 'syntax' | 'nested-quantifier' | 'too-slow';
export type RegexCheck = { ok: true; regex: RegExp } | { ok: false; reason: RegexProblem; detail?: string };

/** Longest a single adversarial run may take before the pattern is rejected. */
export const REGEX_TIME_BUDGET_MS = 30;

/** Compile and look for nested unbounded quantifiers. */
export function checkRegexStatically(source: string, ignoreCase = false): RegexCheck {
  let regex: RegExp;
  try {
    regex = compileReaderRegex(source, ignoreCase);
  } catch (error) {
    return { ok: false, reason: 'syntax', detail: error instanceof Error ? error.message : String(error) };
  }
  const nested = findNestedQuantifier(source);
  if (nested !== undefined) return { ok: false, reason: 'nested-quantifier', detail: nested };
  return { ok: true, regex };
}

/** Static check, then the pattern against adversarial strings within a time budget. */
export function checkRegex(source: string, ignoreCase = false, budgetMs = REGEX_TIME_BUDGET_MS): RegexCheck {
  const staticCheck = checkRegexStatically(source, ignoreCase);
  if (!staticCheck.ok) return staticCheck;
  const { regex } = staticCheck;
  for (const subject of generateAdversarialStrings(source)) {
    // A busy machine can stall one run; a pattern is only rejected if it is slow every time.
    let fastest = Number.POSITIVE_INFINITY;
    for (let attempt = 0; attempt < TIME_BUDGET_ATTEMPTS && fastest > budgetMs; attempt++) {
      fastest = Math.min(fastest, timeRun(regex, subject));
    }
    if (fastest > budgetMs) {
      return { ok: false, reason: 'too-slow', detail: `${Math.round(fastest)} ms on ${subject.length} characters` };
    }
  }
  return staticCheck;
}

const TIME_BUDGET_ATTEMPTS = 3;

function timeRun(regex: RegExp, subject: string): number {
  regex.lastIndex = 0;
  const started = performance.now();
  subject.replace(regex, '');
  return performance.now() - started;
}

interface GroupFrame {
  /** Index of the `(` in the source, for the message. */
  start: number;
  hasUnbounded: boolean;
}

/**
 * Returns the offending group's source when an unbounded quantifier is repeated without bound.
 * A small scanner over the pattern syntax: escapes, character classes, groups, quantifiers.
 */
function findNestedQuantifier(source: string): string | undefined {
  const stack: GroupFrame[] = [{ start: -1, hasUnbounded: false }];
  let lastClosedGroup: GroupFrame | undefined;
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    const frame = stack[stack.length - 1] as GroupFrame;
    if (ch === '\\') {
      i += 2;
      lastClosedGroup = undefined;
      continue;
    }
    if (ch === '[') {
      i = skipCharacterClass(source, i);
      lastClosedGroup = undefined;
      continue;
    }
    if (ch === '(') {
      stack.push({ start: i, hasUnbounded: false });
      i += source[i + 1] === '?' ? 2 : 1;
      lastClosedGroup = undefined;
      continue;
    }
    if (ch === ')') {
      const closed = stack.length > 1 ? (stack.pop() as GroupFrame) : undefined;
      const parent = stack[stack.length - 1] as GroupFrame;
      if (closed?.hasUnbounded) parent.hasUnbounded = true;
      lastClosedGroup = closed;
      i += 1;
      continue;
    }
    const quantifier = readQuantifier(source, i);
    if (quantifier) {
      if (quantifier.unbounded) {
        if (lastClosedGroup?.hasUnbounded) {
          return source.slice(lastClosedGroup.start, quantifier.end);
        }
        frame.hasUnbounded = true;
      }
      i = quantifier.end;
      if (source[i] === '?') i += 1; // lazy modifier
      lastClosedGroup = undefined;
      continue;
    }
    lastClosedGroup = undefined;
    i += 1;
  }
  return undefined;
}

function skipCharacterClass(source: string, open: number): number {
  let i = open + 1;
  while (i < source.length && source[i] !== ']') i += source[i] === '\\' ? 2 : 1;
  return i + 1;
}

/** A repeat this large (`{10}`, `{2,50}`) multiplies backtracking like an unbounded one. */
const LARGE_REPEAT = 10;

/** `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`; a large upper bound counts as unbounded. */
function readQuantifier(source: string, i: number): { end: number; unbounded: boolean } | undefined {
  const ch = source[i];
  if (ch === '*' || ch === '+') return { end: i + 1, unbounded: true };
  if (ch === '?') return { end: i + 1, unbounded: false };
  if (ch !== '{') return undefined;
  const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i, i + 24));
  if (!match) return undefined;
  const [whole, min, comma, max] = match;
  const upper = comma === undefined ? Number(min) : max === '' ? Number.POSITIVE_INFINITY : Number(max);
  const unbounded = upper >= LARGE_REPEAT;
  return { end: i + whole.length, unbounded };
}

/** Runs of the pattern's own characters (and a few common ones) ending in a character that fails. */
function generateAdversarialStrings(source: string): string[] {
  const alphabet = new Set<string>(['a', '0', ' ', '中', '\n']);
  for (const ch of source.replace(/\\[dDwWsSbBnrtfv]/g, '')) {
    if (alphabet.size >= 12) break;
    if (/[\p{L}\p{N}\p{P}\p{S} ]/u.test(ch) && !'()[]{}|*+?^$\\.'.includes(ch)) alphabet.add(ch);
  }
  const subjects: string[] = [];
  // Small steps, so a blow-up crosses the budget by a small factor, not a freeze. Runs stop at 800
  // characters: there, cubic and worse patterns take far over the budget while quadratic ones (`\w+@`,
  // common and harmless on real text) take well under a millisecond, even on a busy machine.
  const lengths = [10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 50, 100, 200, 400, 800];
  const units = [...alphabet];
  // Pairs catch alternations like `(ab|a)*`.
  for (let k = 0; k + 1 < units.length && k < 4; k++) units.push(`${units[k]}${units[k + 1]}`);
  for (const unit of units) {
    for (const length of lengths) subjects.push(`${unit.repeat(Math.ceil(length / unit.length))}\u0001`);
  }
  return subjects;
}
