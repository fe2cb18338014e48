/**
 * Reading Chromium trace events (CDP Tracing): which main-thread time belongs to the extension.
 * Pure.
 *
 * Attribution: an event belongs to the extension when its script URL is the extension's
 * (EvaluateScript, FunctionCall, v8.compile, v8.run), when it is a `scheduler.yield()`
 * continuation (RunYieldContinuation: the benchmark pages run no script of their own, so only
 * Qingdu yields), when it is a call into the extension's isolated world (v8.callFunction with
 * its world's name), or when it is a microtask checkpoint (RunMicrotasks) inside a task in which
 * the extension ran, less the page's own scripts in it (promise continuations carry no URL; the
 * page's mutation observers run in the same checkpoint), and not in the parser's tasks.
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
  args?: { data?: { url?: string }; fileName?: string; worldName?: string };
}

const EXECUTION_EVENTS = new Set(['EvaluateScript', 'FunctionCall', 'v8.run']);
/** The scheduler's top-level task on a thread. */
export const TASK_EVENT = 'ThreadControllerImpl::RunTask';
/** Tasks Blink's scheduler runs itself (its task queues: `scheduler.postTask`, timers) are traced as this. */
const SCHEDULER_TASK_EVENT = 'RunTask';
const TASK_EVENTS = new Set([TASK_EVENT, SCHEDULER_TASK_EVENT]);
const YIELD_CONTINUATION = 'RunYieldContinuation';
const MICROTASKS = 'RunMicrotasks';
const PARSE_HTML = 'ParseHTML';
/** A call into V8 from Blink, with the world it runs in (`worldName`: the extension's name for its isolated world). */
const WORLD_CALL = 'v8.callFunction';

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

/** Events of one thread sorted by start, outer before inner at the same start. */
function byThread(events: readonly TraceEvent[]): Map<string, TraceEvent[]> {
  const threads = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const list = threads.get(threadOf(e));
    if (list) list.push(e);
    else threads.set(threadOf(e), [e]);
  }
  for (const list of threads.values()) list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  return threads;
}

/**
 * The innermost of `outers` (one thread, sorted by start) that contains `inner`, if any.
 * `disjoint`: the outers never overlap (top-level tasks), so only the last one starting before
 * `inner` can contain it.
 */
function findEnclosing(outers: readonly TraceEvent[], inner: TraceEvent, disjoint = false): TraceEvent | undefined {
  let low = 0;
  let high = outers.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((outers[middle] as TraceEvent).ts <= inner.ts) low = middle + 1;
    else high = middle;
  }
  for (let i = low - 1; i >= 0; i--) {
    const outer = outers[i] as TraceEvent;
    if (outer !== inner && endOf(outer) >= endOf(inner)) return outer;
    if (disjoint) break;
  }
  return undefined;
}

/**
 * The extension's spans and the tasks they ran in (see the attribution rules above). Calls into
 * the extension's isolated world count too (a `scheduler.postTask` callback carries no script
 * URL): the world is the one whose calls hold events with the extension's URLs.
 */
export function findExtensionWork(events: readonly TraceEvent[], urlPrefix: string): ExtensionWork {
  const complete = events.filter(isComplete);
  const withUrl = complete.filter((e) => hasUrl(e, urlPrefix));
  const worldCalls = byThread(complete.filter((e) => e.name === WORLD_CALL && e.args?.worldName !== undefined));
  const worlds = new Set<string>();
  for (const e of withUrl) {
    const call = findEnclosing(worldCalls.get(threadOf(e)) ?? [], e);
    if (call) worlds.add(`${call.pid}:${call.args?.worldName}`);
  }
  const direct = complete.filter(
    (e) =>
      hasUrl(e, urlPrefix) ||
      e.name === YIELD_CONTINUATION ||
      (e.name === WORLD_CALL && worlds.has(`${e.pid}:${e.args?.worldName}`)),
  );
  const threads = new Set(
    direct
      .filter((e) => EXECUTION_EVENTS.has(e.name) || e.name === YIELD_CONTINUATION || e.name === WORLD_CALL)
      .map(threadOf),
  );
  const onThreads = byThread(complete.filter((e) => threads.has(threadOf(e))));
  // Top-level tasks (a task inside another task is part of it), per thread.
  const taskLists = new Map<string, TraceEvent[]>();
  for (const [thread, list] of onThreads) {
    const top: TraceEvent[] = [];
    for (const e of list) {
      if (!TASK_EVENTS.has(e.name)) continue;
      const last = top[top.length - 1];
      if (last && e.ts < endOf(last)) continue;
      top.push(e);
    }
    taskLists.set(thread, top);
  }
  const taskOf = (e: TraceEvent) => findEnclosing(taskLists.get(threadOf(e)) ?? [], e, true);
  const tasks = new Set<TraceEvent>();
  for (const span of direct) {
    const task = threads.has(threadOf(span)) ? taskOf(span) : undefined;
    if (task) tasks.add(task);
  }
  // Microtasks are the extension's in tasks where it ran (its promise continuations carry no URL),
  // but not in the parser's tasks, and never the page's own scripts in them (its mutation
  // observers run in the checkpoint after Qingdu's writes): their time is cut out.
  const parserTasks = new Set<TraceEvent>();
  const pageScripts = new Map<string, TraceEvent[]>();
  for (const [thread, list] of onThreads) {
    const scripts: TraceEvent[] = [];
    for (const e of list) {
      if (e.name === PARSE_HTML) {
        const task = taskOf(e);
        if (task) parserTasks.add(task);
      } else if (isPageScript(e, urlPrefix, worlds)) scripts.push(e);
    }
    pageScripts.set(thread, scripts);
  }
  const microtasks: TraceEvent[] = [];
  for (const [thread, list] of onThreads) {
    for (const e of list) {
      if (e.name !== MICROTASKS) continue;
      const task = taskOf(e);
      if (!task || !tasks.has(task) || parserTasks.has(task)) continue;
      microtasks.push(...cutOut(e, pageScripts.get(thread) ?? []));
    }
  }
  return { spans: [...direct.filter((e) => threads.has(threadOf(e))), ...microtasks], tasks: [...tasks] };
}

/** A script of the page's own: with a URL that is not the extension's, or a call into another named world. */
function isPageScript(e: TraceEvent, urlPrefix: string, extensionWorlds: ReadonlySet<string>): boolean {
  if (EXECUTION_EVENTS.has(e.name)) return hasAnyUrl(e) && !hasUrl(e, urlPrefix);
  if (e.name !== WORLD_CALL) return false;
  // The page's main world is traced without a name.
  const world = e.args?.worldName;
  return world === undefined || world === '' || !extensionWorlds.has(`${e.pid}:${world}`);
}

/** `span` without the time of `holes` (one thread, sorted by start): the pieces left, as spans. */
function cutOut(span: TraceEvent, holes: readonly TraceEvent[]): TraceEvent[] {
  const pieces: TraceEvent[] = [];
  let from = span.ts;
  const end = endOf(span);
  for (const hole of holes) {
    if (endOf(hole) <= from || hole.ts >= end) continue;
    if (hole.ts > from) pieces.push({ ...span, ts: from, dur: hole.ts - from, tdur: undefined });
    from = Math.max(from, endOf(hole));
  }
  if (from < end) pieces.push({ ...span, ts: from, dur: end - from, tdur: from === span.ts ? span.tdur : undefined });
  return pieces;
}

function hasAnyUrl(e: TraceEvent): boolean {
  return (e.args?.data?.url ?? e.args?.fileName ?? '') !== '';
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

/** A top-level task in which the extension ran: its length and the extension's own time in it (ms). */
export interface ExtensionTask {
  task: TraceEvent;
  taskMs: number;
  extensionMs: number;
}

/** Every top-level task in which the extension ran, with the extension's own time in each. */
export function listExtensionTasks(events: readonly TraceEvent[], urlPrefix: string): ExtensionTask[] {
  const { spans, tasks } = findExtensionWork(events, urlPrefix);
  const taskLists = byThread(tasks);
  const inside = new Map<TraceEvent, TraceEvent[]>();
  for (const span of spans) {
    const task = findEnclosing(taskLists.get(threadOf(span)) ?? [], span, true);
    if (!task) continue;
    const list = inside.get(task);
    if (list) list.push(span);
    else inside.set(task, [span]);
  }
  return tasks.map((task) => ({
    task,
    taskMs: (task.dur as number) / 1000,
    extensionMs: unionMs(inside.get(task) ?? []),
  }));
}

/** Wall time covered by `spans` (one thread), nested and overlapping ones counted once, in ms. */
function unionMs(spans: readonly TraceEvent[]): number {
  let total = 0;
  let end = Number.NEGATIVE_INFINITY;
  for (const span of [...spans].sort((a, b) => a.ts - b.ts)) {
    const spanEnd = endOf(span);
    if (span.ts >= end) total += span.dur as number;
    else if (spanEnd > end) total += spanEnd - end;
    end = Math.max(end, spanEnd);
  }
  return total / 1000;
}

/**
 * The longest task the extension is answerable for, in ms (0 when it never ran). A task that is
 * mostly the extension's own work counts whole, with the garbage collection, style and layout in
 * it. A task of the page's own in which the extension merely ran a moment (the parser's last task,
 * where DOMContentLoaded fires and the sentinel's listener runs) counts for the extension's time in
 * it only: the rest would be as long without Qingdu.
 */
export function findLongestExtensionTask(events: readonly TraceEvent[], urlPrefix: string): number {
  return Math.max(0, ...listExtensionTasks(events, urlPrefix).map(answerableMs));
}

/** A task whose extension time is at least this share of it is the extension's task. */
const OWN_TASK_SHARE = 0.5;

function answerableMs({ taskMs, extensionMs }: ExtensionTask): number {
  return extensionMs >= taskMs * OWN_TASK_SHARE ? taskMs : extensionMs;
}

/** The longest top-level task holding any of the extension's work, whoever else ran in it, in ms. */
export function findLongestTaskHoldingExtension(events: readonly TraceEvent[], urlPrefix: string): number {
  return Math.max(0, ...listExtensionTasks(events, urlPrefix).map((t) => t.taskMs));
}

/** The file an event's script URL names inside the extension (`sentinel.js`), or '' for none. */
function extensionFileOf(e: TraceEvent, urlPrefix: string): string {
  const url = e.args?.data?.url ?? e.args?.fileName ?? '';
  return url.startsWith(urlPrefix) ? url.slice(urlPrefix.length) : '';
}

/**
 * Where the extension's main-thread time goes, by phase: the sentinel's evaluation (compile and
 * run of its top level at document_start), its first look at the page (reading and scanning its
 * text, after DOMContentLoaded), everything else it did (its listener, the background's answer,
 * new content), and the time of the tasks of each other script of the extension (the page
 * pipeline, an aid's code), in ms.
 */
export function splitExtensionTime(events: readonly TraceEvent[], urlPrefix: string): Record<string, number> {
  const { spans } = findExtensionWork(events, urlPrefix);
  const tasks = listExtensionTasks(events, urlPrefix).sort((a, b) => a.task.ts - b.task.ts);
  const taskLists = byThread(tasks.map((t) => t.task));
  // Per task: the extension's files it ran code of (a call into the isolated world names none).
  const files = new Map<TraceEvent, Set<string>>();
  for (const span of spans) {
    const file = extensionFileOf(span, urlPrefix);
    const task = file ? findEnclosing(taskLists.get(threadOf(span)) ?? [], span, true) : undefined;
    if (!task) continue;
    const set = files.get(task) ?? new Set<string>();
    set.add(file);
    files.set(task, set);
  }
  const evaluation = spans.filter(
    (e) => extensionFileOf(e, urlPrefix) === 'sentinel.js' && (e.name === 'EvaluateScript' || e.name === 'v8.compile'),
  );
  const phases: Record<string, number> = { 'sentinel evaluation': unionMs(evaluation) };
  // Tasks of the sentinel alone (no other file of the extension ran in them): its evaluation at
  // document_start, then the longest is its first look (reading and scanning the page's text), the
  // rest its DOMContentLoaded listener, the background's answer and its looks at new content.
  const sentinelTasks = tasks.filter((t) => [...(files.get(t.task) ?? [])].every((file) => file === 'sentinel.js'));
  const evaluationTasks = new Set(
    evaluation.map((e) => findEnclosing(taskLists.get(threadOf(e)) ?? [], e, true)).filter(Boolean),
  );
  const afterEvaluation = sentinelTasks.filter((t) => !evaluationTasks.has(t.task));
  const look = afterEvaluation.reduce<ExtensionTask | undefined>(
    (longest, t) => (!longest || t.extensionMs > longest.extensionMs ? t : longest),
    undefined,
  );
  phases['sentinel first look (read + scan)'] = look?.extensionMs ?? 0;
  phases['sentinel otherwise (DOMContentLoaded, answer, new content)'] = afterEvaluation
    .filter((t) => t !== look)
    .reduce((sum, t) => sum + t.extensionMs, 0);
  const others = new Set(
    events
      .filter(isComplete)
      .map((e) => extensionFileOf(e, urlPrefix))
      .filter((file) => file && file !== 'sentinel.js'),
  );
  for (const file of others) {
    phases[file] = tasks.filter((t) => files.get(t.task)?.has(file)).reduce((sum, t) => sum + t.extensionMs, 0);
  }
  return phases;
}

/** What filled the longest task the extension is answerable for: its biggest events, by name and script. */
export function describeLongestExtensionTask(events: readonly TraceEvent[], urlPrefix: string): string {
  const longest = listExtensionTasks(events, urlPrefix).sort((a, b) => answerableMs(b) - answerableMs(a))[0];
  if (!longest) return 'the extension ran in no task';
  const { task } = longest;
  const within = (outer: TraceEvent) =>
    events
      .filter(isComplete)
      .filter((e) => e !== outer && threadOf(e) === threadOf(outer) && e.ts >= outer.ts && endOf(e) <= endOf(outer));
  // Direct children only (no event inside another listed one), biggest first; through wrappers
  // that fill the task (a message, a microtask checkpoint) down to where the time splits.
  const childrenOf = (outer: TraceEvent) => {
    const inside = within(outer);
    return inside.filter(
      (e) =>
        !inside.some(
          (other) =>
            other !== e && other.ts <= e.ts && endOf(other) >= endOf(e) && (other.dur as number) > (e.dur as number),
        ),
    );
  };
  let top = childrenOf(task);
  for (let depth = 0; depth < 8 && top.length > 0; depth++) {
    const biggest = top.reduce((a, b) => ((b.dur as number) > (a.dur as number) ? b : a));
    if ((biggest.dur as number) < (task.dur as number) * 0.9) break;
    const next = childrenOf(biggest);
    if (next.length === 0) break;
    top = [biggest, ...next];
  }
  const whose =
    answerableMs(longest) === longest.taskMs
      ? "Qingdu's own task"
      : `a task of the page's, Qingdu's part ${longest.extensionMs.toFixed(1)} ms of ${longest.taskMs.toFixed(0)} ms`;
  return `${whose}: ${top
    .sort((a, b) => (b.dur as number) - (a.dur as number))
    .slice(0, 5)
    .map(
      (e) =>
        `${e.name}${extensionFileOf(e, urlPrefix) ? ` ${extensionFileOf(e, urlPrefix)}` : ''} ${((e.dur as number) / 1000).toFixed(1)} ms`,
    )
    .join('; ')}`;
}
