/**
 * The slowest reader regexes found, on the linear-time engine (lib/text/replace/reader-regex.ts):
 * patterns that freeze V8's backtracking RegExp (from issue 13), the largest programs the size cap
 * lets through, and ordinary rules, on 10,000-character blocks and on long addresses. Baselines in
 * the same run: V8's RegExp on the same text for an ordinary pattern, and on a 26-character input
 * for the backtracking ones (past that they take seconds, then hours).
 *
 *   npx tsx scripts/measure-reader-regex.ts
 *
 * Prints the median of 5 runs of `matchAll` (what replacement rules do, groups captured) and of
 * `test` (what site patterns do), in milliseconds.
 */
import { compileReaderRegex } from '../lib/text/replace/reader-regex';

const RUNS = 5;

const texts: Record<string, string> = {
  'Chinese, no spaces': Array.from(
    { length: 10_000 },
    (_, i) => '新华社记者报道今年经济工作会议在北京召开'[i % 20],
  ).join(''),
  "'a' × 10,000": 'a'.repeat(10_000),
  'mixed ASCII and Chinese': Array.from({ length: 10_000 }, (_, i) => 'ab中 1.@文,'[i % 10]).join(''),
  'address, 2,000': `https://example.com/${'a'.repeat(1980)}`,
  'address, 100,000': `https://example.com/news/${'a/'.repeat(49_985)}`,
};

const patterns = [
  // From issue 13: exponential (or, the last, quadratic) on V8.
  'q(a|aa)+$',
  'q(aa?)+$',
  'q(\\w|\\d)+$',
  'x(?:a|a)+y',
  '(.*a){9}x',
  '\\S+@\\S+',
  // Near the program-size cap: the slowest accepted shapes found.
  '(.{100}){9}',
  '(\\p{L}{100}){9}',
  '(?:.{990})',
  '([^，。]{1,100}){4}',
  '(.*)(.*)(.*)(.*)(.*)x',
  '\\b\\w+\\b',
  // Ordinary rules.
  '(\\d+)年(\\d+)月(\\d+)日',
  '第[一二三四五六七八九十]+版',
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function time(run: () => void): number {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

const format = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(2)).padStart(9);

console.log('baselines (V8 RegExp, same run):');
for (const [name, text] of Object.entries(texts)) {
  const native = /(\d+)年(\d+)月(\d+)日/gu;
  console.log(`  (\\d+)年(\\d+)月(\\d+)日 on ${name.padEnd(26)} ${format(time(() => [...text.matchAll(native)]))} ms`);
}
for (const source of patterns.slice(0, 5)) {
  // A near miss, so the backtracking engine tries every way in before it fails.
  const short = source.startsWith('(') ? `${'a'.repeat(25)}!` : `${source[0]}${'a'.repeat(24)}!`;
  const native = new RegExp(source, 'u');
  console.log(`  ${source.padEnd(24)} on 26 characters            ${format(time(() => native.test(short)))} ms`);
}

console.log('\nlinear-time engine: median ms (matchAll / test)');
console.log(
  `${'pattern'.padEnd(26)}${Object.keys(texts)
    .map((name) => name.padStart(28))
    .join('')}`,
);
let worst = { ms: 0, what: '' };
for (const source of patterns) {
  const check = compileReaderRegex(source, false);
  if (!check.ok) {
    console.log(`${source.padEnd(26)} refused: ${check.problem}`);
    continue;
  }
  const cells = Object.entries(texts).map(([name, text]) => {
    const all = time(() => {
      for (const _match of check.regex.matchAll(text));
    });
    const test = time(() => check.regex.test(text));
    if (all > worst.ms) worst = { ms: all, what: `${source} matchAll on ${name}` };
    if (test > worst.ms) worst = { ms: test, what: `${source} test on ${name}` };
    return `${format(all)} /${format(test)}`.padStart(28);
  });
  console.log(`${source.padEnd(26)}${cells.join('')}`);
}
console.log(`\nslowest: ${worst.what}: ${worst.ms.toFixed(0)} ms`);
