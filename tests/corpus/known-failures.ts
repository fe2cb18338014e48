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
  {
    input: 'ffoo',
    expected: 'fo',
    reason: 'a single short doubled word is not enough evidence',
    source: 'written here',
  },
];
