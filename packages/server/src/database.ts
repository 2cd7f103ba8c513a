/*
 * The node's database: PostgreSQL in this process (PGlite, data in a folder: what a fresh
 * machine runs with nothing installed) or a PostgreSQL server (`postgres://…`, through pg).
 * Both are driven by Kysely with the PostgreSQL query compiler, so every query is written once.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { type Database, MIGRATIONS, type Tables } from './schema.ts';

export interface DatabaseOptions {
  /** `postgres://…`: a PostgreSQL server. Otherwise the embedded database in `data`. */
  url?: string;
  /** The embedded database's folder (default `.regforms/data`). */
  data?: string;
}

export interface OpenDatabase {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** Where it is, for messages: the folder, or the URL without its password. */
  where: string;
  close(): Promise<void>;
}

export const DEFAULT_DATA = '.regforms/data';

export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/*
 * One process at a time owns an embedded database's folder (two PGlite instances on one folder
 * would corrupt it). A lock file holds the owner's pid; a lock left by a process that is gone
 * (killed) is taken over, and PostgreSQL's own recovery replays its log.
 */
function lockFolder(dir: string): () => void {
  const file = join(dir, 'regforms.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(file, 'utf8'));
      if (pid && pid !== process.pid && isAlive(pid))
        throw new DatabaseError(
          `The database in ${dir} is in use by process ${pid} (a running \`regforms serve\`?). Stop it first, or use a PostgreSQL server (--database postgres://…), which many processes can share.`,
        );
      rmSync(file, { force: true });
    }
  }
  throw new DatabaseError(`Could not lock the database folder ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Opens the database and applies the migrations it has not had. */
export async function openDatabase(options: DatabaseOptions = {}): Promise<OpenDatabase> {
  let open: OpenDatabase;
  if (options.url) {
    if (!/^postgres(ql)?:\/\//.test(options.url))
      throw new DatabaseError(
        `--database must be a PostgreSQL URL (postgres://user@host:port/db), not '${options.url.slice(0, 40)}'`,
      );
    const pool = new pg.Pool({ connectionString: options.url, max: 10 });
    // An idle connection the server ends (a restart, a failover, `pg_terminate_backend`, a
    // database dropped with force) is an 'error' event on the pool: pg has already removed that
    // client and the next query opens a new one, so there is nothing to do — but an event
    // without a listener would crash the whole node.
    pool.on('error', () => {});
    const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
    open = { db, kind: 'postgres', where: redactUrl(options.url), close: () => db.destroy() };
    try {
      await pool.query('select 1');
    } catch (e) {
      await db.destroy();
      throw new DatabaseError(
        `Cannot connect to ${open.where}: ${(e as Error).message}. Is the PostgreSQL server running, and the URL right?`,
      );
    }
  } else {
    const dir = options.data ?? DEFAULT_DATA;
    mkdirSync(dir, { recursive: true });
    const unlock = lockFolder(dir);
    try {
      const pglite = new PGlite(dir);
      await pglite.waitReady;
      const db = new Kysely<Tables>({ dialect: new PGliteDialect(pglite) });
      open = {
        db,
        kind: 'pglite',
        where: dir,
        close: async () => {
          await db.destroy();
          unlock();
        },
      };
    } catch (e) {
      unlock();
      throw e;
    }
  }
  await migrate(open);
  return open;
}

async function migrate(open: OpenDatabase): Promise<void> {
  const migrator = new Migrator({
    db: open.db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableName: 'regforms_migrations',
    migrationLockTableName: 'regforms_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    await open.close();
    throw new DatabaseError(
      `Migrating ${open.where} failed${failed ? ` at ${failed.migrationName}` : ''}: ${(error as Error).message}`,
    );
  }
}
