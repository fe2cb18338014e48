/**
 * How much main-thread script time Qingdu costs on a hostile page that rewrites its own text
 * about 1,000 times a second (tests/fixtures/hostile/churn.html), over 10 seconds.
 *
 * Two measurements: the V8 sampling profiler, with every sample whose stack holds a frame of the
 * extension's code counted as Qingdu's; and Chromium's ScriptDuration metric for the whole tab,
 * with Qingdu and without it. Prints a table and writes bench-output/hostile.json.
 * Run after `npm run build`: `npm run bench:hostile`. With Qingdu, the clock starts once the
 * extension says it is done with the page's first look (scripts/lib/tab-state.ts: the background's
 * record of the tab, read from the extension's side; the page carries no marker of Qingdu's).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type BrowserContext, type CDPSession, chromium } from 'playwright-core';
import { CHROMIUM_ARGS, type ExtensionBrowser, findChromium, launchWithExtension } from './lib/chromium';
import { startStaticServer } from './lib/static-server';
import { findTabId, topFrame, waitForSettled } from './lib/tab-state';

const FIXTURES_DIR = resolve(import.meta.dirname, '../tests/fixtures');
const OUTPUT = resolve(import.meta.dirname, '../bench-output/hostile.json');
/** 10 seconds of rewriting at about 1,000 writes a second. */
const WRITES = 10_000;

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { url: string; functionName: string };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

interface Run {
  writes: number;
  seconds: number;
  /** ScriptDuration for the tab (all worlds), in ms. */
  scriptMs: number;
  /** From the profiler: samples with an extension frame on the stack, and with a page frame only. */
  profile?: { qingduMs: number; pageMs: number; otherMs: number };
}

async function scriptDuration(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000;
}

function attribute(profile: Profile, extensionOrigin: string, pageOrigin: string) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (const node of profile.nodes)
    for (const child of node.children ?? []) (byId.get(child) as ProfileNode).parent = node.id;
  const owner = new Map<number, 'qingdu' | 'page' | 'other'>();
  const ownerOf = (id: number): 'qingdu' | 'page' | 'other' => {
    const known = owner.get(id);
    if (known) return known;
    let result: 'qingdu' | 'page' | 'other' = 'other';
    for (let at: ProfileNode | undefined = byId.get(id); at; at = at.parent ? byId.get(at.parent) : undefined) {
      if (at.callFrame.url.startsWith(extensionOrigin)) {
        result = 'qingdu';
        break;
      }
      if (at.callFrame.url.startsWith(pageOrigin)) result = 'page';
    }
    owner.set(id, result);
    return result;
  };
  const totals = { qingdu: 0, page: 0, other: 0 };
  const named = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, i) => {
    totals[ownerOf(id)] += (deltas[i + 1] ?? 0) / 1000;
    const name = byId.get(id)?.callFrame.functionName ?? '';
    if (name.startsWith('(')) named.set(name, (named.get(name) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
    // Inclusive time per Qingdu function: each function on the sample's stack, once.
    const seen = new Set<string>();
    for (let at: ProfileNode | undefined = byId.get(id); at; at = at.parent ? byId.get(at.parent) : undefined) {
      if (!at.callFrame.url.startsWith(extensionOrigin)) continue;
      const key = at.callFrame.functionName || '(anonymous)';
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
    }
  });
  const hottest = [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 12);
  if (process.env.BENCH_DEBUG) console.log(Object.fromEntries(named), totals, hottest);
  return { qingduMs: totals.qingdu, pageMs: totals.page, otherMs: totals.other };
}

async function measure(context: BrowserContext, url: string, extension?: ExtensionBrowser): Promise<Run> {
  const extensionOrigin = extension ? `chrome-extension://${extension.extensionId}` : undefined;
  const page = await context.newPage();
  await page.goto(url);
  if (extension) {
    // Qingdu has fixed the page's doubled text (its pipeline runs the fix stage) and is idle.
    const tabId = await findTabId(extension, page);
    await waitForSettled(extension, page, tabId, { until: topFrame.runs('fix') });
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  if (extensionOrigin) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const before = await scriptDuration(cdp);
  const churn = (await page.evaluate(`window.startChurn(${WRITES})`)) as { writes: number; seconds: number };
  const scriptMs = (await scriptDuration(cdp)) - before;
  let profile: Run['profile'];
  if (extensionOrigin) {
    const { profile: raw } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    profile = attribute(raw, extensionOrigin, new URL(url).origin);
  }
  await cdp.detach();
  await page.close();
  return { ...churn, scriptMs, profile };
}

const server = await startStaticServer(FIXTURES_DIR);
const url = server.url('/hostile/churn.html');
try {
  const withQingdu = await launchWithExtension();
  const qingdu = await measure(withQingdu.context, url, withQingdu);
  await withQingdu.close();

  const plain = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const plainContext = await plain.newContext();
  const without = await measure(plainContext, url);
  await plain.close();

  const rows = [
    ['', 'writes', 'seconds', 'tab script ms', 'Qingdu ms (profiler)', 'page ms (profiler)'],
    [
      'with Qingdu',
      String(qingdu.writes),
      qingdu.seconds.toFixed(1),
      qingdu.scriptMs.toFixed(0),
      qingdu.profile?.qingduMs.toFixed(0) ?? '',
      qingdu.profile?.pageMs.toFixed(0) ?? '',
    ],
    ['without', String(without.writes), without.seconds.toFixed(1), without.scriptMs.toFixed(0), '', ''],
  ];
  for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(12) : cell.padStart(20))).join(''));
  console.log(
    `Qingdu's share over ${qingdu.seconds.toFixed(1)} s: ${qingdu.profile?.qingduMs.toFixed(0)} ms by the profiler, ` +
      `${(qingdu.scriptMs - without.scriptMs).toFixed(0)} ms more tab script time than without it.`,
  );
  mkdirSync(resolve(OUTPUT, '..'), { recursive: true });
  writeFileSync(OUTPUT, `${JSON.stringify({ url: '/hostile/churn.html', withQingdu: qingdu, without }, null, 2)}\n`);
} finally {
  await server.close();
}
