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
