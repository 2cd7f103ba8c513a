/*
 * Builds the packages a host installs and packs them: each package's entries to dist/ as ES
 * modules with .d.ts (tsup), the <regforms-form> bundle with Vite, then `pnpm pack` of each
 * (pnpm swaps in `publishConfig` — dist/ exports and bin — and real versions for workspace:*).
 * Inside the workspace every package stays source-first; only this script writes dist/.
 *
 *   tsx scripts/packages.ts build        dist/ of every package
 *   tsx scripts/packages.ts pack [DIR]   build, then one .tgz per package in DIR (default: packed/)
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'tsup';

const ROOT = resolve(import.meta.dirname, '..');

interface Build {
  dir: string;
  /** dist name → source file; each becomes dist/<name>.js and, unless `noTypes`, dist/<name>.d.ts. */
  entry: Record<string, string>;
  platform: 'neutral' | 'node' | 'browser';
  noTypes?: string[];
}

/** In dependency order, so a package's .d.ts can resolve the ones it imports. */
export const BUILDS: Build[] = [
  { dir: 'packages/expression', entry: { index: 'src/index.ts' }, platform: 'neutral' },
  { dir: 'packages/runtime', entry: { index: 'src/index.ts', ajv: 'src/ajv.ts' }, platform: 'neutral' },
  { dir: 'packages/definition', entry: { index: 'src/index.ts' }, platform: 'neutral' },
  { dir: 'packages/diff', entry: { index: 'src/index.ts' }, platform: 'neutral' },
  { dir: 'packages/fhir', entry: { index: 'src/index.ts' }, platform: 'neutral' },
  { dir: 'packages/compiler', entry: { index: 'src/index.ts', node: 'src/node.ts' }, platform: 'neutral' },
  {
    dir: 'packages/registrations',
    entry: { index: 'src/index.ts', 'file-store': 'src/file-store.ts' },
    platform: 'neutral',
  },
  {
    dir: 'packages/csv',
    // The row worker is started by path from threads.js, so it is an entry of its own.
    entry: { index: 'src/index.ts', threads: 'src/threads.ts', 'row-worker': 'src/row-worker.ts' },
    platform: 'neutral',
    noTypes: ['row-worker'],
  },
  { dir: 'packages/server', entry: { index: 'src/index.ts' }, platform: 'node' },
  {
    dir: 'packages/cli',
    entry: { program: 'src/program.ts', main: 'src/main.ts' },
    platform: 'node',
    noTypes: ['main'],
  },
  // first-paint: the first paint rendered on a server (react-dom/server), for the host that writes it.
  {
    dir: 'renderer',
    entry: { index: 'src/index.ts', 'first-paint': 'src/first-paint/render.tsx' },
    platform: 'browser',
  },
];

/** The packages a host installs, and the ones they depend on. */
export const PACKED = [...BUILDS.map((b) => b.dir), 'packages/element'];

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): void {
  const r = spawnSync(command, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd} (exit ${r.status})`);
}

async function buildPackage(b: Build): Promise<void> {
  const cwd = join(ROOT, b.dir);
  rmSync(join(cwd, 'dist'), { recursive: true, force: true });
  // tsup reads dependencies and peers from the package.json of the working directory: they stay
  // imports (external), everything of the package's own is bundled into its entries.
  process.chdir(cwd);
  const typed = Object.fromEntries(Object.entries(b.entry).filter(([name]) => !b.noTypes?.includes(name)));
  const abs = (entries: Record<string, string>) =>
    Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, join(cwd, file)]));
  await build({
    entry: abs(b.entry),
    outDir: join(cwd, 'dist'),
    format: ['esm'],
    target: 'es2022',
    platform: b.platform,
    splitting: true,
    sourcemap: true,
    dts: { entry: abs(typed) },
    tsconfig: join(ROOT, 'tsconfig.json'),
    silent: true,
  });
  process.chdir(ROOT);
}

/** <regforms-form> as one ES module (renderer/vite.config.ts) and its type declarations. */
async function buildElement(): Promise<void> {
  const dist = join(ROOT, 'packages/element/dist');
  rmSync(dist, { recursive: true, force: true });
  // NODE_ENV as a test runner sets it would make Vite build React's development JSX runtime.
  run('pnpm', ['exec', 'vite', 'build', '--logLevel', 'warn'], join(ROOT, 'renderer'), {
    REGFORMS_OUT: dist,
    NODE_ENV: 'production',
  });
  process.chdir(join(ROOT, 'renderer'));
  // The bundle needs nothing beside it; its declarations import the types it exposes (forms,
  // registrations, stores) from @regforms/runtime and @regforms/registrations, its only
  // dependencies, so a TypeScript host sees the same types as the React component's.
  await build({
    entry: { 'regforms-form': join(ROOT, 'renderer/src/element/main.ts') },
    outDir: dist,
    format: ['esm'],
    dts: { only: true },
    tsconfig: join(ROOT, 'tsconfig.json'),
    silent: true,
  });
  process.chdir(ROOT);
}

export async function buildAll(): Promise<void> {
  for (const b of BUILDS) {
    const started = Date.now();
    await buildPackage(b);
    console.log(`built ${b.dir} (${Date.now() - started} ms)`);
  }
  const started = Date.now();
  await buildElement();
  console.log(`built packages/element (${Date.now() - started} ms)`);
}

/** Builds, then packs every package into `out`; returns the tarballs' paths. */
export async function packAll(out: string): Promise<string[]> {
  await buildAll();
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const dir of PACKED) {
    // npm and pnpm put a package's own LICENSE file in its tarball; the repository has one.
    copyFileSync(join(ROOT, 'LICENSE'), join(ROOT, dir, 'LICENSE'));
    try {
      run('pnpm', ['pack', '--pack-destination', out], join(ROOT, dir));
    } finally {
      rmSync(join(ROOT, dir, 'LICENSE'), { force: true });
    }
  }
  return readdirSync(out)
    .filter((f) => f.endsWith('.tgz'))
    .map((f) => join(out, f));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [command, dir] = process.argv.slice(2);
  if (command === 'build') await buildAll();
  else if (command === 'pack') console.log((await packAll(resolve(dir ?? join(ROOT, 'packed')))).join('\n'));
  else {
    console.error('Usage: tsx scripts/packages.ts build | pack [DIR]');
    process.exitCode = 2;
  }
}
