/*
 * The `regforms` command line (commander): every command, its options and its help, and the
 * runner that turns the outcome into an exit code — 0 success, 1 diagnostics or rejected rows,
 * 2 a usage mistake, 70 a fault of regforms itself.
 */
import { CommanderError } from 'commander';
import { csvCommands } from './commands/csv.ts';
import { definitionCommands } from './commands/definitions.ts';
import { fhirCommands } from './commands/fhir.ts';
import { serveCommands } from './commands/serve.ts';
import { versionCommands } from './commands/versions.ts';
import { commandPath, RegformsCommand, UsageError } from './usage.ts';

export { UsageError } from './usage.ts';

/** The program; `done(code)` receives each command's exit code. */
export function createProgram(done: (code: number) => void): RegformsCommand {
  const program = new RegformsCommand('regforms')
    .description('Check, compile and use versioned registry form definitions.')
    .usage('<command> [options]')
    .exitOverride()
    .showSuggestionAfterError(false)
    .addHelpText(
      'after',
      `
Every command takes --help. A form is named <registry>/<type>[@version]; without a version, the
most recent one (the highest published version).

Exit codes: 0 success, 1 diagnostics found or rows rejected, 2 usage error.`,
    );
  definitionCommands(program, done);
  versionCommands(program, done);
  csvCommands(program, done);
  fhirCommands(program, done);
  serveCommands(program, done);
  return program;
}

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

/** Runs `regforms` on its arguments (without `node` and the script); resolves to the exit code. */
export async function run(argv: readonly string[], io: Io = processIo): Promise<number> {
  let code = 0;
  const program = createProgram((c) => {
    code = c;
  });
  program.configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  let current: RegformsCommand = program;
  program.hook('preAction', (_program, action) => {
    current = action as RegformsCommand;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError)
      // Help asked for (0), or shown because a command was missing (a usage mistake).
      return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UsageError) {
      const command = e.command ?? commandPath(current);
      io.stderr(`regforms: ${e.message}\nRun 'regforms${command ? ` ${command}` : ''} --help' for usage.\n`);
      return 2;
    }
    // A bug in regforms itself, not bad input: say so plainly, with the detail for a report.
    io.stderr(
      `regforms: internal error: ${(e as Error).message}\nPlease report it with the definitions or the file that caused it.\n`,
    );
    return 70;
  }
}
