/*
 * Vitest global setup: the server suite's PostgreSQL. When REGFORMS_TEST_DATABASE_URL is not
 * set and a PostgreSQL is installed (Debian's postgresql), a throwaway cluster is started for
 * the run (scripts/postgres.sh) and stopped after it, so `pnpm test` tests both databases
 * wherever it can. Without PostgreSQL the suite runs on the embedded database only, and says so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const script = join(ROOT, 'scripts', 'postgres.sh');

function installed(): boolean {
  if (process.env.PGBIN) return existsSync(join(process.env.PGBIN, 'initdb'));
  const base = '/usr/lib/postgresql';
  return existsSync(base) && readdirSync(base).some((v) => existsSync(join(base, v, 'bin', 'initdb')));
}

export default function setup(): (() => void) | undefined {
  if (process.env.REGFORMS_TEST_DATABASE_URL) return undefined;
  if (!installed()) {
    console.warn('PostgreSQL is not installed: the server suite runs on the embedded database only.');
    return undefined;
  }
  const out = execFileSync('bash', [script, 'start'], { encoding: 'utf8' });
  for (const line of out.split('\n')) {
    const m = /^export (\w+)=(.*)$/.exec(line);
    if (m) process.env[m[1]!] = m[2]!;
  }
  return () => {
    execFileSync('bash', [script, 'stop'], { env: process.env, stdio: 'inherit' });
  };
}
