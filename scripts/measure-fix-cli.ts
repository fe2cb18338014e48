/**
 * How `npm run fix` scales with line length: time and peak memory (RSS) on single-line files of
 * 25, 50 and 100 MB, against a baseline measured in the same run: the same bytes cut into lines
 * of about 1 KB (the same text to repair, no long line). Linear reading means the one-line file
 * takes about as long as its baseline, and time and memory grow in proportion to the size.
 *
 *   npx tsx scripts/measure-fix-cli.ts [sizes in MB, default 25,50,100]
 *
 * The text: sentences of real Chinese (tests/corpus, the sample page's clean lines and
 * chinese-poetry) with a doubled headline every tenth sentence, so the engine does real work.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readCleanCorpus } from '../tests/corpus/clean-corpus';
import { createRandom } from './lib/random';

const SCRIPT = resolve(import.meta.dirname, 'fix.ts');
const sizesMb = (process.argv[2] ?? '25,50,100').split(',').map(Number);

function buildText(bytes: number, lineBreakEvery: number | undefined): Buffer {
  const random = createRandom(13);
  const sentences = readCleanCorpus(64)
    .flatMap((block) => block.text.split(/(?<=[。！？])/u))
    .map((s) => s.replace(/\s+/gu, ''))
    .filter((s) => s.length > 4);
  const parts: string[] = [];
  let size = 0;
  let sinceBreak = 0;
  let n = 0;
  while (size < bytes) {
    const sentence = sentences[Math.floor(random() * sentences.length)] as string;
    // Every tenth sentence as a fake-bold headline: each character doubled.
    let part = n++ % 10 === 9 ? [...sentence].map((c) => c + c).join('') : sentence;
    sinceBreak += Buffer.byteLength(part);
    if (lineBreakEvery !== undefined && sinceBreak >= lineBreakEvery) {
      part += '\n';
      sinceBreak = 0;
    }
    parts.push(part);
    size += Buffer.byteLength(part);
  }
  return Buffer.from(`${parts.join('')}\n`);
}

/** Seconds and peak RSS (MB) of one run, from GNU time. */
function run(file: string): { seconds: number; peakMb: number } {
  const report = join(tmpdir(), `qingdu-fix-time-${process.pid}.txt`);
  execFileSync('/usr/bin/time', ['-f', '%e %M', '-o', report, process.execPath, '--import', 'tsx', SCRIPT, file], {
    cwd: resolve(import.meta.dirname, '..'),
    stdio: ['ignore', 'ignore', 'inherit'],
    maxBuffer: 1024 ** 3,
  });
  const [seconds, kb] = execFileSync('cat', [report], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
  rmSync(report, { force: true });
  return { seconds: seconds as number, peakMb: (kb as number) / 1024 };
}

const dir = mkdtempSync(join(tmpdir(), 'qingdu-fix-measure-'));
try {
  console.log('size     one line: time  peak RSS    1 KB lines (baseline): time  peak RSS    time ratio');
  for (const mb of sizesMb) {
    const oneLine = join(dir, `one-line-${mb}.txt`);
    const manyLines = join(dir, `lines-${mb}.txt`);
    writeFileSync(oneLine, buildText(mb * 1e6, undefined));
    writeFileSync(manyLines, buildText(mb * 1e6, 1000));
    const single = run(oneLine);
    const baseline = run(manyLines);
    const size = `${(statSync(oneLine).size / 1e6).toFixed(0)} MB`;
    console.log(
      `${size.padEnd(9)}${`${single.seconds.toFixed(1)} s`.padStart(14)}${`${single.peakMb.toFixed(0)} MB`.padStart(10)}` +
        `${`${baseline.seconds.toFixed(1)} s`.padStart(31)}${`${baseline.peakMb.toFixed(0)} MB`.padStart(10)}` +
        `${(single.seconds / baseline.seconds).toFixed(2).padStart(14)}`,
    );
    rmSync(oneLine);
    rmSync(manyLines);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
