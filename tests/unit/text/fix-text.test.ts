import { describe, expect, it } from 'vitest';
import { fixText, mightContainDoubledText } from '../../../lib/text/doubled/fix-doubled-text';

describe('fixText', () => {
  it.each([
    [
      '勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士',
      '勇于担当作为，当好党和人民的忠诚卫士',
    ],
    ['新新新新项项项项目目目目', '新项目'],
    ['参参参考考考文文文献献献', '参考文献'],
    ['加加密密密密钥钥', '加密密钥'],
    ['好好好好学学习习', '好好学习'],
    ['TThhee  qquuiicckk  bbrroowwnn  ffooxx', 'The quick brown fox'],
  ])('repairs %s', (input, expected) => {
    expect(fixText(input).text).toBe(expected);
    expect(mightContainDoubledText(input)).toBe(true);
  });

  it.each([
    '工作作为经济工作的生命线',
    '昨日日报报表',
    '认认真真、踏踏实实、兢兢业业地做好工作',
    '哈哈哈哈',
    'committee',
  ])('leaves %s alone', (input) => {
    expect(fixText(input)).toEqual({ text: input, edits: [] });
  });

  it('explains each edit with offsets into the input', () => {
    const input = '03 新新项项目目';
    const { text, edits } = fixText(input);
    expect(text).toBe('03 新项目');
    expect(edits).toEqual([
      {
        rule: 'doubled-cjk',
        factor: 2,
        start: 3,
        end: 9,
        original: '新新项项目目',
        replacement: '新项目',
        // 新 is a character real words double (新新人类); 项 and 目 are explained by nothing.
        because: { runs: 3, unexplained: 2, chain: 3, facts: ['whole-block', 'unexplained'] },
      },
    ]);
  });
});
