/* `regforms serve` as a separate process, as an operator runs it: started, read, killed. */
import { type ChildProcess, spawn } from 'node:child_process';
import { ROOT } from '../support.ts';

export interface NodeProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** SIGTERM (a clean stop) or SIGKILL (a crash), and wait until it is gone. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `regforms serve ARGS` (through pnpm when `pnpm` is true) and waits for its address. */
export function serveProcess(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  options: { pnpm?: boolean } = {},
): Promise<NodeProcess> {
  const [command, argv] = options.pnpm
    ? ['pnpm', ['-s', 'serve', ...args]]
    : [process.execPath, ['--import', 'tsx', 'packages/cli/src/main.ts', 'serve', ...args]];
  // Its own process group, so that a kill reaches pnpm's children too.
  const child = spawn(command, argv, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    }
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop('SIGKILL');
      reject(new Error(`regforms serve did not start in 90 s:\n${out}`));
    }, 90_000);
    const check = () => {
      const m = /regforms node on (http:\/\/[\d.:]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1]!, output: () => out, stop });
      }
    };
    child.stderr!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`regforms serve exited with ${code}:\n${out}`));
    });
  });
}
