/**
 * Deterministic benchmark pages: news-like Simplified Chinese articles (headline + paragraphs
 * with inline links and bold runs), clean or with doubled ("fake bold") headlines.
 *
 * The clean text deliberately holds the legitimate repetition a fixer must leave alone (常常,
 * 高高兴兴, 研究研究, 哈哈哈, ……, ——, 工作作为, 2011年11月11日, committee), so a benchmark
 * of a fixer that is fast only because it is wrong shows up as changed clean pages.
 * Same options, same seed → byte-identical page. Pure: no DOM, no I/O.
 */
import { createRandom } from '../lib/random';

export { createRandom };

export const PAGE_SIZES = { '50k': 50_000, '1m': 1_000_000, '5m': 5_000_000 } as const;
export type PageSize = keyof typeof PAGE_SIZES;
export const PAGE_SIZE_IDS = Object.keys(PAGE_SIZES) as PageSize[];
/** No generated page has more text nodes than this (counting whitespace nodes between blocks). */
export const MAX_TEXT_NODES = 100_000;
/** The pinyin and conversion page: this many characters of visible text. */
export const READING_AID_PAGE_CHARS = 100_000;
export const DEFAULT_SEED = 20_261_125;

/** UTF-8 length of a string, without allocating its encoding. */
export function measureUtf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

// News vocabulary. Words with simplified/traditional differences and Taiwan phrase differences
// (软件 → 軟體, 信息 → 資訊, 网络 → 網路) keep the conversion benchmark honest.
const WORDS = (
  '经济 发展 项目 建设 推进 企业 服务 社区 工作 会议 指出 要求 加快 创新 改革 城市 群众 文化 教育 科技 产业 ' +
  '农业 环境 安全 质量 政策 市场 投资 人才 交通 医疗 健康 生活 街道 居民 志愿者 活动 组织 领导 干部 责任 ' +
  '任务 目标 措施 重点 问题 成果 实效 基础 设施 规划 管理 制度 机制 体系 能力 水平 标准 进一步 全面 深入 ' +
  '积极 认真 切实 持续 不断 稳步 有效 高质量 新区 高新区 党工委 主题教育 专题 交流 研讨 学习 贯彻 落实 ' +
  '精神 部署 招商引资 营商环境 开发区 园区 工程 施工 现场 记者 本报 讯 会上 强调 表示 介绍 据悉 目前 ' +
  '今年 明年 预计 完成 开工 投产 建成 运营 提升 优化 打造 构建 形成 推动 促进 保障 服务业 制造业 ' +
  '新型 材料 数字 软件 信息 网络 数据 视频 程序 平台 系统 智能 设备 产品 技术 研发 中心 基地 ' +
  '学校 医院 公园 道路 桥梁 河道 生态 绿色 低碳 能源 电力 供水 燃气 住房 就业 收入 消费 旅游 ' +
  '乡村 振兴 农民 合作社 种植 养殖 粮食 丰收 市民 游客 老人 儿童 家庭 邻里 文明 卫生 志愿 服务队'
).split(' ');
const FUNCTION_WORDS = '的 了 在 和 是 对 为 将 把 与 及 等 中 上 也 都 已 并 从 向 通过 围绕 按照 根据'.split(' ');
const CLAUSE_PUNCTUATION = ['，', '，', '，', '、', '；'];
/** Legitimate repetition that must survive a fix untouched. */
const LEGITIMATE_REPETITION = (
  '常常 看看 谢谢 纷纷 天天 人人 渐渐 慢慢 高高兴兴 家家户户 上上下下 研究研究 哈哈哈 牢牢把握 ' +
  '工作作为经济工作的生命线 11月26日 2011年11月11日 500强 灯塔——— ……'
).split(' ');
const LATIN = ['committee', 'coffee', 'Google', 'PDF', 'APP', '5G', 'GDP'];
/** Headline material: no word here repeats a character next to itself. */
const HEADLINE_WORDS = (
  '高新区 召开 推进会 项目 建设 加快 双招双引 工作 走在 全市 前列 勇于 担当 作为 当好 人民 忠诚 卫士 ' +
  '新项目 马蹄疾 服务 特派员 企业 正式 接头 街道 创城 攻坚 社区 更美 宜居 党工委 主题教育 专题 研讨 ' +
  '经济 发展 新动能 产业 园区 开工 投产 乡村 振兴 绿色 低碳 数字 城市 治理 民生 实事 落地'
).split(' ');

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function makeSentence(random: () => number): string {
  const clauses = 1 + Math.floor(random() * 3);
  let sentence = '';
  for (let c = 0; c < clauses; c++) {
    const words = 3 + Math.floor(random() * 6);
    for (let w = 0; w < words; w++) {
      const roll = random();
      // About one legitimate repetition per 300 characters: denser than real news (the sample
      // page's 1,761 clean characters hold none a fixer could trip on), so the clean figures
      // include the slow path, but not so dense that they measure nothing else.
      if (roll < 0.008) {
        sentence += pick(random, LEGITIMATE_REPETITION);
        continue;
      }
      const word = pick(random, roll < 0.018 ? LATIN : roll < 0.3 ? FUNCTION_WORDS : WORDS);
      // Random word order must not invent doubling (将将, 与与) that real prose does not have.
      if (sentence.endsWith(word[0] as string)) continue;
      sentence += word;
    }
    sentence += c === clauses - 1 ? (random() < 0.9 ? '。' : '！') : pick(random, CLAUSE_PUNCTUATION);
  }
  return sentence;
}

function makeHeadline(random: () => number): string {
  const words = 3 + Math.floor(random() * 4);
  let headline = '';
  for (let w = 0; w < words; w++) {
    const word = random() < 0.15 ? `“${pick(random, HEADLINE_WORDS)}”` : pick(random, HEADLINE_WORDS);
    // Never put the same character twice in a row: a clean headline has no doubling of its own.
    if (headline.length > 0 && headline[headline.length - 1] === word[0]) continue;
    headline += word;
  }
  return headline;
}

/** Fake bold as PDF extraction renders it: each character 2 (or 4) times, punctuation sometimes single. */
export function doubleText(text: string, factor: number, doublePunctuation: boolean): string {
  let out = '';
  for (const char of text) out += /[\p{P}]/u.test(char) && !doublePunctuation ? char : char.repeat(factor);
  return out;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface GeneratedHeadline {
  /** What the page shows (doubled on garbled pages). */
  shown: string;
  /** What it should read after a correct fix. */
  clean: string;
}

export interface GeneratedPage {
  html: string;
  /** UTF-8 bytes of visible (non-whitespace) text. */
  textBytes: number;
  /** UTF-16 code units of visible text. */
  textChars: number;
  /** Text nodes in `<body>`, whitespace nodes between blocks included. */
  textNodes: number;
  /** The visible text nodes' contents, in document order. */
  texts: string[];
  headlines: GeneratedHeadline[];
}

export interface PageOptions {
  /** Stop once the visible text reaches this many UTF-8 bytes… */
  textBytes?: number;
  /** …or this many characters (exactly: the last paragraph is cut). */
  textChars?: number;
  garbled: boolean;
  seed?: number;
  title?: string;
}

/** Build one page. Whitespace lives only between blocks inside `<body>`, so text nodes can be counted exactly. */
export function generatePage(options: PageOptions): GeneratedPage {
  const random = createRandom(options.seed ?? DEFAULT_SEED);
  const byteLimit = options.textBytes ?? Number.POSITIVE_INFINITY;
  const charLimit = options.textChars ?? Number.POSITIVE_INFINITY;
  if (!Number.isFinite(byteLimit) && !Number.isFinite(charLimit)) throw new Error('give textBytes or textChars');
  const parts: string[] = [];
  const texts: string[] = [];
  const headlines: GeneratedHeadline[] = [];
  let textBytes = 0;
  let textChars = 0;
  let textNodes = 0;
  const full = () => textBytes >= byteLimit || textChars >= charLimit;
  // Adjacent text in the source is one text node, so text is gathered until the next tag.
  let pending = '';
  /** Append visible text, cut to the character limit; returns false when nothing fit. */
  const addText = (text: string): boolean => {
    const room = charLimit - textChars;
    const kept = text.length > room ? text.slice(0, room) : text;
    if (kept.length === 0) return false;
    pending += kept;
    textBytes += measureUtf8Bytes(kept);
    textChars += kept.length;
    return true;
  };
  const addMarkup = (markup: string) => {
    if (pending) {
      parts.push(escapeHtml(pending));
      texts.push(pending);
      textNodes++;
      pending = '';
    }
    parts.push(markup);
  };
  const addNewline = () => {
    addMarkup('\n');
    textNodes++;
  };

  const title = options.title ?? 'Qingdu benchmark page';
  parts.push(
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>`,
    '<style>body{font:16px/1.6 sans-serif;max-width:46em;margin:1em auto}</style></head><body><main>',
  );
  while (!full()) {
    addMarkup('<article>');
    const clean = makeHeadline(random);
    // Drawn for clean pages too, so a clean and a garbled page of one seed hold the same articles.
    const factor = random() < 0.75 ? 2 : 4;
    const doublePunctuation = random() < 0.5;
    const shown = options.garbled ? doubleText(clean, factor, doublePunctuation) : clean;
    addMarkup('<h2>');
    if (addText(shown)) headlines.push({ shown, clean });
    addMarkup('</h2>');
    addNewline();
    const paragraphs = 4 + Math.floor(random() * 5);
    for (let p = 0; p < paragraphs && !full(); p++) {
      addMarkup('<p>');
      const sentences = 2 + Math.floor(random() * 4);
      for (let s = 0; s < sentences && !full(); s++) {
        const sentence = makeSentence(random);
        const roll = random();
        if (roll < 0.2 && sentence.length > 8) {
          // An inline link or bold run splits the paragraph into three text nodes.
          const cut = 2 + Math.floor(random() * (sentence.length - 6));
          const tag = roll < 0.1 ? 'a href="#"' : 'strong';
          addText(sentence.slice(0, cut));
          addMarkup(`<${tag}>`);
          addText(sentence.slice(cut, cut + 4));
          addMarkup(`</${tag.split(' ')[0]}>`);
          addText(sentence.slice(cut + 4));
        } else {
          addText(sentence);
        }
      }
      addMarkup('</p>');
      addNewline();
    }
    addMarkup('</article>');
    addNewline();
  }
  addMarkup('</main></body></html>');
  if (textNodes > MAX_TEXT_NODES) throw new Error(`page has ${textNodes} text nodes, more than ${MAX_TEXT_NODES}`);
  return { html: parts.join(''), textBytes, textChars, textNodes, texts, headlines };
}
