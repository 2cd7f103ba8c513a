/*
 * The README's S2S example, run exactly as written: its token command, `pnpm serve`, then its
 * curl commands from the repository root; what they print is what the README says they print.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support.ts';
import { type NodeProcess, serveProcess } from './process.ts';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The fenced block after `<!-- name -->`. */
function block(name: string): string {
  const m = new RegExp(`<!-- ${name} -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\\n\`\`\``).exec(readme);
  if (!m) throw new Error(`README.md has no block marked <!-- ${name} -->`);
  return m[1]!;
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe("the README's S2S example", () => {
  const data = mkdtempSync(join(tmpdir(), 'regforms-readme-'));
  let node: NodeProcess | undefined;
  afterAll(async () => {
    await node?.stop();
    rmSync(data, { recursive: true, force: true });
  });

  it('makes a token, starts the node, and every curl prints what the README shows', async () => {
    const port = await freePort();
    const env = { ...process.env, REGFORMS_DATA: data, REGFORMS_PORT: String(port) };
    const bash = (script: string, extra: NodeJS.ProcessEnv = {}) =>
      execFileSync('bash', ['-euo', 'pipefail', '-c', script], {
        cwd: ROOT,
        env: { ...env, ...extra },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    const token = bash(`${block('s2s-token')}\nprintf %s "$TOKEN"`);
    expect(token).toMatch(/^rft_[\w-]{43}$/);
    node = await serveProcess([], env, { pnpm: true });
    expect(node.url).toBe(`http://127.0.0.1:${port}`);
    const printed = bash(block('s2s-requests'), { TOKEN: token, NODE: `http://localhost:${port}` })
      .trim()
      .split('\n');
    const expected = block('s2s-output').split('\n');
    expect(printed).toHaveLength(expected.length);
    expected.forEach((line, i) => {
      // `…` in the README stands for what differs run to run (a registration code).
      const pattern = new RegExp(
        `^${line
          .split('…')
          .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('.+')}$`,
      );
      expect(printed[i], `line ${i + 1}`).toMatch(pattern);
    });
    // The request log names no token.
    expect(node.output()).not.toContain(token);
  }, 180_000);
});
