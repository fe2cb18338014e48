/** What the page scripts record, shared by the injected scripts and the Node side that reads them. */

/** Qingdu's writes, as the page sees them (the bench pages run no script of their own after load). */
export interface WriteRecord {
  /** Mutation records seen (text, nodes added or removed, attributes). */
  count: number;
  /** When the first and the last batch of records arrived. */
  firstAt: number | null;
  lastAt: number | null;
  /** After the last batch: when the page had been laid out with it (forced in the next frame). */
  laidOutAt: number | null;
}

export interface ScrollProbe {
  /** When the page was scrolled. */
  scrolledAt: number;
  /** When a <rt> was first laid out inside the viewport after the scroll (null while none is). */
  rubyAt: number | null;
  /** Frames drawn in between without one. */
  blankFrames: number;
}

export interface BenchRecord {
  dcl: number | null;
  writes: WriteRecord;
  longtasks: { start: number; duration: number }[];
  firstVisibleRubyAt: number | null;
  naive?: { start: number; end: number; changedNodes: number };
  scroll?: ScrollProbe;
}

export interface BaselineRun {
  ms: number;
  changedNodes: number;
}

declare global {
  interface Window {
    __qingduBench?: BenchRecord & {
      /** Forget the writes seen so far (before switching something on). */
      resetWrites(): void;
      /** Scroll to `y` and watch for readings to appear in the viewport. */
      probeScroll(y: number): void;
    };
    __qingduBaselines?: {
      pinyin?: () => BaselineRun;
      convert?: () => BaselineRun;
    };
  }
}
