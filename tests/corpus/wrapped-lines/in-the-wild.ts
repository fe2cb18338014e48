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

/** Every in-the-wild positive case (the sample page first). */
export function inTheWildCases(): WrappedLinesCase[] {
  return [sampleCase(), ...WRAPPED_PROSE];
}

export { linesOfText };
