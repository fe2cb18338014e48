/**
 * Regular expressions the reader writes (replacement rules, `/…/` site patterns), run on a
 * linear-time engine. JavaScript cannot interrupt a running RegExp, and its engine backtracks: one
 * pattern such as `q(a|aa)+$` can freeze a page or the background for seconds to hours. So reader
 * patterns never run on RegExp. They are written in JavaScript's syntax (with the `u` flag, as the
 * options page says), parsed exactly as JavaScript would (regexpp, ESLint's parser), and
 * translated to RE2's syntax with JavaScript's meaning, then run on re2js, a port of RE2 whose time
 * is linear in the text's length whatever the pattern.
 *
 * What RE2 cannot do is refused with a reason, never approximated: backreferences (`\1`,
 * `\k<name>`), lookahead and lookbehind, `(?m:…)`, Unicode properties RE2 does not know, and
 * repetition counts over 1,000.
 *
 * Kept from JavaScript (the translation spells each one out rather than trusting RE2's own):
 * `.` stops at line terminators (`\n`, `\r`, U+2028, U+2029); `\s` is JavaScript's white space
 * (U+3000 and U+00A0 included), `\d` and `\w` are ASCII; `^` and `$` are the start and end of the
 * text; leftmost match with JavaScript's alternation order and greedy or lazy repeats; case-blind
 * matching by Unicode simple case folding; offsets in UTF-16 code units. Known differences: a
 * group inside a repeat keeps its last value in RE2 where JavaScript clears it on each repetition
 * (`(?:(a)|b)+` on `ab`: `$1` is `a` here, empty in JavaScript); ignoring case, JavaScript's `\b`
 * also counts ſ and K (Kelvin sign) as word characters, RE2's does not.
 */
import type { AST } from '@eslint-community/regexpp';
import { RegExpParser } from '@eslint-community/regexpp';
import { RE2JS } from 're2js';

/** Why a pattern cannot run; each has a message in the reader's language on the options page. */
export type ReaderRegexProblem = 'syntax' | 'backreference' | 'lookaround' | 'unsupported' | 'too-complex';

export type ReaderRegexCheck =
  | { ok: true; regex: ReaderRegex }
  | { ok: false; problem: ReaderRegexProblem; detail: string };

/** One match: like a RegExp match, with groups numbered as JavaScript numbers them. */
export interface ReaderMatch {
  /** UTF-16 offset of the match. */
  index: number;
  /** `[whole match, group 1, group 2, …]`; a group that took no part is `undefined`. */
  groups: readonly (string | undefined)[];
  /** Named groups (JavaScript names, any Unicode identifier); undefined when the pattern has none. */
  named: Readonly<Record<string, string | undefined>> | undefined;
}

export interface ReaderRegex {
  /** The pattern as the reader wrote it. */
  readonly source: string;
  readonly ignoreCase: boolean;
  /** Does the pattern match anywhere in `text`? Stateless: the same text always gives the same answer. */
  test(text: string): boolean;
  /** Every match, left to right, not overlapping (empty matches included, as in `matchAll`). */
  matchAll(text: string): Generator<ReaderMatch>;
}

/** RE2's own limit on `{n,m}`; a larger count is refused rather than silently changed. */
const MAX_REPEAT = 1000;
/**
 * Largest program (RE2's instruction count) a reader pattern may compile to. Time is linear in the
 * text, but its factor grows with the program: counted repeats such as `(.{100}){5}` multiply it.
 * 1,000 keeps the slowest pattern within about a second on a 10,000-character block (see
 * scripts/measure-reader-regex.ts) and leaves room for any pattern that fits in the 500 characters
 * a rule may have without large counted repeats (a list of 150 words is about 650).
 */
export const MAX_PROGRAM_SIZE = 1000;
const MAX_CODE_POINT = 0x10ffff;

/** JavaScript's `\s`: WhiteSpace and LineTerminator (ECMA-262), as code point ranges. */
const JS_SPACE_RANGES: readonly (readonly [number, number])[] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const DIGIT_RANGES = [[0x30, 0x39]] as const;
const WORD_RANGES = [
  [0x30, 0x39],
  [0x41, 0x5a],
  [0x5f, 0x5f],
  [0x61, 0x7a],
] as const;
/** Ignoring case, JavaScript's `\w` also holds ſ and K (Kelvin), which fold to s and k. */
const WORD_RANGES_IGNORING_CASE = [...WORD_RANGES, [0x17f, 0x17f], [0x212a, 0x212a]] as const;
/** What `.` does not match without the `s` flag. */
const LINE_TERMINATOR_RANGES = [
  [0x0a, 0x0a],
  [0x0d, 0x0d],
  [0x2028, 0x2029],
] as const;

/**
 * General categories by every name JavaScript accepts, to RE2's short names. Scripts are passed by
 * their long names (RE2 knows those); the short aliases most used in Chinese text are mapped.
 */
const GENERAL_CATEGORIES: Record<string, string> = {
  Cased_Letter: 'LC',
  Close_Punctuation: 'Pe',
  Connector_Punctuation: 'Pc',
  Control: 'Cc',
  cntrl: 'Cc',
  Currency_Symbol: 'Sc',
  Dash_Punctuation: 'Pd',
  Decimal_Number: 'Nd',
  digit: 'Nd',
  Enclosing_Mark: 'Me',
  Final_Punctuation: 'Pf',
  Format: 'Cf',
  Initial_Punctuation: 'Pi',
  Letter: 'L',
  Letter_Number: 'Nl',
  Line_Separator: 'Zl',
  Lowercase_Letter: 'Ll',
  Mark: 'M',
  Combining_Mark: 'M',
  Math_Symbol: 'Sm',
  Modifier_Letter: 'Lm',
  Modifier_Symbol: 'Sk',
  Nonspacing_Mark: 'Mn',
  Number: 'N',
  Open_Punctuation: 'Ps',
  Other: 'C',
  Other_Letter: 'Lo',
  Other_Number: 'No',
  Other_Punctuation: 'Po',
  Other_Symbol: 'So',
  Paragraph_Separator: 'Zp',
  Private_Use: 'Co',
  Punctuation: 'P',
  punct: 'P',
  Separator: 'Z',
  Space_Separator: 'Zs',
  Spacing_Mark: 'Mc',
  Surrogate: 'Cs',
  Symbol: 'S',
  Titlecase_Letter: 'Lt',
  Unassigned: 'Cn',
  Uppercase_Letter: 'Lu',
};
const SHORT_CATEGORIES = new Set(Object.values(GENERAL_CATEGORIES));
const SCRIPT_ALIASES: Record<string, string> = {
  Hani: 'Han',
  Latn: 'Latin',
  Hira: 'Hiragana',
  Kana: 'Katakana',
  Hang: 'Hangul',
  Bopo: 'Bopomofo',
  Cyrl: 'Cyrillic',
  Grek: 'Greek',
  Arab: 'Arabic',
  Zyyy: 'Common',
  Zinh: 'Inherited',
  Qaai: 'Inherited',
  Tibt: 'Tibetan',
  Mong: 'Mongolian',
  Yiii: 'Yi',
};
/** Binary properties RE2 (re2js) has under JavaScript's name. */
const BINARY_PROPERTIES = new Set([
  'ASCII_Hex_Digit',
  'Alphabetic',
  'Dash',
  'Emoji',
  'Emoji_Component',
  'Emoji_Modifier',
  'Emoji_Modifier_Base',
  'Emoji_Presentation',
  'Extended_Pictographic',
  'Hex_Digit',
  'Lowercase',
  'Math',
  'Quotation_Mark',
  'Terminal_Punctuation',
  'Uppercase',
  'White_Space',
]);

class RefusedPattern extends Error {
  constructor(
    readonly problem: ReaderRegexProblem,
    readonly detail: string,
  ) {
    super(`${problem}: ${detail}`);
  }
}

const parser = new RegExpParser({ ecmaVersion: 2025 });

/** A code point as RE2 reads it everywhere, in or out of a class. */
function escapeCodePoint(value: number): string {
  if ((value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5a) || (value >= 0x61 && value <= 0x7a)) {
    return String.fromCharCode(value);
  }
  return `\\x{${value.toString(16)}}`;
}

function formatRanges(ranges: readonly (readonly [number, number])[]): string {
  return ranges
    .map(([from, to]) => (from === to ? escapeCodePoint(from) : `${escapeCodePoint(from)}-${escapeCodePoint(to)}`))
    .join('');
}

/** Every code point not in `ranges` (sorted, not overlapping). */
function complementRanges(ranges: readonly (readonly [number, number])[]): [number, number][] {
  const out: [number, number][] = [];
  let next = 0;
  for (const [from, to] of ranges) {
    if (from > next) out.push([next, from - 1]);
    next = to + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

function escapeSetRanges(node: AST.EscapeCharacterSet, ignoreCase: boolean): readonly (readonly [number, number])[] {
  const word = ignoreCase ? WORD_RANGES_IGNORING_CASE : WORD_RANGES;
  const ranges = node.kind === 'digit' ? DIGIT_RANGES : node.kind === 'word' ? word : JS_SPACE_RANGES;
  return node.negate ? complementRanges(ranges) : ranges;
}

/** `\p{…}` / `\P{…}` in RE2's names (or as a class where RE2 lacks the name), or refused. */
function translateProperty(node: AST.UnicodePropertyCharacterSet): string {
  const { key, value, negate } = node;
  const wrap = (name: string) => `${negate ? '\\P' : '\\p'}{${name}}`;
  if (value === null) {
    if (key === 'Any') return negate ? '[^\\x{0}-\\x{10ffff}]' : '[\\x{0}-\\x{10ffff}]';
    if (key === 'ASCII') return negate ? '[^\\x{0}-\\x{7f}]' : '[\\x{0}-\\x{7f}]';
    if (key === 'Assigned') return negate ? '\\p{Cn}' : '\\P{Cn}';
    if (SHORT_CATEGORIES.has(key)) return wrap(key);
    const category = GENERAL_CATEGORIES[key];
    if (category) return wrap(category);
    if (BINARY_PROPERTIES.has(key)) return wrap(key);
  } else if (key === 'General_Category' || key === 'gc') {
    const category = SHORT_CATEGORIES.has(value) ? value : GENERAL_CATEGORIES[value];
    if (category) return wrap(category);
  } else if (key === 'Script' || key === 'sc') {
    // Script_Extensions (scx) is refused below: RE2 has no such table, and `sc` would miss 、。.
    return wrap(SCRIPT_ALIASES[value] ?? value);
  }
  throw new RefusedPattern('unsupported', node.raw);
}

/** The same property inside a class (RE2 allows `\p{…}` there; the literal classes become ranges). */
function translatePropertyInClass(node: AST.UnicodePropertyCharacterSet): string {
  if (node.value === null && (node.key === 'Any' || node.key === 'ASCII')) {
    const ranges: [number, number][] = [[0, node.key === 'Any' ? MAX_CODE_POINT : 0x7f]];
    return formatRanges(node.negate ? complementRanges(ranges) : ranges);
  }
  return translateProperty(node);
}

/*
 * JavaScript refuses a repetition that matched nothing and backtracks into it for a non-empty
 * match (`(?:|b)*` on `b` matches `b`); RE2, like Perl, keeps the empty one (it matches ``). The two
 * agree unless the repeated part would rather match nothing than something: such patterns (an
 * empty alternative before a non-empty one, or a lazy repeat, inside a repeat) are refused.
 */
type Shape = AST.Alternative | AST.Element | readonly AST.Alternative[];

function canMatchEmpty(node: Shape): boolean {
  if (Array.isArray(node)) return node.some(canMatchEmpty);
  const one = node as AST.Alternative | AST.Element;
  switch (one.type) {
    case 'Alternative':
      return one.elements.every(canMatchEmpty);
    case 'Group':
    case 'CapturingGroup':
      return canMatchEmpty(one.alternatives);
    case 'Quantifier':
      return one.min === 0 || canMatchEmpty(one.element);
    case 'Assertion':
      return true;
    default:
      return false;
  }
}

function canMatchText(node: Shape): boolean {
  if (Array.isArray(node)) return node.some(canMatchText);
  const one = node as AST.Alternative | AST.Element;
  switch (one.type) {
    case 'Alternative':
      return one.elements.some(canMatchText);
    case 'Group':
    case 'CapturingGroup':
      return canMatchText(one.alternatives);
    case 'Quantifier':
      return one.max > 0 && canMatchText(one.element);
    case 'Assertion':
    case 'Backreference':
      return false;
    default:
      return true;
  }
}

/** Can the empty match come before a non-empty one in the order the engine tries them? */
function prefersEmpty(node: Shape): boolean {
  if (!canMatchEmpty(node)) return false;
  if (Array.isArray(node)) {
    const alternatives = node as readonly AST.Alternative[];
    return alternatives.some(
      (alternative, index) =>
        prefersEmpty(alternative) || (canMatchEmpty(alternative) && alternatives.slice(index + 1).some(canMatchText)),
    );
  }
  const one = node as AST.Alternative | AST.Element;
  switch (one.type) {
    case 'Alternative':
      return one.elements.some(prefersEmpty);
    case 'Group':
    case 'CapturingGroup':
      return prefersEmpty(one.alternatives);
    case 'Quantifier':
      return (
        prefersEmpty(one.element) ||
        (!one.greedy && one.max > one.min && canMatchText(one.element) && (one.min === 0 || canMatchEmpty(one.element)))
      );
    default:
      return false;
  }
}

interface TranslateState {
  dotAll: boolean;
  ignoreCase: boolean;
  /** Whether groups capture (a rule whose replacement uses no group runs faster without). */
  captures: boolean;
  /** Capturing groups, in order: their JavaScript names (null when unnamed). */
  groupNames: (string | null)[];
}

function translateAlternatives(alternatives: readonly AST.Alternative[], state: TranslateState): string {
  return alternatives
    .map((alternative) => alternative.elements.map((e) => translateElement(e, state)).join(''))
    .join('|');
}

function translateClass(node: AST.CharacterClass, state: TranslateState): string {
  if (node.unicodeSets) throw new RefusedPattern('unsupported', node.raw);
  let body = '';
  for (const element of node.elements) {
    if (element.type === 'Character') body += escapeCodePoint(element.value);
    else if (element.type === 'CharacterClassRange') {
      body += `${escapeCodePoint(element.min.value)}-${escapeCodePoint(element.max.value)}`;
    } else if (element.kind === 'property') {
      if (element.strings) throw new RefusedPattern('unsupported', element.raw);
      body += translatePropertyInClass(element);
    } else body += formatRanges(escapeSetRanges(element, state.ignoreCase));
  }
  // JavaScript's `[]` matches nothing and `[^]` anything; RE2 reads `[]…]` differently.
  if (body === '') return node.negate ? '[\\x{0}-\\x{10ffff}]' : '[^\\x{0}-\\x{10ffff}]';
  return `[${node.negate ? '^' : ''}${body}]`;
}

function translateElement(node: AST.Element, state: TranslateState): string {
  switch (node.type) {
    case 'Character':
      return escapeCodePoint(node.value);
    case 'CharacterClass':
      return translateClass(node, state);
    case 'ExpressionCharacterClass':
      throw new RefusedPattern('unsupported', node.raw);
    case 'CharacterSet':
      if (node.kind === 'any') {
        return state.dotAll ? '[\\x{0}-\\x{10ffff}]' : `[^${formatRanges(LINE_TERMINATOR_RANGES)}]`;
      }
      if (node.kind === 'property') {
        if (node.strings) throw new RefusedPattern('unsupported', node.raw);
        return translateProperty(node);
      }
      return `[${formatRanges(escapeSetRanges(node, state.ignoreCase))}]`;
    case 'Backreference':
      throw new RefusedPattern('backreference', node.raw);
    case 'Assertion':
      if (node.kind === 'lookahead' || node.kind === 'lookbehind') throw new RefusedPattern('lookaround', node.raw);
      if (node.kind === 'word') return node.negate ? '\\B' : '\\b';
      return node.kind === 'start' ? '^' : '$';
    case 'CapturingGroup': {
      // RE2 numbers groups as JavaScript does; names are kept here, so any JavaScript name works.
      if (!state.captures) return `(?:${translateAlternatives(node.alternatives, state)})`;
      state.groupNames.push(node.name);
      return `(${translateAlternatives(node.alternatives, state)})`;
    }
    case 'Group': {
      const modifiers = node.modifiers;
      if (!modifiers) return `(?:${translateAlternatives(node.alternatives, state)})`;
      if (modifiers.add.multiline || modifiers.remove?.multiline)
        throw new RefusedPattern('unsupported', modifiers.raw);
      const outer = { ...state };
      if (modifiers.add.dotAll) state.dotAll = true;
      if (modifiers.remove?.dotAll) state.dotAll = false;
      if (modifiers.add.ignoreCase) state.ignoreCase = true;
      if (modifiers.remove?.ignoreCase) state.ignoreCase = false;
      const flags = modifiers.add.ignoreCase ? 'i' : modifiers.remove?.ignoreCase ? '-i' : '';
      const inner = translateAlternatives(node.alternatives, state);
      state.dotAll = outer.dotAll;
      state.ignoreCase = outer.ignoreCase;
      return flags === '' ? `(?:${inner})` : `(?${flags}:${inner})`;
    }
    case 'Quantifier': {
      const { min, max } = node;
      if (min > MAX_REPEAT || (max !== Number.POSITIVE_INFINITY && max > MAX_REPEAT)) {
        throw new RefusedPattern('too-complex', node.raw);
      }
      if (max > min && prefersEmpty(node.element)) throw new RefusedPattern('unsupported', node.raw);
      const element = translateElement(node.element, state);
      let quantifier: string;
      if (min === 0 && max === Number.POSITIVE_INFINITY) quantifier = '*';
      else if (min === 1 && max === Number.POSITIVE_INFINITY) quantifier = '+';
      else if (min === 0 && max === 1) quantifier = '?';
      else if (max === Number.POSITIVE_INFINITY) quantifier = `{${min},}`;
      else if (min === max) quantifier = `{${min}}`;
      else quantifier = `{${min},${max}}`;
      return `(?:${element})${quantifier}${node.greedy ? '' : '?'}`;
    }
  }
}

/** The pattern in RE2's syntax with JavaScript's meaning, and its group names; throws RefusedPattern. */
export function translateReaderRegex(
  source: string,
  ignoreCase: boolean,
  captures = true,
): { re2Source: string; groupNames: (string | null)[] } {
  let pattern: AST.Pattern;
  try {
    pattern = parser.parsePattern(source, 0, source.length, { unicode: true });
  } catch (error) {
    throw new RefusedPattern('syntax', error instanceof Error ? error.message : String(error));
  }
  const state: TranslateState = { dotAll: false, ignoreCase, captures, groupNames: [] };
  const re2Source = translateAlternatives(pattern.alternatives, state);
  return { re2Source, groupNames: state.groupNames };
}

function createReaderRegex(source: string, ignoreCase: boolean, captures: boolean): ReaderRegex {
  const { re2Source, groupNames } = translateReaderRegex(source, ignoreCase, captures);
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(re2Source, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0);
  } catch (error) {
    // The syntax was checked above: what RE2 still refuses is size (nested repeats that expand
    // past its program limit) or a Unicode property name it lacks.
    const message = error instanceof Error ? error.message : String(error);
    throw new RefusedPattern(/too large|repeat/i.test(message) ? 'too-complex' : 'unsupported', source);
  }
  if (compiled.programSize() > MAX_PROGRAM_SIZE) throw new RefusedPattern('too-complex', source);
  return wrapCompiled(source, ignoreCase, compiled, groupNames);
}

function wrapCompiled(
  source: string,
  ignoreCase: boolean,
  compiled: RE2JS,
  groupNames: readonly (string | null)[],
): ReaderRegex {
  const hasNames = groupNames.some((name) => name !== null);
  return {
    source,
    ignoreCase,
    test: (text) => compiled.test(text),
    *matchAll(text) {
      for (const match of compiled.matchAll(text)) {
        const groups = Array.from(match, (group) => group ?? undefined);
        let named: Record<string, string | undefined> | undefined;
        if (hasNames) {
          const byName: Record<string, string | undefined> = Object.create(null);
          groupNames.forEach((name, index) => {
            // Duplicate names (allowed in separate alternatives) take the group that matched.
            if (name !== null && byName[name] === undefined) byName[name] = groups[index + 1];
          });
          named = byName;
        }
        yield { index: match.index ?? 0, groups, named };
      }
    },
  };
}

const compiledCache = new Map<string, ReaderRegexCheck>();
const MAX_CACHED_PATTERNS = 500;

/**
 * Compile a reader-written pattern (JavaScript syntax, `u` flag, plus `i` on request) for the
 * linear-time engine, or say why it cannot run. Results are cached: the compiled pattern is
 * stateless, so one object serves every caller. Without `captures` the matches carry no groups
 * (faster); whether a pattern is taken never depends on it.
 */
export function compileReaderRegex(source: string, ignoreCase: boolean, captures = true): ReaderRegexCheck {
  const key = `${ignoreCase ? 'i' : '-'}${captures ? 'c' : '-'}${source}`;
  const cached = compiledCache.get(key);
  if (cached) return cached;
  let result: ReaderRegexCheck;
  const verdict = captures ? undefined : compileReaderRegex(source, ignoreCase, true);
  if (verdict && !verdict.ok) {
    result = verdict;
  } else {
    try {
      result = { ok: true, regex: createReaderRegex(source, ignoreCase, captures) };
    } catch (error) {
      if (!(error instanceof RefusedPattern)) throw error;
      result = { ok: false, problem: error.problem, detail: error.detail };
    }
  }
  if (compiledCache.size >= MAX_CACHED_PATTERNS) compiledCache.clear();
  compiledCache.set(key, result);
  return result;
}

/**
 * A literal rule (not a regular expression) on the same engine: the text, every character
 * escaped, so matching and case folding are the same as for patterns.
 */
export function compileReaderLiteral(text: string, ignoreCase: boolean): ReaderRegex {
  const key = `${ignoreCase ? 'i' : '-'}${text}`;
  let regex = literalCache.get(key);
  if (!regex) {
    let re2Source = '';
    for (const char of text) re2Source += escapeCodePoint(char.codePointAt(0) as number);
    regex = wrapCompiled(text, ignoreCase, RE2JS.compile(re2Source, ignoreCase ? RE2JS.CASE_INSENSITIVE : 0), []);
    if (literalCache.size >= MAX_CACHED_PATTERNS) literalCache.clear();
    literalCache.set(key, regex);
  }
  return regex;
}

const literalCache = new Map<string, ReaderRegex>();
