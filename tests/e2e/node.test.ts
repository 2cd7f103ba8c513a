/*
 * <regforms-form server="…"> against a running node, in real Chromium: a portal on another
 * origin loads the element's one script and the forms from the node, the host gives the token
 * (setAuth), a clinician types and the draft reaches the node; the node stops, typing goes on
 * (nothing lost, the form says it is saved on this device only); the node comes back and finds
 * the draft synced. (Send through the node, with its registration code: tests/server/client.test.ts.)
 */

import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buildServer } from '@regforms/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestNode, testNode } from '../server/support.ts';
import { collectConsoleErrors, exampleBuild, launch } from './browser.ts';

let browser: Browser;
let node: TestNode;
let app: TestNode['app'];
let portal: Server;
let portalUrl: string;
let page: Page;
let consoleErrors: string[];

/** The hospital's portal: its own origin, one script from the node, its own script for the token. */
function portalServer(nodeUrl: string, token: string): Promise<Server> {
  const html = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Portal</title>
<link rel="icon" href="data:,">
<script type="module" src="${nodeUrl}/regforms-form.js"></script>
<script type="module" src="/portal.js"></script></head>
<body><regforms-form id="form" server="${nodeUrl}" registry="angio" type="hospitalisation" lang="fr" autosave="300"></regforms-form></body></html>`;
  // The host hands the token over in code, never in the page's HTML.
  const js = `customElements.whenDefined('regforms-form').then(() => document.getElementById('form').setAuth(() => ${JSON.stringify(token)}));`;
  const server = createServer((req, res) => {
    if (req.url === '/portal.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  mkdirSync(join(import.meta.dirname, 'artifacts'), { recursive: true });
  const built = exampleBuild();
  [browser, node] = await Promise.all([
    launch(),
    testNode('pglite', { element: join(built, 'regforms-form.js') }),
  ]);
  app = node.app;
  portal = await portalServer(node.url, node.token);
  portalUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}/`;
  page = await (await browser.newContext()).newPage();
  consoleErrors = collectConsoleErrors(page);
}, 240_000);
afterAll(async () => {
  await browser?.close();
  portal?.close();
  if (app && app !== node?.app) await app.close();
  await node?.stop();
});

const form = () => page.locator('regforms-form');
const onNode = () =>
  within('listing the open drafts on the node', 10_000, async () => {
    const res = await node.api('/api/registrations?registry=angio&type=hospitalisation&status=open');
    return (await res.json()).registrations as { id: string; data: Record<string, unknown> }[];
  });

async function until<T>(what: () => Promise<T>, ok: (v: T) => boolean, ms = 45_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await what();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * A step that must end within `ms`: a stall fails the test with the step's name rather than
 * the test's own timeout, which does not say which step never ended.
 */
async function within<T>(step: string, ms: number, run: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${step}: not done after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([run(), late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('<regforms-form server="…"> on a node', () => {
  it('loads its bundle and the most recent form from the node, and saves drafts to it', async () => {
    await page.goto(portalUrl);
    await form().getByRole('heading', { level: 1 }).waitFor();
    await form()
      .getByLabel(/^Auteur/)
      .fill('Dr Peeters');
    await form()
      .getByLabel(/^Auteur/)
      .press('Tab');
    const saved = await until(onNode, (list) => list.some((r) => r.data.TX_AUTHOR === 'Dr Peeters'));
    expect(saved).toHaveLength(1);
    expect(await form().locator('[data-sync]').count()).toBe(0);
  }, 60_000);

  it('keeps typing while the node is down, says so, and syncs when it is back', async () => {
    const port = Number(new URL(node.url).port);
    // The node goes down as a crashed one does: its open connections too, not only the listener.
    await within('stopping the node', 15_000, async () => {
      const closed = app.close();
      app.server.closeAllConnections();
      await closed;
    });
    await form()
      .getByLabel(/^Auteur/)
      .fill('Dr Peeters-Janssens');
    await form()
      .getByLabel(/^Auteur/)
      .press('Tab');
    const status = form().locator('[data-sync="pending"]');
    await status.waitFor({ timeout: 20_000 });
    expect(await status.textContent()).toBe('Enregistré sur cet appareil, pas encore sur le serveur');
    await page.screenshot({ path: join(import.meta.dirname, 'artifacts', 'element-node-down.png') });
    // Nothing typed is lost: the field keeps it, and the device's own store (IndexedDB) has it.
    expect(
      await form()
        .getByLabel(/^Auteur/)
        .inputValue(),
    ).toBe('Dr Peeters-Janssens');
    const onDevice = await within('reading the device store', 15_000, () =>
      page.evaluate(
        () =>
          new Promise<unknown[]>((resolve, reject) => {
            const open = indexedDB.open('regforms');
            open.onerror = () => reject(open.error);
            open.onblocked = () => reject(new Error('IndexedDB open blocked'));
            open.onsuccess = () => {
              const all = open.result.transaction('registrations').objectStore('registrations').getAll();
              all.onerror = () => reject(all.error);
              all.onsuccess = () =>
                resolve(all.result.map((r: { data: { TX_AUTHOR?: string } }) => r.data.TX_AUTHOR));
            };
          }),
      ),
    );
    expect(onDevice).toEqual(['Dr Peeters-Janssens']);

    app = await within('starting the node again', 20_000, () =>
      buildServer({
        forms: node.forms,
        database: node.database,
        element: join(exampleBuild(), 'regforms-form.js'),
      }),
    );
    await within('listening again', 10_000, () => app.listen({ port, host: '127.0.0.1' }));
    const synced = await until(onNode, (list) =>
      list.some((r) => r.data.TX_AUTHOR === 'Dr Peeters-Janssens'),
    );
    expect(synced.map((r) => r.data.TX_AUTHOR)).toEqual(['Dr Peeters-Janssens']);
    await form().locator('[data-sync]').waitFor({ state: 'detached', timeout: 20_000 });
    const onlyConnectionErrors = consoleErrors.filter(
      (e) => !/Failed to load resource|ERR_CONNECTION_REFUSED|Failed to fetch/.test(e),
    );
    expect(onlyConnectionErrors).toEqual([]);
    // Above the sum of the steps' own bounds, so that a stalled step fails with its name.
  }, 300_000);
});
