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
  renderer: 'ours' | 'stock';
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
  /** Event Timing entries (durationThreshold 16). */
  events: EventEntry[];
  longtasks: { startTime: number; duration: number }[];
  error: string | undefined;
}

export const BENCH_GLOBAL = '__regformsBench';
