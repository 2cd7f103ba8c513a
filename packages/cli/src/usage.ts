/*
 * One error type for every usage mistake (unknown command or option, a missing or malformed
 * argument, a name that is not in the catalog). The runner prints it with the command's help
 * hint and exits 2; no usage mistake ends in a stack trace.
 */

import { didYouMean } from '@regforms/runtime';
import { Command } from 'commander';

export class UsageError extends Error {
  /** The command the mistake was made in (`csv template`), set by the runner when not given. */
  command: string | undefined;
  constructor(message: string, command?: string) {
    super(message);
    this.command = command;
  }
}

/** `regforms csv template` → `csv template`. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Every command below `root`, with its path. */
function* allCommands(root: Command): Generator<Command> {
  for (const c of root.commands) {
    yield c;
    yield* allCommands(c);
  }
}

/**
 * Commander's command, with its parse errors turned into UsageErrors that say how to fix them:
 * an unknown command gets "did you mean", an unknown option names the commands that have it.
 */
export class RegformsCommand extends Command {
  override createCommand(name?: string): RegformsCommand {
    return new RegformsCommand(name);
  }

  override error(message: string, options?: { code?: string; exitCode?: number }): never {
    const path = commandPath(this);
    const text = capitalise(message.replace(/^error: /, ''));
    if (options?.code === 'commander.unknownCommand') {
      const word = this.args[0] ?? '';
      const names = this.commands.map((c) => c.name());
      const guess = didYouMean(word, names);
      throw new UsageError(
        `Unknown command '${word}'.${guess ? ` Did you mean '${guess}'?` : ''} Commands: ${names.join(', ')}.`,
        path,
      );
    }
    if (options?.code === 'commander.unknownOption') {
      const flag = /'([^']+)'/.exec(message)?.[1] ?? message;
      let root: Command = this;
      while (root.parent) root = root.parent;
      const owners = [...allCommands(root)]
        .filter((c) => c.options.some((o) => o.long === flag || o.short === flag))
        .map(commandPath);
      const here = path ? ` of ${path}` : '';
      if (owners.length)
        throw new UsageError(
          `${flag} is not an option${here}: it is an option of ${owners.join(', ')}`,
          path,
        );
      const guess = didYouMean(
        flag,
        this.options.flatMap((o) => (o.long ? [o.long] : [])),
      );
      throw new UsageError(`Unknown option '${flag}'${here}.${guess ? ` Did you mean ${guess}?` : ''}`, path);
    }
    if (options?.code === 'commander.missingMandatoryOptionValue') {
      const flags = /'([^']+)'/.exec(message)?.[1] ?? '';
      const option = this.options.find((o) => o.flags === flags);
      throw new UsageError(
        `${path} needs ${flags}${option?.description ? ` (${option.description})` : ''}`,
        path,
      );
    }
    if (options?.code === 'commander.missingArgument') {
      const name = /'([^']+)'/.exec(message)?.[1] ?? '';
      const argument = this.registeredArguments.find((a) => a.name() === name);
      throw new UsageError(
        `${path} needs <${name}>${argument?.description ? `: ${argument.description}` : ''}`,
        path,
      );
    }
    throw new UsageError(text.replace(/\.$/, ''), path);
  }
}
