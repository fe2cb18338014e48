/**
 * Synthetic cases: doubled text made by hand from real sentences, one per situation the engine
 * must handle. Each says where its text comes from: "sample" is the project's sample page
 * (data/sample-000_3c7b1f775cc3ba51.txt), "issue" the engine's issue text, the rest are written
 * here and say so.
 */
import type { FixOptions } from '../../lib/text/doubled/types';

export interface SyntheticCase {
  input: string;
  expected: string;
  source: string;
  options?: FixOptions;
}

/**
 * The 32 doubled headlines of the bench's 1 MB page (scripts/bench/page-generator.ts, seed
 * DEFAULT_SEED + 2) that fixText did not restore exactly before the word list: quotes printed once
 * between doubled words, and common characters a dictionary word somewhere doubles.
 */
const BENCH_HEADLINES: Array<[shown: string, clean: string]> = [
  ['““振振兴兴””低低碳碳落落地地绿绿色色', '“振兴”低碳落地绿色'],
  ['产产业业“绿绿色色”专专题题', '产业“绿色”专题'],
  ['绿绿色色“开开工工”卫卫士士“开开工工”', '绿色“开工”卫士“开工”'],
  ['经经济济“推推进进会会”“振振兴兴”作作为为', '经济“推进会”“振兴”作为'],
  ['园园区区数数字字“投投产产”低低碳碳', '园区数字“投产”低碳'],
  ['“卫卫士士”正正式式“担担当当”卫卫士士', '“卫士”正式“担当”卫士'],
  ['“落落地地”“低低碳碳”卫卫士士“忠忠诚诚”正正式式', '“落地”“低碳”卫士“忠诚”正式'],
  ['正正式式数数字字绿绿色色“城城市市”投投产产', '正式数字绿色“城市”投产'],
  ['“专专题题”“全全市市”特特派派员员“攻攻坚坚”', '“专题”“全市”特派员“攻坚”'],
  ['投投产产“卫卫士士”“低低碳碳”民民生生', '投产“卫士”“低碳”民生'],
  ['落落地地数数字字高高新新区区', '落地数字高新区'],
  ['数数字字“城城市市”发发展展', '数字“城市”发展'],
  ['攻攻坚坚“勇勇于于”加加快快', '攻坚“勇于”加快'],
  ['推推进进会会“勇勇于于”服服务务', '推进会“勇于”服务'],
  ['工工作作“全全市市”前前列列', '工作“全市”前列'],
  ['项项目目“社社区区”“专专题题”工工作作“工工作作”', '项目“社区”“专题”工作“工作”'],
  ['“宜宜居居”全全市市加加快快', '“宜居”全市加快'],
  ['开开工工“振振兴兴”加加快快', '开工“振兴”加快'],
  ['当当好好接接头头“工工作作”“推推进进会会”“企企业业”', '当好接头“工作”“推进会”“企业”'],
  ['“召召开开”服服务务全全市市', '“召开”服务全市'],
  ['人人民民“产产业业”研研讨讨', '人民“产业”研讨'],
  ['正正式式“乡乡村村”“当当好好”卫卫士士', '正式“乡村”“当好”卫士'],
  ['“经经济济”开开工工“项项目目”专专题题', '“经济”开工“项目”专题'],
  ['绿绿色色“园园区区”“全全市市”落落地地推推进进会会', '绿色“园区”“全市”落地推进会'],
  ['“当当好好”“低低碳碳”“街街道道”经经济济', '“当好”“低碳”“街道”经济'],
  ['全全市市接接头头“产产业业”', '全市接头“产业”'],
  ['““企企业业””人人民民实实事事数数字字', '“企业”人民实事数字'],
  ['“园园区区”当当好好低低碳碳', '“园区”当好低碳'],
  ['担担当当人人民民加加快快', '担当人民加快'],
  ['低低碳碳人人民民全全市市', '低碳人民全市'],
  ['“项项目目”新新动动能能“民民生生”治治理理', '“项目”新动能“民生”治理'],
  ['绿绿色色“实实事事”服服务务', '绿色“实事”服务'],
];

export const SYNTHETIC: SyntheticCase[] = [
  // Factor 2, 3, 4; Simplified and Traditional.
  { input: '勇勇于于担担当当作作为为，，', expected: '勇于担当作为，', source: 'issue (sample headline, first half)' },
  { input: '新新新新项项项项目目目目', expected: '新项目', source: 'issue / sample, factor 4' },
  { input: '参参参考考考文文文献献献', expected: '参考文献', source: 'issue, factor 3' },
  {
    input: '一一、、**注注意意**事项',
    expected: '一、**注意**事项',
    source: 'written here: markdown bold printed once around doubled Chinese keeps its two asterisks',
  },
  {
    input: '22001199年年1111月月2266日日',
    expected: '2019年11月26日',
    source: 'written here: a doubled date is damage (its digits are doubled too), unlike a date format written out',
  },
  {
    input: '姓姓名名：',
    expected: '姓名：',
    source:
      'written here after a PDF form parser (GitHub text index id 13671576169) that met doubled keys: a form label',
  },
  { input: '电电话话：______', expected: '电话：______', source: 'written here: a form label with a line to fill in' },
  {
    input: '3.2  设设置置',
    expected: '3.2  设置',
    source: 'issue: a two-character heading after its section number printed once',
  },
  {
    input: '勇勇於於擔擔當當作作為為，，當當好好黨黨和和人人民民的的忠忠誠誠衛衛士士',
    expected: '勇於擔當作為，當好黨和人民的忠誠衛士',
    source: 'sample headline in Traditional characters',
  },
  { input: '參參參考考考文文文獻獻獻', expected: '參考文獻', source: 'issue case in Traditional characters, factor 3' },
  {
    input: '新新新新項項項項目目目目',
    expected: '新項目',
    source: 'sample headline in Traditional characters, factor 4',
  },
  {
    input: '黄黄黄屯屯屯街街街道道道创创创城城城攻攻攻坚坚坚',
    expected: '黄屯街道创城攻坚',
    source: 'sample section heading, factor 3',
  },
  // Punctuation, quotes and brackets doubled with the text, or left single.
  {
    input: '确确保保““双双招招双双引引””工工作作走走在在全全市市前前列列',
    expected: '确保“双招双引”工作走在全市前列',
    source: 'issue / sample',
  },
  {
    input: '确确保保“双双招招双双引引”工工作作走走在在全全市市前前列列',
    expected: '确保“双招双引”工作走在全市前列',
    source: 'sample headline with its quotes left single',
  },
  {
    input: '勇勇于于担担当当作作为为，当当好好党党和和人人民民的的忠忠诚诚卫卫士士',
    expected: '勇于担当作为，当好党和人民的忠诚卫士',
    source: 'sample headline with its comma left single',
  },
  {
    input: '《《领领导导干干部部要要践践行行““三三严严三三实实””》》',
    expected: '《领导干部要践行“三严三实”》',
    source: 'sample body text (a title in book-title marks), doubled',
  },
  // ASCII inside a doubled run, single or doubled.
  { input: '会会用用来来向向Jumpserver注注册册', expected: '会用来向Jumpserver注册', source: 'issue' },
  { input: '22002233年年', expected: '2023年', source: 'issue' },
  { input: 'AAPPEECC会会议议', expected: 'APEC会议', source: 'issue' },
  {
    input: '紧紧盯盯550000强强项项目目',
    expected: '紧盯500强项目',
    source: 'sample body text ("紧盯500强项目"), doubled with its digits',
  },
  {
    input: '紧紧盯盯500强强项项目目，，创创新新招招引引模模式式',
    expected: '紧盯500强项目，创新招引模式',
    source: 'sample body text, digits left single',
  },
  // A real repetition inside a doubled run comes out as a run of 2k.
  { input: '加加密密密密钥钥', expected: '加密密钥', source: 'issue' },
  { input: '好好好好学学习习', expected: '好好学习', source: 'issue' },
  {
    input: '大大家家高高高高兴兴兴兴过过新新年年',
    expected: '大家高高兴兴过新年',
    source: 'written here: an AABB word inside a doubled headline',
  },
  {
    input: '牢牢牢牢把把握握““十十强强””产产业业',
    expected: '牢牢把握“十强”产业',
    source: 'sample body text ("牢牢把握“十强”产业"), doubled',
  },
  // Only part of the block doubled.
  {
    input: '勇勇于于担担当当作作为为，，当当好好党党和和人人民民的的忠忠诚诚卫卫士士。本报讯，会议指出要抓好工作。',
    expected: '勇于担当作为，当好党和人民的忠诚卫士。本报讯，会议指出要抓好工作。',
    source: 'sample headline followed by clean text written here',
  },
  {
    input:
      '会议指出：：济济宁宁高高新新区区召召开开““双双招招双双引引””工工作作调调度度推推进进会会。要把工作作为经济工作的生命线。',
    expected: '会议指出：济宁高新区召开“双招双引”工作调度推进会。要把工作作为经济工作的生命线。',
    source: 'sample lines: a doubled headline between two clean sentences',
  },
  // Latin text.
  { input: 'TThhee  qquuiicckk  bbrroowwnn  ffooxx', expected: 'The quick brown fox', source: 'issue' },
  { input: 'TThhee qquuiicckk bbrroowwnn ffooxx', expected: 'The quick brown fox', source: 'issue, spaces single' },
  { input: 'SSSSTTTTOOOOCCCCKKKK', expected: 'STOCK', source: 'issue, factor 4' },
  { input: 'TTTThhhheeee    qqqquuuuiiiicccckkkk', expected: 'The quick', source: 'issue text, factor 4' },
  { input: 'HHeelllloo,,  wwoorrlldd!!', expected: 'Hello, world!', source: 'written here: doubled punctuation' },
  {
    input: 'SSeeee  hhttttppss::////eexxaammppllee..oorrgg//ddooccss__vv22  ((nnootteess))..',
    expected: 'See https://example.org/docs_v2 (notes).',
    source: 'written here: doubled :, /, _, brackets and full stop',
  },
  {
    input: 'CCooppyyrriigghhtt  22002266  QQiinnggdduu',
    expected: 'Copyright 2026 Qingdu',
    source: 'issue (22002266)',
  },
  {
    input: 'TThhee  ddeefifinniittiioonn  ooff  ooffffiiccee',
    expected: 'The definition of office',
    source: 'issue (fifi ligature); office has a real ff',
  },
  { input: 'TThhee  flfloooorr  iiss  wweett', expected: 'The floor is wet', source: 'written here: fl ligature' },
  {
    input: 'TThhee  ccoommmmiitttteeee  mmeett--iinn--ppeerrssoonn',
    expected: 'The committee met-in-person',
    source: 'written here: a word with real double letters, doubled; doubled hyphens',
  },
  {
    input: '淡淡月月淡淡云云窗窗外外雨雨，一一声声声声',
    expected: '淡月淡云窗外雨，一声声',
    source:
      'chinese-poetry songci line, doubled (a known failure while every character poetry ever doubles explained a pair)',
  },
  // Rarer damage where the evidence is clear.
  {
    input: '济宁高新区召开“双招双引”工作调度推进会济宁高新区召开“双招双引”工作调度推进会',
    expected: '济宁高新区召开“双招双引”工作调度推进会',
    source: 'sample headline printed twice',
  },
  {
    input: '黄屯街道创城攻坚让社区更美更宜居\n黄屯街道创城攻坚让社区更美更宜居',
    expected: '黄屯街道创城攻坚让社区更美更宜居',
    source: 'sample headline, a line printed twice',
  },
  {
    input:
      '确确保保““双双招招双双引引””工工作作走走在在全全市市前前列列 确确保保““双双招招双双引引””工工作作走走在在全全市市前前列列',
    expected: '确保“双招双引”工作走在全市前列',
    source: 'sample headline, doubled and printed twice: one edit does both repairs',
  },
  {
    input: '12黄黄屯屯街街道道创创城城攻攻坚坚',
    expected: '12黄屯街道创城攻坚',
    source: 'sample section heading with a page number glued on',
  },
  {
    input: '黄黄屯屯街街道道创创城城攻攻坚坚02',
    expected: '黄屯街道创城攻坚02',
    source: 'sample section heading with a page number glued after',
  },
  {
    input: '勇于于担担当当作作为为',
    expected: '勇于担当作为',
    source: 'sample headline with its first glyph left single',
  },
  {
    input: '新新项项目目 作为今年高新区的双百工程',
    expected: '新项目 作为今年高新区的双百工程',
    source: 'sample lines, the first doubled: a bold lead-in (a known failure before lead-ins counted)',
  },
  {
    input: '本报讯（记者王博文）25日，济济宁宁高高新新区区召召开开会会议议，研究部署工作。',
    expected: '本报讯（记者王博文）25日，济宁高新区召开会议，研究部署工作。',
    source:
      'sample body text with one phrase doubled (a known failure while 济济, 高高 and 区区 explained their pairs; ' +
      'six doubled characters in a row that read as words once halved do not)',
  },
  // Sensitivity: more evidence-hungry defaults miss these; the other levels take them.
  {
    input: '新新项项目目 作为今年高新区的双百工程',
    expected: '新项目 作为今年高新区的双百工程',
    source: 'sample: a short doubled lead-in before clean text',
    options: { sensitivity: 'aggressive' },
  },
  {
    input: '春春春早早早。',
    expected: '春早。',
    source: 'chinese-poetry songci line, factor 3',
    options: { sensitivity: 'balanced' },
  },
  {
    input: '（（记记者者 王博文 通通讯讯员员 李明））',
    expected: '（记者 王博文 通讯员 李明）',
    source:
      "issue (names printed once inside doubled text), with the sample's reporter: a doubled bracket pair stays a pair",
  },
  {
    input: '3.2  设设置置网网络络',
    expected: '3.2  设置网络',
    source: 'issue (a section number printed once beside doubled words), with one word more',
  },
  {
    input: '3.2  设设置置',
    expected: '3.2  设置',
    source: 'issue (a section number printed once beside doubled words), on a page with doubled headings',
    options: { pageEvidence: 'same-kind' },
  },
  // Found measuring recall on doubled sentences of the clean corpus's biographies.
  {
    input: '天天禧禧三三年年（（一一○○一一九九）），，又又授授同同平平章章事事',
    expected: '天禧三年（一○一九），又授同平章事',
    source: 'chinese-poetry 2.0.1 author.song.json biography, doubled: ○ stands for 〇 in years',
  },
  {
    input: '誨誨誨誨子子子子（（（（《《《《宋宋宋宋史史史史》》》》））））。。。。',
    expected: '誨子（《宋史》）。',
    source: 'chinese-poetry 2.0.1 author.song.json biography, factor 4: punctuation after the last run',
  },
  {
    input: '三三年年卒卒，，年年六六十十九九。。',
    expected: '三年卒，年六十九。',
    source: 'chinese-poetry 2.0.1 author.song.json biography, doubled: numerals with 十 are not a doubled year',
  },
  // Page evidence: the same real headings on a page where doubled text has been confirmed.
  {
    input: '1目目录录',
    expected: '1目录',
    source: 'DE2-115 manual heading found in public text (a known failure alone), with page evidence',
    options: { pageEvidence: 'page' },
  },
  {
    input: '电电源源',
    expected: '电源',
    source: 'DE2-115 manual heading found in public text (a known failure alone), with page evidence',
    options: { pageEvidence: 'page' },
  },
  {
    input: '#4.4.1　　切切片片',
    expected: '#4.4.1　　切片',
    source: 'Python Crash Course heading found in public text (a known failure alone), same-kind evidence',
    options: { pageEvidence: 'same-kind' },
  },
  {
    input: '(2020)苏01民民终终1783号',
    expected: '(2020)苏01民终1783号',
    source: 'a noisy case number found in public text (a known failure alone), same-kind evidence',
    options: { pageEvidence: 'same-kind' },
  },
  {
    input: '新新闻闻',
    expected: '新闻',
    source: 'written here (the short-block negative), on a page with doubled headlines of the same kind',
    options: { pageEvidence: 'same-kind' },
  },
  {
    input: '高高兴兴',
    expected: '高高兴兴',
    source: 'issue: an AABB word stays even on a page with doubled text of the same kind',
    options: { pageEvidence: 'same-kind' },
  },
  {
    input: '他常常去看看，天天向上',
    expected: '他常常去看看，天天向上',
    source: 'written here: AA words in prose stay on a page with doubled text of the same kind',
    options: { pageEvidence: 'same-kind' },
  },
  // Options.
  {
    input: 'TThhee  qquuiicckk  bbrroowwnn  ffooxx',
    expected: 'TThhee  qquuiicckk  bbrroowwnn  ffooxx',
    source: 'issue text with latin: false',
    options: { latin: false },
  },
  {
    input: '新新新新项项项项目目目目',
    expected: '新新新新项项项项目目目目',
    source: 'sample headline with factor 4 switched off',
    options: { factors: [2, 3] },
  },
  {
    input: '勇勇于于担担当当作作为为，，',
    expected: '勇勇于于担担当当作作为为，，',
    source: 'issue text with the doubled-cjk rule disabled',
    options: { disabledRules: ['doubled-cjk'] },
  },
  {
    input: 'TThhee  ddeefifinniittiioonn',
    expected: 'TThhee  ddeefifinniittiioonn',
    source: 'issue ligature case with doubled-ligature disabled: `fifi` is then single letters, so not doubled',
    options: { disabledRules: ['doubled-ligature'] },
  },
  ...BENCH_HEADLINES.map(([input, expected]) => ({
    input,
    expected,
    source: 'bench 1 MB page headline, missed before the word list (scripts/bench/page-generator.ts)',
  })),
];
