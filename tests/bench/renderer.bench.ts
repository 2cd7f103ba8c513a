/*
 * Renderer speed, side by side in one run of headless Chromium, alternating runs: the
 * <regforms-form first-paint> element as a portal loads it (one script, the form.json, its
 * validators.js and its first paint, first-paint.fr.html) against stock <JsonForms> with
 * materialRenderers, materialCells and default options on the same compiled form, built by
 * Vite in production; on the largest real registration type and a synthetic 1,000-field
 * definition. Then the bundle sizes, and the studio's first screen after `pnpm start`.
 *
 * Run: pnpm bench:renderer   (BENCH_RUNS=n rounds, default 5: a median of five pages per figure
 *      holds when one or two are slowed by the machine; BENCH_FORMS=real or synthetic for one
 *      form; BENCH_BUNDLE=0 skips the bundle sizes, BENCH_STUDIO=0 the studio,
 *      BENCH_BREAKDOWN=0 the traced breakdown)
 *
 * Definitions (the same for both sides, measured in a fresh page each):
 * - mount: navigation start → the first frame painted after the first <input> is in the
 *   document (a MutationObserver installed before any script of the page, then rAF and the
 *   next task). Ours: the first paint, typeable (what is typed in it is carried over); stock:
 *   loading the script, fetching the form, compiling validators, the first render.
 * - live: navigation start → the first frame after the form's own code runs (ours: the
 *   element's regforms-ready, React has taken the first paint over; stock: the mount).
 * - JS heap after live: JSHeapUsedSize (CDP Performance.getMetrics) after a forced GC.
 *   Typing starts once the form is live too.
 * - task time and script time per key: deltas of CDP Performance.getMetrics TaskDuration and
 *   ScriptDuration from just before the first key to 1.5 s after the last one (past every
 *   debounce and autosave), divided by the keys. Keys are sent through CDP on a fixed schedule
 *   without waiting for the page, as a person types: continuous (80 ms per key) and a typist
 *   who pauses (450 ms per key), ≥ 40 keys each.
 * - the browser alone: the same typing into a page of PLAIN_INPUTS labelled inputs with no
 *   script and no style (plain.html), in the same runs, alternating with the two sides: what
 *   Chromium itself spends per key on this machine (input events, editing, autofill, frames),
 *   which no form can go below; printed beside each form's figures.
 * - keystroke → next paint p95: Event Timing (entries of ≥ 16 ms only; a keystroke without one
 *   counts as "<16").
 * - where the time per key goes: after the measured runs, one more page per side and way of
 *   typing, traced (Chromium's devtools.timeline), the renderer main thread's self time per
 *   trace event (script, style, layout, paint, GC…) divided by the keys. Tracing slows the page
 *   a little, so these pages are not among the measured ones.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { compileDefinitions, validatorsModule } from '@regforms/compiler';
import { readDefinitionFiles } from '@regforms/compiler/node';
import { formatDiagnostics, hasErrors } from '@regforms/definition';
import type { CompiledForm } from '@regforms/runtime';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { preview } from 'vite';
import { writeFirstPaints } from '../../renderer/scripts/first-paints.ts';
import { launch } from '../e2e/browser.ts';
import { studioFirstPaint } from './studio-start.ts';
import { syntheticDefinitions } from './synthetic.ts';

const root = join(import.meta.dirname, '..', '..');
const rendererDir = join(root, 'renderer');
const vite = join(rendererDir, 'node_modules', 'vite', 'bin', 'vite.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SIDES = ['ours', 'stock'] as const;
type Side = (typeof SIDES)[number];
const MODES = [
  { id: 'continuous', label: 'continuous typing', interval: 80, keys: 48 },
  { id: 'pauses', label: 'typing with pauses', interval: 450, keys: 40 },
] as const;
type Mode = (typeof MODES)[number];
const SETTLE_MS = 1500;
/** Event Timing's smallest reported duration; a keystroke without an entry is below it. */
const THRESHOLD = 16;
const BELOW = -1;

interface BenchForm {
  id: string;
  title: string;
  form: CompiledForm;
  /** The technical name of the text field typed into, in the first section. */
  field: string;
}

interface Typing {
  taskMsPerKey: number[];
  scriptMsPerKey: number[];
  /** Event Timing per keystroke, BELOW when under the threshold. */
  latency: number[];
  /** Did the typed text reach the input? */
  stored: boolean;
}

interface Result {
  mounts: number[];
  lives: number[];
  heapMiB: number[];
  typing: Partial<Record<Mode['id'], Typing>>;
}

function viteBuild(args: string[], out: string): void {
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn', ...args], {
    cwd: rendererDir,
    env: { ...process.env, REGFORMS_OUT: out },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** The first free-text control of the first section, outside any repeat. */
function firstTextField(form: CompiledForm): string {
  interface El {
    type: string;
    scope?: string;
    options?: { fieldType?: string };
    elements?: El[];
  }
  const first = (form.uischema as unknown as El).elements?.[0];
  const walk = (el: El | undefined): string | undefined => {
    if (!el) return undefined;
    if (el.type === 'Control' && el.options?.fieldType === 'text' && el.scope?.startsWith('#/properties/'))
      return el.scope.slice('#/properties/'.length);
    if (el.type === 'Control') return undefined;
    for (const c of el.elements ?? []) {
      const found = walk(c);
      if (found) return found;
    }
    return undefined;
  };
  const name = walk(first);
  if (!name)
    throw new Error(`${form.meta.registrationType}: no text field in the first section to type into.`);
  return name;
}

function benchForms(): BenchForm[] {
  const real = compileDefinitions(readDefinitionFiles(join(root, 'definitions')));
  if (hasErrors(real.diagnostics)) throw new Error(formatDiagnostics(real.diagnostics));
  const published = real.forms.filter((f) => f.meta.status === 'published');
  const largest = published.reduce((a, b) => (b.logic.fields.length > a.logic.fields.length ? b : a));
  const synthetic = compileDefinitions(syntheticDefinitions(1000));
  if (hasErrors(synthetic.diagnostics) || !synthetic.forms[0])
    throw new Error(formatDiagnostics(synthetic.diagnostics));
  const only = process.env.BENCH_FORMS?.split(',');
  const forms = [
    { id: 'real', form: largest },
    { id: 'synthetic', form: synthetic.forms[0] },
  ].filter((f) => !only || only.includes(f.id));
  return forms.map(({ id, form }) => ({
    id,
    title: `${form.meta.registry}/${form.meta.registrationType}@${form.meta.version} (${form.logic.fields.length} fields)`,
    form,
    field: firstTextField(form),
  }));
}

/** What the probe installed before the page's scripts records (window.__bench). */
interface Probe {
  mounted?: number;
  live?: number;
  keydowns: number[];
  events: { name: string; startTime: number; duration: number }[];
}

/**
 * Runs in the page before any of its scripts: the mount time (first frame after the first
 * <input>), keydown times and Event Timing entries. The same for both sides. A string, not a
 * function: the TypeScript runner would add helpers to a function's text that the page lacks.
 */
const PROBE = `(() => {
  const probe = { keydowns: [], events: [] };
  window.__bench = probe;
  const observer = new MutationObserver(() => {
    if (!document.querySelector('input')) return;
    observer.disconnect();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { probe.mounted = performance.now(); };
    requestAnimationFrame(() => channel.port2.postMessage(null));
  });
  observer.observe(document, { childList: true, subtree: true });
  const framed = (then) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = then;
    channel.port2.postMessage(null);
  });
  document.addEventListener('regforms-ready', () => framed(() => { probe.live = performance.now(); }));
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) probe.events.push({ name: e.name, startTime: e.startTime, duration: e.duration });
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
  window.addEventListener('keydown', (e) => probe.keydowns.push(e.timeStamp), { capture: true });
})();`;

const probeOf = (page: Page) => page.evaluate(() => (window as unknown as { __bench: Probe }).__bench);

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

/** A fresh page on one form and side, once the form is live (its own code runs). */
async function openPage(
  browser: Browser,
  base: string,
  form: BenchForm,
  side: Side,
  trace?: Map<string, number>,
) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.addInitScript({ content: PROBE });
  if (trace) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  const url = `forms/${form.id}/form.json`;
  await page.goto(side === 'ours' ? `${base}element.html?form=${url}` : `${base}index.html?form=${url}`);
  await page
    .waitForFunction(
      (ours) => {
        const probe = (window as unknown as { __bench: Probe }).__bench;
        return probe.mounted !== undefined && (!ours || probe.live !== undefined);
      },
      side === 'ours',
      { timeout: 60_000 },
    )
    .catch(async () => {
      const error = await page.evaluate(
        () => document.body.dataset.error ?? (document.body.textContent ?? '').slice(0, 300),
      );
      throw new Error(`${form.id}/${side}: no input after 60 s (${[error, ...problems].join('; ')})`);
    });
  if (problems.length) throw new Error(`${form.id}/${side}: ${problems.join('; ')}`);
  if (trace) for (const [name, ms] of selfTimes(await browser.stopTracing())) trace.set(name, ms);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const probe = await probeOf(page);
  return { context, page, cdp, mountMs: probe.mounted!, liveMs: probe.live ?? probe.mounted! };
}

/** Inputs on the browser-alone page: about as many as a long section shows. */
const PLAIN_INPUTS = 40;
const PLAIN_FIELD = 'P0';

/** The browser-alone page: labelled inputs, ids as the forms' (so `type` finds the first). */
function plainPage(): string {
  const fields = Array.from(
    { length: PLAIN_INPUTS },
    (_, i) =>
      `<p><label for="#/properties/P${i}-input">Field ${i}</label><br><input id="#/properties/P${i}-input"></p>`,
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bare inputs</title></head><body>${fields.join('')}</body></html>`;
}

async function openPlain(browser: Browser, base: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript({ content: PROBE });
  await page.goto(`${base}plain.html`);
  await page.waitForFunction(() => (window as unknown as { __bench: Probe }).__bench.mounted !== undefined);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { context, page, cdp };
}

const KEYS = 'abcdefghijklmnopqrstuvwxyz';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function type(
  page: Page,
  cdp: CDPSession,
  form: Pick<BenchForm, 'field'>,
  mode: Mode,
  trace?: { browser: Browser; into: Map<string, number> },
): Promise<Typing> {
  const input = page
    .locator(`[id="#/properties/${form.field}-input"], [id="#/properties/${form.field}"] input`)
    .first();
  await input.click();
  await sleep(500);
  if (trace) await trace.browser.startTracing(page, { categories: TRACE_CATEGORIES });
  const t0 = await page.evaluate(() => performance.now());
  const before = await metrics(cdp);
  const text = Array.from({ length: mode.keys }, (_, i) => KEYS[i % KEYS.length]!).join('');
  const start = Date.now();
  const sent: Promise<unknown>[] = [];
  for (let i = 0; i < text.length; i++) {
    const wait = start + i * mode.interval - Date.now();
    if (wait > 0) await sleep(wait);
    const key = text[i]!;
    const common = {
      key,
      code: `Key${key.toUpperCase()}`,
      windowsVirtualKeyCode: key.toUpperCase().charCodeAt(0),
    };
    sent.push(
      cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: key, unmodifiedText: key, ...common }),
    );
    sent.push(cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common }));
  }
  await Promise.all(sent);
  await sleep(SETTLE_MS);
  const after = await metrics(cdp);
  if (trace)
    for (const [name, ms] of selfTimes(await trace.browser.stopTracing()))
      trace.into.set(name, (trace.into.get(name) ?? 0) + ms / mode.keys);
  const probe = await probeOf(page);
  const keydowns = probe.keydowns.filter((t) => t >= t0);
  const latency = keydowns.map((at) => {
    const own = probe.events.filter(
      (e) => (e.name === 'keydown' || e.name === 'keypress') && Math.abs(e.startTime - at) < 1,
    );
    return own.length ? Math.max(...own.map((e) => e.duration)) : BELOW;
  });
  const per = (name: string) => [((after[name]! - before[name]!) * 1000) / text.length];
  return {
    taskMsPerKey: per('TaskDuration'),
    scriptMsPerKey: per('ScriptDuration'),
    latency,
    stored: (await input.inputValue()) === text,
  };
}

const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'v8'];

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

const PAGE_WORK = new Set(['FunctionCall', 'EvaluateScript', 'v8.evaluateModule', 'EventDispatch', 'Layout']);

/**
 * Self time (ms) per event name on the busiest renderer main thread of a trace: each complete
 * event's duration less that of the events nested in it, so the figures add up to the thread's
 * busy time without counting a nested call twice.
 */
function selfTimes(trace: Buffer): Map<string, number> {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph !== 'X' || e.dur === undefined || !mains.has(key)) continue;
    const list = byThread.get(key);
    if (list) list.push(e);
    else byThread.set(key, [e]);
  }
  // The page's own main thread: the one that ran its script and laid it out (another renderer of
  // the browser may have longer tasks, none of them the page's).
  const busy = (list: TraceEvent[]) =>
    list.filter((e) => PAGE_WORK.has(e.name)).reduce((t, e) => t + e.dur!, 0);
  const main = [...byThread.values()].sort((a, b) => busy(b) - busy(a))[0] ?? [];
  main.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const self = new Map<string, number>();
  const stack: { e: TraceEvent; end: number }[] = [];
  const add = (name: string, us: number) => self.set(name, (self.get(name) ?? 0) + us / 1000);
  for (const e of main) {
    while (stack.length && stack[stack.length - 1]!.end <= e.ts) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) add(parent.e.name, -e.dur!);
    add(e.name, e.dur!);
    stack.push({ e, end: e.ts + e.dur! });
  }
  return self;
}

/**
 * The traced pages: where the main thread's time goes from navigation to the first frame with
 * inputs, and per key in each way of typing, per side.
 */
async function breakdown(browser: Browser, base: string, form: BenchForm): Promise<void> {
  const print = (title: string, per: Record<Side, Map<string, number>>) => {
    const names = [...new Set([...per.ours.keys(), ...per.stock.keys()])];
    const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
    const top = names
      .map((n) => ({ n, o: per.ours.get(n) ?? 0, s: per.stock.get(n) ?? 0 }))
      .sort((a, b) => Math.max(b.o, b.s) - Math.max(a.o, a.s))
      .slice(0, 10);
    console.log(`  ${title} (one traced page each, main thread self time, ms)`);
    for (const { n, o, s } of top) console.log(row(`    ${n}`, o.toFixed(2), s.toFixed(2)));
    console.log(row('    all trace events', total(per.ours).toFixed(2), total(per.stock).toFixed(2)));
  };
  const mount: Record<Side, Map<string, number>> = { ours: new Map(), stock: new Map() };
  for (const side of SIDES) await (await openPage(browser, base, form, side, mount[side])).context.close();
  print('where the time to mount goes', mount);
  for (const mode of MODES) {
    const per: Record<Side, Map<string, number>> = { ours: new Map(), stock: new Map() };
    for (const side of SIDES) {
      const { context, page, cdp } = await openPage(browser, base, form, side);
      await type(page, cdp, form, mode, { browser, into: per[side] });
      await context.close();
    }
    print(`where the time per key goes, ${mode.label}, per key`, per);
  }
}

function pool(a: Typing | undefined, b: Typing): Typing {
  return a
    ? {
        taskMsPerKey: [...a.taskMsPerKey, ...b.taskMsPerKey],
        scriptMsPerKey: [...a.scriptMsPerKey, ...b.scriptMsPerKey],
        latency: [...a.latency, ...b.latency],
        stored: a.stored && b.stored,
      }
    : b;
}

/** Both sides, and the browser alone (the same typing into bare inputs, per way of typing). */
type Results = Record<Side, Result> & { plain: Partial<Record<Mode['id'], Typing>> };

async function measure(browser: Browser, base: string, form: BenchForm): Promise<Results> {
  const results: Results = {
    ours: { mounts: [], lives: [], heapMiB: [], typing: {} },
    stock: { mounts: [], lives: [], heapMiB: [], typing: {} },
    plain: {},
  };
  // Each run: a page for the mount and heap, then one page per way of typing, for each side;
  // the order of the sides alternates, so neither always gets the warmer browser.
  for (let run = 0; run < RUNS; run++) {
    for (const side of run % 2 ? [...SIDES].reverse() : SIDES) {
      const first = await openPage(browser, base, form, side);
      results[side].mounts.push(first.mountMs);
      results[side].lives.push(first.liveMs);
      await first.cdp.send('HeapProfiler.collectGarbage');
      results[side].heapMiB.push((await metrics(first.cdp)).JSHeapUsedSize! / 2 ** 20);
      await first.context.close();
      for (const mode of MODES) {
        const { context, page, cdp, mountMs, liveMs } = await openPage(browser, base, form, side);
        results[side].mounts.push(mountMs);
        results[side].lives.push(liveMs);
        results[side].typing[mode.id] = pool(
          results[side].typing[mode.id],
          await type(page, cdp, form, mode),
        );
        await context.close();
      }
    }
    for (const mode of MODES) {
      const { context, page, cdp } = await openPlain(browser, base);
      results.plain[mode.id] = pool(
        results.plain[mode.id],
        await type(page, cdp, { field: PLAIN_FIELD }, mode),
      );
      await context.close();
    }
  }
  return results;
}

interface Floor {
  what: string;
  ok: boolean;
  detail: string;
}

function report(form: BenchForm, res: Results, floors: Floor[]): void {
  console.log(`\n${form.title} — typing into ${form.field} (first section)`);
  console.log(row('', 'ours', 'stock', 'ours/stock'));
  const line = (label: string, o: number, s: number) =>
    console.log(row(label, ms(o), ms(s), ratio(o, s).text));
  const mo = median(res.ours.mounts);
  const mt = median(res.stock.mounts);
  line(`mount: navigation → first frame with inputs, ms (median of ${res.ours.mounts.length})`, mo, mt);
  floors.push({ what: `${form.id}: mount ≤ 0.5× stock`, ok: mo <= 0.5 * mt, detail: ratio(mo, mt).text });
  line("live: navigation → the form's own code runs, ms", median(res.ours.lives), median(res.stock.lives));
  line('JS heap once live (after GC), MiB', median(res.ours.heapMiB), median(res.stock.heapMiB));
  for (const mode of MODES) {
    const o = res.ours.typing[mode.id]!;
    const s = res.stock.typing[mode.id]!;
    console.log(`  ${mode.label} (${mode.interval} ms per key, ${mode.keys} keys × ${RUNS} pages)`);
    const task = median(o.taskMsPerKey);
    line('  main-thread task time per key, ms (median of pages)', task, median(s.taskMsPerKey));
    line('  script time per key, ms', median(o.scriptMsPerKey), median(s.scriptMsPerKey));
    const alone = median(res.plain[mode.id]!.taskMsPerKey);
    console.log(row(`  the browser alone: ${PLAIN_INPUTS} bare inputs, no script, ms`, ms(alone), ms(alone)));
    line('  above the browser alone, ms', task - alone, median(s.taskMsPerKey) - alone);
    line(
      '  keystroke → next paint p95, ms (Event Timing)',
      percentile(o.latency, 0.95),
      percentile(s.latency, 0.95),
    );
    floors.push({
      what: `${form.id}, ${mode.label}: task time per key ≤ 16 ms`,
      ok: task <= 16,
      detail: `${ms(task)} ms (the browser alone on bare inputs: ${ms(alone)} ms)`,
    });
    for (const [who, t] of [
      ['ours', o],
      ['stock', s],
    ] as const)
      if (!t.stored) console.log(`  WARNING: ${who}: the typed text did not reach the input`);
  }
}

/** Nearest-rank percentile; BELOW sorts first. */
function percentile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(q * s.length) - 1)] ?? Number.NaN;
}
const median = (xs: number[]) => percentile(xs, 0.5);
const ms = (x: number) =>
  Number.isNaN(x) ? 'n/a' : x === BELOW ? `<${THRESHOLD}` : x.toFixed(x < 100 ? 1 : 0);

/** ours/stock, with "<" when our figure is only known to be under the threshold. */
function ratio(ours: number, stock: number): { text: string; upper: number } {
  if (Number.isNaN(ours) || Number.isNaN(stock)) return { text: 'n/a', upper: Number.NaN };
  if (stock === BELOW) return { text: ours === BELOW ? 'n/a (both <16)' : '>1', upper: Number.NaN };
  if (ours === BELOW) return { text: `<${(THRESHOLD / stock).toFixed(2)}×`, upper: THRESHOLD / stock };
  return { text: `${(ours / stock).toFixed(2)}×`, upper: ours / stock };
}

function row(label: string, ours: string, stock: string, r = ''): string {
  return `  ${label.padEnd(46)}${ours.padStart(10)}${stock.padStart(10)}${r.padStart(16)}`;
}

/**
 * The element's files every page loads: the entry, the chunk it always imports (the element
 * itself), and what these import statically. Chunks imported on demand further down (the date
 * calendar, ajv's compiler) are not counted.
 */
function initialChunks(dir: string, entry: string): string[] {
  const seen = new Set<string>();
  // `import … from`, a bare `import "…"` and a re-export (`export {…} from`: a chunk's facade).
  const STATIC = /(?:^|[;}\s])(?:import|export)\s*(?:[^"'`()]*?from\s*)?["'`]\.\/([^"'`]+\.js)["'`]/g;
  const DYNAMIC = /import\(\s*["'`]\.\/([^"'`]+\.js)["'`]\s*\)/g;
  const visit = (file: string, followDynamic: boolean) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    for (const m of code.matchAll(STATIC)) visit(m[1]!, false);
    if (followDynamic) for (const m of code.matchAll(DYNAMIC)) visit(m[1]!, false);
  };
  visit(entry, true);
  return [...seen];
}

/** Builds <regforms-form> and the bare baseline the same way and prints min + gzip sizes. */
function bundleSizes(dir: string, floors: Floor[]): void {
  const element = join(dir, 'element');
  const bare = join(dir, 'bare');
  viteBuild([], element);
  viteBuild(['--config', 'bench/bare.vite.config.ts'], bare);
  const size = (files: string[]) =>
    files.reduce(
      (t, file) => {
        const code = readFileSync(file);
        return { raw: t.raw + code.length, gzip: t.gzip + gzipSync(code, { level: 9 }).length };
      },
      { raw: 0, gzip: 0 },
    );
  const initial = initialChunks(element, 'regforms-form.js');
  const all = readdirSync(element).filter((f) => f.endsWith('.js'));
  const ours = size(initial.map((f) => join(element, f)));
  const total = size(all.map((f) => join(element, f)));
  const base = size([join(bare, 'bare.js')]);
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.log('\nbundle size (vite build of renderer/vite.config.ts, gzip level 9)');
  console.log(row('', 'min', 'min+gzip'));
  console.log(row(`<regforms-form> loaded at once (${initial.length} files)`, kib(ours.raw), kib(ours.gzip)));
  console.log(
    row(`  with the chunks loaded on demand (${all.length} files)`, kib(total.raw), kib(total.gzip)),
  );
  console.log(row('bare JSON Forms + MUI + ajv', kib(base.raw), kib(base.gzip)));
  const r = ours.gzip / base.gzip;
  console.log(row('ratio (loaded at once)', `${(ours.raw / base.raw).toFixed(2)}×`, `${r.toFixed(2)}×`));
  floors.push({
    what: 'element bundle ≤ 1× bare JSON Forms + MUI + ajv (min+gzip)',
    ok: r <= 1,
    detail: `${r.toFixed(2)}×`,
  });
}

/** The machine's load: other processes on the same cores stretch every figure of both renderers. */
function load(when: string): string {
  const one = loadavg()[0]!;
  const cores = availableParallelism();
  const busy =
    one > cores ? ' — WARNING: more than its cores, figures unreliable; run again on a quiet machine' : '';
  return `load average ${when}: ${one.toFixed(1)} on ${cores} cores${busy}`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'regforms-bench-'));
  const floors: Floor[] = [];
  try {
    const forms = benchForms();
    const site = join(dir, 'site');
    viteBuild(['--config', 'bench/vite.config.ts'], site);
    viteBuild([], site);
    for (const page of ['element.html', 'element-page.js'])
      copyFileSync(join(rendererDir, 'bench', page), join(site, page));
    writeFileSync(join(site, 'plain.html'), plainPage());
    for (const f of forms) {
      mkdirSync(join(site, 'forms', f.id), { recursive: true });
      writeFileSync(join(site, 'forms', f.id, 'form.json'), JSON.stringify(f.form));
      writeFileSync(join(site, 'forms', f.id, 'validators.js'), validatorsModule(f.form));
      writeFirstPaints(join(site, 'forms', f.id), f.form);
    }

    const server = await preview({
      root: rendererDir,
      configFile: false,
      logLevel: 'silent',
      build: { outDir: site },
      preview: { port: 0, host: '127.0.0.1' },
    });
    const base = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/`;
    const browser = await launch();
    try {
      console.log(
        `renderer benchmark: headless ${browser.version()}, production builds, fresh page per figure`,
      );
      console.log(
        'ours = <regforms-form first-paint src=…/form.json> (its validators.js and first paint beside); stock = <JsonForms> + materialRenderers + materialCells, default options',
      );
      console.log(load('before'));
      for (const form of forms) {
        report(form, await measure(browser, base, form), floors);
        if (process.env.BENCH_BREAKDOWN !== '0') await breakdown(browser, base, form);
      }
    } finally {
      await browser.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    }
    console.log(`\n${load('after')}`);
    if (process.env.BENCH_BUNDLE !== '0') bundleSizes(dir, floors);
    if (process.env.BENCH_STUDIO !== '0') {
      const studio = await studioFirstPaint(RUNS);
      console.log(
        `\nstudio: navigation → the catalog's first paint after \`pnpm start\`, ms: ${studio.map((x) => x.toFixed(0)).join(', ')} (median ${ms(median(studio))})`,
      );
      floors.push({
        what: 'studio first paint ≤ 1,500 ms',
        ok: median(studio) <= 1500,
        detail: `${ms(median(studio))} ms`,
      });
    }
    console.log('\nfloors');
    for (const f of floors) console.log(`  ${f.ok ? 'OK    ' : 'MISSED'} ${f.what}: ${f.detail}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
