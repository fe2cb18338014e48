/** The plain-text table `npm run bench` prints. Pure: results in, lines out. */
import { checkTarget, METRICS, type MetricDefinition, type Results, TARGETS, type Unit } from './metrics';

/** A number with as many decimals as its size deserves. */
export function formatNumber(value: number, unit: Unit): string {
  if (unit === 'bytes') return Math.round(value).toLocaleString('en-US');
  if (unit === 'fraction') return value.toFixed(3);
  if (unit === 'ratio') return value.toFixed(2);
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

const UNIT_SUFFIX: Record<Unit, string> = { 'MB/s': ' MB/s', ms: ' ms', bytes: ' B', ratio: '', fraction: '' };

function padCells(rows: readonly string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

/** One line per metric: median, spread (min–max), runs, target and whether it is met. */
export function formatTable(results: Results, definitions: readonly MetricDefinition[] = METRICS): string {
  const header = ['metric', 'median', 'spread (min–max)', 'runs', 'target', 'status', 'what'];
  const rows: string[][] = [header];
  const footnotes: string[] = [];
  for (const definition of definitions) {
    const result = results[definition.name as keyof Results];
    const summary = result?.summary ?? null;
    const target = TARGETS.find((t) => t.metric === definition.name);
    const status = target ? checkTarget(target, results) : '';
    const median = summary ? `${formatNumber(summary.median, definition.unit)}${UNIT_SUFFIX[definition.unit]}` : 'n/a';
    const spread =
      summary && summary.runs > 1
        ? `${formatNumber(summary.min, definition.unit)}–${formatNumber(summary.max, definition.unit)}`
        : '';
    let what = definition.label;
    if (result?.note) {
      // The same note (e.g. "feature not built yet") is printed once and referenced by number.
      if (!footnotes.includes(result.note)) footnotes.push(result.note);
      what += ` [${footnotes.indexOf(result.note) + 1}]`;
    }
    rows.push([definition.name, median, spread, summary ? String(summary.runs) : '', target?.text ?? '', status, what]);
  }
  const lines = padCells(rows);
  lines.splice(1, 0, '-'.repeat(Math.max(...lines.map((l) => l.length))));
  if (footnotes.length > 0) lines.push('', ...footnotes.map((note, i) => `[${i + 1}] ${note}`));
  return lines.join('\n');
}

/** Where two texts first differ, for the report. */
export function describeDifference(a: string, b: string): string {
  if (a === b) return 'identical';
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return `first difference at character ${i}: “${a.slice(Math.max(0, i - 8), i + 8)}” vs “${b.slice(Math.max(0, i - 8), i + 8)}”`;
}
