/**
 * The slowest reader regexes found, on the linear-time engine (lib/text/replace/reader-regex.ts):
 * patterns that freeze V8's backtracking RegExp (from issue 13), the largest programs the size cap
 * lets through, and ordinary rules, on 10,000-character blocks and on long addresses. Baselines in
 * the same run: V8's RegExp on the same text for an ordinary pattern, and on a 26-character input
 * for the backtracking ones (past that they take seconds, then hours).
 *
 *   npx tsx scripts/measure-reader-regex.ts
 *
 * Prints the median of 5 runs, in milliseconds: on blocks, `matchAll` with groups captured (what
 * a replacement rule does, at its slowest); on addresses, `test` (what a site pattern does).
 */
import { compileReaderRegex } from '../lib/text/replace/reader-regex';

const RUNS = 5;

const blocks: Record<string, string> = {
  'block: Chinese, no spaces': Array.from(
    { length: 10_000 },
    (_, i) => '新华社记者报道今年经济工作会议在北京召开'[i % 20],
  ).join(''),
  "block: 'a' × 10,000": 'a'.repeat(10_000),
  'block: ASCII and Chinese': Array.from({ length: 10_000 }, (_, i) => 'ab中 1.@文,'[i % 10]).join(''),
};
const addresses: Record<string, string> = {
  'address: 2,000': `https://example.com/${'a'.repeat(1980)}`,
  'address: 100,000': `https://example.com/news/${'a/'.repeat(49_985)}`,
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
for (const [name, text] of Object.entries({ ...blocks, ...addresses })) {
  const native = /(\d+)年(\d+)月(\d+)日/gu;
  console.log(`  (\\d+)年(\\d+)月(\\d+)日 on ${name.padEnd(26)} ${format(time(() => [...text.matchAll(native)]))} ms`);
}
// A near miss of 26 characters, so the backtracking engine tries every way in before it fails.
const nearMisses: [string, string][] = [
  ['q(a|aa)+$', `q${'a'.repeat(24)}!`],
  ['q(aa?)+$', `q${'a'.repeat(24)}!`],
  ['q(\\w|\\d)+$', `q${'1'.repeat(24)}!`],
  ['x(?:a|a)+y', `x${'a'.repeat(25)}`],
  ['(.*a){9}x', 'a'.repeat(26)],
];
for (const [source, short] of nearMisses) {
  const native = new RegExp(source, 'u');
  console.log(`  ${source.padEnd(24)} on 26 characters            ${format(time(() => native.test(short)))} ms`);
}

const columns = [
  ...Object.keys(blocks).map((name) => `${name} (matchAll)`),
  ...Object.keys(addresses).map((name) => `${name} (test)`),
];
console.log('\nlinear-time engine, median ms:');
console.log(`${'pattern'.padEnd(26)}${columns.map((name) => name.padStart(38)).join('')}`);
let worst = { ms: 0, what: '' };
for (const source of patterns) {
  const check = compileReaderRegex(source, false);
  if (!check.ok) {
    console.log(`${source.padEnd(26)} refused: ${check.problem}`);
    continue;
  }
  const { regex } = check;
  const cells = [
    ...Object.entries(blocks).map(([name, text]) => {
      const ms = time(() => {
        for (const _match of regex.matchAll(text));
      });
      if (ms > worst.ms) worst = { ms, what: `${source}, matchAll on ${name}` };
      return ms;
    }),
    ...Object.entries(addresses).map(([name, text]) => {
      const ms = time(() => regex.test(text));
      if (ms > worst.ms) worst = { ms, what: `${source}, test on ${name}` };
      return ms;
    }),
  ];
  console.log(`${source.padEnd(26)}${cells.map((ms) => format(ms).padStart(38)).join('')}`);
}
console.log(`\nslowest: ${worst.what}: ${worst.ms.toFixed(0)} ms`);
