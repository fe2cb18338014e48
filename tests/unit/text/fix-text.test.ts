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

  // The first fact is the one that decided; `unexplained` always goes with it.
  it.each([
    ['人人民民网网讯讯 近日，国务院召开常务会议。', '人民网讯 近日，国务院召开常务会议。', 'chain'],
    ['本本报报讯讯 近日，国务院召开常务会议。', '本报讯 近日，国务院召开常务会议。', 'lead-in'],
    ['据《光光明明日日报报》报道', '据《光明日报》报道', 'enclosed'],
    ['要要要要闻闻闻闻', '要闻', 'whole-block'],
    ['北北京京科技有有限限公公司司', '北京科技有限公司', 'same-block'],
    ['科科技技，，创创新新', '科技，创新', 'punctuation'],
  ])('repairs %s and says which evidence decided', (input, expected, fact) => {
    const { text, edits } = fixText(input);
    expect(text).toBe(expected);
    expect(edits[0]?.because?.facts[0]).toBe(fact);
    for (const e of edits) {
      expect(e.because?.facts).toContain('unexplained');
      expect(e.because?.runs).toBeGreaterThanOrEqual(e.because?.unexplained ?? 0);
    }
  });
});

describe('fixText with page evidence', () => {
  it('takes a short heading on a page with doubled text, and says so', () => {
    expect(fixText('电电源源').text).toBe('电电源源');
    expect(fixText('电电源源', { pageEvidence: 'none' }).text).toBe('电电源源');
    const page = fixText('电电源源', { pageEvidence: 'page' });
    expect(page.text).toBe('电源');
    expect(page.edits[0]?.because?.facts).toEqual(['page', 'whole-block', 'unexplained']);
    expect(fixText('新新闻闻', { pageEvidence: 'same-kind' }).edits[0]?.because?.facts[0]).toBe('same-kind');
  });

  it('still leaves real repetition alone', () => {
    for (const pageEvidence of ['page', 'same-kind'] as const) {
      for (const text of [
        '高高兴兴',
        '常常',
        '他常常去看看',
        '哈哈哈哈',
        '2011年11月11日',
        '足球球场场地地面面积',
        '即使使用用户配置',
      ]) {
        expect(fixText(text, { pageEvidence }).edits, `${text} (${pageEvidence})`).toEqual([]);
      }
    }
  });
});

describe('collateral damage', () => {
  it('collapses only the runs of the doubling pattern', () => {
    expect(fixText('二二、、**display-outside(**外外部部值值**)**').text).toBe('二、**display-outside(**外部值**)**');
    expect(fixText('运运行行命命令令 --flag 查查看看帮帮助助').text).toBe('运行命令 --flag 查看帮助');
    expect(fixText('HHeelllloo,,  wwoorrlldd!!').text).toBe('Hello, world!');
    expect(fixText('#第第 4 章章　　操操作作列列表表').text).toBe('#第 4 章　　操作列表');
    expect(fixText('# 3-10 尝尝试试使使用用各各个个函函数数 ：想想可存储到列表中').text).toBe(
      '# 3-10 尝试使用各个函数 ：想想可存储到列表中',
    );
  });
});

describe('doubled brackets and their partners', () => {
  const opening = '（（记记者者 王博文 通通讯讯员员 李明';

  it('collapses a partner printed as many times on the same line, near', () => {
    expect(fixText(`${opening}））`).text).toBe('（记者 王博文 通讯员 李明）');
  });

  it('looks for the partner only nearby: a file on one line with many brackets stays linear', () => {
    // Past the distance a bracket and its partner can enclose, the partner is left as it is.
    const far = `${opening}${'，今天天气很好'.repeat(200)}））`;
    const fixed = fixText(far).text;
    expect(fixed.startsWith('（记者 王博文 通讯员 李明')).toBe(true);
    expect(fixed.endsWith('））')).toBe(true);
  });
});
