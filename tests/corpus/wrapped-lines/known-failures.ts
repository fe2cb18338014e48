/**
 * Wrapped paragraphs the detector leaves unjoined, with the reason. A test checks each still
 * fails, so one that starts passing is moved to the in-the-wild cases. (They stay in their
 * in-the-wild cases too, where they count as misses in the recall.)
 */
import type { WrappedLinesCase } from './cases';

export const KNOWN_FAILURES: WrappedLinesCase[] = [
  {
    source: "tests/corpus/data/sample-000_3c7b1f775cc3ba51.txt (the main article's last paragraph)",
    text: '高新区党工委、管委会部分领导\n\n班子成员，相关单位主要负责人参加\n\n会议。',
    expected: ['高新区党工委、管委会部分领导班子成员，相关单位主要负责人参加会议。'],
    reason: 'both breaks fall between words (领导|班子, 参加|会议): a three-line run needs one break inside a word',
  },
  {
    source: 'torvalds/linux Documentation/translations/zh_CN/how-to.rst',
    text: '中文文档有每行 40 字符限制，因为一个中文字符等于 2 个英文字符。但是社区并\n没有那么严格，一个诀窍是将您翻译的内容与英文原文的每行长度对齐，这样，\n您也不必总是检查有没有超限。',
    expected: [
      '中文文档有每行 40 字符限制，因为一个中文字符等于 2 个英文字符。但是社区并没有那么严格，一个诀窍是将您翻译的内容与英文原文的每行长度对齐，这样，您也不必总是检查有没有超限。',
    ],
    reason: 'one break ends on a comma and the other falls between words (并|没有)',
  },
  {
    source: 'public GitHub Markdown HTML tutorial reproducing CCTV 焦点访谈 of 2023-03-02 (find_string id 47084778081)',
    text: '中国式现代化一个重要的中国特色是人口规模巨大的现代化。我们粮食生产的发\n展，意味着我们要立足国内，解决14亿多人吃饭的问题。仓廪实，天下安。保障粮食安全是一个永恒\n的课题，任何时候都不能放松。在以习近平同志为核心的党中央坚强领导下，亿万中国人民辛勤\n耕耘、不懈奋斗，我们就一定能够牢牢守住粮食安全这一“国之大者”，把中国人的饭碗牢牢端在\n自己手中，夯实中国式现代化基础。',
    expected: [
      '中国式现代化一个重要的中国特色是人口规模巨大的现代化。我们粮食生产的发展，意味着我们要立足国内，解决14亿多人吃饭的问题。仓廪实，天下安。保障粮食安全是一个永恒的课题，任何时候都不能放松。在以习近平同志为核心的党中央坚强领导下，亿万中国人民辛勤耕耘、不懈奋斗，我们就一定能够牢牢守住粮食安全这一“国之大者”，把中国人的饭碗牢牢端在自己手中，夯实中国式现代化基础。',
    ],
    reason:
      'wrapped by hand, not by a column: the first line is 7 em narrower than the rest, so it is no column line; the other breaks fall between words',
  },
];
