/*
 * `regforms serve`: the hospital node (@regforms/server) on the embedded database or a
 * PostgreSQL server; `serve token …` manages the API tokens of organisations and `serve export`
 * writes the pseudonymised export, on the same database options as `serve`.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatDiagnostics } from '@regforms/definition';
import {
  ApiError,
  createToken,
  DatabaseError,
  DEFAULT_CSV_LIMIT,
  DEFAULT_DATA,
  DEFAULT_RATE_LIMIT,
  exportRegistrations,
  listTokens,
  loadForms,
  type OpenDatabase,
  openDatabase,
  PSEUDONYM_KEY_VARIABLE,
  pseudonymKey,
  revokeToken,
  startNode,
  TokenError,
} from '@regforms/server';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { count, definitionsFolder, say, tell } from '../output.ts';
import { UsageError } from '../usage.ts';

interface DatabaseFlags {
  data: string;
  database?: string;
}

/** --data and --database, which every serve command takes. */
function databaseOptions(command: Command): Command {
  return command
    .addOption(
      new Option('--data <DIR>', 'the embedded database folder (PGlite)')
        .env('REGFORMS_DATA')
        .default(DEFAULT_DATA),
    )
    .addOption(
      new Option('--database <URL>', 'a PostgreSQL server instead: postgres://user@host:port/db').env(
        'DATABASE_URL',
      ),
    );
}

const positive = (what: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${what} must be a whole number`);
  return n;
};

async function withDatabase<T>(flags: DatabaseFlags, work: (db: OpenDatabase) => Promise<T>): Promise<T> {
  let db: OpenDatabase;
  try {
    db = await openDatabase({
      data: resolve(flags.data),
      ...(flags.database ? { url: flags.database } : {}),
    });
  } catch (e) {
    if (e instanceof DatabaseError) throw new UsageError(e.message);
    throw e;
  }
  try {
    return await work(db);
  } catch (e) {
    if (e instanceof TokenError) throw new UsageError(e.message);
    if (e instanceof ApiError) throw new UsageError(e.message);
    throw e;
  } finally {
    await db.close();
  }
}

interface ServeFlags extends DatabaseFlags {
  definitions?: string;
  port: number;
  host: string;
  element?: string;
  rateLimit: number;
  csvLimit: number;
  log: boolean;
}

export function serveCommands(program: Command, done: (code: number) => void): void {
  const serve = databaseOptions(
    program
      .command('serve')
      .description(
        'Run the hospital node: registrations in a database, the system-to-system API, CSV upload, the pseudonymised export.',
      )
      .option('--definitions <DIR>', 'the definitions folder, compiled at start', 'definitions')
      .addOption(
        new Option('--port <N>', 'the port to listen on (0: a free one)')
          .env('REGFORMS_PORT')
          .argParser(positive('--port'))
          .default(8080),
      )
      .option('--host <HOST>', 'the address to listen on (0.0.0.0: every interface)', '127.0.0.1')
      .option('--element <FILE>', 'the <regforms-form> bundle to serve at /regforms-form.js')
      .option(
        '--rate-limit <N>',
        'requests per minute per token',
        positive('--rate-limit'),
        DEFAULT_RATE_LIMIT,
      )
      .option('--csv-limit <BYTES>', 'largest CSV upload', positive('--csv-limit'), DEFAULT_CSV_LIMIT)
      .option('--no-log', 'no request log on standard output'),
  )
    .addHelpText(
      'after',
      `
The embedded database (PGlite, PostgreSQL in this process) needs nothing installed; one
process owns its folder. --database (or DATABASE_URL) uses a PostgreSQL server instead. The
schema is migrated at start. API docs: http://127.0.0.1:8080/docs once running.
The pseudonymised export needs ${PSEUDONYM_KEY_VARIABLE} (the hospital's secret key).`,
    )
    .action(async (flags: ServeFlags) => {
      const dir = definitionsFolder(flags.definitions, 'pass --definitions DIR');
      const forms = loadForms(dir);
      if (forms.diagnostics.length > 0)
        tell(`${formatDiagnostics(forms.diagnostics)}\nThe versions with errors above are not served.\n`);
      let node: Awaited<ReturnType<typeof startNode>>;
      try {
        // Without --element, the node serves @regforms/element's bundle when it is built.
        const element = flags.element ? resolve(flags.element) : undefined;
        if (flags.element && !existsSync(element!))
          throw new UsageError(`No file ${flags.element} (--element)`);
        node = await startNode({
          definitions: forms,
          data: resolve(flags.data),
          ...(flags.database ? { url: flags.database } : {}),
          port: flags.port,
          host: flags.host,
          rateLimit: flags.rateLimit,
          csvLimit: flags.csvLimit,
          ...(element ? { element } : {}),
          logger: flags.log ? { level: 'info' } : false,
        });
      } catch (e) {
        if (e instanceof DatabaseError) throw new UsageError(e.message);
        if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE')
          throw new UsageError(`Port ${flags.port} is in use: pass --port N (0 picks a free one).`);
        throw e;
      }
      const served = forms.all().length;
      tell(
        `regforms node on ${node.url} (API docs ${node.url}/docs), ${count(served, 'form version')} from ${dir}, database: ${
          node.database.kind === 'pglite' ? `embedded, ${node.database.where}` : node.database.where
        }\n`,
      );
      // Stops cleanly on Ctrl-C or a service manager's SIGTERM: requests finish, the database closes.
      await new Promise<void>((stop) => {
        const shutdown = () => {
          process.off('SIGINT', shutdown);
          process.off('SIGTERM', shutdown);
          node.close().then(stop, stop);
        };
        process.on('SIGINT', shutdown);
        process.on('SIGTERM', shutdown);
      });
      done(0);
    });

  // `serve token create --data DIR`: options after a subcommand are the subcommand's own.
  program.enablePositionalOptions();
  serve.enablePositionalOptions();
  const token = serve
    .command('token')
    .description('API tokens: one per system of an organisation (e.g. its EHR), shown once, stored hashed');
  databaseOptions(
    token
      .command('create')
      .description('Make a token for an organisation and print it (once: it is stored only as a hash)')
      .requiredOption('--org <NIHDI>', "the organisation's NIHDI number, 8 digits (e.g. 71000436)")
      .requiredOption('--name <NAME>', 'who uses it, e.g. EHR'),
  ).action(async (flags: DatabaseFlags & { org: string; name: string }) => {
    await withDatabase(flags, async ({ db }) => {
      const made = await createToken(db, flags.org, flags.name);
      tell(
        `Token ${made.id} for organisation ${flags.org} (${flags.name}). It is shown once; keep it secret:\n`,
      );
      process.stdout.write(`${made.token}\n`);
    });
    done(0);
  });
  databaseOptions(
    token
      .command('list')
      .description('Every token: id, organisation, name, made, revoked')
      .option('--json', 'as JSON'),
  ).action(async (flags: DatabaseFlags & { json?: boolean }) => {
    await withDatabase(flags, async ({ db }) => {
      const tokens = await listTokens(db);
      if (flags.json) process.stdout.write(`${JSON.stringify(tokens, null, 2)}\n`);
      else
        for (const t of tokens)
          say(
            `${t.id}  ${t.organisation}  ${t.name}  made ${t.createdAt}${t.revokedAt ? `  revoked ${t.revokedAt}` : ''}\n`,
          );
    });
    done(0);
  });
  databaseOptions(
    token
      .command('revoke')
      .description('Revoke a token (its id, from token list)')
      .argument('<id>', 'the token id'),
  ).action(async (id: string, flags: DatabaseFlags) => {
    await withDatabase(flags, async ({ db }) => {
      await revokeToken(db, id);
      tell(`Token ${id} revoked: it is refused from now on.\n`);
    });
    done(0);
  });

  databaseOptions(
    serve
      .command('export')
      .description(
        `The registrations for the registry as JSON, every patient identifier replaced by a keyed pseudonym (${PSEUDONYM_KEY_VARIABLE})`,
      )
      .requiredOption('--registry <ID>', 'the registry, e.g. angio')
      .option('--type <ID>', 'one registration type')
      .addOption(
        new Option('--status <STATUS>', 'which registrations').choices(['sent', 'open']).default('sent'),
      )
      .option('--org <NIHDI>', "one organisation's (default: every organisation's)")
      .option('--definitions <DIR>', 'the definitions folder', 'definitions')
      .option('--out <FILE>', 'write to FILE instead of standard output'),
  ).action(
    async (
      flags: DatabaseFlags & {
        registry: string;
        type?: string;
        status: 'sent' | 'open';
        org?: string;
        definitions: string;
        out?: string;
      },
    ) => {
      const forms = loadForms(definitionsFolder(flags.definitions, 'pass --definitions DIR'));
      await withDatabase(flags, async ({ db }) => {
        const key = pseudonymKey();
        if (flags.type) forms.find(flags.registry, flags.type);
        else forms.registry(flags.registry);
        const exported = await exportRegistrations(
          db,
          forms,
          {
            registry: flags.registry,
            status: flags.status,
            ...(flags.type ? { type: flags.type } : {}),
            ...(flags.org ? { organisation: flags.org } : {}),
          },
          key,
        );
        const text = `${JSON.stringify(exported, null, 2)}\n`;
        if (flags.out) writeFileSync(resolve(flags.out), text);
        else process.stdout.write(text);
        tell(
          `${count(exported.registrations.length, 'registration')} exported; pseudonymised: ${exported.pseudonymised.join(', ') || 'none'}\n`,
        );
      });
      done(0);
    },
  );
}
