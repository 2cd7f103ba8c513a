/*
 * `pnpm start`: the hospital node on its embedded database (.regforms/data) and the studio,
 * which keeps its registrations there. The studio's token (organisation REGFORMS_ORG, default
 * 71000436) is made once and kept in .regforms/studio-token, readable by its owner only; the
 * studio's dev server adds it to the requests it proxies, so it never reaches the browser.
 * REGFORMS_PORT (default 8080) and REGFORMS_DATA move the node.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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

try {
  const token = await studioToken();
  const node = await startNode({ definitions: join(root, 'definitions'), data, port, logger: false });
  console.log(`regforms node on ${node.url} (API docs ${node.url}/docs), embedded database in ${data}`);
  const studio = spawn('pnpm', ['--filter', '@regforms/studio', 'dev'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, REGFORMS_NODE: node.url, REGFORMS_NODE_TOKEN: token },
  });
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
