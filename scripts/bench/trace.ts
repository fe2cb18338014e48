/**
 * Reading Chromium trace events (CDP Tracing): which main-thread time belongs to the extension.
 * Pure.
 *
 * Attribution: an event belongs to the extension when its script URL is the extension's
 * (EvaluateScript, FunctionCall, v8.compile, v8.run), when it is a `scheduler.yield()`
 * continuation (RunYieldContinuation: the benchmark pages run no script of their own, so only
 * Qingdu yields), or when it is a microtask checkpoint (RunMicrotasks) inside a task in which
 * the extension ran (promise continuations carry no URL).
 */

export interface TraceEvent {
  name: string;
  cat?: string;
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
/** The scheduler's top-level task on a thread. */
export const TASK_EVENT = 'ThreadControllerImpl::RunTask';
const YIELD_CONTINUATION = 'RunYieldContinuation';
const MICROTASKS = 'RunMicrotasks';

const threadOf = (e: TraceEvent) => `${e.pid}:${e.tid}`;
const endOf = (e: TraceEvent) => e.ts + (e.dur ?? 0);
const isComplete = (e: TraceEvent) => e.ph === 'X' && e.dur !== undefined;

function hasUrl(e: TraceEvent, urlPrefix: string): boolean {
  return (e.args?.data?.url ?? e.args?.fileName ?? '').startsWith(urlPrefix);
}

export interface ExtensionWork {
  /** The extension's spans, per thread that ran its script. */
  spans: TraceEvent[];
  /** Top-level tasks on those threads in which the extension ran. */
  tasks: TraceEvent[];
}

/** The extension's spans and the tasks they ran in (see the attribution rules above). */
export function findExtensionWork(events: readonly TraceEvent[], urlPrefix: string): ExtensionWork {
  const complete = events.filter(isComplete);
  const direct = complete.filter((e) => hasUrl(e, urlPrefix) || e.name === YIELD_CONTINUATION);
  const threads = new Set(
    direct.filter((e) => EXECUTION_EVENTS.has(e.name) || e.name === YIELD_CONTINUATION).map(threadOf),
  );
  const onThreads = complete.filter((e) => threads.has(threadOf(e)));
  const contains = (outer: TraceEvent, inner: TraceEvent) =>
    threadOf(outer) === threadOf(inner) && inner.ts >= outer.ts && inner.ts < endOf(outer);
  const tasks = onThreads.filter(
    (task) => task.name === TASK_EVENT && direct.some((span) => threads.has(threadOf(span)) && contains(task, span)),
  );
  const microtasks = onThreads.filter((e) => e.name === MICROTASKS && tasks.some((task) => contains(task, e)));
  return { spans: [...direct.filter((e) => threads.has(threadOf(e))), ...microtasks], tasks };
}

/**
 * Main-thread time of the extension: per thread, the union of its spans' intervals, so nested
 * events are not counted twice. Wall time, and thread (CPU) time of the outermost spans, in ms.
 */
export function sumScriptTime(events: readonly TraceEvent[], urlPrefix: string): { wallMs: number; cpuMs: number } {
  const { spans } = findExtensionWork(events, urlPrefix);
  let wall = 0;
  let cpu = 0;
  for (const thread of new Set(spans.map(threadOf))) {
    let end = Number.NEGATIVE_INFINITY;
    for (const span of spans.filter((e) => threadOf(e) === thread).sort((a, b) => a.ts - b.ts)) {
      const spanEnd = endOf(span);
      if (span.ts >= end) {
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

/** The longest top-level task in which the extension ran, in ms (0 when it never ran). */
export function findLongestExtensionTask(events: readonly TraceEvent[], urlPrefix: string): number {
  const { tasks } = findExtensionWork(events, urlPrefix);
  return Math.max(0, ...tasks.map((t) => (t.dur as number) / 1000));
}

/** The file an event's script URL names inside the extension (`sentinel.js`), or '' for none. */
function extensionFileOf(e: TraceEvent, urlPrefix: string): string {
  const url = e.args?.data?.url ?? e.args?.fileName ?? '';
  return url.startsWith(urlPrefix) ? url.slice(urlPrefix.length) : '';
}

/**
 * Where the extension's main-thread time goes, by phase: the sentinel's evaluation (compile and
 * run of its top level at document_start), its first look at the page (the walk and the prefilter,
 * at DOMContentLoaded), everything it did after (the background's answer, new content), and the
 * time of each other script of the extension (the page pipeline, an aid's code), in ms.
 */
export function splitExtensionTime(events: readonly TraceEvent[], urlPrefix: string): Record<string, number> {
  const sentinel = `${urlPrefix}sentinel.js`;
  const spans = events
    .filter(isComplete)
    .filter((e) => hasUrl(e, sentinel))
    .sort((a, b) => a.ts - b.ts);
  const union = (list: TraceEvent[]) => sumScriptTime(list, '').wallMs;
  const evaluation = spans.filter((e) => e.name === 'EvaluateScript' || e.name === 'v8.compile');
  const calls = spans.filter((e) => e.name === 'FunctionCall');
  const first = calls[0];
  const inFirst = first ? spans.filter((e) => e.ts >= first.ts && e.ts < endOf(first)) : [];
  const later = spans.filter((e) => !evaluation.includes(e) && !inFirst.includes(e));
  const phases: Record<string, number> = {
    'sentinel evaluation': union(evaluation),
    'sentinel first look (walk + prefilter)': union(inFirst),
    'sentinel afterwards (answer, new content)': union(later),
  };
  const others = new Set(
    events
      .filter(isComplete)
      .map((e) => extensionFileOf(e, urlPrefix))
      .filter((file) => file && file !== 'sentinel.js'),
  );
  for (const file of others) phases[file] = sumScriptTime(events, `${urlPrefix}${file}`).wallMs;
  return phases;
}

/** What filled the longest task the extension ran in: its biggest events, by name and script. */
export function describeLongestExtensionTask(events: readonly TraceEvent[], urlPrefix: string): string {
  const { tasks } = findExtensionWork(events, urlPrefix);
  const task = tasks.sort((a, b) => (b.dur as number) - (a.dur as number))[0];
  if (!task) return 'the extension ran in no task';
  const inside = events
    .filter(isComplete)
    .filter((e) => e !== task && threadOf(e) === threadOf(task) && e.ts >= task.ts && endOf(e) <= endOf(task));
  // Direct children only (no event inside another listed one), biggest first.
  const top = inside.filter(
    (e) =>
      !inside.some(
        (outer) =>
          outer !== e && outer.ts <= e.ts && endOf(outer) >= endOf(e) && (outer.dur as number) > (e.dur as number),
      ),
  );
  return top
    .sort((a, b) => (b.dur as number) - (a.dur as number))
    .slice(0, 5)
    .map(
      (e) =>
        `${e.name}${extensionFileOf(e, urlPrefix) ? ` ${extensionFileOf(e, urlPrefix)}` : ''} ${((e.dur as number) / 1000).toFixed(1)} ms`,
    )
    .join('; ');
}
