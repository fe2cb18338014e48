/**
 * In-the-wild cases: text exactly as it was found.
 *
 * `data/sample-000_3c7b1f775cc3ba51.txt` is a copy of the project's sample page (a city newspaper's
 * print edition as its website serves it: text pulled out of the PDF; shared/samples in the
 * project's steering repository). Every line of it is a case: the three garbled headlines must be
 * repaired as below, every other line must come back unchanged.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface FixCase {
  input: string;
  expected: string;
  source: string;
}

const SAMPLE = 'sample-000_3c7b1f775cc3ba51.txt';

/** The sample's garbled lines and what they say. */
const SAMPLE_REPAIRS: Record<string, string> = {
  '勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士': '勇于担当作为，当好党和人民的忠诚卫士',
  新新新新项项项项目目目目: '新项目',
  马马马马蹄蹄蹄蹄疾疾疾疾: '马蹄疾',
  '确确保保““双双招招双双引引””工工作作走走在在全全市市前前列列': '确保“双招双引”工作走在全市前列',
};

export function readSampleLines(): string[] {
  const path = join(dirname(fileURLToPath(import.meta.url)), 'data', SAMPLE);
  return readFileSync(path, 'utf8').split('\n');
}

export function inTheWildCases(): FixCase[] {
  const cases: FixCase[] = [];
  readSampleLines().forEach((line, i) => {
    if (line.trim() === '') return;
    const repaired = SAMPLE_REPAIRS[line.trim()];
    cases.push({
      input: line,
      expected: repaired === undefined ? line : line.replace(line.trim(), repaired),
      source: `${SAMPLE} line ${i + 1}${repaired === undefined ? ' (clean)' : ' (garbled)'}`,
    });
  });
  // Found while checking the clean corpus: chinese-poetry's Tang biographies hold a few entries
  // whose text the data set itself printed twice (with a blank between).
  cases.push(
    {
      input: ' 張鼎，司勳員外郎。詩三首。 張鼎，司勳員外郎。詩三首。',
      expected: ' 張鼎，司勳員外郎。詩三首。',
      source: 'chinese-poetry 2.0.1 dist/quantangshi/authors.tang.json, author 張鼎',
    },
    {
      input: ' 崔涯，吳楚間人，與張祜齊名。詩八首。 崔涯，吳楚間人，與張祜齊名。詩八首。',
      expected: ' 崔涯，吳楚間人，與張祜齊名。詩八首。',
      source: 'chinese-poetry 2.0.1 dist/quantangshi/authors.tang.json, author 崔涯',
    },
  );
  return cases;
}

/** How many garbled lines the sample holds (so a test notices if the table above drifts). */
export const SAMPLE_GARBLED_LINES = Object.keys(SAMPLE_REPAIRS).length;
