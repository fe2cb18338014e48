/**
 * Known failures: damage the engine does not repair (or repairs wrongly) at the default
 * sensitivity, each with the reason. The corpus test asserts they still fail, so one that starts
 * passing is noticed and moved to synthetic.ts.
 */
import type { FixOptions } from '../../lib/text/doubled/types';

export interface KnownFailure {
  input: string;
  expected: string;
  reason: string;
  source: string;
  options?: FixOptions;
}

export const KNOWN_FAILURES: KnownFailure[] = [
  {
    input: '新新闻闻',
    expected: '新闻',
    reason: 'two doubled characters alone read just as well as an AABB word or a name; conservative wants three',
    source: 'written here',
  },
  {
    input: '03新新城城',
    expected: '03新城',
    reason: 'a two-character heading: the same ambiguity as 新新闻闻',
    source: 'sample section heading "03 新城", doubled',
  },
  {
    input: '春春早早。',
    expected: '春早。',
    reason: 'two characters',
    source: 'chinese-poetry songci line',
  },
  {
    input: '温温庭庭筠筠：：((约约  881122  ――  约约  887700))',
    expected: '温庭筠：(约 812 ― 约 870)',
    reason: 'a single dash doubled (――) cannot be told from a dash pair, which is kept',
    source: 'chinese-poetry songci author biography, doubled',
  },
  // Found in public text (see FOUND in in-the-wild.ts for what each file is).
  {
    input: '电电源源',
    expected: '电源',
    reason: 'a two-character heading; 源源 is a word (源源不断) (page evidence fixes it)',
    source: 'GitHub file (text index id 55695873113): the DE2-115 manual pulled out of its PDF',
  },
  {
    input: '#4.4.1　　切切片片',
    expected: '#4.4.1　　切片',
    reason: '切切 and 片片 are both words: two AA words read as well as one doubled word (page evidence fixes it)',
    source: 'GitHub file (text index id 14539410821): headings pasted from a PDF of "Python Crash Course"',
  },
  {
    input: '3944..55  时时钟钟电电路路',
    expected: '394.5 时钟电路',
    reason: 'a page number (39) glued to a doubled section number (44..55): the number 3944 is judged whole',
    source: 'GitHub file (text index id 55695873113): the DE2-115 manual pulled out of its PDF',
  },
  {
    input: '(2020)苏01民民终终1783号',
    expected: '(2020)苏01民终1783号',
    reason: 'two doubled characters between single digits (page evidence fixes it)',
    source: 'GitHub file (text index id 22300447679): an LLM prompt quoting noisy case numbers of a legal data set',
  },
  {
    input: '上上海海行星有有限限公公司司',
    expected: '上海行星有限公司',
    reason:
      '有有限限公公司司 is repaired, but 上上 is a word (上上 "the very best"), so 上上海海 reads as one AA word and 海海',
    source: 'GitHub file (text index id 11214077181): an LLM prompt quoting a noisy company name',
  },
  {
    input: '1. 兴兴旺旺',
    expected: '1. 兴兴旺旺',
    reason:
      'a false fix: a numbered heading of two doubled characters is read as a doubled word when the pair is a word (兴旺) and the dictionary knows no AABB form of it, yet 兴兴旺旺 is one; no such line was found in public text',
    source: 'written here',
  },
  {
    input: '22 CCRREEAATTEE TTAABBLLEE ``eemmppllooyyeeeess`` ((',
    expected: '2 CREATE TABLE `employees` (',
    reason:
      'a doubled bracket after a blank at the end of the line: the doubled segment ends at its last doubled word, so the bracket is left as it is',
    source: 'GitHub file (text index id 60483296289): MySQL course notes pulled out of a PDF, the code printed in bold',
  },
  {
    input: 'ffoo',
    expected: 'fo',
    reason: 'a single short doubled word is not enough evidence',
    source: 'written here',
  },
];
