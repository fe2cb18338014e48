/**
 * The content script's side of the reading aids: which are on in this frame, with which
 * options, loading an aid's code the first time it is turned on. Lives in the always-injected
 * content script, so it holds no aid code itself (see reading-aid.ts).
 */
import type { ReadingAidRequest, ReadingAidStatus, ReadingAidsStatus } from '@/lib/messaging';
import {
  DEFAULT_READING_AID_OPTIONS,
  findReadingAid,
  READING_AID_NAMES,
  type ReadingAid,
  type ReadingAidName,
  type ReadingAidOptionsMap,
} from './reading-aid';

interface Running<N extends ReadingAidName> {
  aid: ReadingAid<ReadingAidOptionsMap[N]>;
  abort: AbortController;
  /** What it was last started or updated with. */
  options: ReadingAidOptionsMap[N];
}

interface Slot<N extends ReadingAidName> {
  options: ReadingAidOptionsMap[N];
  running?: Running<N>;
  error?: string;
  /** Switches of one aid run one after another, so quick clicks never interleave. */
  queue: Promise<unknown>;
}

/** Options are small plain data (from the settings or a message): compare them by value. */
function sameOptions(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export interface ReadingAidController {
  getStatus(): ReadingAidsStatus;
  set(request: ReadingAidRequest): Promise<ReadingAidsStatus>;
  toggle(name: ReadingAidName): Promise<ReadingAidsStatus>;
  /** Set the options an aid runs with (from the settings); a running aid switches to them. */
  configure<N extends ReadingAidName>(name: N, options: ReadingAidOptionsMap[N]): void;
  /** Stop every aid and restore the page (the extension is going away). */
  stopAll(): void;
}

/**
 * @param loadAid makes sure the aid's code has registered itself in this world (asks the
 *   background to inject it); resolves once it has, rejects if it could not.
 */
export function createReadingAidController(
  doc: Document,
  loadAid: (name: ReadingAidName) => Promise<void>,
): ReadingAidController {
  const slots: { [N in ReadingAidName]: Slot<N> } = {
    pinyin: { options: DEFAULT_READING_AID_OPTIONS.pinyin, queue: Promise.resolve() },
    conversion: { options: DEFAULT_READING_AID_OPTIONS.conversion, queue: Promise.resolve() },
  };

  function getStatus(): ReadingAidsStatus {
    const status = {} as Record<ReadingAidName, ReadingAidStatus<ReadingAidName>>;
    for (const name of READING_AID_NAMES) {
      const slot = slots[name] as Slot<ReadingAidName>;
      status[name] = { enabled: slot.running !== undefined, options: slot.options, error: slot.error };
    }
    return status as ReadingAidsStatus;
  }

  async function startAid<N extends ReadingAidName>(name: N, slot: Slot<N>): Promise<void> {
    let factory = findReadingAid(name);
    if (!factory) {
      await loadAid(name);
      factory = findReadingAid(name);
    }
    if (!factory) throw new Error(`The ${name} code did not load.`);
    const running: Running<N> = { aid: factory(), abort: new AbortController(), options: slot.options };
    slot.running = running;
    try {
      await running.aid.start(doc, running.options, running.abort.signal);
    } catch (error) {
      stopRunning(slot);
      throw error;
    }
  }

  function stopRunning<N extends ReadingAidName>(slot: Slot<N>): void {
    const running = slot.running;
    if (!running) return;
    slot.running = undefined;
    running.abort.abort();
    running.aid.stop();
  }

  async function apply<N extends ReadingAidName>(
    name: N,
    enabled: boolean | 'toggle',
    options?: ReadingAidOptionsMap[N],
  ) {
    const slot = slots[name] as Slot<N>;
    const step = slot.queue.then(async () => {
      slot.error = undefined;
      if (options) slot.options = options;
      // A toggle is decided when its turn comes, so two quick presses cancel out.
      const on = enabled === 'toggle' ? slot.running === undefined : enabled;
      try {
        if (!on) stopRunning(slot);
        else if (slot.running) {
          if (sameOptions(slot.running.options, slot.options)) return;
          slot.running.options = slot.options;
          await slot.running.aid.update(slot.options);
        } else await startAid(name, slot);
      } catch (error) {
        slot.error = error instanceof Error ? error.message : String(error);
      }
    });
    slot.queue = step;
    await step;
    return getStatus();
  }

  return {
    getStatus,
    set: (request) => apply(request.name, request.enabled, request.options as never),
    toggle: (name) => apply(name, 'toggle'),
    configure(name, options) {
      const slot = slots[name] as Slot<typeof name>;
      if (sameOptions(slot.options, options)) return;
      slot.options = options;
      if (slot.running) void apply(name, true);
    },
    stopAll() {
      for (const name of READING_AID_NAMES) stopRunning(slots[name] as Slot<ReadingAidName>);
    },
  };
}
