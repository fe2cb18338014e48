/**
 * The pinyin reader's data, bundled with the pinyin feature only (loaded on demand, never in the
 * always-injected content script). Derived by scripts/derive-pinyin-data.ts; see there for sources.
 */
import type { CharFrequencyData } from './char-frequency';
import charFrequency from './data/char-frequency.json';
import guards from './data/pinyin-guards.json';
import rules from './data/pinyin-rules.json';
import traditional from './data/pinyin-traditional.json';
import words from './data/pinyin-words.json';
import type { PinyinData } from './read-pinyin';

export const DEFAULT_PINYIN_DATA: PinyinData = {
  words,
  rules: rules as unknown as PinyinData['rules'],
  guards,
  traditional,
};

export const CHAR_FREQUENCY: CharFrequencyData = { chars: charFrequency.chars };
