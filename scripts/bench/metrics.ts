/**
 * Every figure `npm run bench` reports, with the exact names of issue 7, and the targets set
 * there. A metric whose feature is not built yet has no value (`null` in the JSON, "n/a" in the
 * table); nothing here ever invents a number.
 */
import type { Summary } from './stats';

export type Unit = 'MB/s' | 'ms' | 'bytes' | 'ratio' | 'fraction';

export interface MetricDefinition {
  name: string;
  unit: Unit;
  /** What is measured, in a few words (shown in the table). */
  label: string;
  /** The baseline this metric is compared with, if any (printed beside it). */
  baseline?: string;
}

export const METRICS = [
  { name: 'text_clean_mbps', unit: 'MB/s', label: 'fixText on clean text', baseline: 'scan_limit_mbps' },
  { name: 'text_garbled_mbps', unit: 'MB/s', label: 'fixText on text with doubled headlines' },
  { name: 'scan_limit_mbps', unit: 'MB/s', label: 'baseline: bare charCodeAt loop, same strings' },
  { name: 'text_clean_ratio', unit: 'ratio', label: 'text_clean_mbps / scan_limit_mbps' },
  {
    name: 'fix_page_ms_50k',
    unit: 'ms',
    label: 'DOMContentLoaded → all fixed, 50 KB',
    baseline: 'naive_fix_page_ms_50k',
  },
  { name: 'naive_fix_page_ms_50k', unit: 'ms', label: 'baseline: (.)\\1 per text node, 50 KB' },
  { name: 'fix_page_ms_1m', unit: 'ms', label: 'DOMContentLoaded → all fixed, 1 MB', baseline: 'naive_fix_page_ms_1m' },
  { name: 'naive_fix_page_ms_1m', unit: 'ms', label: 'baseline: (.)\\1 per text node, 1 MB' },
  { name: 'fix_page_ms_5m', unit: 'ms', label: 'DOMContentLoaded → all fixed, 5 MB', baseline: 'naive_fix_page_ms_5m' },
  { name: 'naive_fix_page_ms_5m', unit: 'ms', label: 'baseline: (.)\\1 per text node, 5 MB' },
  { name: 'idle_page_overhead_ms', unit: 'ms', label: "extension's main-thread time, clean 1 MB page" },
  { name: 'sentinel_page_overhead_ms', unit: 'ms', label: 'the sentinel alone, clean 1 MB page' },
  {
    name: 'garbled_site_first_fix_ms',
    unit: 'ms',
    label: 'remembered site: DOMContentLoaded → fixed, 1 MB',
    baseline: 'fix_page_ms_1m',
  },
  { name: 'longest_task_ms_5m', unit: 'ms', label: 'longest task while fixing the 5 MB page' },
  { name: 'pinyin_first_visible_ms', unit: 'ms', label: 'pinyin on: first visible ruby, 100k chars' },
  {
    name: 'pinyin_full_ms',
    unit: 'ms',
    label: 'pinyin on: whole page, 100k chars',
    baseline: 'pinyin_baseline_full_ms',
  },
  { name: 'pinyin_baseline_full_ms', unit: 'ms', label: 'baseline: pinyin-pro html() per text node' },
  { name: 'pinyin_scroll_visible_ms', unit: 'ms', label: 'pinyin on: scroll far, readings in view' },
  { name: 'popup_switch_ms', unit: 'ms', label: 'popup switch: click → on, as the tab answered' },
  {
    name: 'convert_ms',
    unit: 'ms',
    label: 'conversion to Taiwan with phrases, 100k chars',
    baseline: 'convert_baseline_ms',
  },
  { name: 'convert_baseline_ms', unit: 'ms', label: 'baseline: opencc-js HTMLConverter' },
  {
    name: 'line_join_detect_ms',
    unit: 'ms',
    label: 'Join broken lines: finding runs, clean 1 MB page',
    baseline: 'line_join_walk_ms',
  },
  { name: 'line_join_walk_ms', unit: 'ms', label: 'baseline: the walk into text blocks it follows' },
  { name: 'content_script_bytes', unit: 'bytes', label: 'sentinel.js, the one script every page gets' },
  {
    name: 'pinyin_polyphone_acc',
    unit: 'fraction',
    label: 'pinyin accuracy on polyphone sentences',
    baseline: 'pinyin_polyphone_baseline_acc',
  },
  { name: 'pinyin_polyphone_baseline_acc', unit: 'fraction', label: 'baseline: pinyin-pro alone, same sentences' },
  {
    name: 'pinyin_everyday_acc',
    unit: 'fraction',
    label: 'pinyin accuracy on everyday words, natural text',
    baseline: 'pinyin_everyday_baseline_acc',
  },
  { name: 'pinyin_everyday_baseline_acc', unit: 'fraction', label: 'baseline: pinyin-pro alone, same words' },
] as const satisfies readonly MetricDefinition[];

export type MetricName = (typeof METRICS)[number]['name'];

export interface MetricResult {
  name: MetricName;
  /** null: not measured (see `note`). */
  summary: Summary | null;
  /** Why there is no value, or how it was measured when that matters. */
  note?: string;
}

export type Results = Partial<Record<MetricName, MetricResult>>;

export type TargetStatus = 'met' | 'missed' | 'n/a';

export interface Target {
  /** The metric the target is about (its row shows the status). */
  metric: MetricName;
  /** The target as the issue states it. */
  text: string;
  /** Other metrics the check reads. */
  needs: readonly MetricName[];
  check(value: (name: MetricName) => number): boolean;
}

export const TARGETS: readonly Target[] = [
  {
    metric: 'text_clean_ratio',
    text: '≥ 0.5',
    needs: ['text_clean_ratio'],
    check: (v) => v('text_clean_ratio') >= 0.5,
  },
  {
    metric: 'fix_page_ms_1m',
    text: '≤ 50 and ≤ 3× naive',
    needs: ['fix_page_ms_1m', 'naive_fix_page_ms_1m'],
    check: (v) => v('fix_page_ms_1m') <= 50 && v('fix_page_ms_1m') <= 3 * v('naive_fix_page_ms_1m'),
  },
  {
    metric: 'idle_page_overhead_ms',
    text: '≤ 2',
    needs: ['idle_page_overhead_ms'],
    check: (v) => v('idle_page_overhead_ms') <= 2,
  },
  {
    metric: 'sentinel_page_overhead_ms',
    text: '≤ 2',
    needs: ['sentinel_page_overhead_ms'],
    check: (v) => v('sentinel_page_overhead_ms') <= 2,
  },
  {
    metric: 'popup_switch_ms',
    text: '≤ 100',
    needs: ['popup_switch_ms'],
    check: (v) => v('popup_switch_ms') <= 100,
  },
  {
    metric: 'longest_task_ms_5m',
    text: '≤ 50',
    needs: ['longest_task_ms_5m'],
    check: (v) => v('longest_task_ms_5m') <= 50,
  },
  {
    metric: 'pinyin_first_visible_ms',
    text: '≤ 50',
    needs: ['pinyin_first_visible_ms'],
    check: (v) => v('pinyin_first_visible_ms') <= 50,
  },
  {
    metric: 'pinyin_full_ms',
    text: '≤ baseline / 3',
    needs: ['pinyin_full_ms', 'pinyin_baseline_full_ms'],
    check: (v) => v('pinyin_full_ms') * 3 <= v('pinyin_baseline_full_ms'),
  },
  {
    metric: 'convert_ms',
    text: '≤ baseline',
    needs: ['convert_ms', 'convert_baseline_ms'],
    check: (v) => v('convert_ms') <= v('convert_baseline_ms'),
  },
  {
    metric: 'pinyin_polyphone_acc',
    text: '≥ 0.955',
    needs: ['pinyin_polyphone_acc'],
    check: (v) => v('pinyin_polyphone_acc') >= 0.955,
  },
  {
    metric: 'pinyin_everyday_acc',
    text: '≥ 0.995 and > baseline + 0.01',
    needs: ['pinyin_everyday_acc', 'pinyin_everyday_baseline_acc'],
    check: (v) =>
      v('pinyin_everyday_acc') >= 0.995 && v('pinyin_everyday_acc') > v('pinyin_everyday_baseline_acc') + 0.01,
  },
  {
    metric: 'line_join_detect_ms',
    text: '≤ 2',
    needs: ['line_join_detect_ms'],
    check: (v) => v('line_join_detect_ms') <= 2,
  },
  {
    metric: 'content_script_bytes',
    text: '≤ 16,384',
    needs: ['content_script_bytes'],
    check: (v) => v('content_script_bytes') <= 16_384,
  },
];

/** Whether a target is met, from the medians; 'n/a' while any metric it needs is missing. */
export function checkTarget(target: Target, results: Results): TargetStatus {
  const medians = new Map<MetricName, number>();
  for (const name of target.needs) {
    const summary = results[name]?.summary;
    if (!summary) return 'n/a';
    medians.set(name, summary.median);
  }
  return target.check((name) => medians.get(name) as number) ? 'met' : 'missed';
}

/** The last line of `npm run bench -- --json`: metric name → median (null when not measured). */
export function toJsonObject(results: Results, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const { name } of METRICS) object[name] = results[name]?.summary?.median ?? null;
  const spread: Record<string, unknown> = {};
  for (const { name } of METRICS) {
    const result = results[name];
    spread[name] = result?.summary
      ? {
          min: result.summary.min,
          max: result.summary.max,
          q1: result.summary.q1,
          q3: result.summary.q3,
          runs: result.summary.runs,
        }
      : null;
  }
  const notes: Record<string, string> = {};
  for (const { name } of METRICS) {
    const note = results[name]?.note;
    if (note) notes[name] = note;
  }
  const targets: Record<string, TargetStatus> = {};
  for (const target of TARGETS) targets[target.metric] = checkTarget(target, results);
  return { ...object, spread, notes, targets, ...extra };
}
