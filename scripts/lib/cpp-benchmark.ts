/**
 * The CPP polyphone benchmark (Park & Lee, "g2pM", Interspeech 2020), vendored in tests/data/g2pm/:
 * one sentence per line with the labelled polyphonic character between two `▁` (U+2581).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CPP_DIR = fileURLToPath(new URL('../../tests/data/g2pm', import.meta.url));

export interface CppSentence {
  text: string;
  /** Index of the labelled character, in code points. */
  index: number;
  /** Label as numbered pinyin with `v` for ü (`hang2`, `lv4`, `le5`). */
  label: string;
}

/** Reads one split of the CPP dataset: `▁` marks the labelled character; labels write ü as `u:`. */
export function loadCppSplit(split: 'dev' | 'test', dir = CPP_DIR): CppSentence[] {
  const sentences = readFileSync(`${dir}/${split}.sent`, 'utf8').trimEnd().split('\n');
  const labels = readFileSync(`${dir}/${split}.lb`, 'utf8').trimEnd().split('\n');
  return sentences.map((line, i) => ({
    text: line.replaceAll('▁', ''),
    index: Array.from(line.slice(0, line.indexOf('▁'))).length,
    label: (labels[i] ?? '').trim().replace('u:', 'v'),
  }));
}
