/*
 * `pnpm start`: the hospital node on its embedded database (.regforms/data) and the studio,
 * which keeps its registrations there. The studio is served from its production build (a first
 * screen in about a second, where the dev server loads hundreds of modules), built here when
 * its sources changed since the last build; definitions are still watched and reloaded live.
 * `pnpm studio` is the dev server, for work on the studio itself. The studio's token (organisation REGFORMS_ORG, default
 * 71000436) is made once and kept in .regforms/studio-token, readable by its owner only; the
 * studio's dev server adds it to the requests it proxies, so it never reaches the browser.
 * REGFORMS_PORT (default 8080) and REGFORMS_DATA move the node.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  callerOf,
  createToken,
  DatabaseError,
  DEFAULT_DATA,
  openDatabase,
  startNode,
} from '@regforms/server';

const root = join(import.meta.dirname, '..');
const data = resolve(root, process.env.REGFORMS_DATA ?? DEFAULT_DATA);
const tokenFile = join(dirname(data), 'studio-token');
const organisation = process.env.REGFORMS_ORG ?? '71000436';
const port = Number(process.env.REGFORMS_PORT ?? 8080);

async function studioToken(): Promise<string> {
  const db = await openDatabase({ data });
  try {
    const kept = existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : '';
    if (kept && (await callerOf(db.db, kept))) return kept;
    const { token } = await createToken(db.db, organisation, 'studio');
    mkdirSync(dirname(tokenFile), { recursive: true });
    writeFileSync(tokenFile, `${token}\n`, { mode: 0o600 });
    chmodSync(tokenFile, 0o600);
    return token;
  } finally {
    await db.close();
  }
}

/** What the studio's build is made of: a change to any of these files calls for a new build. */
const SOURCES = [
  'studio/src',
  'studio/vite',
  'studio/index.html',
  'studio/vite.config.ts',
  'renderer/src',
  'packages',
  'pnpm-lock.yaml',
];
const STAMP = join(root, 'studio', 'dist', '.sources');

function sourcesStamp(): string {
  const hash = createHash('sha256');
  const visit = (path: string) => {
    const s = statSync(path);
    if (s.isDirectory()) {
      for (const name of readdirSync(path).sort())
        if (name !== 'node_modules' && name !== 'dist' && !name.startsWith('.')) visit(join(path, name));
    } else hash.update(`${relative(root, path)}\0${s.size}\0${s.mtimeMs}\n`);
  };
  for (const source of SOURCES) if (existsSync(join(root, source))) visit(join(root, source));
  // The build says whether registrations go to a node (studio/vite.config.ts): always, here.
  hash.update('node');
  return hash.digest('hex');
}

/** Builds the studio unless its build is of the sources as they are. */
function ensureStudioBuild(): void {
  const stamp = sourcesStamp();
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === stamp) return;
  console.log('building the studio (its sources changed since the last build)…');
  const built = spawnSync('pnpm', ['--filter', '@regforms/studio', 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', REGFORMS_NODE: 'on' },
  });
  if (built.status !== 0) {
    console.error('The studio could not be built: see above.');
    process.exit(1);
  }
  writeFileSync(STAMP, stamp);
}

try {
  const token = await studioToken();
  const node = await startNode({ definitions: join(root, 'definitions'), data, port, logger: false });
  console.log(`regforms node on ${node.url} (API docs ${node.url}/docs), embedded database in ${data}`);
  const studioPort = process.env.REGFORMS_STUDIO_PORT ?? '5173';
  ensureStudioBuild();
  const studio = spawn(
    'pnpm',
    ['--filter', '@regforms/studio', 'preview', '--port', studioPort, '--strictPort'],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, REGFORMS_NODE: node.url, REGFORMS_NODE_TOKEN: token },
    },
  );
  const stop = () => {
    studio.kill('SIGTERM');
    void node.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  studio.on('exit', (code) => void node.close().then(() => process.exit(code ?? 0)));
} catch (e) {
  if (e instanceof DatabaseError || (e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(
      (e as NodeJS.ErrnoException).code === 'EADDRINUSE'
        ? `Port ${port} is in use: set REGFORMS_PORT to another one (REGFORMS_PORT=8081 pnpm start).`
        : (e as Error).message,
    );
    process.exit(2);
  }
  throw e;
}
