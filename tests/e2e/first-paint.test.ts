/*
 * <regforms-form first-paint> in real Chromium, under the strict Content Security Policy: the
 * form's first paint (first-paint.fr.html beside form.json, written by the example's build)
 * shows the form before the element's code has loaded; what the clinician types in it is
 * there, with the caret, once React has taken over, and reaches the registration.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectConsoleErrors, launch, serveExample } from './browser.ts';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveExample>>;
let page: Page;
let consoleErrors: string[];

/** A portal page with one element that asks for the first paint (no inline script: the policy forbids it). */
const PORTAL = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Portal</title>
<link rel="icon" href="./favicon.svg">
<script type="module" src="./regforms-form.js"></script></head>
<body><regforms-form first-paint registry="angio" type="hospitalisation-ffr-pci" lang="fr" store="memory" autosave="0"></regforms-form></body></html>`;

beforeAll(async () => {
  [browser, server] = await Promise.all([launch(), serveExample()]);
  writeFileSync(join(server.dir, 'first-paint-portal.html'), PORTAL);
  page = await (await browser.newContext()).newPage();
  consoleErrors = collectConsoleErrors(page);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const form = () => page.locator('regforms-form');
const author = () => form().getByLabel(/^Auteur/);

describe('<regforms-form first-paint>', () => {
  it('can be typed into before its code has loaded, and keeps what was typed when React takes over', async () => {
    // The element's large chunk is held back: the page shows only what the server rendered.
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/regforms-form-element-[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${server.url}first-paint-portal.html`);
    const paint = form().locator('[data-regforms-first-paint]');
    await paint.waitFor();
    expect(await form().getByRole('heading', { level: 1 }).textContent()).toBe(
      'Hospitalisation avec FFR et PCI',
    );
    await author().click();
    await page.keyboard.type('Dr Avant');
    // The label moves out of the way of the text, as MUI's script would do it.
    expect(await form().locator('.MuiFormControl-root[data-filled]').count()).toBe(1);
    await page.screenshot({ path: join(import.meta.dirname, 'artifacts', 'first-paint-typed.png') });
    expect(await paint.count()).toBe(1);
    // Its buttons wait for the code: a click on Save before it has come is not silently lost.
    expect(await form().getByRole('button', { name: 'Enregistrer', exact: true }).isDisabled()).toBe(true);

    release();
    await paint.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await author().inputValue()).toBe('Dr Avant');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('#/properties/TX_AUTHOR-input');
    // The caret stayed at the end: typing goes on where it was.
    await page.keyboard.type(' Peeters');
    await author().press('Tab');
    await expect
      .poll(() => page.evaluate(() => document.querySelector('regforms-form')?.data?.TX_AUTHOR))
      .toBe('Dr Avant Peeters');
    // The live form counts the field as filled (the first section's counter in the navigation).
    await expect.poll(() => form().locator('[data-counter]').first().textContent()).toMatch(/^1\//);
    await form().getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await form().locator('[data-save-state="saved"]').waitFor();
    await page.screenshot({ path: join(import.meta.dirname, 'artifacts', 'first-paint-live.png') });
    expect(consoleErrors).toEqual([]);
  }, 90_000);
});
