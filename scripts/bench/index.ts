/**
 * `npm run bench`: Qingdu against the baselines a reader would otherwise pick, in one run.
 *
 *   npm run bench               the full run (all page sizes, 1 warm-up + 5 runs per figure)
 *   npm run bench -- --quick    a fast check (50 KB and 1 MB pages, 1 warm-up + 3 runs)
 *   npm run bench -- --json     also print the figures as one JSON object on the last line
 *
 * Builds the extension first when the build is missing or stale, generates the pages into
 * bench-output/, prints a table and writes bench-output/latest.json. Progress goes to stderr.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfNeeded } from '../lib/build';
import { CHROME_MV3_DIR, findChromium } from '../lib/chromium';
import { startBrowsers } from './browsers';
import { measureLineJoin } from './line-join';
import { type MetricResult, type Results, toJsonObject } from './metrics';
import { PAGE_SIZE_IDS, type PageSize } from './page-generator';
import {
  measureFixPages,
  measureIdleOverhead,
  measureLongestTask,
  measureRememberedSite,
  type RunPlan,
} from './page-metrics';
import type { PinyinAccuracy } from './pinyin-accuracy';
import { OUTPUT_DIR, preparePages, ROOT } from './prepare';
import { measurePopupSwitch, measureReadingAids } from './reading-aids';
import { summarize } from './stats';
import { formatTable } from './table';
import { measureTextThroughput } from './text-throughput';

const log = (line: string) => console.error(line);

function describeMachine() {
  const cpuInfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuInfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  let chromium = 'unknown';
  try {
    chromium = execFileSync(findChromium(), ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim()
      .split('\n')
      .pop() as string;
  } catch {
    // reported as unknown
  }
  const git = (args: string[]) => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
  return {
    nproc: availableParallelism(),
    cpu: model,
    chromium,
    node: process.version,
    commit: git(['rev-parse', '--short', 'HEAD']),
    branch: git(['rev-parse', '--abbrev-ref', 'HEAD']),
    /**
     * Feature branches merged into this one (from its own merge commits), each with how many
     * newer commits it has that this build does not.
     */
    merged: git(['log', '--merges', '--first-parent', '--format=%P%x09%s', 'main..HEAD'])
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [parents = '', subject = ''] = line.split('\t');
        const mergedTip = parents.split(' ')[1] ?? '';
        const branch = /issue-[\w-]+/.exec(subject.replace(/into issue-[\w-]+$/, ''))?.[0];
        if (!branch) return subject;
        if (!mergedTip) return branch;
        const newer = Number(git(['rev-list', '--count', `HEAD..${branch}`]) || 0);
        return newer > 0 ? `${branch} (${newer} newer commits not merged)` : branch;
      })
      .filter((name, i, all) => all.findIndex((n) => n.split(' ')[0] === name.split(' ')[0]) === i),
  };
}

function measureContentScript(): MetricResult {
  const file = join(CHROME_MV3_DIR, 'sentinel.js');
  const pipeline = statSync(join(CHROME_MV3_DIR, 'page-pipeline.js')).size;
  return {
    name: 'content_script_bytes',
    summary: summarize([statSync(file).size]),
    note: `minified, as built; the page pipeline, loaded only where needed: ${pipeline.toLocaleString('en-US')} B`,
  };
}

async function measurePinyinAccuracy(quick: boolean): Promise<MetricResult[]> {
  const names = [
    'pinyin_polyphone_acc',
    'pinyin_polyphone_baseline_acc',
    'pinyin_everyday_acc',
    'pinyin_everyday_baseline_acc',
  ] as const;
  const missing = (note: string) => names.map((name) => ({ name, summary: null, note }));
  const path = join(import.meta.dirname, 'pinyin-accuracy.ts');
  if (!existsSync(path)) return missing('n/a (feature not built yet: no pinyin-accuracy.ts)');
  const module = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  const measure = (module.default ?? Object.values(module).find((v) => typeof v === 'function')) as
    | ((options?: { limit?: number }) => Promise<PinyinAccuracy>)
    | undefined;
  if (!measure) return missing('n/a (pinyin-accuracy.ts exports no function)');
  // All sentences take about a minute; --quick scores the first 1,000 of each source.
  const result = await measure(quick ? { limit: 1000 } : {});
  const cpp = `${result.sentences} sentences of the CPP dev split${quick ? ' (--quick: the first 1,000)' : ''}`;
  const everyday =
    `${result.everyday_words} occurrences of everyday words with one reading in ${result.everyday_sentences} held-out ` +
    `sentences (CPP dev, TypeScript's zh-cn/zh-tw messages)${quick ? ' (--quick: the first 1,000 of each)' : ''}`;
  return [
    { name: 'pinyin_polyphone_acc', summary: summarize([result.pinyin_polyphone_acc]), note: cpp },
    { name: 'pinyin_polyphone_baseline_acc', summary: summarize([result.baseline_acc]), note: cpp },
    { name: 'pinyin_everyday_acc', summary: summarize([result.pinyin_everyday_acc]), note: everyday },
    { name: 'pinyin_everyday_baseline_acc', summary: summarize([result.everyday_baseline_acc]), note: everyday },
  ];
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const unknown = [...args].filter((a) => !['--json', '--quick'].includes(a));
  if (unknown.length > 0) throw new Error(`unknown option(s) ${unknown.join(' ')}; use --quick and/or --json`);
  const quick = args.has('--quick');
  const sizes: PageSize[] = quick ? ['50k', '1m'] : ['50k', '1m', '5m'];
  const plan: RunPlan = { sizes, warmups: 1, runs: quick ? 3 : 5 };
  const started = performance.now();

  buildIfNeeded(log);
  log('Generating pages into bench-output/…');
  const prepared = await preparePages(sizes);
  const results: Results = {};
  const checks: string[] = [];
  const add = (list: readonly MetricResult[]) => {
    for (const result of list) results[result.name] = result;
  };
  for (const size of PAGE_SIZE_IDS.filter((s) => !sizes.includes(s))) {
    const note = `not measured with --quick (no ${size} page)`;
    add([
      { name: `fix_page_ms_${size}`, summary: null, note },
      { name: `naive_fix_page_ms_${size}`, summary: null, note },
    ]);
    if (size === '5m') add([{ name: 'longest_task_ms_5m', summary: null, note }]);
  }

  log('Text engine throughput (Node)…');
  const text = await measureTextThroughput(
    prepared.fixPages['1m'].clean.page,
    prepared.fixPages['1m'].garbled.page,
    quick ? 3 : 7,
  );
  add(text.results);
  checks.push(...text.checks);
  add([measureContentScript()]);
  add(await measurePinyinAccuracy(quick));

  log('Starting Chromium (with the extension, and plain for the baselines)…');
  const browsers = await startBrowsers(prepared);
  try {
    log('Fixing pages (first visits)…');
    const pages = await measureFixPages(browsers, prepared, plan, log);
    add(pages.results);
    checks.push(...pages.checks);
    log('A site remembered for doubled text…');
    const remembered = await measureRememberedSite(browsers, prepared, plan);
    add(remembered.results);
    checks.push(...remembered.checks);
    log('What a clean 1 MB page pays (CDP trace)…');
    const idle = await measureIdleOverhead(browsers, prepared, plan);
    add(idle.results);
    checks.push(...idle.checks);
    if (sizes.includes('5m')) {
      log('Longest task while fixing the 5 MB page (CDP trace)…');
      const longest = await measureLongestTask(browsers, prepared, plan);
      add(longest.results);
      checks.push(...longest.checks);
    }
    log('Pinyin and conversion…');
    const aids = await measureReadingAids(
      browsers,
      prepared,
      plan,
      {
        pinyin: { name: 'pinyin', options: { style: 'tone-marks', toneColors: 'off' } },
        conversion: { name: 'conversion', options: { variant: 's2twp' } },
      },
      log,
    );
    add(aids.results);
    checks.push(...aids.checks);
    log('The popup switch…');
    add([await measurePopupSwitch(browsers, prepared, plan)]);
  } finally {
    await browsers.close();
  }
  log('Join broken lines: finding runs on the clean 1 MB page…');
  const lineJoin = await measureLineJoin(plan.runs);
  add(lineJoin.results);
  checks.push(...lineJoin.checks);

  const machine = describeMachine();
  const seconds = (performance.now() - started) / 1000;
  const header =
    `Qingdu benchmarks (${quick ? 'quick' : 'full'}: medians of ${plan.runs} runs after ${plan.warmups} warm-up; text engine ${quick ? 3 : 7} runs)\n` +
    `${machine.nproc} cores, ${machine.cpu}, ${machine.chromium}, Node ${machine.node}\n` +
    `${machine.branch} @ ${machine.commit}; merged feature branches: ${machine.merged.join(', ') || 'none'}`;
  console.log(`${header}\n\n${formatTable(results)}\n`);
  if (checks.length > 0) console.log(`Checks:\n${checks.map((c) => `  - ${c}`).join('\n')}\n`);
  console.log(`Took ${seconds.toFixed(0)} s.`);
  const json = toJsonObject(results, { machine, mode: quick ? 'quick' : 'full', checks, seconds });
  writeFileSync(join(OUTPUT_DIR, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  if (args.has('--json')) console.log(JSON.stringify(json));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
