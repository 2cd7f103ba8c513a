/*
 * Real Chromium for end-to-end tests: Debian's chromium (override with REGFORMS_CHROMIUM),
 * driven by playwright-core; the example portal served by Vite's preview server.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { preview } from 'vite';
import { buildExample } from '../../renderer/scripts/build-example.ts';
import { STRICT_CSP } from '../../renderer/vite.config.ts';

export const CHROMIUM = process.env.REGFORMS_CHROMIUM ?? '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `No Chromium at ${CHROMIUM}. Install it (apt-get install -y chromium) or set REGFORMS_CHROMIUM to its path.`,
    );
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Builds the example portal once per process and serves it; returns its base URL and a closer. */
let built: string | undefined;

/** The example portal's build (compiled forms, the element bundle), once per process. */
export function exampleBuild(): string {
  built ??= buildExample(mkdtempSync(join(tmpdir(), 'regforms-example-')));
  return built;
}
/**
 * Serves the example portal under a Content Security Policy: by default the strict one a
 * hospital portal sends (no inline script, no 'unsafe-eval').
 */
export async function serveExample(
  options: { csp?: string } = {},
): Promise<{ url: string; dir: string; close: () => Promise<void> }> {
  // A folder per test process: test files run in parallel and must not rebuild each other's.
  const dir = exampleBuild();
  const server = await preview({
    root: join(import.meta.dirname, '..', '..', 'renderer'),
    configFile: false,
    logLevel: 'silent',
    build: { outDir: dir },
    preview: {
      port: 0,
      host: '127.0.0.1',
      headers: { 'Content-Security-Policy': options.csp ?? STRICT_CSP },
    },
  });
  const address = server.httpServer.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}/`,
    dir,
    close: () => new Promise((resolve) => server.httpServer.close(() => resolve())),
  };
}

/** Fails a test on any console error or page error, the way a reviewer would notice them. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}
