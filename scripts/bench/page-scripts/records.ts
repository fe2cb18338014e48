/** What the page scripts record, shared by the injected scripts and the Node side that reads them. */

export interface StateMark {
  /** The attribute on <html>, e.g. `data-qingdu-fix`. */
  name: string;
  /** Its value from this moment on (null: removed). */
  value: string | null;
  t: number;
  /** For a reading aid's `idle`: when the page had been laid out with the result (forced at once). */
  laidOutAt?: number;
}

export interface BenchRecord {
  dcl: number | null;
  marks: StateMark[];
  longtasks: { start: number; duration: number }[];
  firstVisibleRubyAt: number | null;
  naive?: { start: number; end: number; changedNodes: number };
}

export interface BaselineRun {
  ms: number;
  changedNodes: number;
}

declare global {
  interface Window {
    __qingduBench?: BenchRecord;
    __qingduBaselines?: {
      pinyin?: () => BaselineRun;
      convert?: () => BaselineRun;
    };
  }
}
