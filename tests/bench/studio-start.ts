/*
 * The studio's first screen as a new user gets it: `pnpm start` in a child process (on a
 * throwaway data folder and free ports), then, in fresh browser contexts (cold cache), the time
 * from navigation to the first frame painted with the catalog in it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from '../e2e/browser.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Records the first frame painted with a registry of the catalog in it (a string: see renderer.bench.ts). */
const CATALOG_PROBE = `(() => {
  const observer = new MutationObserver(() => {
    if (!document.querySelector('[data-testid="catalog"] [data-registry]')) return;
    observer.disconnect();
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { window.__catalogPainted = performance.now(); };
    requestAnimationFrame(() => channel.port2.postMessage(null));
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

/** Milliseconds from navigation to the catalog's first paint, one figure per fresh context. */
export async function studioFirstPaint(runs: number): Promise<number[]> {
  const data = mkdtempSync(join(tmpdir(), 'regforms-bench-studio-'));
  const [nodePort, studioPort] = [await freePort(), await freePort()];
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'start.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      REGFORMS_DATA: join(data, 'data'),
      REGFORMS_PORT: String(nodePort),
      REGFORMS_STUDIO_PORT: String(studioPort),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const url = `http://127.0.0.1:${studioPort}/`;
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`pnpm start did not serve the studio in 180 s:\n${output}`)),
        180_000,
      );
      const poll = setInterval(() => {
        fetch(url)
          .then((r) => {
            if (r.ok) {
              clearInterval(poll);
              clearTimeout(timer);
              resolve();
            }
          })
          .catch(() => undefined);
      }, 250);
      child.stdout.on('data', (d) => {
        output += d;
      });
      child.stderr.on('data', (d) => {
        output += d;
      });
      child.on('exit', (code) => {
        clearInterval(poll);
        clearTimeout(timer);
        reject(new Error(`pnpm start exited (${code}):\n${output}`));
      });
    });
    const browser = await launch();
    const figures: number[] = [];
    try {
      for (let i = 0; i < runs; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        await page.addInitScript({ content: CATALOG_PROBE });
        await page.goto(url);
        await page.waitForFunction(
          () => (window as unknown as { __catalogPainted?: number }).__catalogPainted,
          null,
          {
            timeout: 60_000,
          },
        );
        figures.push(
          await page.evaluate(() => (window as unknown as { __catalogPainted: number }).__catalogPainted),
        );
        await context.close();
      }
    } finally {
      await browser.close();
    }
    return figures;
  } finally {
    // The start script and the servers it started (one process group).
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    await new Promise((r) => setTimeout(r, 1000));
    rmSync(data, { recursive: true, force: true });
  }
}
