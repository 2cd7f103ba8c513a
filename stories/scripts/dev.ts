/*
 * `pnpm storybook`: generates the stories from definitions/, starts Storybook's dev server, and
 * keeps generating while it runs, so a version file added or a draft edited shows up without a
 * restart (Storybook's own watcher picks up the files written into generated/).
 */
import { spawn } from 'node:child_process';
import { generate, watchDefinitions } from './generate.ts';

const { versions, stories, pages } = generate();
console.log(`stories: ${versions} versions → ${stories} form stories, ${pages} "what changed" pages`);
const stop = watchDefinitions();
const storybook = spawn('storybook', ['dev', '--port', '6006', '--no-open', ...process.argv.slice(2)], {
  stdio: 'inherit',
  // On Windows the package manager's bin entry is a .cmd script, which only a shell runs.
  shell: process.platform === 'win32',
});
storybook.on('exit', (code, signal) => {
  stop();
  process.exitCode = code ?? (signal ? 1 : 0);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => storybook.kill(signal));
