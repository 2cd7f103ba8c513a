/*
 * What the benchmark page records and the benchmark script reads back through
 * `window.__regformsBench` (shared types, so page and script cannot drift apart).
 */

/** One Event Timing entry of a keystroke event (only entries of ≥ 16 ms are ever reported). */
export interface EventEntry {
  name: string;
  startTime: number;
  duration: number;
}

/** The page's recordings; times are page `performance.now()` milliseconds. */
export interface BenchRecord {
  renderer: 'ours' | 'stock' | 'bare';
  /** Just before `createRoot().render`. */
  mountStart: number;
  /** The first paint after the mount commit (layout effect → rAF → next task). */
  mountEnd: number | undefined;
  /** Changes reaching JSON Forms' onChange with new data (the initial onChange excluded). */
  commits: number[];
  /** The data of the last commit. */
  lastData: Record<string, unknown>;
  /** event.timeStamp of every keydown (window, capture phase). */
  keydowns: number[];
  /** keydown → first task after the next rAF (≈ next paint), per keydown, same order. */
  probe: number[];
  /**
   * The keystroke's input event → the first task after it, per keydown (same order as
   * `keydowns`): the main-thread work of a keystroke (handlers, React's synchronous re-render,
   * and whatever the browser runs before the next task, e.g. style and layout), without the
   * browser's routing of the key and the wait for the display's next frame.
   */
  handled: number[];
  /** Event Timing entries (durationThreshold 16). */
  events: EventEntry[];
  longtasks: { startTime: number; duration: number }[];
  error: string | undefined;
}

export const BENCH_GLOBAL = '__regformsBench';
