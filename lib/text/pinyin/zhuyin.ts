/**
 * Hanyu Pinyin → Zhuyin (bopomofo), for one numbered syllable such as `zhong1` or `lv4`.
 * Pure and table-driven: pinyin spelling rules (y/w, iu/ui/un, j q x + u = ü) are undone first,
 * then initial and final map one to one.
 */

const INITIALS: Record<string, string> = {
  b: 'ㄅ',
  p: 'ㄆ',
  m: 'ㄇ',
  f: 'ㄈ',
  d: 'ㄉ',
  t: 'ㄊ',
  n: 'ㄋ',
  l: 'ㄌ',
  g: 'ㄍ',
  k: 'ㄎ',
  h: 'ㄏ',
  j: 'ㄐ',
  q: 'ㄑ',
  x: 'ㄒ',
  zh: 'ㄓ',
  ch: 'ㄔ',
  sh: 'ㄕ',
  r: 'ㄖ',
  z: 'ㄗ',
  c: 'ㄘ',
  s: 'ㄙ',
};

const FINALS: Record<string, string> = {
  a: 'ㄚ',
  o: 'ㄛ',
  e: 'ㄜ',
  ê: 'ㄝ',
  ai: 'ㄞ',
  ei: 'ㄟ',
  ao: 'ㄠ',
  ou: 'ㄡ',
  an: 'ㄢ',
  en: 'ㄣ',
  ang: 'ㄤ',
  eng: 'ㄥ',
  ong: 'ㄨㄥ',
  er: 'ㄦ',
  i: 'ㄧ',
  ia: 'ㄧㄚ',
  io: 'ㄧㄛ',
  ie: 'ㄧㄝ',
  iai: 'ㄧㄞ',
  iao: 'ㄧㄠ',
  iou: 'ㄧㄡ',
  ian: 'ㄧㄢ',
  in: 'ㄧㄣ',
  iang: 'ㄧㄤ',
  ing: 'ㄧㄥ',
  iong: 'ㄩㄥ',
  u: 'ㄨ',
  ua: 'ㄨㄚ',
  uo: 'ㄨㄛ',
  uai: 'ㄨㄞ',
  uei: 'ㄨㄟ',
  uan: 'ㄨㄢ',
  uen: 'ㄨㄣ',
  uang: 'ㄨㄤ',
  ueng: 'ㄨㄥ',
  v: 'ㄩ',
  ve: 'ㄩㄝ',
  van: 'ㄩㄢ',
  vn: 'ㄩㄣ',
};

/** Syllables without a vowel final (interjections such as 嗯 ń, 呣 m̀). */
const SYLLABIC_CONSONANTS: Record<string, string> = { m: 'ㄇ', n: 'ㄋ', ng: 'ㄫ', hm: 'ㄏㄇ', hng: 'ㄏㄫ' };

const TONE_MARKS = ['˙', '', 'ˊ', 'ˇ', 'ˋ', '˙'];

const APICAL = new Set(['zh', 'ch', 'sh', 'r', 'z', 'c', 's']);

function splitInitial(body: string): [string, string] {
  const two = body.slice(0, 2);
  if (two === 'zh' || two === 'ch' || two === 'sh') return [two, body.slice(2)];
  const one = body.slice(0, 1);
  if (one in INITIALS) return [one, body.slice(1)];
  return ['', body];
}

function undoSpelling(initial: string, final: string): string {
  if (initial === 'y') {
    if (final.startsWith('u')) return `v${final.slice(1)}`;
    if (final.startsWith('i')) return final;
    return `i${final}`;
  }
  if (initial === 'w') return final.startsWith('u') ? final : `u${final}`;
  if ((initial === 'j' || initial === 'q' || initial === 'x') && final.startsWith('u')) return `v${final.slice(1)}`;
  if (final === 'iu') return 'iou';
  if (final === 'ui') return 'uei';
  if (final === 'un') return 'uen';
  return final;
}

/**
 * Zhuyin for a numbered pinyin syllable (`hang2`, `lv4`, `lü4`, `le5`, `le0`, `le`).
 * Returns undefined for anything that is not a Mandarin syllable.
 */
export function convertToZhuyin(numbered: string): string | undefined {
  const match = /^([a-zêü]+)([0-5]?)$/.exec(numbered.toLowerCase().replace('u:', 'v'));
  if (!match) return undefined;
  const body = (match[1] ?? '').replace(/ü/g, 'v');
  const tone = match[2] === '' || match[2] === undefined ? 5 : Number(match[2]);
  const toneMark = TONE_MARKS[tone] ?? '';
  const withTone = (symbols: string) => (tone === 0 || tone === 5 ? `${toneMark}${symbols}` : `${symbols}${toneMark}`);
  if (body in SYLLABIC_CONSONANTS) return withTone(SYLLABIC_CONSONANTS[body] ?? '');
  let initial = '';
  let rest = body;
  if (body.startsWith('y') || body.startsWith('w')) {
    initial = body.slice(0, 1);
    rest = body.slice(1);
  } else {
    [initial, rest] = splitInitial(body);
  }
  const final = undoSpelling(initial, rest);
  const initialSymbol = initial === 'y' || initial === 'w' ? '' : (INITIALS[initial] ?? '');
  if (initial !== '' && initial !== 'y' && initial !== 'w' && !initialSymbol) return undefined;
  // zhi chi shi ri zi ci si: the apical vowel has no symbol of its own.
  if (final === 'i' && APICAL.has(initial)) return withTone(initialSymbol);
  const finalSymbol = FINALS[final];
  if (finalSymbol === undefined) return undefined;
  return withTone(initialSymbol + finalSymbol);
}
