/*
 * CSV import speed on the largest registration type (angio/hospitalisation-ffr-pci): the full
 * pipeline (importCsv: decode → parse → cells by type → computed fields and hidden-field
 * pruning → the form's validator → lifecycle into a MemoryStore, with the report) beside a
 * baseline run in the same process on the same file. Two files of ~6 MB: all valid, and 5 %
 * invalid. The pipeline is timed as `regforms csv import` and the studio run it (every stage on
 * one thread; the floors are judged on this one), and with its rows checked on row threads,
 * one per core (@regforms/csv/threads, started before the timed runs, as a long-running
 * process keeps them).
 *
 * What the baseline does, exactly: decode the same bytes (TextDecoder), parse them with the
 * same parser layer (parseRows: papaparse in step mode, the separator found by
 * detectSeparator), and for every data row call one ajv validator compiled by createAjv()
 * (the options createValidator uses) on that row's registration data as the generator made it
 * (file.rows[i]: the values the row's cells hold, already typed). It builds no data from the
 * cells and runs no cross-field checks, computed fields, pruning, lifecycle, store or report.
 *
 * Floors: pipeline ≥ 0.8× the baseline's rows/s, and the 6 MB file imported in under 2 s.
 * Runs of the baseline and the pipeline alternate, so a load that comes and goes on a shared
 * machine weighs on both; the wall-time ratio is the floor, the CPU-time ratio beside it is
 * a cross-check that other processes disturb less.
 * Hostile files (a header of 10,000+ columns, 1,600 unknown columns) are timed last, with a
 * CPU-time bound.
 * Run: pnpm bench:csv (BENCH_RUNS=n, default 5)
 */
import { availableParallelism, loadavg } from 'node:os';
import { detectSeparator, importCsv, parseRows, readCsv } from '@regforms/csv';
import { rowThreads } from '@regforms/csv/threads';
import { createRegistration, MemoryStore, normalise } from '@regforms/registrations';
import { createAjv, createValidator, mostRecent } from '@regforms/runtime';
import { sampleCsv } from '../support/sample-csv.ts';
import { compileDir, DEFINITIONS } from '../support.ts';
import { median, timeAsync } from './timing.ts';

const compiled = compileDir(DEFINITIONS);
const type = compiled.definitions.registries
  .find((r) => r.id === 'angio')!
  .registrationTypes.find((t) => t.id === 'hospitalisation-ffr-pci')!;
const form = compiled.forms.find(
  (f) => f.meta.registrationType === type.id && f.meta.version === mostRecent(type.versions)!.version,
)!;
const runs = Number(process.env.BENCH_RUNS ?? 5);
const MB = 6 * 1024 * 1024;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Median wall and CPU time (ms) of several functions after one warm-up call each (JIT,
 * compiled validators), run in turn in every round (a, b, a, b, …).
 */
async function timeAlternating(fns: (() => unknown)[], n: number): Promise<{ wall: number; cpu: number }[]> {
  for (const fn of fns) await fn();
  const out = fns.map(() => ({ wall: [] as number[], cpu: [] as number[] }));
  for (let i = 0; i < n; i++)
    for (const [k, fn] of fns.entries()) {
      const t0 = performance.now();
      const c0 = cpuMs();
      await fn();
      out[k]!.cpu.push(cpuMs() - c0);
      out[k]!.wall.push(performance.now() - t0);
    }
  return out.map((o) => ({ wall: median(o.wall), cpu: median(o.cpu) }));
}

// Both pipelines run in the same process, so the ratio holds on a busy machine; the
// absolute times (the 2 s floor) do not: say how busy it is.
const load = loadavg()[0]!;
const cores = availableParallelism();
console.log(
  `load average ${load.toFixed(1)} on ${cores} cores${load > cores ? ' — the machine is busy: absolute times are inflated' : ''}`,
);

// Row threads as a long-running process keeps them: one per core, started by the warm-up run.
const threads = rowThreads(cores);
let failed = false;
for (const [label, invalidShare] of [
  ['valid', 0],
  ['5 % invalid', 0.05],
] as const) {
  const t0 = performance.now();
  const file = sampleCsv(form, { bytes: MB, seed: invalidShare ? 2 : 1, invalidShare });
  const bytes = new TextEncoder().encode(file.text);
  const genMs = performance.now() - t0;
  const rows = file.rows.length;

  // Baseline: the same decoding and parser, and one ajv-compiled validator per row (see above).
  const validate = createAjv().compile(form.schema);
  const baseline = () => {
    const text = new TextDecoder().decode(bytes);
    let i = -1;
    let errors = 0;
    parseRows(text, {
      separator: detectSeparator(text).separator,
      onRow: () => {
        if (i >= 0 && !validate(file.rows[i])) errors++;
        i++;
        return undefined;
      },
    });
    return errors;
  };
  let last: Awaited<ReturnType<typeof importCsv>> | undefined;
  const pipeline = async () => {
    last = await importCsv(form, bytes, { store: new MemoryStore(), lang: 'en' });
  };
  const threaded = async () => {
    await importCsv(form, bytes, { store: new MemoryStore(), lang: 'en', threads });
  };
  // The baseline's own validator alone on the same rows, in the same rounds: how much of the
  // baseline is ajv, and so how little the floor leaves for everything else the pipeline does.
  const ajvOnly = () => {
    for (const data of file.rows) validate(data);
  };
  const [baselineT, pipelineT, threadedT, ajvT] = await timeAlternating(
    [baseline, pipeline, threaded, ajvOnly],
    runs,
  );
  const ajvMs = ajvT!.wall;
  const baselineMs = baselineT!.wall;
  const pipelineMs = pipelineT!.wall;
  // Where the pipeline's time goes: each stage alone on the same rows, in the same run.
  const readMs = await timeAsync(() => readCsv(form, bytes), runs);
  const normaliseMs = await timeAsync(() => {
    for (const data of file.rows) normalise(form, data);
  }, runs);
  const validator = createValidator(form);
  const validateMs = await timeAsync(() => {
    for (const data of file.rows) validator.validate(data, 'en');
  }, runs);
  const storeMs = await timeAsync(async () => {
    const store = new MemoryStore();
    for (const data of file.rows) await store.put(createRegistration(form, { data }));
  }, runs);
  const t = last!.totals;
  const ratio = baselineMs / pipelineMs;
  const cpuRatio = baselineT!.cpu / pipelineT!.cpu;
  const underTwo = pipelineMs < 2000;
  console.log(
    `${label}: ${(bytes.length / 1024 / 1024).toFixed(2)} MB, ${rows} rows × ${form.csv.columns.length} columns (generated in ${(genMs / 1000).toFixed(1)} s)`,
  );
  console.log(
    `  import pipeline: ${pipelineMs.toFixed(0)} ms, ${Math.round((rows / pipelineMs) * 1000)} rows/s (${t.sent} sent, ${t.rejected} rejected; median of ${runs})`,
  );
  console.log(
    `  the same with its rows checked on ${threads.size} row threads: ${threadedT!.wall.toFixed(0)} ms, ${Math.round((rows / threadedT!.wall) * 1000)} rows/s, ratio ${(baselineMs / threadedT!.wall).toFixed(2)}×, ${(pipelineMs / threadedT!.wall).toFixed(2)}× the speed of one thread`,
  );
  console.log(
    `  baseline (papaparse + one ajv validator): ${baselineMs.toFixed(0)} ms, ${Math.round((rows / baselineMs) * 1000)} rows/s`,
  );
  console.log(
    `  ratio pipeline / baseline rows/s: ${ratio.toFixed(2)}× (floor ≥ 0.80×) ${ratio >= 0.8 ? 'OK' : 'BELOW FLOOR'}; 6 MB in ${(pipelineMs / 1000).toFixed(2)} s (floor < 2 s) ${underTwo ? 'OK' : 'ABOVE FLOOR'}`,
  );
  console.log(
    `  CPU time (every thread): pipeline ${pipelineT!.cpu.toFixed(0)} ms (${threadedT!.cpu.toFixed(0)} ms with row threads), baseline ${baselineT!.cpu.toFixed(0)} ms, ratio ${cpuRatio.toFixed(2)}× (cross-check; load average now ${loadavg()[0]!.toFixed(1)})`,
  );
  console.log(
    `  stages alone: read + cells by type ${readMs.toFixed(0)} ms; computed fields + hidden-field pruning ${normaliseMs.toFixed(0)} ms; form validator (ajv + cross-field checks) ${validateMs.toFixed(0)} ms; new registration + MemoryStore.put ${storeMs.toFixed(0)} ms`,
  );
  console.log(
    `  the floor allows the pipeline ${(baselineMs / 0.8).toFixed(0)} ms; the baseline's ajv alone takes ${ajvMs.toFixed(0)} ms of the baseline's ${baselineMs.toFixed(0)} (${Math.round((100 * ajvMs) / baselineMs)} %), leaving ${(baselineMs / 0.8 - ajvMs).toFixed(0)} ms for reading cells, computing, pruning, cross-field checks, lifecycle and store`,
  );
  if (t.rejected !== file.invalid.length || t.sent + t.rejected + t.replaced !== rows) {
    console.log(
      `  outcomes do not match the file: ${JSON.stringify(t)}, ${file.invalid.length} rows made invalid`,
    );
    failed = true;
  }
  if (ratio < 0.8 || !underTwo) failed = true;
}
await threads.close();

/*
 * Hostile files: CPU time is bounded by the limits of header.ts, not by the file. A header of
 * 10,050 columns × 200 rows is refused at the header; 1,600 unknown columns × 200 rows (under
 * the column limit) are read, said in 51 issues. Bound: each under 1 s of CPU time (a few
 * hundred ms here; it was 219 s before the header's work was bounded).
 */
const HOSTILE_CPU_MS = 1000;
for (const [label, extra] of [
  ['10,050 columns (refused at the header)', 10_050 - form.csv.columns.length - 1],
  ['1,600 unknown columns (read)', 1_600],
] as const) {
  const header = [...form.csv.columns.map((c) => c.column), 'STATUS'];
  const junk = Array.from({ length: extra }, (_, i) => `JUNK_COLUMN_${i}`);
  const row = [...header.map(() => ''), ...junk.map(() => 'x')].join(';');
  const text = [[...header, ...junk].join(';'), ...Array.from({ length: 200 }, () => row)].join('\n');
  const bytes = new TextEncoder().encode(text);
  let report: Awaited<ReturnType<typeof importCsv>> | undefined;
  const [t] = await timeAlternating(
    [
      async () => {
        report = await importCsv(form, bytes, { store: new MemoryStore(), lang: 'en' });
      },
    ],
    runs,
  );
  const ok = t!.cpu < HOSTILE_CPU_MS;
  console.log(
    `hostile, ${label}: ${(bytes.length / 1024 / 1024).toFixed(1)} MB, 200 rows: ${t!.cpu.toFixed(0)} ms CPU, ${t!.wall.toFixed(0)} ms wall (bound < ${HOSTILE_CPU_MS} ms CPU) ${ok ? 'OK' : 'ABOVE BOUND'}; ${report!.issues.length} file issues, report ${(JSON.stringify(report).length / 1024).toFixed(0)} KB`,
  );
  if (!ok) failed = true;
}
if (failed) process.exitCode = 1;
