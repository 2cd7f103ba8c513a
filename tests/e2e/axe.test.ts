/*
 * Accessibility: axe-core finds no serious or critical violation on any section of the most
 * recent version of every registration type, as rendered by <regforms-form> in Chromium.
 */
import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileDir, DEFINITIONS } from '../support.ts';
import { collectConsoleErrors, launch, serveExample } from './browser.ts';

const axeFile = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const catalog = compileDir(DEFINITIONS).catalog;
const types = catalog.registries.flatMap((r) =>
  r.registrationTypes
    .filter((t) => t.latest)
    .map((t) => [`${r.id}/${t.id}@${t.latest}`, r.id, t.id] as const),
);

let browser: Browser;
let server: Awaited<ReturnType<typeof serveExample>>;

beforeAll(async () => {
  [browser, server] = await Promise.all([launch(), serveExample()]);
  // Served beside the portal: its Content Security Policy refuses inline scripts, this one too.
  copyFileSync(axeFile, join(server.dir, 'axe.min.js'));
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; any: { message: string }[] }[];
}

describe('axe-core on every registration type', () => {
  it.each(types)(
    '%s has no serious or critical violation in any section',
    async (_id, registry, type) => {
      const page = await browser.newPage();
      const consoleErrors = collectConsoleErrors(page);
      await page.goto(`${server.url}?registry=${registry}&type=${type}&store=memory&lang=fr`);
      await page.waitForSelector('regforms-form nav button');
      const sections = await page.locator('regforms-form nav button').count();
      const found: string[] = [];
      for (let i = 0; i < sections; i++) {
        const button = page.locator('regforms-form nav button').nth(i);
        await button.click();
        // Measure the section as a person sees it: switched and painted.
        await page.waitForFunction(
          (n) =>
            document.querySelectorAll('regforms-form nav button')[n]?.getAttribute('aria-current') === 'step',
          i,
        );
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        await page.addScriptTag({ url: '/axe.min.js' });
        const violations = (await page.evaluate(async () => {
          const result = await (
            window as unknown as { axe: { run(el: Element): Promise<{ violations: unknown[] }> } }
          ).axe.run(document.querySelector('regforms-form')!);
          return result.violations;
        })) as Violation[];
        for (const v of violations)
          if (v.impact === 'serious' || v.impact === 'critical')
            found.push(
              `section ${i + 1}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')}: ${n.any.map((a) => a.message).join(' ')}`).join(', ')}`,
            );
      }
      await page.close();
      expect(found).toEqual([]);
      expect(consoleErrors).toEqual([]);
    },
    120_000,
  );
});
