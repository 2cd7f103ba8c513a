/*
 * The reviewers' Storybook in real Chromium: builds it (stories generated from definitions/),
 * serves the static build, and opens every entry of its index.json, story and docs page alike,
 * in one page. An entry fails on any console or page error, on a story whose loaders, render or
 * play function failed (the form states and renderer edge cases assert what they show), and on
 * any serious or critical axe-core violation: for stories, the accessibility addon's own axe
 * run (the results a reviewer sees in its panel); for docs pages, axe-core injected here.
 *
 * REGFORMS_STORYBOOK_STATIC=<dir> reuses a build instead of building (e.g. after
 * `pnpm build-storybook`, whose output is stories/storybook-static).
 */
import { execFile } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../stories/scripts/generate.ts';
import { ROOT } from '../support.ts';
import { collectConsoleErrors, launch } from './browser.ts';

const STORIES = join(ROOT, 'stories');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Entry {
  type: 'story' | 'docs';
  id: string;
  title: string;
  name: string;
  tags?: string[];
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** What the page reports about one entry, gathered from Storybook's channel. */
interface Outcome {
  done: { event: string; status?: string; reporters?: { type: string; status: string; result: unknown }[] };
  /** Failures reported while it rendered: exceptions of loaders, render or play function. */
  events: { event: string; detail: string }[];
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ico': 'image/x-icon',
};

/** The static build, served as any static host would (no SPA fallback: a missing file is a 404). */
function serve(dir: string): Promise<{ server: Server; url: string }> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    // Chromium asks for /favicon.ico on its own (Storybook's iframe declares none): not a failure.
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((ok) =>
    server.listen(0, '127.0.0.1', () =>
      ok({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` }),
    ),
  );
}

/**
 * Installed before Storybook's own scripts: catches the channel as the preview creates it and
 * keeps what it says, so the walk can wait for an entry to be finished (a story after its
 * loaders, render, play function and the accessibility addon's check; a docs page rendered)
 * and read the failures reported on the way.
 */
function watchChannel() {
  type Channel = { on(e: string, f: (...a: unknown[]) => void): void };
  const w = window as unknown as Record<string, unknown>;
  const state = { events: [] as { event: string; detail: string }[], done: new Map<string, unknown>() };
  const waiting = new Map<string, (v: unknown) => void>();
  const finish = (id: string, done: unknown) => {
    state.done.set(id, done);
    waiting.get(id)?.({ done, events: state.events.splice(0) });
  };
  let channel: Channel | undefined;
  // A production React names a recovered error only by its number: log the error it wraps too.
  const error = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    for (const a of args)
      if (a instanceof Error && a.cause) error('caused by:', String((a.cause as Error).stack ?? a.cause));
    error(...args);
  };
  window.addEventListener('error', (e) => {
    if (e.error instanceof Error && e.error.cause)
      error('caused by:', String((e.error.cause as Error).stack ?? e.error.cause));
  });
  Object.defineProperty(w, '__STORYBOOK_ADDONS_CHANNEL__', {
    configurable: true,
    get: () => channel,
    set(c: Channel) {
      channel = c;
      for (const e of [
        'storyThrewException',
        'storyErrored',
        'playFunctionThrewException',
        'unhandledErrorsWhilePlaying',
      ])
        c.on(e, (...args) => state.events.push({ event: e, detail: JSON.stringify(args).slice(0, 2000) }));
      c.on('storyFinished', (r) =>
        finish((r as { storyId: string }).storyId, { event: 'storyFinished', ...(r as object) }),
      );
      c.on('docsRendered', (id) => finish(id as string, { event: 'docsRendered' }));
      c.on('storyMissing', (id) => finish(String(id), { event: 'storyMissing' }));
    },
  });
  /** The outcome of an entry: at once if it is finished already, else when it is. */
  w.__regformsOutcome = (id: string, ms: number) =>
    new Promise((resolve) => {
      if (state.done.has(id)) return resolve({ done: state.done.get(id), events: state.events.splice(0) });
      waiting.set(id, resolve);
      setTimeout(() => resolve({ done: { event: 'timeout' }, events: state.events.splice(0) }), ms);
    });
}

const seriousOrCritical = (violations: Violation[]) =>
  violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
    );

let browser: Browser;
let page: Page;
let consoleErrors: string[];
let served: { server: Server; url: string };
let builtHere: string | undefined;
let entries: Entry[] = [];

beforeAll(async () => {
  let dir = process.env.REGFORMS_STORYBOOK_STATIC;
  if (!dir) {
    // A folder per run: never over a developer's own stories/storybook-static.
    builtHere = mkdtempSync(join(tmpdir(), 'regforms-storybook-'));
    generate();
    const { stdout, stderr } = await promisify(execFile)(
      'pnpm',
      ['exec', 'storybook', 'build', '--quiet', '--output-dir', builtHere],
      {
        cwd: STORIES,
        env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
        maxBuffer: 64 * 1024 * 1024,
      },
    ).catch((e: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(
        `storybook build failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`.slice(0, 8000),
      );
    });
    if (!existsSync(join(builtHere, 'index.json')))
      throw new Error(`storybook build wrote no index.json\n${stdout}\n${stderr}`.slice(0, 8000));
    dir = builtHere;
  }
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
    entries: Record<string, Entry>;
  };
  entries = Object.values(index.entries);
  [served, browser] = await Promise.all([serve(dir), launch()]);
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  consoleErrors = collectConsoleErrors(page);
  // The console says "404" without the address: name it.
  page.on('response', (r) => {
    if (r.status() >= 400) consoleErrors.push(`HTTP ${r.status()} ${r.url()}`);
  });
  await page.addInitScript(watchChannel);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((ok) => (served ? served.server.close(ok) : ok(undefined)));
  if (builtHere) rmSync(builtHere, { recursive: true, force: true });
});

describe('Storybook in Chromium', () => {
  it('has every state of every version of every registration type, the renderers and the docs', () => {
    const stories = entries.filter((e) => e.type === 'story');
    const forms = stories.filter((e) => e.tags?.includes('form'));
    // Five states per version; the generator compiles every version of definitions/.
    expect(forms.length % 5).toBe(0);
    expect(forms.length).toBeGreaterThanOrEqual(5 * 14);
    expect(forms.some((e) => e.title.endsWith('(draft)'))).toBe(true);
    expect(stories.filter((e) => e.tags?.includes('renderer')).length).toBeGreaterThanOrEqual(20);
    expect(
      entries.filter((e) => e.type === 'docs' && e.title.startsWith('What changed/')).length,
    ).toBeGreaterThan(0);
    // Within a registration type, the most recent version comes first.
    const titles = [...new Set(forms.map((e) => e.title))];
    const byType = new Map<string, string[]>();
    for (const t of titles) {
      const type = t.slice(0, t.lastIndexOf('/'));
      byType.set(type, [...(byType.get(type) ?? []), t]);
    }
    for (const versions of byType.values()) expect(versions[0]).toMatch(/\(most recent\)$/);
  });

  it('renders every story and docs page without errors or serious accessibility violations', async () => {
    const failures: string[] = [];
    const started = Date.now();
    for (const [i, entry] of entries.entries()) {
      const mode = entry.type === 'docs' ? 'docs' : 'story';
      consoleErrors.length = 0;
      // One page load, then the preview switches entries as the Storybook UI does: the
      // preview's scripts load once, not once per story.
      if (i === 0)
        await page.goto(`${served.url}iframe.html?id=${encodeURIComponent(entry.id)}&viewMode=${mode}`);
      else
        await page.evaluate(
          ({ id, viewMode }) =>
            (
              window as unknown as { __STORYBOOK_ADDONS_CHANNEL__: { emit(e: string, a: unknown): void } }
            ).__STORYBOOK_ADDONS_CHANNEL__.emit('setCurrentStory', { storyId: id, viewMode }),
          { id: entry.id, viewMode: mode },
        );
      const outcome = (await page.evaluate(
        (id) =>
          (
            window as unknown as { __regformsOutcome(id: string, ms: number): Promise<unknown> }
          ).__regformsOutcome(id, 30_000),
        entry.id,
      )) as Outcome;
      const problems: string[] = [];
      const { done } = outcome;
      if (done.event === 'timeout') problems.push('did not finish rendering within 30 s');
      if (done.event === 'storyMissing') problems.push('is missing from the build');
      if (done.event === 'storyFinished' && done.status !== 'success')
        problems.push(`finished with status ${done.status}`);
      for (const e of outcome.events) problems.push(`${e.event}: ${e.detail}`);
      if (done.event === 'storyFinished') {
        const a11y = (done.reporters ?? []).find((r) => r.type === 'a11y');
        if (!a11y) problems.push('has no accessibility report (is @storybook/addon-a11y on?)');
        else {
          const result = a11y.result as { violations?: Violation[]; error?: unknown };
          if (result.error) problems.push(`axe failed: ${JSON.stringify(result.error)}`);
          problems.push(...seriousOrCritical(result.violations ?? []));
        }
      } else if (done.event === 'docsRendered') {
        if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
        const violations = (await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(el: Element): Promise<{ violations: unknown[] }> } })
            .axe;
          return (await axe.run(document.querySelector('#storybook-docs')!)).violations;
        })) as Violation[];
        problems.push(...seriousOrCritical(violations));
      }
      problems.push(...consoleErrors.map((m) => `console: ${m}`));
      if (problems.length > 0) failures.push(`${entry.id}:\n    ${problems.join('\n    ')}`);
    }
    console.log(
      `storybook walk: ${entries.length} entries in ${Math.round((Date.now() - started) / 1000)} s`,
    );
    expect(failures).toEqual([]);
  }, 420_000);
});
