/**
 * Lines that must never be joined: headlines, lyrics, lists, menus, addresses, tables, captions
 * (by hand, each with its source), and every poem of a large part of the `chinese-poetry` package
 * in three layouts (read at test time). Each case's `expected` is its lines, unchanged.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chinesePoetryDist, chinesePoetryFiles } from '../clean-corpus';
import { linesOfText, type WrappedLinesCase } from './cases';

function unchanged(source: string, text: string): WrappedLinesCase {
  return { source, text, expected: linesOfText(text).map((line) => line.text.trim()) };
}

const PEOPLES_DAILY_1951 = 'https://cn.govopendata.com/renminribao/1951/9/15/1/ (人民日报 1951-09-15, page 1)';
const LINUX_HOW_TO = 'torvalds/linux Documentation/translations/zh_CN/how-to.rst';
const ANNUAL_REPORT =
  'public GitHub Python file embedding 美的集团2024年年度报告摘要 as PDF extraction gives it, its tables (find_string id 36704616381)';
const LYRICS = 'xhlife/xhlife.github.io works/work/mock_qq_music/source/musiclist.js (lyrics of 半岛铁盒, an excerpt)';

export const NEGATIVE_CASES: WrappedLinesCase[] = [
  // Headlines: stacked decks of a news story, each line its own block or `<br>` line.
  unchanged(PEOPLES_DAILY_1951, '执行和平解放西藏办法协议\n人民解放军进抵拉萨\n各族人民及西藏地方政府官员等列队欢迎'),
  unchanged(PEOPLES_DAILY_1951, '装作外婆的狼掩盖不住自己的尾巴\n李奇微被迫第一次承认扫射开城暴露美方历次抵赖真相'),
  unchanged('tests/corpus/data/sample-000_3c7b1f775cc3ba51.txt', '30位“服务特派员”\n与企业正式“接头”'),
  unchanged('tests/corpus/data/sample-000_3c7b1f775cc3ba51.txt', '黄屯街道创城攻坚\n让社区更美更宜居'),
  unchanged(
    'tests/corpus/data/sample-000_3c7b1f775cc3ba51.txt',
    '济宁高新区召开“双招双引”工作调度推进会\n\n确保“双招双引”工作走在全市前列',
  ),
  // A caption under its kicker.
  unchanged(
    PEOPLES_DAILY_1951,
    '我们伟大的祖国\n\n中央人民政府派出的西南访问团到了云南圭山少数民族地区。这是访问团的团员正在访问一位阿西族的烈士家属,并送给她礼物。',
  ),
  // Lyrics: short lines broken between phrases, no punctuation.
  unchanged(
    LYRICS,
    '走廊灯关上书包放\n走到房间窗外望\n回想刚买的书\n一本名叫半岛铁盒\n放在床边堆好多\n第一页第六页第七页序\n我永远都想不到\n陪我看这书的你会要走',
  ),
  unchanged(LYRICS, '为什么这样子\n你拉着我说你有些犹豫\n怎么这样子\n雨还没停你就撑伞要走'),
  unchanged(LYRICS, '已经习惯不去阻止你\n过好一阵子你就会回来\n印象中的爱情好像顶不住那时间'),
  // Lists.
  unchanged(
    LINUX_HOW_TO,
    '- 每行长度不超过 40 个字符\n- 每行长度请保持一致\n- 标题的下划线长度请按照一个英文一个字符、一个中文两个字符与标题对齐\n- 其它的修饰符请与英文文档保持一致',
  ),
  unchanged(
    LINUX_HOW_TO,
    '- 然后点击回复按钮，并引用要回复的邮件，\n- 在第一条评论行尾换行，输入您的回复\n- 在第二条评论行尾换行，输入您的回复\n- 直到处理完最后一条评论，换行空两行输入问候语和署名',
  ),
  unchanged(
    'synthetic, in the form of a government notice',
    '（一）加强组织领导，压实工作责任\n（二）突出工作重点，狠抓任务落实\n（三）强化督导检查，确保取得实效',
  ),
  unchanged(
    'synthetic, in the form of a meeting agenda',
    '一、传达学习上级会议精神\n二、通报今年以来重点工作进展情况\n三、研究部署下一阶段重点工作任务',
  ),
  // Menus and page indexes.
  unchanged('tests/corpus/data/sample-000_3c7b1f775cc3ba51.txt', '03 新城\n\n02 要闻\n\n04 家园'),
  unchanged('synthetic, a news site menu', '首页\n\n要闻\n\n国内\n\n国际\n\n财经\n\n体育\n\n文化\n\n评论'),
  unchanged(
    'synthetic, a news site column list',
    '时政要闻\n\n经济观察\n\n社会民生\n\n文化教育\n\n图片新闻\n\n视频新闻\n\n专题报道\n\n数字报刊',
  ),
  // Addresses and contact blocks.
  unchanged(
    'public GitHub Vue page footer (find_string id 1932333)',
    '地址：广东省广州市天河区黄村奥体路52号\n\n电话：020-87128173\n\n传真：020-87128172\n\n邮编：510663',
  ),
  unchanged(
    'public GitHub Java file header (find_string id 4794791973)',
    '北京果敢时代科技有限公司\n北京市朝阳区望京SOHO T3 B座1607\n邮编：100022\n网址：www.davdian.com',
  ),
  unchanged(
    'synthetic, a newspaper masthead',
    '济宁日报社出版\n地址：济宁市太白楼中路\n新闻热线：0537-2345678\n广告热线：0537-2345679',
  ),
  // A table read cell by cell.
  unchanged(
    'public GitHub Markdown HTML tutorial (find_string id 47084778081), its table example',
    '序号\n\n品牌Logo\n\n品牌名称\n\n企业名称\n\n1\n\n华为\n\n华为技术有限公司\n\n2\n\n阿里\n\n阿里巴巴集团控股有限公司',
  ),
  unchanged(
    ANNUAL_REPORT,
    '2024年 2023年 本年比上年增减 2022年\n营业收入（千元） 407,149,600 372,037,280 9.44% 343,917,531\n归属于上市公司股东的净利润（千元） 38,537,237 33,719,935 14.29% 29,553,507\n归属于上市公司股东的扣除非经常性损\n35,741,418 32,974,908 8.39% 28,607,973\n益的净利润（千元）\n经营活动产生的现金流量净额（千元） 60,511,572 57,902,611 4.51% 34,657,828\n基本每股收益（元/股） 5.44 4.93 10.34% 4.34',
  ),
  unchanged(
    ANNUAL_REPORT,
    '中国工商银行股份\n有限公司－华泰柏\n瑞沪深300交易型开其他 1.10% 84,336,743 47,599,110 0 84,336,743\n放式指数证券投资\n基金\n中国建设银行股份\n有限公司－易方达\n沪深300交易型开放其他 0.76% 58,219,643 44,478,997 0 58,219,643\n式指数发起式证券\n投资基金',
  ),
  unchanged(
    ANNUAL_REPORT,
    '战略投资者或一般法人因配售新\n不适用\n股成为前10名普通股股东的情况\n上述股东关联关系或一致行动的\n不适用\n说明\n上述股东涉及委托/受托表决权、\n不适用\n放弃表决权情况的说明',
  ),
  unchanged(
    'public GitHub file with a policy table extracted from a PDF (find_string id 62825411298)',
    '2023 年6 月\n国家能源局组织发布\n《新型电力系统发展蓝皮书》\n技术攻关\n2023 年3 月\n《关于组织开展农村能源革命试点\n县建设的通知》\n(国能发新能〔2023〕23 号)\n技术攻关\n2022 年5 月\n《关于促进新时代新能源高质量发\n展的实施方案》\n(国办函〔2022〕39 号)\n技术攻关',
  ),
  unchanged(
    'synthetic, a schedule table read row by row',
    '时间 活动内容 地点\n9:00 开幕式 市民中心一楼大厅\n10:30 专题讲座 市民中心三楼报告厅\n14:00 分组讨论 各分会场',
  ),
];

interface Poem {
  paragraphs?: string[];
  content?: string[];
}

/**
 * Every poem of some `chinese-poetry` collections, in four layouts a page uses: one line per
 * stored line (`床前明月光，疑是地上霜。`), the same without the punctuation at line ends, one line
 * per clause, and one line per clause without punctuation. `tangStride` samples 全唐诗's files.
 */
export function poemCases(tangStride = 16): WrappedLinesCase[] {
  const root = chinesePoetryDist();
  const files = chinesePoetryFiles((add) => {
    for (const dir of ['shijing', 'chuci', 'wudaishici', 'nalanxingde', 'caocaoshiji', 'yuanqu']) add(dir);
    add('songci', (n) => n.startsWith('ci.song.'), 4);
    add('quantangshi', (n) => n.startsWith('poet.tang.'), tangStride);
  });
  const cases: WrappedLinesCase[] = [];
  for (const file of files) {
    const data = JSON.parse(readFileSync(join(root, file), 'utf8')) as Poem[] | Poem;
    for (const poem of Array.isArray(data) ? data : [data]) {
      const stored = (poem.paragraphs ?? poem.content ?? []).map((line) => line.trim()).filter((line) => line !== '');
      if (stored.length < 2) continue;
      const clauses = stored.flatMap((line) => line.split(/(?<=[，。！？；、,.!?;])/u)).filter((c) => c.trim() !== '');
      // Stored lines with the punctuation at their ends dropped, as some sites show verse:
      // `白日依山尽，黄河入海流` — a comma inside, the line open at its end, like wrapped prose.
      const open = stored.map((line) => line.replace(/[\p{P}\s]+$/u, '')).filter((line) => line !== '');
      const bare = clauses.map((c) => c.replace(/[\p{P}\p{S}]/gu, '')).filter((c) => c.trim() !== '');
      const source = `chinese-poetry/dist/${file}`;
      cases.push(unchanged(`${source} (stored lines)`, stored.join('\n')));
      cases.push(unchanged(`${source} (one clause a line)`, clauses.join('\n')));
      cases.push(unchanged(`${source} (stored lines, end punctuation dropped)`, open.join('\n')));
      cases.push(unchanged(`${source} (one clause a line, unpunctuated)`, bare.join('\n')));
    }
  }
  return cases;
}
