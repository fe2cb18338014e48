/**
 * In-the-wild wrapped text: lines exactly as they were found, with the paragraphs a reader should
 * see. Each case names its source.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { linesOfText, type WrappedLinesCase } from './cases';

const SAMPLE = 'sample-000_3c7b1f775cc3ba51.txt';

/**
 * The sample page's paragraphs, each named by its first line and its number of lines; every
 * other line (headlines, bylines, page index, the two-line headlines) stands alone. The page's
 * text keeps the print column: 12–17 em in the main article, 9–13 em in the side columns.
 */
const SAMPLE_PARAGRAPHS: [first: string, lines: number][] = [
  ['作为今年高新区的双百工程', 7],
  ['本报济宁11月26日讯(记者 王博', 4],
  ['会议指出，各级各部门要充分认', 6],
  ['会议强调，要突出重点、创新举', 7],
  ['会议要求，要抓好在手在谈项目，', 8],
  ['高新区党工委、管委会部分领导', 3],
  ['近日，“发现榜样”', 10],
  ['本报济宁11月26日讯 (记', 9],
  ['会上，集体学习了习近平', 10],
  ['会议指出，敢于担当作为', 9],
  ['会议要求，要旗帜鲜明地', 12],
  ['会议强调，要旗帜鲜明地', 13],
  ['会议要求，要旗帜鲜明地', 11],
  ['会议强调，要旗帜鲜明地', 7],
  ['会议强调，要旗帜鲜明地', 11],
  ['高新区党工委、管委会领', 3],
];

function readSample(): string {
  return readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'data', SAMPLE), 'utf8');
}

/** The sample page as one sequence of sibling blocks, with its paragraphs joined. */
export function sampleCase(): WrappedLinesCase {
  const text = readSample();
  const lines = linesOfText(text).map((line) => line.text.trim());
  const expected: string[] = [];
  let next = 0;
  for (const [first, count] of SAMPLE_PARAGRAPHS) {
    const start = lines.indexOf(first, next);
    if (start < 0) throw new Error(`sample paragraph not found: ${first}`);
    expected.push(...lines.slice(next, start), lines.slice(start, start + count).join(''));
    next = start + count;
  }
  expected.push(...lines.slice(next));
  return {
    source: `tests/corpus/data/${SAMPLE} (the project's sample page: a city newspaper's print edition, text pulled out of the PDF)`,
    text,
    expected,
  };
}

const LINUX_HOW_TO = 'torvalds/linux Documentation/translations/zh_CN/how-to.rst (hard-wrapped at 80 columns)';
const FOCUS_REPORT =
  'public GitHub Markdown HTML tutorial reproducing CCTV 焦点访谈 of 2023-03-02, hard-wrapped (find_string id 47084778081; the index does not name its repository)';

/** Hard-wrapped prose from public text files. */
export const WRAPPED_PROSE: WrappedLinesCase[] = [
  {
    source: LINUX_HOW_TO,
    text: `过去几年，在广大社区爱好者的友好合作下，Linux 内核中文文档迎来了蓬勃的发
展。在翻译的早期，一切都是混乱的，社区对译稿只有一个准确翻译的要求，以鼓
励更多的开发者参与进来，这是从 0 到 1 的必然过程，所以早期的中文文档目录
呈现出较强的多样性，不过好在文档不多，维护上并没有过大的压力。`,
    expected: [
      '过去几年，在广大社区爱好者的友好合作下，Linux 内核中文文档迎来了蓬勃的发展。在翻译的早期，一切都是混乱的，社区对译稿只有一个准确翻译的要求，以鼓励更多的开发者参与进来，这是从 0 到 1 的必然过程，所以早期的中文文档目录呈现出较强的多样性，不过好在文档不多，维护上并没有过大的压力。',
    ],
  },
  {
    source: LINUX_HOW_TO,
    text: `然而，世事变幻，不觉有年，现在内核中文文档在前进的道路上越走越远，很多潜
在的问题逐渐浮出水面，而且随着中文文档数量的增加，翻译更多的文档与提高中
文文档可维护性之间的矛盾愈发尖锐。由于文档翻译的特殊性，很多开发者并不会
一直更新文档，如果中文文档落后英文文档太多，文档更新的工作量会远大于重新
翻译。而且邮件列表中陆续有新的面孔出现，他们那股热情，就像燃烧的火焰，能
瞬间点燃整个空间，可是他们的补丁往往具有个性，这给审阅带来了很大的困难，
reviewer 们只能耐心地指导他们如何与社区更好地合作，但是这项工作具有重复
性，长此以往，会渐渐浇灭 reviewer 审阅的热情。`,
    expected: [
      '然而，世事变幻，不觉有年，现在内核中文文档在前进的道路上越走越远，很多潜在的问题逐渐浮出水面，而且随着中文文档数量的增加，翻译更多的文档与提高中文文档可维护性之间的矛盾愈发尖锐。由于文档翻译的特殊性，很多开发者并不会一直更新文档，如果中文文档落后英文文档太多，文档更新的工作量会远大于重新翻译。而且邮件列表中陆续有新的面孔出现，他们那股热情，就像燃烧的火焰，能瞬间点燃整个空间，可是他们的补丁往往具有个性，这给审阅带来了很大的困难，reviewer 们只能耐心地指导他们如何与社区更好地合作，但是这项工作具有重复性，长此以往，会渐渐浇灭 reviewer 审阅的热情。',
    ],
  },
  {
    source: LINUX_HOW_TO,
    text: `虽然内核文档中已经有了类似的贡献指南，但是缺乏专门面向中文翻译的，尤其
是对于新手来说，浏览大量的文档反而更加迷惑，该文档就是为了缓解这一问题而
编写，旨在为新手提供一份快速翻译指南。`,
    expected: [
      '虽然内核文档中已经有了类似的贡献指南，但是缺乏专门面向中文翻译的，尤其是对于新手来说，浏览大量的文档反而更加迷惑，该文档就是为了缓解这一问题而编写，旨在为新手提供一份快速翻译指南。',
    ],
  },
  {
    source: LINUX_HOW_TO,
    text: `工欲善其事必先利其器，如果您目前对内核文档翻译满怀热情，并且会独立地安装
Linux 发行版和简单地使用 Linux 命令行，那么可以迅速开始了。若您尚不具备该
能力，很多网站上会有详细的手把手教程，最多一个上午，您应该就能掌握对应技
能。您需要注意的一点是，请不要使用 root 用户进行后续步骤和文档翻译。`,
    expected: [
      '工欲善其事必先利其器，如果您目前对内核文档翻译满怀热情，并且会独立地安装Linux 发行版和简单地使用 Linux 命令行，那么可以迅速开始了。若您尚不具备该能力，很多网站上会有详细的手把手教程，最多一个上午，您应该就能掌握对应技能。您需要注意的一点是，请不要使用 root 用户进行后续步骤和文档翻译。',
    ],
  },
  {
    source: LINUX_HOW_TO,
    text: `如果实在无法避免两个人同时对一个目录进行翻译的情况，请将补丁制作进一个补
丁集。但是不推荐刚开始就这么做，因为经过实践，在没有指导的情况下，新手很
难一次处理好这个补丁集。`,
    expected: [
      '如果实在无法避免两个人同时对一个目录进行翻译的情况，请将补丁制作进一个补丁集。但是不推荐刚开始就这么做，因为经过实践，在没有指导的情况下，新手很难一次处理好这个补丁集。',
    ],
  },
  {
    source: LINUX_HOW_TO,
    text: `中文文档有每行 40 字符限制，因为一个中文字符等于 2 个英文字符。但是社区并
没有那么严格，一个诀窍是将您翻译的内容与英文原文的每行长度对齐，这样，
您也不必总是检查有没有超限。`,
    expected: [
      '中文文档有每行 40 字符限制，因为一个中文字符等于 2 个英文字符。但是社区并没有那么严格，一个诀窍是将您翻译的内容与英文原文的每行长度对齐，这样，您也不必总是检查有没有超限。',
    ],
  },
  {
    source: LINUX_HOW_TO,
    text: `最终，如果您落实好了所有的评论，并且一段时间后没有最新的评论，您的补丁将
会先进入 Alex 的开发树，然后进入 linux-doc 开发树，最终在下个窗口打开
时合并进 mainline 仓库。`,
    expected: [
      '最终，如果您落实好了所有的评论，并且一段时间后没有最新的评论，您的补丁将会先进入 Alex 的开发树，然后进入 linux-doc 开发树，最终在下个窗口打开时合并进 mainline 仓库。',
    ],
  },
  {
    source: FOCUS_REPORT,
    text: `人勤春来早，春耕农事忙。立春之后，由南到北，我国春耕春管工作陆续展开，春天的田
野处处生机盎然。

今年，我国启动了新一轮千亿斤粮食产能提升行动，这是一个新的起点。2015年以
来，我国粮食产量连续8年稳定在1.3万亿斤以上，人均粮食占有量始终稳稳高于国际公认的400
公斤粮食安全线。从十年前的约12200亿斤到2022年的约13700亿斤，粮食产量提高了1500亿
斤。

中国式现代化一个重要的中国特色是人口规模巨大的现代化。我们粮食生产的发
展，意味着我们要立足国内，解决14亿多人吃饭的问题。仓廪实，天下安。保障粮食安全是一个永恒
的课题，任何时候都不能放松。在以习近平同志为核心的党中央坚强领导下，亿万中国人民辛勤
耕耘、不懈奋斗，我们就一定能够牢牢守住粮食安全这一“国之大者”，把中国人的饭碗牢牢端在
自己手中，夯实中国式现代化基础。`,
    expected: [
      '人勤春来早，春耕农事忙。立春之后，由南到北，我国春耕春管工作陆续展开，春天的田野处处生机盎然。',
      '今年，我国启动了新一轮千亿斤粮食产能提升行动，这是一个新的起点。2015年以来，我国粮食产量连续8年稳定在1.3万亿斤以上，人均粮食占有量始终稳稳高于国际公认的400公斤粮食安全线。从十年前的约12200亿斤到2022年的约13700亿斤，粮食产量提高了1500亿斤。',
      '中国式现代化一个重要的中国特色是人口规模巨大的现代化。我们粮食生产的发展，意味着我们要立足国内，解决14亿多人吃饭的问题。仓廪实，天下安。保障粮食安全是一个永恒的课题，任何时候都不能放松。在以习近平同志为核心的党中央坚强领导下，亿万中国人民辛勤耕耘、不懈奋斗，我们就一定能够牢牢守住粮食安全这一“国之大者”，把中国人的饭碗牢牢端在自己手中，夯实中国式现代化基础。',
    ],
  },
];

const ANNUAL_REPORT =
  'public GitHub Python file embedding the text of 美的集团股份有限公司2024年年度报告摘要, as PDF extraction gives it (find_string id 36704616381; the index does not name its repository)';

/** `text`'s lines grouped into paragraphs of `counts` lines each (joined without their breaks). */
function paragraphsByCount(text: string, counts: readonly number[]): string[] {
  const lines = linesOfText(text).map((line) => line.text.trim());
  const paragraphs: string[] = [];
  let next = 0;
  for (const count of counts) {
    paragraphs.push(lines.slice(next, next + count).join(''));
    next += count;
  }
  if (next !== lines.length) throw new Error(`counts cover ${next} of ${lines.length} lines`);
  return paragraphs;
}

/**
 * A listed company's annual report summary, text pulled out of the PDF: a 45 em column, a page
 * break (page number and running header) inside a paragraph, and a numbered list whose items wrap.
 * The expected paragraphs are what a reader wants; the half paragraph before the page break and
 * several list items are misses today (they end without a sentence end, or no break cuts a word).
 */
export function annualReportCase(): WrappedLinesCase {
  const text = `2、报告期主要业务或产品简介
美的是一家覆盖智能家居、新能源及工业技术、智能建筑科技、机器人与自动化、健康医疗、智慧
物流等业务的全球领先的科技集团，已建立 ToC 与 ToB 并重发展的业务矩阵，既可为消费者提供各类
智能家居的产品与服务，也可为企业客户提供多元化的商业及工业解决方案。其中，美的智能家居业务
主要覆盖智慧家电、智慧家居及周边相关产业和生态链，围绕面向终端用户的智能化场景搭建、用户运
营和数据价值发掘，致力于为终端用户提供最佳体验的全屋智能家居及服务；美的新能源及工业技术业
务以科技为核心驱动力，聚合“暖通家电部件”、“绿色能源”与“绿色交通”领域的核心科技力量，
拥有美芝、威灵、美仁、科陆、合康、高创等多个品牌，产品覆盖压缩机、电机、芯片、阀、汽车部件、
储能、光伏、减速机、自动化等高精密核心部件，为全球客户提供绿色、高效、智慧的产品和技术解决
方案；美的智能建筑科技业务主要涉及楼宇产品、服务及相关产业，以 iBUILDING 美的楼宇数字化服
务平台为核心，业务覆盖暖通、电梯、能源、楼宇控制等，产品包括多联机组、大型冷水机组、单元机、
机房空调、扶梯、直梯、货梯等以及楼宇自控软件和建筑弱电集成解决方案，利用“楼宇设备设施+数
字化技术+产业生态布局”，打通建筑的交通流、信息流、体验流、能源流，以数字化和低碳化技术为
楼宇赋能，共建可持续的智慧空间；美的机器人与自动化业务主要围绕未来工厂相关领域，提供包括工
业机器人、物流自动化系统及传输系统解决方案，以及面向医疗、娱乐、新消费领域的相关解决方案等；
此外，还包括在健康医疗领域致力于医学影像技术创新并为临床提供优质医学影像产品和服务的万东医
疗，以及在智慧物流领域为客户提供端到端数智化供应链解决方案的安得智联。
美的坚守“科技尽善，生活尽美”的企业愿景，将“联动人与万物，启迪美的世界”作为使命，秉
持“敢知未来——志存高远、客户至上、变革创新、包容共协、务实奋进”的价值观，恪守“高质量发
展与卓越运营”的经营管理规范，整合全球资源，推动技术创新，每年为全球超过5亿用户及各领域的
重要客户与战略合作伙伴提供满意的产品和服务，致力创造美好生活。面对数字互联网时代对产品和服
务的更高要求，美的持续推动“科技领先、用户直达、数智驱动、全球突破”四大战略主轴，打造新时
代的美的。其中，通过构建研发规模优势，加大对核心、前沿技术的布局和投入，实现科技领先；通过
与用户直接联系互动，重塑产品服务及业务模式，实现用户直达；通过全面数字化全面智能化，内部提
2

美的集团股份有限公司2024年年度报告摘要
升效率和外部紧抓用户，实现数智驱动；通过在重点区域寻求市场、渠道和商业模式等维度突破，服务
全球用户，实现全球突破。
美的是一家全球运营的公司，业务与客户遍及全球。迄今，美的在全球拥有超过 400家子公司、38
个研发中心和 44个主要制造基地，员工超过 19 万人，业务遍及 200 多个国家和地区。在海外设有 22
个研发中心和23个主要制造基地，遍布十多个国家。
2024 年，国内市场消费需求在上半年增速放缓且国内家电零售市场承压明显，在下半年得益于
“以旧换新”补贴政策拉动，家电消费需求有所恢复，而海外市场受经济波动、汇率变化和地缘政治冲
突持续的影响，海外经营形势依旧面临挑战，美的集团坚定经营思路，坚定贯彻“全价值链运营提效，
结构性增长升级”的年度经营原则，持续聚焦核心业务和产品，尤其是海外业务发展成效显著，集团整
体规模得到进一步增长，盈利能力与现金流等核心指标进一步改善，展现了美的经营韧性与高质量增长
的长期态势。2024 年，公司营业总收入 4,091 亿元，同比增长 9.5%，实现归属于母公司的净利润 385
亿元，同比增长14.3%。公司2024年经营重点如下：
1、 以用户为中心，深化落实科技领先战略，夯实“三个一代”落地，支撑国内高端品牌和海外 OBM
优先战略；
2、 坚持科技创新，推动研究组织 TP3要素建设，构建数字化敏捷创新的研发体系，持续推动研发成果
向标准和专利等方面转化，全面推动科技领先战略；
3、 坚定 DTC 变革引领新增长，聚焦零售能力，推进数字化业务模式创新，实现运营效率与用户体验
双升级；
4、 加速推动全球突破，强化海外本地化运营，坚持以消费者为中心的产品导向；
5、 推动全面数字化变革，实现全价值链数据运营与平台化运作，提升数字时代的企业竞争力；
6、 面向用户分层匹配多品牌、多元化的产品组合，强化品牌核心价值传播，赋能终端零售与用户运营；
7、 以科技创新为核心驱动力，聚焦暖通家电部件、绿色能源与绿色交通，把握行业增长机遇，为全球
客户提供绿色、高效、智慧的产品与技术解决方案；
8、 把握国内国际双循环背景下市场发展机遇，响应国家“碳达峰”与“碳中和”目标，坚持技术创新
与业务模式升级，为客户提供数智建筑全栈解决方案；
9、 创新机器人产品开发，推进全价值链卓越运营与产业链整合，加快推动中国市场机器人业务发展；
10、 深耕智慧物流领域，聚焦“全链路+生产物流、一盘货、送装一体”供应链服务模型，提供领先的端
到端一体化数智化供应链解决方案；
11、 深化长期激励，保障股东权益。`;
  return {
    source: ANNUAL_REPORT,
    text,
    expected: paragraphsByCount(text, [1, 16, 7, 1, 1, 2, 3, 7, 2, 2, 2, 1, 1, 1, 2, 2, 1, 2, 1]),
  };
}

/** Every in-the-wild positive case (the sample page first). */
export function inTheWildCases(): WrappedLinesCase[] {
  return [sampleCase(), annualReportCase(), ...WRAPPED_PROSE];
}

export { linesOfText };
