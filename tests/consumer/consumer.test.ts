/*
 * The consumer test: the packages as a hospital developer installs them. The workspace packs
 * its packages (scripts/packages.ts); outside the repository a Vite + React app and a plain
 * HTML page install only those tarballs plus registry packages, the packed `regforms` CLI
 * compiles the definitions for them, both are built, and in Chromium each renders
 * angio/hospitalisation-pci, takes the author typed, saves and sends. The plain page shows the
 * form's first paint, which the host wrote with the packed renderer in Node.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectConsoleErrors, launch } from '../e2e/browser.ts';
import { DEFINITIONS, ROOT } from '../support.ts';
import {
  ELEMENT_HTML,
  FIRST_PAINT_MJS,
  HOST_JS,
  INDEX_HTML,
  MAIN_TSX,
  SEED_MJS,
  TSCONFIG,
  VITE_CONFIG,
} from './app.ts';

const WORK = mkdtempSync(join(tmpdir(), 'regforms-consumer-'));
const PACKED = join(WORK, 'packed');
const APP = join(WORK, 'portal');

function sh(command: string, args: string[], cwd: string): string {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  if (r.status !== 0)
    throw new Error(
      `${command} ${args.join(' ')} failed in ${cwd} (exit ${r.status}):\n${r.stdout}\n${r.stderr}`,
    );
  return r.stdout;
}

/** The version the workspace has installed: the app gets the same, from the same store. */
function installed(name: string): string {
  return JSON.parse(readFileSync(join(ROOT, 'renderer', 'node_modules', name, 'package.json'), 'utf8'))
    .version;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

let browser: Browser;
let server: ChildProcess;
let url: string;
let tarballs: Record<string, string>;

beforeAll(async () => {
  sh(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'packages.ts'), 'pack', PACKED], ROOT);
  tarballs = Object.fromEntries(
    readdirSync(PACKED).map((f) => [
      `@regforms/${f.replace(/^regforms-|-\d+\.\d+\.\d+\.tgz$/g, '')}`,
      `file:${join(PACKED, f)}`,
    ]),
  );
  mkdirSync(join(APP, 'src'), { recursive: true });
  mkdirSync(join(APP, 'public', 'element'), { recursive: true });
  const registry = [
    'react',
    'react-dom',
    '@mui/material',
    '@mui/icons-material',
    '@mui/x-date-pickers',
    '@emotion/cache',
    '@emotion/react',
    '@emotion/styled',
    '@jsonforms/core',
    '@jsonforms/react',
    '@jsonforms/material-renderers',
  ];
  const tools = ['vite', '@vitejs/plugin-react', '@types/react', '@types/react-dom'];
  const pick = (names: string[]) => Object.fromEntries(names.map((n) => [n, installed(n)]));
  writeFileSync(
    join(APP, 'package.json'),
    JSON.stringify(
      {
        name: 'hospital-portal',
        private: true,
        type: 'module',
        dependencies: {
          '@regforms/renderer': tarballs['@regforms/renderer'],
          '@regforms/registrations': tarballs['@regforms/registrations'],
          '@regforms/runtime': tarballs['@regforms/runtime'],
          '@regforms/element': tarballs['@regforms/element'],
          '@regforms/cli': tarballs['@regforms/cli'],
          ...pick(registry),
        },
        devDependencies: {
          ...pick(tools),
          typescript: JSON.parse(readFileSync(join(ROOT, 'node_modules/typescript/package.json'), 'utf8'))
            .version,
        },
        // The packages' own @regforms dependencies come from the tarballs too: none is published.
        pnpm: { overrides: tarballs, onlyBuiltDependencies: ['esbuild'] },
      },
      null,
      2,
    ),
  );
  writeFileSync(join(APP, 'index.html'), INDEX_HTML);
  writeFileSync(join(APP, 'src', 'main.tsx'), MAIN_TSX);
  writeFileSync(join(APP, 'vite.config.ts'), VITE_CONFIG);
  writeFileSync(join(APP, 'tsconfig.json'), TSCONFIG);
  writeFileSync(join(APP, 'seed.mjs'), SEED_MJS);
  writeFileSync(join(APP, 'first-paint.mjs'), FIRST_PAINT_MJS);
  writeFileSync(join(APP, 'public', 'element', 'index.html'), ELEMENT_HTML);
  writeFileSync(join(APP, 'public', 'element', 'host.js'), HOST_JS);
  sh('pnpm', ['install', '--no-frozen-lockfile', '--prefer-offline', '--reporter=silent'], APP);
  cpSync(DEFINITIONS, join(WORK, 'definitions'), { recursive: true });
  sh('pnpm', ['exec', 'regforms', 'compile', join(WORK, 'definitions'), '--out', 'public/forms'], APP);
  // The element's script and the chunks it loads beside it, as the README says to serve them.
  const elementDist = join(APP, 'node_modules', '@regforms', 'element', 'dist');
  for (const file of readdirSync(elementDist).filter((f) => /^regforms-form.*\.js$/.test(f)))
    copyFileSync(join(elementDist, file), join(APP, 'public', 'element', file));
  sh(process.execPath, ['seed.mjs'], APP);
  sh(process.execPath, ['first-paint.mjs'], APP);
  sh('pnpm', ['exec', 'tsc', '-p', '.'], APP);
  sh('pnpm', ['exec', 'vite', 'build', '--logLevel', 'warn'], APP);
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  server = spawn(
    'pnpm',
    ['exec', 'vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
    {
      cwd: APP,
      stdio: 'ignore',
    },
  );
  browser = await launch();
  for (let i = 0; i < 100; i++) {
    const up = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 200));
  }
}, 900_000);

afterAll(async () => {
  await browser?.close();
  server?.kill();
});

describe('the packed packages', () => {
  it('every tarball passes publint (strict) and attw (ES modules, types for every entry)', () => {
    const names = readdirSync(PACKED).filter((f) => f.endsWith('.tgz'));
    expect(names.map((f) => f.replace(/-\d.*$/, '')).sort()).toEqual(
      [
        'cli',
        'compiler',
        'csv',
        'definition',
        'diff',
        'element',
        'expression',
        'fhir',
        'registrations',
        'renderer',
        'runtime',
        'server',
      ]
        .map((n) => `regforms-${n}`)
        .sort(),
    );
    for (const f of names) {
      expect(sh('pnpm', ['exec', 'publint', 'run', join(PACKED, f), '--strict'], ROOT)).toContain(
        'All good!',
      );
      sh('pnpm', ['exec', 'attw', join(PACKED, f), '--profile', 'esm-only', '--format', 'ascii'], ROOT);
    }
  }, 180_000);
});

describe('a host outside the repository, from the packed packages', () => {
  it('runs the packed CLI: npx regforms --help', () => {
    const help = sh('npx', ['--no-install', 'regforms', '--help'], APP);
    expect(help).toContain('Usage: regforms <command> [options]');
    expect(help).toMatch(/csv\s+CSV template and dictionary/);
  });

  it('runs the packed node: npx regforms serve, with the installed element bundle', async () => {
    const port = await freePort();
    const node = spawn(
      'npx',
      [
        '--no-install',
        'regforms',
        'serve',
        '--definitions',
        join(WORK, 'definitions'),
        '--data',
        join(WORK, 'node-data'),
        '--port',
        String(port),
        '--no-log',
      ],
      { cwd: APP, stdio: 'ignore', detached: true },
    );
    try {
      const base = `http://127.0.0.1:${port}`;
      let health: Response | undefined;
      for (let i = 0; i < 300 && !health?.ok; i++) {
        health = await fetch(`${base}/health`).catch(() => undefined);
        if (!health?.ok) await new Promise((r) => setTimeout(r, 200));
      }
      expect(await health!.json()).toEqual({ status: 'ok', database: 'pglite' });
      const bundle = await fetch(`${base}/regforms-form.js`);
      expect(bundle.status).toBe(200);
      // The element's small first script, and the chunks it imports (and they import), served beside it.
      const imported = (code: string) =>
        [...code.matchAll(/["'`]\.\/(regforms-form-[\w-]+\.js)["'`]/g)].map((m) => m[1]!);
      const chunks = imported(await bundle.text());
      expect(chunks.length).toBeGreaterThan(0);
      const seen = new Set<string>();
      let size = 0;
      for (let chunk = chunks.pop(); chunk !== undefined; chunk = chunks.pop()) {
        if (seen.has(chunk)) continue;
        seen.add(chunk);
        const served = await fetch(`${base}/${chunk}`);
        expect(served.status, chunk).toBe(200);
        const code = await served.text();
        size += code.length;
        chunks.push(...imported(code));
      }
      expect(size).toBeGreaterThan(100_000);
      const catalog = await (await fetch(`${base}/forms/catalog.json`)).json();
      expect(catalog.registries.map((r: { id: string }) => r.id)).toContain('angio');
      // Each form's validators module, for pages under a strict Content Security Policy.
      const angio = catalog.registries.find((r: { id: string }) => r.id === 'angio');
      const latest = angio.registrationTypes.find(
        (t: { id: string }) => t.id === 'hospitalisation-pci',
      ).latest;
      const validators = await fetch(`${base}/forms/angio/hospitalisation-pci/${latest}/validators.js`);
      expect(validators.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(await validators.text()).toMatch(/^export const hash = "[0-9a-f]{64}";$/m);
    } finally {
      process.kill(-node.pid!, 'SIGTERM');
    }
  }, 120_000);

  it('installs no second React: the renderer takes the host’s', () => {
    const reacts = sh('pnpm', ['list', 'react', '--depth', 'Infinity', '--parseable'], APP)
      .split('\n')
      .filter((l) => /node_modules\/(\.pnpm\/react@[^/]+\/node_modules\/)?react$/.test(l));
    expect(new Set(reacts).size).toBe(1);
  });

  async function fillSaveSend(page: Page) {
    const form = page.locator('[data-status]').first();
    await form.waitFor({ timeout: 60_000 });
    expect(await page.getByRole('heading', { level: 1 }).first().textContent()).toBe(
      'Hospitalisation with PCI',
    );
    const author = page.getByLabel(/^Author(?! group)/);
    await author.fill('Dr Peeters');
    await author.press('Tab');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.locator('[data-save-state="saved"]').first().waitFor();
    expect(await form.getAttribute('data-status')).toBe('open');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const code = page.getByTestId('registration-code');
    await code.or(page.getByTestId('error-list')).first().waitFor();
    expect(await page.getByTestId('error-list').count()).toBe(0);
    expect(await code.textContent()).toMatch(/ANGIO-\d{4}-[0-9A-Z]{10}/);
    expect(await page.locator('[data-status]').first().getAttribute('data-status')).toBe('sent');
  }

  it('the React app renders angio/hospitalisation-pci, saves and sends', async () => {
    const page = await browser.newPage();
    const errors = collectConsoleErrors(page);
    await page.goto(`${url}/`);
    await fillSaveSend(page);
    expect(errors).toEqual([]);
  }, 120_000);

  it('the plain HTML page (one script tag) renders it, saves to the host’s store and sends', async () => {
    const page = await browser.newPage();
    const errors = collectConsoleErrors(page);
    const firstPaint = page.waitForResponse((r) => r.url().endsWith('/first-paint.en.html'));
    await page.goto(`${url}/element/`);
    expect((await firstPaint).status()).toBe(200);
    await fillSaveSend(page);
    expect(await page.evaluate(() => [...document.scripts].map((s) => new URL(s.src).pathname))).toEqual([
      '/element/regforms-form.js',
      '/element/host.js',
    ]);
    expect(errors).toEqual([]);
  }, 120_000);
});
