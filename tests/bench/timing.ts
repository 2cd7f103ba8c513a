/* Timing helpers shared by the benchmarks: a median of runs after one warm-up run. */

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median wall time (ms) of `runs` calls of `fn`, after one warm-up call (JIT, module caches). */
export function time(fn: () => void, runs: number): number {
  fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return median(out);
}

/** The same for an asynchronous `fn`. */
export async function timeAsync(fn: () => unknown, runs: number): Promise<number> {
  await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return median(out);
}
