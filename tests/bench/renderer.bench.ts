/*
 * Renderer speed, side by side in one run of headless Chromium: our RegistryForm with the
 * regforms renderers against stock <JsonForms> with materialRenderers, materialCells and default
 * options, on the same compiled form (the largest real registration type and a synthetic
 * 1,000-field definition), each measurement in a fresh page. Then the bundle size of
 * <regforms-form> beside a bare JSON Forms + MUI + ajv bundle built the same way.
 *
 * Run: pnpm bench:renderer   (BENCH_RUNS=n rounds of three fresh pages per form and renderer, default 3;
 *      BENCH_FORMS=real or synthetic for one form; BENCH_BUNDLE=0 skips the bundle sizes)
 *
 * Definitions (the same for both renderers):
 * - mount: from just before createRoot().render to the first paint after the mount commit
 *   (the root's layout effect → requestAnimationFrame → the next task, which runs after that
 *   frame's paint); the compiled form is already fetched and parsed.
 * - keystroke → next paint: Event Timing (PerformanceObserver 'event', durationThreshold 16),
 *   per keystroke the longest of its keydown/keypress entries (its input event runs in the same
 *   task, so before the same paint). Chromium does not report entries under 16 ms: a keystroke
 *   without an entry counts as "< 16 ms" and a percentile that falls on one prints "<16". A rAF
 *   probe (keydown timeStamp → the first task after the next frame) gives every keystroke a
 *   figure and is printed beside it.
 * - keystroke main-thread work: from its input event (a capture listener, before any handler)
 *   to the first task after it (a message posted there): the handlers and React's synchronous
 *   re-render of the keystroke, plus whatever the browser runs first (style, layout, at times
 *   the frame itself). Both paint figures also include the browser's routing of the key and the
 *   wait for the display's next frame (up to 16.7 ms at 60 Hz), which no renderer can shorten;
 *   this one does not. Compare all three with the plain <input> floor.
 * - keys are sent through CDP on a fixed schedule without waiting for the page, as a person
 *   types: a blocked main thread queues keystrokes and their latency shows it.
 * - plain <input> floor: the same keystrokes into one plain input on a page without any
 *   framework, the browser's own cost (input routing, the wait for the next frame, paint): Event
 *   Timing, rAF probe and main-thread work, p50 and p95.
 * - long-task time per commit: the sum of 'longtask' entry durations from the first keystroke
 *   to 1.5 s after the last one (past every debounce and autosave), divided by the commits in
 *   that window (changes reaching JSON Forms' onChange with new data).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { compileDefinitions } from '@regforms/compiler';
import { readDefinitionFiles } from '@regforms/compiler/node';
import { formatDiagnostics, hasErrors } from '@regforms/definition';
import type { CompiledForm } from '@regforms/runtime';
import type { Browser, Page } from 'playwright-core';
import { preview } from 'vite';
import { BENCH_GLOBAL, type BenchRecord } from '../../renderer/bench/probe.ts';
import { launch } from '../e2e/browser.ts';
import { syntheticDefinitions } from './synthetic.ts';

const root = join(import.meta.dirname, '..', '..');
const rendererDir = join(root, 'renderer');
const vite = join(rendererDir, 'node_modules', 'vite', 'bin', 'vite.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const RENDERERS = ['ours', 'stock'] as const;
type Renderer = (typeof RENDERERS)[number];
/** A page with one plain input and no framework: the browser's own keystroke latency. */
const BARE = 'bare';
const MODES = [
  { id: 'continuous', label: 'continuous typing', interval: 80, keys: 48 },
  { id: 'pauses', label: 'typing with pauses', interval: 450, keys: 20 },
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
  /** Event Timing latency per keystroke, BELOW when under the threshold. */
  eventTiming: number[];
  probe: number[];
  /** A keystroke's input event → its handlers and re-render done (its own main-thread work). */
  handled: number[];
  commits: number;
  longTaskMs: number;
  /** Did the typed text reach the form data? */
  stored: boolean;
}

interface Result {
  mounts: number[];
  typing: Partial<Record<Mode['id'], Typing>>;
}

function pool(a: Typing | undefined, b: Typing): Typing {
  return a
    ? {
        eventTiming: [...a.eventTiming, ...b.eventTiming],
        probe: [...a.probe, ...b.probe],
        handled: [...a.handled, ...b.handled],
        commits: a.commits + b.commits,
        longTaskMs: a.longTaskMs + b.longTaskMs,
        stored: a.stored && b.stored,
      }
    : b;
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function readRecord(page: Page): Promise<BenchRecord> {
  return page.evaluate((g) => {
    const r = (window as unknown as Record<string, BenchRecord>)[g]!;
    return JSON.parse(JSON.stringify(r)) as BenchRecord;
  }, BENCH_GLOBAL);
}

/** Opens a fresh page on one form and renderer and waits for the first paint after mount. */
async function openPage(browser: Browser, base: string, form: BenchForm, renderer: Renderer | typeof BARE) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${base}index.html?renderer=${renderer}&form=forms/${form.id}.json&field=${form.field}`);
  await page.waitForFunction(
    (g) => {
      const r = (window as unknown as Record<string, BenchRecord | undefined>)[g];
      return r !== undefined && (r.mountEnd !== undefined || r.error !== undefined);
    },
    BENCH_GLOBAL,
    { timeout: 60_000 },
  );
  const r = await readRecord(page);
  if (r.error || problems.length)
    throw new Error(`${form.id}/${renderer}: ${r.error ?? problems.join('; ')}`);
  return { context, page, mountMs: r.mountEnd! - r.mountStart };
}

const KEYS = 'abcdefghijklmnopqrstuvwxyz';

async function type(page: Page, form: BenchForm, mode: Mode): Promise<Typing> {
  const input = page.locator(
    `[id="#/properties/${form.field}-input"], [id="#/properties/${form.field}"] input`,
  );
  await input.first().click();
  await sleep(500);
  const cdp = await page.context().newCDPSession(page);
  const { t0, commits0 } = await page.evaluate((g) => {
    const r = (window as unknown as Record<string, BenchRecord>)[g]!;
    return { t0: performance.now(), commits0: r.commits.length };
  }, BENCH_GLOBAL);
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
  const r = await readRecord(page);
  const t1 = await page.evaluate(() => performance.now());
  await cdp.detach();

  const keydowns = r.keydowns.filter((t) => t >= t0);
  const firstKey = r.keydowns.length - keydowns.length;
  const eventTiming = keydowns.map((at) => {
    const own = r.events.filter(
      (e) => (e.name === 'keydown' || e.name === 'keypress') && Math.abs(e.startTime - at) < 1,
    );
    return own.length ? Math.max(...own.map((e) => e.duration)) : BELOW;
  });
  const longTaskMs = r.longtasks
    .filter((l) => l.startTime + l.duration > t0 && l.startTime < t1)
    .reduce((sum, l) => sum + l.duration, 0);
  return {
    eventTiming,
    probe: r.probe.slice(firstKey),
    // A keystroke without an input event (none expected) has no figure.
    handled: r.handled.slice(firstKey).filter((x) => typeof x === 'number'),
    commits: r.commits.length - commits0,
    longTaskMs,
    stored: r.lastData[form.field] === text,
  };
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

async function measure(
  browser: Browser,
  base: string,
  form: BenchForm,
): Promise<{ results: Record<Renderer, Result>; floor: Result['typing'] }> {
  const results: Record<Renderer, Result> = {
    ours: { mounts: [], typing: {} },
    stock: { mounts: [], typing: {} },
  };
  const floor: Result['typing'] = {};
  // Each run: a mount-only page and one page per way of typing, for each renderer; the order of
  // the renderers alternates, so neither always gets the warmer browser. Keystrokes, long tasks
  // and commits are pooled over the runs. Then the bare input, once per way of typing.
  for (let run = 0; run < RUNS; run++) {
    for (const renderer of run % 2 ? [...RENDERERS].reverse() : RENDERERS) {
      const first = await openPage(browser, base, form, renderer);
      results[renderer].mounts.push(first.mountMs);
      await first.context.close();
      for (const mode of MODES) {
        const { context, page, mountMs } = await openPage(browser, base, form, renderer);
        results[renderer].mounts.push(mountMs);
        results[renderer].typing[mode.id] = pool(
          results[renderer].typing[mode.id],
          await type(page, form, mode),
        );
        await context.close();
      }
    }
    for (const mode of MODES) {
      const { context, page } = await openPage(browser, base, form, BARE);
      floor[mode.id] = pool(floor[mode.id], await type(page, form, mode));
      await context.close();
    }
  }
  return { results, floor };
}

interface Floor {
  what: string;
  ok: boolean;
  detail: string;
}

function report(
  form: BenchForm,
  { results: res, floor }: { results: Record<Renderer, Result>; floor: Result['typing'] },
  floors: Floor[],
): void {
  console.log(`\n${form.title} — typing into ${form.field} (first section)`);
  console.log(row('', 'ours', 'stock', 'ours/stock'));
  const mo = median(res.ours.mounts);
  const mt = median(res.stock.mounts);
  console.log(
    row(`mount → first paint, ms (median of ${res.ours.mounts.length})`, ms(mo), ms(mt), ratio(mo, mt).text),
  );
  floors.push({
    what: `${form.id}: mount ≤ 1× stock`,
    ok: mo <= mt,
    detail: `${ratio(mo, mt).text}`,
  });
  for (const mode of MODES) {
    const o = res.ours.typing[mode.id]!;
    const s = res.stock.typing[mode.id]!;
    console.log(`  ${mode.label} (${mode.interval} ms per key, ${mode.keys} keys × ${RUNS} pages)`);
    for (const [q, name] of [
      [0.5, 'p50'],
      [0.95, 'p95'],
    ] as const) {
      const po = percentile(o.eventTiming, q);
      const ps = percentile(s.eventTiming, q);
      console.log(
        row(`  keystroke → next paint ${name}, ms (Event Timing)`, ms(po), ms(ps), ratio(po, ps).text),
      );
    }
    for (const [q, name] of [
      [0.5, 'p50'],
      [0.95, 'p95'],
    ] as const) {
      const po = percentile(o.probe, q);
      const ps = percentile(s.probe, q);
      console.log(
        row(`  keystroke → next paint ${name}, ms (rAF probe)`, ms(po), ms(ps), ratio(po, ps).text),
      );
    }
    for (const [q, name] of [
      [0.5, 'p50'],
      [0.95, 'p95'],
    ] as const) {
      const po = percentile(o.handled, q);
      const ps = percentile(s.handled, q);
      console.log(row(`  keystroke main-thread work ${name}, ms`, ms(po), ms(ps), ratio(po, ps).text));
    }
    const f = floor[mode.id]!;
    const pq = (xs: number[]) => `p50 ${ms(percentile(xs, 0.5))}, p95 ${ms(percentile(xs, 0.95))}`;
    console.log(
      `    floor, a plain <input> without any framework: Event Timing ${pq(f.eventTiming)}; rAF probe ${pq(f.probe)}; work ${pq(f.handled)}`,
    );
    // How far under stock any renderer could go here: the plain input's p95 against stock's. A
    // ratio floor below this one asks for less than the browser alone costs.
    const p95 = (xs: number[]) => percentile(xs, 0.95);
    console.log(
      `    plain <input> / stock at p95: Event Timing ${ratio(p95(f.eventTiming), p95(s.eventTiming)).text}, rAF probe ${ratio(p95(f.probe), p95(s.probe)).text}, work ${ratio(p95(f.handled), p95(s.handled)).text}`,
    );
    const under = (t: Typing) => `${t.eventTiming.filter((x) => x === BELOW).length}/${t.eventTiming.length}`;
    console.log(row('  keystrokes under 16 ms (no Event Timing entry)', under(o), under(s)));
    console.log(row('  commits (onChange with new data)', String(o.commits), String(s.commits)));
    console.log(
      row('  long-task time, ms', ms(o.longTaskMs), ms(s.longTaskMs), ratio(o.longTaskMs, s.longTaskMs).text),
    );
    const per = (t: Typing) => (t.commits ? t.longTaskMs / t.commits : Number.NaN);
    console.log(row('  long-task time per commit, ms', ms(per(o)), ms(per(s)), ratio(per(o), per(s)).text));
    for (const [who, t] of [
      ['ours', o],
      ['stock', s],
    ] as const)
      if (!t.stored) console.log(`  WARNING: ${who}: the typed text did not reach the form data`);
    if (form.id === 'synthetic') {
      const p95o = percentile(o.eventTiming, 0.95);
      const p95s = percentile(s.eventTiming, 0.95);
      const r = ratio(p95o, p95s);
      floors.push({
        what: `${form.id}, ${mode.label}: p95 keystroke latency ≤ 50 ms`,
        ok: p95o === BELOW || p95o <= 50,
        detail: `${ms(p95o)} ms`,
      });
      floors.push({
        what: `${form.id}, ${mode.label}: p95 keystroke latency ≤ 0.5× stock`,
        ok: r.upper <= 0.5,
        detail: r.text,
      });
    }
  }
}

/** Builds <regforms-form> and the bare baseline the same way and prints min + gzip sizes. */
function bundleSizes(dir: string): void {
  const element = join(dir, 'element');
  const bare = join(dir, 'bare');
  viteBuild([], element);
  viteBuild(['--config', 'bench/bare.vite.config.ts'], bare);
  const size = (file: string) => {
    const code = readFileSync(file);
    return { raw: code.length, gzip: gzipSync(code, { level: 9 }).length };
  };
  const ours = size(join(element, 'regforms-form.js'));
  const base = size(join(bare, 'bare.js'));
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  console.log('\nbundle size (vite build of renderer/vite.config.ts, gzip level 9)');
  console.log(row('', 'min', 'min+gzip'));
  console.log(row('<regforms-form> (regforms-form.js)', kib(ours.raw), kib(ours.gzip)));
  console.log(row('bare JSON Forms + MUI + ajv', kib(base.raw), kib(base.gzip)));
  console.log(row('ratio', `${(ours.raw / base.raw).toFixed(2)}×`, `${(ours.gzip / base.gzip).toFixed(2)}×`));
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
  try {
    const forms = benchForms();
    const site = join(dir, 'site');
    viteBuild(['--config', 'bench/vite.config.ts'], site);
    mkdirSync(join(site, 'forms'));
    for (const f of forms) writeFileSync(join(site, 'forms', `${f.id}.json`), JSON.stringify(f.form));

    const server = await preview({
      root: rendererDir,
      configFile: false,
      logLevel: 'silent',
      build: { outDir: site },
      preview: { port: 0, host: '127.0.0.1' },
    });
    const base = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/`;
    const browser = await launch();
    const floors: Floor[] = [];
    try {
      console.log(
        `renderer benchmark: headless ${browser.version()}, production builds, fresh page per figure`,
      );
      console.log(
        'ours = RegistryForm + regformsRenderers; stock = <JsonForms> + materialRenderers + materialCells, default options',
      );
      console.log(load('before'));
      for (const form of forms) report(form, await measure(browser, base, form), floors);
    } finally {
      await browser.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    }
    console.log(`\n${load('after')}`);
    console.log(
      `Event Timing reports only entries of ≥ ${THRESHOLD} ms: keystrokes without one count as "<${THRESHOLD}".`,
    );
    console.log('floors');
    for (const f of floors) console.log(`  ${f.ok ? 'OK    ' : 'MISSED'} ${f.what}: ${f.detail}`);
    if (process.env.BENCH_BUNDLE !== '0') bundleSizes(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
