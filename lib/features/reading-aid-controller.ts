/**
 * The content script's side of the reading aids: which are on in this frame, with which
 * options, loading an aid's code the first time it is turned on. Lives in the always-injected
 * content script, so it holds no aid code itself (see reading-aid.ts).
 */
import { FEATURE_STATE_ATTRIBUTES, type PageFeatureName } from '@/lib/dom/markers';
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

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Resolves once `feature` has no pending work in `doc` (its state marker on `<html>` is not `working`). */
function waitForFeatureIdle(doc: Document, feature: PageFeatureName): Promise<void> {
  const root = doc.documentElement;
  const name = FEATURE_STATE_ATTRIBUTES[feature];
  if (root?.getAttribute(name) !== 'working') return Promise.resolve();
  return new Promise((resolve) => {
    const View = doc.defaultView?.MutationObserver ?? MutationObserver;
    const observer = new View(() => {
      if (root.getAttribute(name) === 'working') return;
      observer.disconnect();
      resolve();
    });
    observer.observe(root, { attributes: true, attributeFilter: [name] });
  });
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
    // Pinyin annotates the text conversion leaves: let conversion finish what it has started.
    if (name === 'pinyin' && slots.conversion.running) await waitForFeatureIdle(doc, 'conversion');
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

  /**
   * Conversion rewrites the text pinyin annotates, so the two never work on the page at once:
   * pinyin is lifted off while conversion switches, and put back on top once conversion is done.
   * (Pinyin's ruby is Qingdu's own markup, which conversion never reads; and conversion must
   * restore its text nodes while they are still in the page.)
   */
  async function switchUnderPinyin(change: () => Promise<void>): Promise<void> {
    const pinyin = slots.pinyin;
    const lifted = pinyin.running !== undefined;
    if (lifted) stopRunning(pinyin);
    try {
      await change();
    } finally {
      if (lifted) {
        try {
          await startAid('pinyin', pinyin);
        } catch (error) {
          pinyin.error = describeError(error);
        }
      }
    }
  }

  async function apply<N extends ReadingAidName>(
    name: N,
    enabled: boolean | 'toggle',
    options?: ReadingAidOptionsMap[N],
  ) {
    const slot = slots[name] as Slot<N>;
    // A conversion switch also waits for (and holds up) pinyin's switches: see switchUnderPinyin.
    const after = name === 'conversion' ? Promise.all([slot.queue, slots.pinyin.queue]) : slot.queue;
    const step = after.then(async () => {
      slot.error = undefined;
      if (options) slot.options = options;
      // A toggle is decided when its turn comes, so two quick presses cancel out.
      const on = enabled === 'toggle' ? slot.running === undefined : enabled;
      const running = slot.running;
      let change: (() => Promise<void>) | undefined;
      if (!on) {
        if (running) change = async () => stopRunning(slot);
      } else if (!running) {
        change = () => startAid(name, slot);
      } else if (!sameOptions(running.options, slot.options)) {
        change = async () => {
          running.options = slot.options;
          await running.aid.update(slot.options);
        };
      }
      if (!change) return;
      try {
        await (name === 'conversion' ? switchUnderPinyin(change) : change());
      } catch (error) {
        slot.error = describeError(error);
      }
    });
    slot.queue = step;
    if (name === 'conversion') slots.pinyin.queue = step;
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
      // Pinyin first: it sits on top of converted text (see switchUnderPinyin).
      stopRunning(slots.pinyin);
      stopRunning(slots.conversion);
    },
  };
}
