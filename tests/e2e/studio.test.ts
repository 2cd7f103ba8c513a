/*
 * The studio as `pnpm start` serves it (Vite dev server), in Chromium: the catalog of every
 * registry, the most recent version of each registration type, no console error. (The
 * studio's full scenario — registrations, authoring, compare — is not covered yet.)
 */
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectConsoleErrors, launch } from './browser.ts';

const STUDIO = join(import.meta.dirname, '..', '..', 'studio');
let server: ViteDevServer;
let browser: Browser;
let url: string;

beforeAll(async () => {
  server = await createServer({
    root: STUDIO,
    configFile: join(STUDIO, 'vite.config.ts'),
    server: { port: 0, host: '127.0.0.1', strictPort: false },
    logLevel: 'error',
  });
  await server.listen();
  url = server.resolvedUrls!.local[0]!;
  browser = await launch();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('studio', () => {
  it('shows the catalog with the most recent version of every registration type', async () => {
    const page = await browser.newPage();
    const errors = collectConsoleErrors(page);
    await page.goto(url);
    await page.getByRole('heading', { name: 'Catalog' }).waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Surgery' }).waitFor();
    const links = await page.getByRole('link').allTextContents();
    for (const name of ['Hospitalisation with FFR and PCI', 'First implantation', 'Explantation', 'Surgery'])
      expect(links).toContain(name);
    // A draft is listed, but the most recent version is the highest published one.
    expect(links).toContain('2.1.0 · Draft');
    expect(links).toContain('2.0.0 · latest');
    expect(errors).toEqual([]);
    await page.close();
  });
});
