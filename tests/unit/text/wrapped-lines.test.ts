import { describe, expect, test } from 'vitest';
import { createWordCutTest, explainWrappedRuns, findWrappedRuns, measureLine } from '../../../lib/text/lines';
import { linesOfText, readJoined } from '../../corpus/wrapped-lines/cases';
import { inTheWildCases } from '../../corpus/wrapped-lines/in-the-wild';
import { KNOWN_FAILURES } from '../../corpus/wrapped-lines/known-failures';
import { NEGATIVE_CASES, poemCases } from '../../corpus/wrapped-lines/negative';
import { scoreCase, scoreCases } from '../../corpus/wrapped-lines/score';
import { setInColumn, syntheticCases } from '../../corpus/wrapped-lines/synthetic';

const join = (text: string) => {
  const lines = linesOfText(text);
  return readJoined(lines, findWrappedRuns(lines));
};

describe('measureLine', () => {
  test('measures width as a range: Han one em, ASCII half, CJK punctuation half to one', () => {
    const shape = measureLine('推进中，预计明年4月份可建成投');
    expect(shape.minWidth).toBe(14);
    expect(shape.maxWidth).toBe(14.5);
    expect(shape.endsOpen).toBe(true);
    expect(shape.innerPunctuation).toBe(1);
  });

  test('knows sentence ends, also inside closing quotes', () => {
    expect(measureLine('卫士。').endsSentence).toBe(true);
    expect(measureLine('他说：“走吧。”').endsSentence).toBe(true);
    expect(measureLine('同各种错误思想言论作斗争，').endsSentence).toBe(false);
    expect(measureLine('同各种错误思想言论作斗争，').endsOpen).toBe(false);
  });

  test('knows paragraph openers: indent, list markers, labels', () => {
    for (const line of [
      '　　本报讯',
      '1. 第一项',
      '（一）加强领导',
      '一、传达精神',
      '- 每行',
      '地址：济宁市',
      '第三条 规定',
    ]) {
      expect(measureLine(line).startsParagraph, line).toBe(true);
    }
    for (const line of ['本报济宁11月26日讯', '1.3万亿斤台阶', '会议指出，各级']) {
      expect(measureLine(line).startsParagraph, line).toBe(false);
    }
  });

  test('ignores source white space around the line', () => {
    expect(measureLine('\n   作为今年  \n').maxWidth).toBe(4);
    expect(measureLine(' \n\t').blank).toBe(true);
  });
});

describe('createWordCutTest', () => {
  const isWordCut = createWordCutTest();
  test('sees a break inside a word', () => {
    expect(isWordCut('加快推进项目建', '设，确保')).toBe(true);
    expect(isWordCut('高新区党工委、管委会领', '导班子成员')).toBe(true);
  });
  test('sees a break between words', () => {
    expect(isWordCut('床前明月光', '疑是地上霜')).toBe(false);
    expect(isWordCut('走廊灯关上书包放', '走到房间窗外望')).toBe(false);
  });
  test('the same where the segmenter marks only one-character words word-like (Firefox)', () => {
    // Firefox's Intl.Segmenter finds 建设 but says it is not word-like.
    class FirefoxLikeSegmenter extends Intl.Segmenter {
      override segment(input: string) {
        const segments = [...super.segment(input)].map((s) => ({
          ...s,
          isWordLike: s.isWordLike === true && s.segment.length === 1,
        }));
        return segments as unknown as Intl.Segments;
      }
    }
    const firefoxCut = createWordCutTest('zh', FirefoxLikeSegmenter);
    expect(firefoxCut('加快推进项目建', '设，确保')).toBe(true);
    expect(firefoxCut('高新区党工委、管委会领', '导班子成员')).toBe(true);
    expect(firefoxCut('床前明月光', '疑是地上霜')).toBe(false);
    // A cut beside punctuation is no word cut.
    expect(firefoxCut('确保抓出成果，', '抓出实效')).toBe(false);
  });
});

describe('findWrappedRuns', () => {
  test('joins a column-wrapped paragraph, lines cut inside words', () => {
    const text =
      '作为今年高新区的双百工程\n项目之一，位于济宁高新区的华东\n新型墙体材料项目，目前施工顺利\n推进中，预计明年4月份可建成投\n产。';
    expect(join(text)).toEqual([
      '作为今年高新区的双百工程项目之一，位于济宁高新区的华东新型墙体材料项目，目前施工顺利推进中，预计明年4月份可建成投产。',
    ]);
  });

  test('explains each candidate with its verdict and evidence', () => {
    const [run] = explainWrappedRuns(linesOfText('黄屯街道创城攻坚\n让社区更美更宜居'));
    expect(run?.verdict).toBe('unfinished');
    const [joined] = explainWrappedRuns(
      linesOfText('会议强调，要突出重点、创新举\n措，聚焦招商引资重点，紧盯目标、精\n准施策。'),
    );
    expect(joined?.verdict).toBe('joined');
    expect(joined?.evidence.cutsWord).toBe(true);
    expect(joined?.evidence.columnWidth).toBeGreaterThanOrEqual(15);
  });

  test('never joins a poem, a headline deck or a list', () => {
    for (const text of [
      '白日依山尽，黄河入海流\n欲穷千里目，更上一层楼\n',
      '花外轩窗排远岫，竹间门巷带长流\n风物更清幽',
      '床前明月光，\n疑是地上霜。\n举头望明月，\n低头思故乡。',
      '白日依山尽黄河入海流\n欲穷千里目更上一层楼',
      '30位“服务特派员”\n与企业正式“接头”',
      '（一）加强组织领导，压实工作责任\n（二）突出工作重点，狠抓任务落实',
    ]) {
      expect(findWrappedRuns(linesOfText(text)), text).toEqual([]);
    }
  });

  test('does not hide a break between two Latin words (it stands for a space)', () => {
    const runs = findWrappedRuns(
      linesOfText(
        '本次会议邀请了来自各地的专家，包括 Google\nDeepMind 的研究人员，共同探讨人工\n智能的发展方向与治理问题，会议取得圆满成功。',
      ),
    );
    for (const run of runs) expect(run.start).toBeGreaterThanOrEqual(1);
  });

  test('a break between a number and its unit counts as a cut', () => {
    const never = () => false;
    const text = '在全球拥有超过 400家子公司、38\n个研发中心，员工超过 19 万人。';
    expect(explainWrappedRuns(linesOfText(text), { isWordCut: never })[0]?.verdict).toBe('joined');
  });

  test('a run may end a clause (a list follows its colon)', () => {
    const text = '会议要求，各部门要抓好在手在谈项\n目，多方面排解堵点卡点，重点如下：';
    expect(explainWrappedRuns(linesOfText(text))[0]?.verdict).toBe('joined');
    expect(explainWrappedRuns(linesOfText(text.replace('：', '')))[0]?.verdict).toBe('unfinished');
  });

  test('a break inside a bracket counts as a cut, where the segmenter knows no word', () => {
    const text = '宋溫舒，京兆長安（今\n陝西西安）人。';
    const never = () => false;
    const [run] = explainWrappedRuns(linesOfText(text), { isWordCut: never });
    expect(run?.verdict).toBe('joined');
    expect(measureLine('京兆長安（今').endsInsidePair).toBe(true);
    expect(measureLine('陝西西安）人。').closesEarlierPair).toBe(true);
    const [closed] = explainWrappedRuns(linesOfText('宋溫舒，京兆長安（今陝\n西西安人。'), { isWordCut: never });
    expect(closed?.verdict).toBe('no-word-cut');
  });

  test('a sentence ending a full line does not end the paragraph where the layout indents paragraphs', () => {
    const paragraph = [
      '会议强调，要旗帜鲜明地',
      '同作风顽疾作斗争，在自我革',
      '新上体现担当。党员干部必须',
      '保持良好的精神状态和作风。',
      '要善于自我反省，勇于接受批',
      '评，敢于发声亮剑。',
    ];
    const next = ['高新区党工委、管委会领', '导班子成员，调研员、副调研', '员参加会议。'];
    const spans = (lines: string[]) =>
      findWrappedRuns(linesOfText(lines.join('\n'))).map((run) => [run.start, run.end]);
    expect(spans([...paragraph, ...next])).toEqual([
      [0, 6],
      [6, 9],
    ]);
    // Without indented first lines, a full line that ends a sentence may end a paragraph: left apart.
    const unindented = [
      '会议强调，要旗帜鲜明地同作',
      '风顽疾作斗争，在自我革新上',
      '体现担当。党员干部必须保持',
      '良好的精神状态和工作作风。',
      '要善于自我反省，勇于接受批',
      '评，敢于发声亮剑。',
    ];
    const crossing = spans(unindented).filter(([start, end]) => (start as number) < 4 && (end as number) > 4);
    expect(crossing).toEqual([]);
    expect(spans(unindented)).toContainEqual([4, 6]);
  });

  test('a run must end a sentence: verse shown without its end punctuation never does', () => {
    const [candidate] = explainWrappedRuns(
      linesOfText('我将这三军可便指挥，则你这众将要心齐\n全凭着这先锋翼德，端的他武艺为魁'),
    );
    expect(candidate?.verdict).toBe('unfinished');
  });

  test('lines that repeat one punctuation pattern are verse', () => {
    const [candidate] = explainWrappedRuns(
      linesOfText(
        '文王在上于昭于天，周虽旧邦其命维\n有周不显帝命不时，文王陟降在帝左\n亹亹文王令闻不已，陈锡哉周侯文王。',
      ),
    );
    expect(candidate?.verdict).toBe('verse');
  });

  test('a sentence end closes a paragraph; a short line ends one', () => {
    const text =
      '会议要求，要抓好在手在谈项目，\n多方面排解堵点卡点，想方设法抓落\n实、抓建设。\n高新区党工委、管委会领\n导班子成员，调研员、副调研\n员参加会议。';
    const lines = linesOfText(text);
    const runs = findWrappedRuns(lines);
    expect(runs.map((run) => [run.start, run.end])).toEqual([
      [0, 3],
      [3, 6],
    ]);
  });
});

describe('setInColumn (the synthetic corpus)', () => {
  test('keeps closing punctuation off the start of a line and opening punctuation off its end', () => {
    const lines = setInColumn('他说：“我们一定要把这件事情做好，做扎实。”随后离开了会场。', 6);
    expect(lines.join('')).toBe('他说：“我们一定要把这件事情做好，做扎实。”随后离开了会场。');
    for (const line of lines.slice(1)) expect('，。、；：？！”’）》'.includes(line[0] as string)).toBe(false);
    for (const line of lines) expect('“‘（《'.includes(line.at(-1) as string)).toBe(false);
  });
});

describe('wrapped-lines corpus', () => {
  test('in the wild: no false join, and at least 87% of the breaks inside paragraphs joined', () => {
    const score = scoreCases(inTheWildCases());
    expect(score.falsePositives).toBe(0);
    expect(score.recall).toBeGreaterThanOrEqual(0.87);
  });

  test('the sample page reads as its paragraphs, its headlines and bylines left alone', () => {
    const [sample] = inTheWildCases();
    const result = scoreCase(sample as never);
    expect(result.falsePositives).toBe(0);
    // Its one miss is a known failure (a three-line paragraph whose breaks cut no word).
    expect(result.falseNegatives).toBe(2);
  });

  test('synthetic: no false join, and at least 55% of the breaks inside paragraphs joined', () => {
    const score = scoreCases(syntheticCases());
    expect(score.falsePositives).toBe(0);
    expect(score.recall).toBeGreaterThanOrEqual(0.55);
  });

  test.each(NEGATIVE_CASES.map((c) => [c.source, c] as const))('negative: %s', (_source, c) => {
    expect(join(c.text)).toEqual(c.expected);
  });

  test('80,000 poems in four layouts from chinese-poetry: not one line joined', () => {
    const score = scoreCases(poemCases());
    expect(score.cases).toBeGreaterThan(75_000);
    const joined = score.results.filter((r) => r.falsePositives > 0).map((r) => r.case.source);
    expect(joined).toEqual([]);
  }, 60_000);

  test.each(KNOWN_FAILURES.map((c) => [c.source, c] as const))('known failure still fails: %s', (_source, c) => {
    expect(join(c.text)).not.toEqual(c.expected);
  });
});
