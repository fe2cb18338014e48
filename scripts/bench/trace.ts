/** Reading Chromium trace events (CDP Tracing). Pure. */

export interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: { data?: { url?: string }; fileName?: string };
}

/** Events that mean "script ran on this thread" (as opposed to off-thread compiles). */
const EXECUTION_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'v8.run']);

/**
 * Main-thread time inside script of `urlPrefix`: per thread that ran such script, the union of
 * the intervals of every complete trace event (EvaluateScript, FunctionCall, v8.compile, v8.run,
 * …) attributed to one of its files, so nested events are not counted twice. Wall time and
 * thread (CPU) time of the outermost events, in ms.
 */
export function sumScriptTime(events: readonly TraceEvent[], urlPrefix: string): { wallMs: number; cpuMs: number } {
  const spans = events
    .filter((e) => e.ph === 'X' && e.dur !== undefined)
    .filter((e) => (e.args?.data?.url ?? e.args?.fileName ?? '').startsWith(urlPrefix));
  const threads = new Set(spans.filter((e) => EXECUTION_EVENTS.has(e.name)).map((e) => `${e.pid}:${e.tid}`));
  let wall = 0;
  let cpu = 0;
  for (const thread of threads) {
    let end = Number.NEGATIVE_INFINITY;
    const onThread = spans.filter((e) => `${e.pid}:${e.tid}` === thread).sort((a, b) => a.ts - b.ts);
    for (const span of onThread) {
      const spanEnd = span.ts + (span.dur as number);
      if (span.ts >= end) {
        // A new outermost span.
        wall += span.dur as number;
        cpu += span.tdur ?? span.dur ?? 0;
        end = spanEnd;
      } else if (spanEnd > end) {
        wall += spanEnd - end;
        end = spanEnd;
      }
    }
  }
  return { wallMs: wall / 1000, cpuMs: cpu / 1000 };
}
