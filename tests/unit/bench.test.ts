import { describe, expect, test } from 'vitest';
import { checkTarget, METRICS, type Results, TARGETS, toJsonObject } from '../../scripts/bench/metrics';
import {
  createRandom,
  DEFAULT_SEED,
  doubleText,
  generatePage,
  MAX_TEXT_NODES,
  measureUtf8Bytes,
  PAGE_SIZES,
  READING_AID_PAGE_CHARS,
} from '../../scripts/bench/page-generator';
import { findQuantile, summarize } from '../../scripts/bench/stats';
import { describeDifference, formatNumber, formatTable } from '../../scripts/bench/table';
import {
  findLongestExtensionTask,
  findLongestTaskHoldingExtension,
  sumScriptTime,
  TASK_EVENT,
  type TraceEvent,
} from '../../scripts/bench/trace';

describe('benchmark page generator', () => {
  test('the same seed gives the same page, another seed another page', () => {
    const a = generatePage({ textBytes: 20_000, garbled: true, seed: 7 });
    const b = generatePage({ textBytes: 20_000, garbled: true, seed: 7 });
    const c = generatePage({ textBytes: 20_000, garbled: true, seed: 8 });
    expect(b.html).toBe(a.html);
    expect(c.html).not.toBe(a.html);
  });

  test('the random source is deterministic and in [0, 1)', () => {
    const first = createRandom(42);
    const second = createRandom(42);
    const values = Array.from({ length: 1000 }, () => first());
    expect(Array.from({ length: 1000 }, () => second())).toEqual(values);
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(990);
  });

  test.each(Object.entries(PAGE_SIZES))(
    'the %s page holds that much visible text, in at most 100,000 text nodes',
    (_, bytes) => {
      const page = generatePage({ textBytes: bytes, garbled: true, seed: DEFAULT_SEED });
      expect(page.textBytes).toBeGreaterThanOrEqual(bytes);
      expect(page.textBytes).toBeLessThan(bytes * 1.01 + 2_000);
      expect(page.textBytes).toBe(page.texts.reduce((sum, t) => sum + measureUtf8Bytes(t), 0));
      expect(page.textNodes).toBeLessThanOrEqual(MAX_TEXT_NODES);
      expect(page.headlines.length).toBeGreaterThan(bytes / 5_000);
    },
  );

  test('the reading-aid page has exactly 100,000 characters of text', () => {
    const page = generatePage({ textChars: READING_AID_PAGE_CHARS, garbled: false });
    expect(page.textChars).toBe(READING_AID_PAGE_CHARS);
    expect(page.texts.join('').length).toBe(READING_AID_PAGE_CHARS);
  });

  test('clean and garbled pages of one seed differ only in their doubled headlines', () => {
    const clean = generatePage({ textBytes: 30_000, garbled: false, seed: 3 });
    const garbled = generatePage({ textBytes: 30_000, garbled: true, seed: 3 });
    // Doubled headlines fill the byte budget sooner, so the garbled page is a prefix of the clean one.
    const count = garbled.headlines.length;
    expect(count).toBeGreaterThan(5);
    expect(garbled.headlines.map((h) => h.clean)).toEqual(clean.headlines.slice(0, count).map((h) => h.shown));
    for (const headline of garbled.headlines) {
      expect(headline.shown).not.toBe(headline.clean);
      // Undoubling every run gives the clean headline back.
      expect(headline.shown.replace(/(.)\1{1,3}/gu, '$1')).toBe(headline.clean.replace(/(.)\1+/gu, '$1'));
    }
    const body = (page: typeof clean) => page.texts.filter((t) => !page.headlines.some((h) => h.shown === t));
    const garbledBody = body(garbled).slice(0, -1);
    expect(garbledBody).toEqual(body(clean).slice(0, garbledBody.length));
  });

  test('clean text carries the legitimate repetition a fixer must keep', () => {
    const text = generatePage({ textBytes: 200_000, garbled: false }).texts.join('');
    for (const legit of ['常常', '高高兴兴', '研究研究', '哈哈哈', '……', '2011年11月11日', 'committee']) {
      expect(text).toContain(legit);
    }
  });

  test('doubling repeats characters, and punctuation only when asked', () => {
    expect(doubleText('确保“双招”', 2, true)).toBe('确确保保““双双招招””');
    expect(doubleText('确保“双招”', 2, false)).toBe('确确保保“双双招招”');
    expect(doubleText('新项目', 4, true)).toBe('新新新新项项项项目目目目');
  });

  test('UTF-8 length counts 1, 2, 3 and 4 byte characters', () => {
    expect(measureUtf8Bytes('a')).toBe(1);
    expect(measureUtf8Bytes('é')).toBe(2);
    expect(measureUtf8Bytes('清读')).toBe(6);
    expect(measureUtf8Bytes('𠀀')).toBe(4);
    expect(measureUtf8Bytes('a清𠀀')).toBe(Buffer.byteLength('a清𠀀'));
  });
});

describe('benchmark statistics', () => {
  test('median and quartiles of odd and even sample counts', () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5, q1: 2, q3: 4, runs: 3 });
    const even = summarize([4, 1, 3, 2]);
    expect(even.median).toBe(2.5);
    expect(even.q1).toBe(1.75);
    expect(even.q3).toBe(3.25);
    expect(summarize([7]).median).toBe(7);
    expect(findQuantile([10, 20, 30, 40, 50], 0.25)).toBe(20);
  });

  test('no samples or a non-finite sample is an error, not a number', () => {
    expect(() => summarize([])).toThrow();
    expect(() => summarize([1, Number.NaN])).toThrow();
  });
});

describe('benchmark table and JSON', () => {
  const measured: Results = {
    fix_page_ms_1m: { name: 'fix_page_ms_1m', summary: summarize([40, 42, 45, 41, 44]) },
    naive_fix_page_ms_1m: { name: 'naive_fix_page_ms_1m', summary: summarize([15, 16, 17, 18, 19]) },
    content_script_bytes: { name: 'content_script_bytes', summary: summarize([40_000]) },
    pinyin_full_ms: { name: 'pinyin_full_ms', summary: null, note: 'n/a (feature not built yet)' },
    convert_ms: { name: 'convert_ms', summary: null, note: 'n/a (feature not built yet)' },
  };

  test('two page texts are compared by their first difference', () => {
    expect(describeDifference('軟體與資訊', '軟體與資訊')).toBe('identical');
    expect(describeDifference('軟體與資訊', '軟件與資訊')).toBe(
      'first difference at character 1: “軟體與資訊” vs “軟件與資訊”',
    );
  });

  test('numbers get decimals by size and unit', () => {
    expect(formatNumber(1234.5, 'ms')).toBe('1235');
    expect(formatNumber(12.345, 'ms')).toBe('12.3');
    expect(formatNumber(1.2345, 'ms')).toBe('1.23');
    expect(formatNumber(32768, 'bytes')).toBe('32,768');
    expect(formatNumber(0.5, 'ratio')).toBe('0.50');
    expect(formatNumber(0.91234, 'fraction')).toBe('0.912');
  });

  test('the table lists every metric, n/a for missing ones, spread and target status', () => {
    const table = formatTable(measured);
    const lines = table.split('\n');
    for (const { name } of METRICS) expect(lines.some((l) => l.startsWith(`${name} `))).toBe(true);
    const fixLine = lines.find((l) => l.startsWith('fix_page_ms_1m ')) as string;
    expect(fixLine).toMatch(/42\.0 ms\s+40\.0–45\.0\s+5\s+≤ 50 and ≤ 3× naive\s+met/);
    expect(lines.find((l) => l.startsWith('content_script_bytes '))).toMatch(/40,000 B.*missed/);
    expect(lines.find((l) => l.startsWith('pinyin_full_ms '))).toMatch(/^pinyin_full_ms\s+n\/a\s.*n\/a/);
    // One footnote for a note shared by several rows.
    expect(table.match(/\[\d+\] n\/a \(feature not built yet\)/g)).toHaveLength(1);
    // Columns line up: every row's target column starts at the same offset.
    const offsets = lines.filter((l) => /≤/.test(l)).map((l) => l.indexOf('≤'));
    expect(new Set(offsets).size).toBe(1);
  });

  test('targets read the medians and are n/a while a figure is missing', () => {
    const fix = TARGETS.find((t) => t.metric === 'fix_page_ms_1m');
    const size = TARGETS.find((t) => t.metric === 'content_script_bytes');
    const pinyin = TARGETS.find((t) => t.metric === 'pinyin_full_ms');
    if (!fix || !size || !pinyin) throw new Error('target missing');
    expect(checkTarget(fix, measured)).toBe('met');
    expect(checkTarget(size, measured)).toBe('missed');
    expect(checkTarget(pinyin, measured)).toBe('n/a');
    const slowFix: Results = {
      ...measured,
      naive_fix_page_ms_1m: { name: 'naive_fix_page_ms_1m', summary: summarize([5]) },
    };
    expect(checkTarget(fix, slowFix)).toBe('missed');
  });

  test('the JSON object has every metric name: the median, or null when not measured', () => {
    const json = toJsonObject(measured, { mode: 'quick' });
    for (const { name } of METRICS) expect(json).toHaveProperty(name);
    expect(json.fix_page_ms_1m).toBe(42);
    expect(json.pinyin_full_ms).toBeNull();
    expect(json.mode).toBe('quick');
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });
});

describe('trace reading', () => {
  const ext = 'chrome-extension://abc/';
  const event = (name: string, ts: number, dur: number, url = '', tid = 1): TraceEvent => ({
    name,
    ph: 'X',
    ts,
    dur,
    tdur: dur / 2,
    pid: 1,
    tid,
    args: { data: { url } },
  });
  const script = `${ext}content-scripts/content.js`;

  test('nested and overlapping events of the extension count once; other scripts and threads not at all', () => {
    const events = [
      event('EvaluateScript', 1000, 3000, script),
      event('v8.compile', 1100, 500, script),
      event('FunctionCall', 10_000, 1000, script),
      event('FunctionCall', 10_500, 1000, script),
      event('FunctionCall', 20_000, 5000, 'http://127.0.0.1/page.js'),
      event('v8.compile', 30_000, 9000, script, 2),
    ];
    expect(sumScriptTime(events, ext)).toEqual({ wallMs: 4.5, cpuMs: 2 });
  });

  test('yield continuations and microtasks in tasks where the extension ran are its time too', () => {
    const events = [
      event(TASK_EVENT, 0, 5000),
      event('FunctionCall', 100, 1000, script),
      event('RunMicrotasks', 1200, 2000),
      event(TASK_EVENT, 10_000, 3000),
      event('RunYieldContinuation', 10_100, 2500),
      event('RunMicrotasks', 10_150, 2000),
      // A task the extension had no part in: its microtasks are not counted.
      event(TASK_EVENT, 20_000, 90_000),
      event('FunctionCall', 20_100, 500, 'http://127.0.0.1/page.js'),
      event('RunMicrotasks', 21_000, 4000),
    ];
    expect(sumScriptTime(events, ext).wallMs).toBe(5.5);
    expect(findLongestExtensionTask(events, ext)).toBe(5);
    expect(findLongestExtensionTask(events.slice(6), ext)).toBe(0);
  });

  test("a task of the page's in which the extension only ran a listener counts for the listener's time", () => {
    const events = [
      // The parser's last task: parsing and layout, and DOMContentLoaded with the sentinel's listener.
      event(TASK_EVENT, 0, 400_000),
      event('ParseHTML', 100, 150_000),
      event('Layout', 160_000, 200_000),
      event('FunctionCall', 380_000, 700, script),
      // A slice of the extension's own: counts whole, garbage collection included.
      event(TASK_EVENT, 500_000, 12_000),
      event('RunYieldContinuation', 500_100, 9000),
      event('MinorGC', 509_200, 2500),
    ];
    expect(findLongestExtensionTask(events, ext)).toBe(12);
    expect(findLongestExtensionTask(events.slice(0, 4), ext)).toBe(0.7);
    // The page's mutation observers, run at the end of the parser's task, are not Qingdu's.
    const withObservers = [...events.slice(0, 4), event('RunMicrotasks', 390_000, 8000)];
    expect(findLongestExtensionTask(withObservers, ext)).toBe(0.7);
    expect(sumScriptTime(withObservers, ext).wallMs).toBe(0.7);
    expect(findLongestTaskHoldingExtension(events, ext)).toBe(400);
  });

  test("calls into the extension's world count, in tasks Blink's scheduler runs itself too (scheduler.postTask)", () => {
    const call = (ts: number, dur: number, worldName?: string): TraceEvent => ({
      ...event('v8.callFunction', ts, dur),
      args: worldName === undefined ? {} : { worldName },
    });
    const events = [
      // The sentinel's listener: a call in the extension's world holding its script URL.
      event(TASK_EVENT, 0, 2000),
      call(100, 1000, 'Qingdu 清读'),
      event('FunctionCall', 150, 900, script),
      // A postTask continuation of the pipeline: a scheduler task, a call without a URL, then its work in microtasks.
      event('RunTask', 10_000, 9000),
      call(10_100, 200, 'Qingdu 清读'),
      event('RunMicrotasks', 10_400, 8000),
      // A page task: a call in the page's own world and its microtasks are not Qingdu's.
      event('RunTask', 30_000, 70_000),
      call(30_100, 60_000),
      event('RunMicrotasks', 90_500, 9000),
    ];
    expect(findLongestExtensionTask(events, ext)).toBe(9);
    expect(sumScriptTime(events, ext).wallMs).toBe(1 + 0.2 + 8);
    // The page's mutation observer, run in the checkpoint after the slice's writes, is cut out of it.
    const observed = [...events, event('FunctionCall', 15_000, 3000, 'http://127.0.0.1/observer.js')];
    expect(sumScriptTime(observed, ext).wallMs).toBe(1 + 0.2 + 5);
    expect(findLongestExtensionTask(observed, ext)).toBe(9);
  });
});
